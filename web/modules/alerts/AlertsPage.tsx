import { Heading2, Paragraph, StatusBadge } from '@utrecht/component-library-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useResource } from '@web/core/api/useResource';
import { AppLink } from '@web/core/components/AppLink';
import { PageHeading } from '@web/core/components/PageHeading';
import { Pagination } from '@web/core/components/Pagination';
import { EmptyState, ErrorState } from '@web/core/components/States';
import { useFormat } from '@web/core/format';
import { type Alert, alertsUrl, loadAlerts } from './alerts.api';
import { alertSearch, parseAlertStatus, parsePage, signalDetailPath } from './alerts.rules';
import { AcknowledgeButton, Acknowledgements, Municipalities, Recipients } from './AlertParts';

/** Every acute alert of the region (or the open ones): who was alerted, how the mail went, who picked it up. */
export function AlertsPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const status = parseAlertStatus(params);
  const page = parsePage(params);
  const [version, setVersion] = useState(0);
  const url = alertsUrl(status, page);
  const alerts = useResource(`${url}#${version}`, (signal) => loadAlerts(url, signal));
  const [notice, setNotice] = useState<string>();
  const noticeRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  const ready = alerts.status === 'ready' ? alerts.data : undefined;
  const acknowledged = (alert: Alert) => {
    setNotice(t('alerts.banner.picked', { reference: alert.signal.reference }));
    setVersion((n) => n + 1);
  };

  return (
    <>
      <PageHeading title={t('alerts.history.title')} />
      <Paragraph appearance="lead" className="schakel-lead">
        {t('alerts.history.lead')}
      </Paragraph>
      <nav aria-label={t('alerts.history.filter')} className="schakel-alert-filter">
        <ul>
          {(['all', 'open'] as const).map((value) => (
            <li key={value}>
              <Link to={{ search: alertSearch(value, 1) }} aria-current={status === value ? 'page' : undefined} className="utrecht-link utrecht-link--html-a">
                {t(`alerts.history.show.${value}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {notice ? (
        <p ref={noticeRef} tabIndex={-1} role="status" className="schakel-notice-line">
          {notice}
        </p>
      ) : null}
      <p className="schakel-results-summary" role="status" data-testid="alerts-summary" data-state={alerts.status}>
        {alerts.status === 'loading' ? t('states.loading') : null}
        {ready ? t('alerts.history.found', { count: ready.page.totalElements }) : null}
      </p>
      {alerts.status === 'error' ? <ErrorState error={alerts.error} onRetry={alerts.retry} /> : null}
      {ready && ready._embedded.alerts.length === 0 ? (
        <EmptyState>
          <Paragraph>{t(status === 'open' ? 'alerts.history.noneOpen' : 'alerts.history.none')}</Paragraph>
        </EmptyState>
      ) : null}
      {ready ? (
        <>
          <div className="schakel-alert-cards">
            {ready._embedded.alerts.map((alert) => (
              <AlertCard key={alert.id} alert={alert} onAcknowledged={acknowledged} />
            ))}
          </div>
          <Pagination
            page={ready.page.number}
            totalPages={ready.page.totalPages}
            hrefFor={(target) => ({ search: alertSearch(status, target) })}
            label={t('alerts.history.pagination')}
          />
        </>
      ) : null}
    </>
  );
}

function AlertCard({ alert, onAcknowledged }: { alert: Alert; onAcknowledged(alert: Alert): void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const headingId = `card-${alert.id}-title`;
  return (
    <article className="schakel-alert-card" aria-labelledby={headingId} data-testid="alert-card">
      <Heading2 id={headingId} className="schakel-alert-card__heading">
        {t('alerts.banner.title', { reference: alert.signal.reference })}
      </Heading2>
      <p className="schakel-alert-card__badges">
        <StatusBadge className={alert.status === 'open' ? 'schakel-badge schakel-badge--danger' : 'schakel-badge schakel-badge--ok'}>
          {t(`alerts.status.${alert.status}`)}
        </StatusBadge>
        {alert.nobodyOnCall ? <StatusBadge className="schakel-badge schakel-badge--danger">{t('alerts.history.nobodyOnCall')}</StatusBadge> : null}
      </p>
      <dl className="schakel-details">
        <div className="schakel-details__row">
          <dt>{t('alerts.history.municipalities')}</dt>
          <dd>
            <Municipalities alert={alert} />
          </dd>
        </div>
        <div className="schakel-details__row">
          <dt>{t('alerts.history.received')}</dt>
          <dd>{format.dateTime(alert.signal.receivedAt)}</dd>
        </div>
        <div className="schakel-details__row">
          <dt>{t('alerts.history.raised')}</dt>
          <dd>{format.dateTime(alert.createdAt)}</dd>
        </div>
        <div className="schakel-details__row">
          <dt>{t('alerts.history.alerted')}</dt>
          <dd>
            <Recipients alert={alert} />
          </dd>
        </div>
        <div className="schakel-details__row">
          <dt>{t('alerts.history.acknowledged')}</dt>
          <dd>
            <Acknowledgements alert={alert} />
          </dd>
        </div>
      </dl>
      <div className="schakel-alerts__actions">
        {alert.status === 'open' ? <AcknowledgeButton alert={alert} onDone={onAcknowledged} describedBy={headingId} testId="alert-card-acknowledge" /> : null}
        <AppLink to={signalDetailPath(alert.signal.id)} aria-describedby={headingId}>
          {t('alerts.openSignal')}
        </AppLink>
      </div>
    </article>
  );
}
