import { Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '@web/core/components/AppLink';
import { useFormat } from '@web/core/format';
import { useSession } from '@web/core/session';
import { type Alert, loadAlerts, openAlertsUrl } from './alerts.api';
import { alertsPath, bannerOrder, POLL_MS, seesAlerts, signalDetailPath } from './alerts.rules';
import { AcknowledgeButton, Municipalities, Recipients } from './AlertParts';

/**
 * The acute alerts on every screen, for everyone on duty: a band under the header that asks the
 * server every 20 seconds (and when the tab comes back into view) for open alerts. Nothing shows
 * while there are none; a new one is announced to screen readers.
 */
export function AlertBanner() {
  const { me } = useSession();
  if (!me || !seesAlerts(me)) return null;
  return <OpenAlerts key={me.id} />;
}

function OpenAlerts() {
  const { t } = useTranslation();
  const format = useFormat();
  const [alerts, setAlerts] = useState<Alert[]>([]);
  const [failed, setFailed] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [picked, setPicked] = useState<string>();
  const [round, setRound] = useState(0);
  const seen = useRef<Set<string>>(undefined);
  const notice = useRef<HTMLDivElement>(null);
  const refresh = useCallback(() => setRound((n) => n + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    // The first load counts as activity; the polls after it do not keep an unattended session alive.
    loadAlerts(openAlertsUrl(), controller.signal, round > 0).then(
      (list) => {
        if (controller.signal.aborted) return;
        const open = bannerOrder(list._embedded.alerts);
        const fresh = seen.current ? open.filter((a) => !seen.current!.has(a.id)) : [];
        if (fresh.length > 0) setAnnouncement(t('alerts.banner.arrived', { count: fresh.length }));
        seen.current = new Set(open.map((a) => a.id));
        setAlerts(open);
        setFailed(false);
      },
      () => {
        if (!controller.signal.aborted) setFailed(true);
      },
    );
    return () => controller.abort();
  }, [round, t]);

  useEffect(() => {
    const timer = setInterval(refresh, POLL_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [refresh]);

  useEffect(() => {
    if (picked) notice.current?.focus();
  }, [picked]);

  const acknowledged = (alert: Alert) => {
    setPicked(alert.signal.reference);
    setAlerts((current) => current.filter((a) => a.id !== alert.id));
    refresh();
  };

  return (
    <div className="schakel-alerts-region" data-testid="alert-banner" data-count={alerts.length}>
      <div role="status" className="schakel-visually-hidden">
        {announcement}
      </div>
      {alerts.length > 0 || failed || picked ? (
        <div className="schakel-alerts-region__content">
          {picked ? (
            <div ref={notice} tabIndex={-1} role="status" className="schakel-alerts-picked" data-testid="alert-picked">
              <Paragraph>{t('alerts.banner.picked', { reference: picked })}</Paragraph>
              <Button appearance="subtle-button" onClick={() => setPicked(undefined)}>
                {t('alerts.banner.dismiss')}
              </Button>
            </div>
          ) : null}
          {failed ? (
            <Paragraph className="schakel-alerts__failed" data-testid="alert-banner-failed">
              {t('alerts.banner.failed')}
            </Paragraph>
          ) : null}
          {alerts.length > 0 ? (
            <section className="schakel-alerts" aria-labelledby="schakel-alerts-heading">
              <Heading2 id="schakel-alerts-heading" className="schakel-alerts__heading">
                <span className="schakel-alerts__mark" aria-hidden="true">
                  !
                </span>
                {t('alerts.banner.heading', { count: alerts.length })}
              </Heading2>
              <ul className="schakel-alerts__list">
                {alerts.map((alert) => (
                  <li key={alert.id} className={alert.nobodyOnCall ? 'schakel-alerts__item schakel-alerts__item--nobody' : 'schakel-alerts__item'} data-testid="alert-item">
                    <p className="schakel-alerts__title" id={`banner-${alert.id}-title`}>
                      <strong>{t('alerts.banner.title', { reference: alert.signal.reference })}</strong>
                      <span>
                        {' · '}
                        <Municipalities alert={alert} />
                        {' · '}
                        {t('alerts.banner.received', { at: format.dateTime(alert.signal.receivedAt) })}
                      </span>
                    </p>
                    {alert.nobodyOnCall ? (
                      <p className="schakel-alerts__nobody" data-testid="alert-nobody">
                        {t('alerts.banner.nobodyOnCall')}
                      </p>
                    ) : null}
                    <div className="schakel-alerts__recipients">
                      <span>{t('alerts.banner.alerted')}</span> <Recipients alert={alert} compact />
                    </div>
                    <div className="schakel-alerts__actions">
                      <AcknowledgeButton alert={alert} onDone={acknowledged} describedBy={`banner-${alert.id}-title`} testId="alert-acknowledge" />
                      <AppLink to={signalDetailPath(alert.signal.id)} aria-describedby={`banner-${alert.id}-title`}>
                        {t('alerts.openSignal')}
                      </AppLink>
                    </div>
                  </li>
                ))}
              </ul>
              <p className="schakel-alerts__more">
                <AppLink to={alertsPath}>{t('alerts.banner.history')}</AppLink>
              </p>
            </section>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
