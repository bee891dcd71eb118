import type { UserSession } from '@server/modules/identity/identity.schema';
import { Button, Heading2, Paragraph, StatusBadge, TableCell, TableRow } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, toApiError } from '@web/core/api/client';
import { useResource } from '@web/core/api/useResource';
import { ConfirmAction } from '@web/core/components/ConfirmAction';
import { DataTable, RowHeader } from '@web/core/components/DataTable';
import { ErrorState, LoadingState } from '@web/core/components/States';
import { useFormat } from '@web/core/format';
import { useLogOut } from '@web/core/session';
import { endAllSessions, endSession, loadMySessions } from './identity.api';
import { deviceOf } from './identity.rules';

function Device({ userAgent }: { userAgent: string | null }) {
  const { t } = useTranslation();
  const { browser, system } = deviceOf(userAgent);
  if (!browser && !system) return <>{t('identity.sessions.unknownDevice')}</>;
  return <>{browser && system ? t('identity.sessions.deviceName', { browser, system }) : (browser ?? system)}</>;
}

function SessionsTable({ sessions, onEnd, ending }: { sessions: UserSession[]; onEnd(id: string): void; ending: string | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  const columns = [
    t('identity.sessions.deviceColumn'),
    t('identity.sessions.address'),
    t('identity.sessions.started'),
    t('identity.sessions.lastSeen'),
    { label: t('identity.sessions.actions'), hiddenLabel: true },
  ];
  return (
    <DataTable caption={t('identity.sessions.caption')} columns={columns} rows={sessions} testId="sessions-table" wide>
      {(session) => (
        <TableRow key={session.id} data-current={session.current || undefined}>
          <RowHeader>
            <Device userAgent={session.userAgent} />
            {session.current ? (
              <>
                {' '}
                <StatusBadge status="valid" className="schakel-badge schakel-badge--ok">
                  {t('identity.sessions.current')}
                </StatusBadge>
              </>
            ) : null}
          </RowHeader>
          <TableCell className="schakel-table__nowrap">{session.clientAddress ?? t('identity.sessions.unknown')}</TableCell>
          <TableCell>{format.dateTime(session.createdAt)}</TableCell>
          <TableCell>{format.dateTime(session.lastSeenAt)}</TableCell>
          <TableCell>
            {session.current ? null : (
              <Button appearance="secondary-action-button" busy={ending === session.id} onClick={() => onEnd(session.id)}>
                {t('identity.sessions.end')}
                <span className="schakel-visually-hidden">
                  {' '}
                  {t('identity.sessions.endWhich', { started: format.dateTime(session.createdAt) })}
                </span>
              </Button>
            )}
          </TableCell>
        </TableRow>
      )}
    </DataTable>
  );
}

/** Where this account is logged in; end one session, or all of them (this one too). */
export function SessionsSection() {
  const { t } = useTranslation();
  const logOut = useLogOut();
  const sessions = useResource('my-sessions', loadMySessions);
  const [ending, setEnding] = useState<string>();
  const [failure, setFailure] = useState<ApiError>();
  const [ended, setEnded] = useState(0);

  const end = async (id: string) => {
    setEnding(id);
    setFailure(undefined);
    try {
      await endSession(id);
      setEnded((n) => n + 1);
      sessions.retry();
    } catch (caught) {
      setFailure(toApiError(caught));
    } finally {
      setEnding(undefined);
    }
  };

  const endAll = async () => {
    setFailure(undefined);
    try {
      await logOut({ end: endAllSessions });
    } catch (caught) {
      setFailure(toApiError(caught));
    }
  };

  return (
    <section className="schakel-section" aria-labelledby="sessions-heading">
      <Heading2 id="sessions-heading">{t('identity.sessions.heading')}</Heading2>
      <Paragraph>{t('identity.sessions.intro')}</Paragraph>
      <p className="schakel-visually-hidden" role="status">
        {ended > 0 ? t('identity.sessions.ended') : ''}
      </p>
      {failure ? <ErrorState error={failure} heading={t('identity.sessions.failed')} /> : null}
      {sessions.status === 'loading' ? <LoadingState /> : null}
      {sessions.status === 'error' ? <ErrorState error={sessions.error} onRetry={sessions.retry} /> : null}
      {sessions.status === 'ready' ? <SessionsTable sessions={sessions.data} ending={ending} onEnd={(id) => void end(id)} /> : null}
      <div className="schakel-account-section__actions">
        <ConfirmAction
          label={t('identity.sessions.endAll')}
          question={t('identity.sessions.endAllQuestion')}
          confirmLabel={t('identity.sessions.endAllConfirm')}
          onConfirm={endAll}
          testId="end-all-sessions"
        />
      </div>
    </section>
  );
}
