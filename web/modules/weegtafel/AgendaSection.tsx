import type { Organisation } from '@server/modules/regions/regions.schema';
import { Heading2, Heading3, Heading4, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import { type ApiError, toApiError } from '@web/core/api/client';
import { FormFailure, useSubmitFeedback } from '@web/core/components/FormFeedback';
import { AppLink } from '@web/core/components/AppLink';
import { ConfirmAction } from '@web/core/components/ConfirmAction';
import { EmptyState } from '@web/core/components/States';
import { useFormat } from '@web/core/format';
import { useSession } from '@web/core/session';
import { DecisionForm, SummaryForm } from './AgendaItemForms';
import { useMunicipalityName } from './useTableChoices';
import { OverdueMark, WithheldMark } from './SessionMarks';
import type { SessionChanges } from './SessionPage';
import { type AgendaItem, removeAgendaItem, type Session } from './weegtafel.api';
import { casePath, type sessionActions, trackProgress } from './weegtafel.rules';

interface AgendaSectionProps {
  session: Session;
  changes: SessionChanges;
  actions: ReturnType<typeof sessionActions>;
  organisations: Organisation[];
  trackKinds: string[];
  trackMeasures: string[];
}

/** The agenda: per case what the reader may see, each open track's progress and overdue actions, the summary and decisions. */
export function AgendaSection({ session, changes, actions, organisations, trackKinds, trackMeasures }: AgendaSectionProps) {
  const { t } = useTranslation();
  return (
    <section className="schakel-section" aria-labelledby="session-agenda">
      <Heading2 id="session-agenda">{t('weegtafel.agenda.heading')}</Heading2>
      {session.agenda.length === 0 ? (
        <EmptyState>
          <Paragraph>{t(actions.composeAgenda ? 'weegtafel.agenda.emptyChair' : 'weegtafel.agenda.empty')}</Paragraph>
        </EmptyState>
      ) : (
        <ol className="schakel-wt-agenda" data-testid="agenda">
          {session.agenda.map((item) => (
            <li key={item.id} className="schakel-wt-item" data-testid="agenda-item" data-case={item.caseReference}>
              <AgendaItemView item={item} />
              {actions.recordOutcome && !item.withheld ? (
                <div className="schakel-wt-item__forms">
                  <SummaryForm key={`s${changes.revision}`} session={session} item={item} changes={changes} />
                  <DecisionForm key={`d${changes.revision}`} session={session} item={item} changes={changes} organisations={organisations} trackKinds={trackKinds} trackMeasures={trackMeasures} />
                  {(item.decisions ?? []).length === 0 ? <RemoveItem session={session} item={item} changes={changes} /> : null}
                </div>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function AgendaItemView({ item }: { item: AgendaItem }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const municipality = useMunicipalityName(me?.region ?? '');
  const format = useFormat();
  const headingId = `agenda-item-${item.id}`;
  return (
    <article aria-labelledby={headingId}>
      <Heading3 id={headingId} className="schakel-wt-item__heading">
        <span className="schakel-wt-item__position">{item.position}.</span>{' '}
        {item.withheld ? <span className="schakel-wt-reference">{item.caseReference}</span> : <AppLink to={casePath(item.caseId)} className="schakel-wt-reference">{item.caseReference}</AppLink>}
        {item.case?.title ? <> — {item.case.title}</> : null}
      </Heading3>
      <p className="schakel-wt-item__meta">
        <span className="schakel-badge schakel-badge--info">{t(`weegtafel.kinds.${item.kind}`)}</span>
        {item.case ? <span>{t('weegtafel.agenda.caseStatus', { status: t(`weegtafel.caseStatuses.${item.case.status}`) })}</span> : null}
        {item.case
          ? <span>{t('weegtafel.agenda.municipalities', { lead: municipality(item.case.leadMunicipality), others: item.case.municipalities.filter((m) => m !== item.case?.leadMunicipality).map(municipality).join(', ') || '—' })}</span>
          : null}
      </p>
      {item.withheld ? (
        <Paragraph>
          <WithheldMark /> {t('weegtafel.agenda.withheldText')}
        </Paragraph>
      ) : null}
      {item.openTracks ? <OpenTracks tracks={item.openTracks} headingId={`${headingId}-tracks`} /> : null}
      {item.summary ? (
        <div className="schakel-wt-item__summary" data-testid="item-summary">
          <Heading4>{t('weegtafel.agenda.summary')}</Heading4>
          <Paragraph className="schakel-wt-pre">{item.summary}</Paragraph>
        </div>
      ) : null}
      {item.decisions && item.decisions.length > 0 ? (
        <div data-testid="item-decisions">
          <Heading4>{t('weegtafel.agenda.decisions')}</Heading4>
          <ul className="schakel-wt-list">
            {item.decisions.map((decision) => (
              <li key={decision.id} data-testid="decision">
                <Paragraph className="schakel-wt-pre">{decision.text}</Paragraph>
                <span className="schakel-table__sub">
                  {t('weegtafel.agenda.decisionBy', { by: decision.recordedBy?.name ?? '—', at: format.dateTime(decision.recordedAt), count: decision.trackIds.length })}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </article>
  );
}

function OpenTracks({ tracks, headingId }: { tracks: NonNullable<AgendaItem['openTracks']>; headingId: string }) {
  const { t } = useTranslation();
  return (
    <div className="schakel-wt-tracks" data-testid="open-tracks">
      <Heading4 id={headingId}>{t('weegtafel.agenda.openTracks')}</Heading4>
      {tracks.length === 0 ? (
        <Paragraph>{t('weegtafel.agenda.noOpenTracks')}</Paragraph>
      ) : (
        <ul className="schakel-wt-list" aria-labelledby={headingId}>
          {tracks.map((track) => {
            const progress = trackProgress(track);
            return (
              <li key={track.id} data-testid="open-track">
                <strong>{t(`weegtafel.trackKinds.${track.kind}`)}</strong>
                {track.measure ? ` (${t(`weegtafel.measures.${track.measure}`)})` : ''} — {t('weegtafel.agenda.owner', { owner: track.owner })}
                <br />
                {progress.total === 0 ? t('weegtafel.agenda.noActions') : t('weegtafel.agenda.progress', { done: progress.done, total: progress.total })}
                {progress.overdue > 0 ? (
                  <>
                    {' '}
                    <OverdueMark count={progress.overdue} />
                  </>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

function RemoveItem({ session, item, changes }: { session: Session; item: AgendaItem; changes: SessionChanges }) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<ApiError>();
  const { ref, submitted } = useSubmitFeedback();
  return (
    <>
    {failure ? <FormFailure ref={ref} error={failure} heading={t('weegtafel.agenda.removeFailed')} /> : null}
    <ConfirmAction
      label={t('weegtafel.agenda.remove', { reference: item.caseReference })}
      question={t('weegtafel.agenda.removeQuestion')}
      confirmLabel={t('weegtafel.agenda.removeConfirm')}
      testId="remove-item"
      onConfirm={async () => {
        try {
          await removeAgendaItem(session.id, item.id);
          await changes.done('removed');
        } catch (caught) {
          const error = toApiError(caught);
          if (!changes.conflict(error)) {
            setFailure(error);
            submitted();
          }
        }
      }}
    />
    </>
  );
}
