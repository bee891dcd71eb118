import { Heading2, Paragraph, TableCell, TableRow } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useResource } from '@web/core/api/useResource';
import { AppLink } from '@web/core/components/AppLink';
import { CellNote, DataTable, RowHeader } from '@web/core/components/DataTable';
import { PageHeading } from '@web/core/components/PageHeading';
import { ErrorState, LoadingState } from '@web/core/components/States';
import { useFormat } from '@web/core/format';
import { useSession } from '@web/core/session';
import { SessionStatus } from './SessionMarks';
import { useTime } from './useTime';
import { loadSessions, type SessionSummary } from './weegtafel.api';
import { canSeeLegalBases, isChair, legalBasesPath, newSessionPath, orderSessions, sessionPath } from './weegtafel.rules';

/** The sessions of the table: upcoming first (soonest first), then past ones. Partners see those they are invited to. */
export function SessionsPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const sessions = useResource('table-sessions', (signal) => loadSessions(signal));
  const [now] = useState(() => new Date());
  const chair = isChair(me);

  return (
    <>
      <PageHeading title={t('weegtafel.list.title')} />
      <Paragraph appearance="lead" className="schakel-lead">
        {t(chair ? 'weegtafel.list.leadChair' : 'weegtafel.list.leadPartner')}
      </Paragraph>
      <div className="schakel-wt-actions">
        {chair ? (
          <Link to={newSessionPath} className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" data-testid="new-session">
            {t('weegtafel.list.new')}
          </Link>
        ) : null}
        {canSeeLegalBases(me) ? <AppLink to={legalBasesPath}>{t('weegtafel.list.legalBases')}</AppLink> : null}
      </div>
      {sessions.status === 'loading' ? <LoadingState /> : null}
      {sessions.status === 'error' ? <ErrorState error={sessions.error} onRetry={sessions.retry} /> : null}
      {sessions.status === 'ready' ? <SessionLists sessions={sessions.data._embedded.sessions} now={now} chair={chair} /> : null}
    </>
  );
}

function SessionLists({ sessions, now, chair }: { sessions: SessionSummary[]; now: Date; chair: boolean }) {
  const { t } = useTranslation();
  const { upcoming, past } = orderSessions(sessions, now);
  return (
    <div data-testid="sessions" data-state="ready">
      <section className="schakel-section" aria-labelledby="sessions-upcoming">
        <Heading2 id="sessions-upcoming">{t('weegtafel.list.upcoming')}</Heading2>
        <SessionTable caption={t('weegtafel.list.upcoming')} sessions={upcoming} chair={chair} empty={t(chair ? 'weegtafel.list.noUpcomingChair' : 'weegtafel.list.noUpcoming')} testId="sessions-upcoming" />
      </section>
      <section className="schakel-section" aria-labelledby="sessions-past">
        <Heading2 id="sessions-past">{t('weegtafel.list.past')}</Heading2>
        <SessionTable caption={t('weegtafel.list.past')} sessions={past} chair={chair} empty={t('weegtafel.list.noPast')} testId="sessions-past" />
      </section>
    </div>
  );
}

function SessionTable({ caption, sessions, chair, empty, testId }: { caption: string; sessions: SessionSummary[]; chair: boolean; empty: string; testId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const time = useTime();
  const columns = (['session', 'when', 'location', 'status', 'agenda'] as const).map((column) => t(`weegtafel.list.columns.${column}`));
  return (
    <DataTable caption={caption} columns={columns} rows={sessions} empty={empty} testId={testId} wide>
      {(session) => (
        <TableRow key={session.id} data-testid="session-row">
          <RowHeader>
            <AppLink to={sessionPath(session.id)} className="schakel-wt-reference">
              {session.reference}
            </AppLink>
            {!chair && session.invited ? <CellNote>{t('weegtafel.list.invited')}</CellNote> : null}
          </RowHeader>
          <TableCell className="schakel-table__nowrap">
            {format.dateTime(session.startsAt)}
            <CellNote>{t('weegtafel.list.until', { time: time(session.endsAt) })}</CellNote>
          </TableCell>
          <TableCell>{session.location || '—'}</TableCell>
          <TableCell>
            <SessionStatus status={session.status} />
          </TableCell>
          <TableCell>{t('weegtafel.list.items', { count: session.agendaItems })}</TableCell>
        </TableRow>
      )}
    </DataTable>
  );
}
