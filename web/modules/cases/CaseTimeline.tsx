import { Heading2 } from '@utrecht/component-library-react';
import type { ParseKeys } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useResource } from '@web/core/api/useResource';
import { ErrorState, LoadingState } from '@web/core/components/States';
import { useFormat } from '@web/core/format';
import { type Case, type CaseEvent, loadTimeline } from './cases.api';
import { caseAssessments, isCloseReasonCode, isTrackKind } from './cases.rules';
import { useCaseCatalogue, useSourceLabel } from './useCaseData';
import { useDateFormat } from './useDateFormat';

const knownKinds = new Set([
  'created', 'changed', 'signal-joined', 'assigned', 'assessed', 'closed', 'reopened', 'source-checked', 'consulted', 'handover-requested', 'handover-decided',
  'track-opened', 'track-closed', 'action-added', 'action-changed', 'intervention', 'put-on-agenda', 'removed-from-agenda', 'discussed', 'decision',
  'urgent-consultation-opened', 'urgent-consultation-advised', 'urgent-consultation-closed',
]);

/** What happened to the case, with who and when; the server leaves out the events of parts the reader may not see. */
export function CaseTimeline({ item }: { item: Case }) {
  const { t } = useTranslation();
  const format = useFormat();
  const formatDate = useDateFormat();
  const sourceLabel = useSourceLabel(useCaseCatalogue());
  const events = useResource(`case-events:${item.id}:${item.version}:${item.updatedAt}`, (abort) => loadTimeline(item.id, abort));

  const details = (event: CaseEvent): string[] => {
    const d = event.detail;
    const lines: string[] = [];
    if (typeof d.decision === 'string' && (caseAssessments as string[]).includes(d.decision)) lines.push(t(`cases.assessments.${d.decision as 'table'}`));
    if (typeof d.decision === 'string' && ['accepted', 'declined', 'withdrawn'].includes(d.decision)) lines.push(t(`cases.handovers.statuses.${d.decision as 'accepted'}`));
    if (event.kind !== 'decision' && isTrackKind(d.kind)) lines.push(t(`cases.trackKinds.${d.kind}`));
    if (typeof d.source === 'string') lines.push(sourceLabel(d.source));
    if (typeof d.organisation === 'string') lines.push(d.organisation);
    if (typeof d.owner === 'string') lines.push(t('cases.timeline.owner', { name: d.owner }));
    if (isCloseReasonCode(d.reasonCode)) lines.push(t(`cases.closeReasons.${d.reasonCode}`));
    if (typeof d.reason === 'string' && d.reason) lines.push(d.reason);
    if (typeof d.dueOn === 'string') lines.push(t('cases.timeline.dueOn', { date: formatDate(d.dueOn) }));
    if (typeof d.previousDueOn === 'string') lines.push(t('cases.timeline.previousDueOn', { date: formatDate(d.previousDueOn) }));
    if (typeof d.status === 'string' && ['done', 'cancelled', 'open'].includes(d.status)) lines.push(t(`cases.actions.statuses.${d.status as 'done'}`));
    return lines;
  };

  return (
    <section className="schakel-section" aria-labelledby="case-timeline-heading">
      <Heading2 id="case-timeline-heading">{t('cases.timeline.heading')}</Heading2>
      {events.status === 'loading' ? <LoadingState /> : null}
      {events.status === 'error' ? <ErrorState error={events.error} onRetry={events.retry} /> : null}
      {events.status === 'ready' ? (
        <ol className="schakel-case-timeline" data-testid="case-timeline">
          {[...events.data].reverse().map((event) => (
            <li key={event.id} data-kind={event.kind}>
              <p className="schakel-case-timeline__what">
                {knownKinds.has(event.kind) ? t(`cases.timeline.kinds.${event.kind}` as ParseKeys) : event.kind}
                <span className="schakel-case-muted">
                  {' '}
                  · {format.dateTime(event.at)}
                  {event.actor ? ` · ${event.actor}` : ''}
                </span>
              </p>
              {details(event).map((line, index) => (
                <p key={`${index}-${line}`} className="schakel-case-timeline__detail">
                  {line}
                </p>
              ))}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
