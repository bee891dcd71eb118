import type { Municipality } from '@server/modules/regions/regions.schema';
import type { Signal } from '@server/modules/signals/signals.schema';
import { Heading2 } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { useResource } from '@web/core/api/useResource';
import { ErrorState, LoadingState } from '@web/core/components/States';
import { useFormat } from '@web/core/format';
import { loadTimeline, type TimelineEvent } from './signals.api';
import { isSignalChannel, isSignalStatus } from './signals.rules';
import { useCatalogue, useCatalogueLabels } from './useCatalogue';

const knownKinds = new Set(['received', 'changed', 'linked', 'merged', 'addition']);

/** What happened to the signal, oldest first, with who did it. */
export function Timeline({ signal, municipalities }: { signal: Signal; municipalities: readonly Municipality[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useCatalogueLabels(useCatalogue());
  const events = useResource(`timeline:${signal.id}:${signal.version}`, (abort) => loadTimeline(signal.id, abort));
  const names = new Map(municipalities.map((m) => [m.code, m.name]));
  const references = new Map(signal.links.map((link) => [link.signalId, link.reference]));
  if (signal.mergedInto) references.set(signal.mergedInto.id, signal.mergedInto.reference);

  const details = (event: TimelineEvent): string[] => {
    const d = event.detail;
    const lines: string[] = [];
    if (event.kind === 'received' && isSignalChannel(d.channel)) lines.push(t('signals.timeline.via', { channel: t(`signals.channels.${d.channel}`) }));
    if (isSignalStatus(d.status)) lines.push(t('signals.timeline.status', { status: t(`signals.statuses.${d.status}`) }));
    if (typeof d.closedReason === 'string') lines.push(t('signals.detail.reason', { reason: d.closedReason }));
    if (typeof d.acute === 'boolean') lines.push(t(d.acute ? 'signals.timeline.acuteOn' : 'signals.timeline.acuteOff'));
    if (Array.isArray(d.forms)) lines.push(t('signals.timeline.forms', { forms: d.forms.map((f) => labels.form(String(f))).join(', ') || '—' }));
    if (Array.isArray(d.municipalities)) lines.push(t('signals.timeline.municipalities', { names: d.municipalities.map((c) => names.get(String(c)) ?? String(c)).join(', ') }));
    if (typeof d.with === 'string') lines.push(t('signals.timeline.with', { reference: references.get(d.with) ?? t('signals.timeline.otherSignal') }));
    if (typeof d.reason === 'string') lines.push(t('signals.detail.reason', { reason: d.reason }));
    return lines;
  };

  return (
    <section className="schakel-section" aria-labelledby="timeline-heading">
      <Heading2 id="timeline-heading">{t('signals.timeline.heading')}</Heading2>
      {events.status === 'loading' ? <LoadingState /> : null}
      {events.status === 'error' ? <ErrorState error={events.error} onRetry={events.retry} /> : null}
      {events.status === 'ready' ? (
        <ol className="schakel-signal-timeline" data-testid="timeline">
          {events.data.map((event) => (
            <li key={event.id}>
              <p className="schakel-signal-timeline__what">
                {knownKinds.has(event.kind) ? t(`signals.timeline.kinds.${event.kind as 'received'}`) : event.kind}
                <span className="schakel-signal-muted">
                  {' '}
                  · {format.dateTime(event.at)}
                  {event.actor ? ` · ${event.actor}` : ''}
                </span>
              </p>
              {details(event).map((line) => (
                <p key={line} className="schakel-signal-timeline__detail">
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
