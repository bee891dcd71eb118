import { Alert as Notice, Heading2, Paragraph, StatusBadge } from '@utrecht/component-library-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useResource } from '@web/core/api/useResource';
import { PageHeading } from '@web/core/components/PageHeading';
import { ErrorState, LoadingState } from '@web/core/components/States';
import { useFormat } from '@web/core/format';
import { intlLocale, isLanguage } from '@web/core/i18n';
import { gapsUrl, loadCandidates, loadGaps, loadOnCallNow, loadShifts, type OnCallShift, shiftsUrl } from './alerts.api';
import { parsePeriod, periodSearch, ROSTER_WEEKS, rosterWindow, windowDays } from './alerts.rules';
import { ShiftForm } from './ShiftForm';
import { ShiftTable } from './ShiftTable';

/**
 * The 24/7 reachability roster, for the ketenregisseur: who is on call now, where the roster has
 * gaps, the shifts of six weeks at a time, and a form to add or change a shift.
 */
export function RosterPage() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const [params] = useSearchParams();
  const period = parsePeriod(params);
  const span = useMemo(() => rosterWindow(new Date(), period), [period]);
  const [version, setVersion] = useState(0);
  const [editing, setEditing] = useState<OnCallShift>();
  const [notice, setNotice] = useState<{ text: string; warning: boolean }>();
  const noticeRef = useRef<HTMLDivElement>(null);

  const now = useResource(`now#${version}`, loadOnCallNow);
  const shiftsKey = shiftsUrl(span.from, span.until);
  const shifts = useResource(`${shiftsKey}#${version}`, (signal) => loadShifts(shiftsKey, signal));
  const gapsKey = gapsUrl(span.from, span.until);
  const gaps = useResource(`${gapsKey}#${version}`, (signal) => loadGaps(gapsKey, signal));
  const candidates = useResource('candidates', loadCandidates);

  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  const saved = (shift: OnCallShift, kind: 'created' | 'updated' | 'deleted') => {
    const text = t(`alerts.roster.${kind}`, { name: shift.person.displayName, from: format.dateTime(shift.from), until: format.dateTime(shift.until) });
    const overlap = kind !== 'deleted' && shift.overlapsWith.length > 0;
    setNotice({ text: overlap ? `${text} ${t('alerts.roster.overlapWarning', { count: shift.overlapsWith.length })}` : text, warning: overlap });
    setEditing(undefined);
    setVersion((n) => n + 1);
  };

  const nowData = now.status === 'ready' ? now.data : undefined;
  return (
    <>
      <PageHeading title={t('alerts.roster.title')} />
      <Paragraph appearance="lead" className="schakel-lead">
        {t('alerts.roster.lead')}
      </Paragraph>

      {notice ? (
        <div ref={noticeRef} tabIndex={-1} data-testid="roster-notice">
          <Notice type={notice.warning ? 'warning' : 'ok'} role="status" className="schakel-notice">
            <Paragraph>{notice.text}</Paragraph>
          </Notice>
        </div>
      ) : null}

      <section aria-labelledby="on-call-now-heading" className="schakel-section">
        <Heading2 id="on-call-now-heading">{t('alerts.roster.now.heading')}</Heading2>
        {now.status === 'loading' ? <LoadingState /> : null}
        {now.status === 'error' ? <ErrorState error={now.error} onRetry={now.retry} /> : null}
        {nowData && nowData.nobodyOnCall ? (
          <Notice type="error" className="schakel-notice" data-testid="nobody-on-call">
            <Paragraph>
              <strong>{t('alerts.roster.now.nobody')}</strong> {t('alerts.roster.now.nobodyHint')}
            </Paragraph>
          </Notice>
        ) : null}
        {nowData && !nowData.nobodyOnCall ? (
          <ul className="schakel-on-call-now" data-testid="on-call-now">
            {nowData._embedded.onCallShifts.map((shift) => (
              <li key={shift.id}>
                <strong>{shift.person.displayName}</strong> ({shift.person.organisation.name}) —{' '}
                {t('alerts.roster.now.until', { until: format.dateTime(shift.until), address: shift.effectiveAddress })}
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      <section aria-labelledby="roster-heading" className="schakel-section">
        <Heading2 id="roster-heading">
          {t('alerts.roster.period.heading', windowDays(span, intlLocale(isLanguage(i18n.language) ? i18n.language : 'nl')))}
        </Heading2>
        <nav aria-label={t('alerts.roster.period.label')} className="schakel-period-nav">
          <Link to={{ search: periodSearch(period - 1) }} className="utrecht-link utrecht-link--html-a" rel="prev">
            {t('alerts.roster.period.previous', { weeks: ROSTER_WEEKS })}
          </Link>
          {period !== 0 ? (
            <Link to={{ search: periodSearch(0) }} className="utrecht-link utrecht-link--html-a">
              {t('alerts.roster.period.current')}
            </Link>
          ) : null}
          <Link to={{ search: periodSearch(period + 1) }} className="utrecht-link utrecht-link--html-a" rel="next">
            {t('alerts.roster.period.next', { weeks: ROSTER_WEEKS })}
          </Link>
        </nav>
        {gaps.status === 'ready' ? (
          gaps.data._embedded.gaps.length > 0 ? (
            <Notice type="warning" className="schakel-notice" data-testid="roster-gaps">
              <Paragraph>
                <strong>{t('alerts.roster.gaps.heading', { count: gaps.data._embedded.gaps.length })}</strong>
              </Paragraph>
              <ul>
                {gaps.data._embedded.gaps.map((gap) => (
                  <li key={gap.from}>{t('alerts.roster.gaps.item', { from: format.dateTime(gap.from), until: format.dateTime(gap.until) })}</li>
                ))}
              </ul>
            </Notice>
          ) : (
            <p className="schakel-hint" data-testid="roster-no-gaps">
              <StatusBadge className="schakel-badge schakel-badge--ok">{t('alerts.roster.gaps.noneBadge')}</StatusBadge> {t('alerts.roster.gaps.none')}
            </p>
          )
        ) : null}
        {gaps.status === 'error' ? <ErrorState error={gaps.error} onRetry={gaps.retry} /> : null}
        <p className="schakel-results-summary" role="status" data-testid="roster-summary" data-state={shifts.status}>
          {shifts.status === 'loading' ? t('states.loading') : null}
          {shifts.status === 'ready' ? t('alerts.roster.found', { count: shifts.data.page.totalElements }) : null}
        </p>
        {shifts.status === 'error' ? <ErrorState error={shifts.error} onRetry={shifts.retry} /> : null}
        {shifts.status === 'ready' ? (
          <ShiftTable shifts={shifts.data._embedded.onCallShifts} onEdit={setEditing} onDeleted={(shift) => saved(shift, 'deleted')} />
        ) : null}
      </section>

      <section aria-label={editing ? t('alerts.roster.form.editTitle') : t('alerts.roster.form.newTitle')} className="schakel-section">
        {candidates.status === 'loading' ? <LoadingState /> : null}
        {candidates.status === 'error' ? <ErrorState error={candidates.error} onRetry={candidates.retry} /> : null}
        {candidates.status === 'ready' ? (
          <ShiftForm
            key={editing?.id ?? 'new'}
            editing={editing}
            candidates={candidates.data._embedded.people}
            onSaved={(shift, kind) => saved(shift, kind)}
            onCancel={() => setEditing(undefined)}
          />
        ) : null}
      </section>
    </>
  );
}
