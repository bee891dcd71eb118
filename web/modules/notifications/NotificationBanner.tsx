import { Paragraph } from '@utrecht/component-library-react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { AppLink } from '@web/core/components/AppLink';
import { useSession } from '@web/core/session';
import { loadNotifications, notificationsUrl } from './notifications.api';
import { notificationsPath, POLL_MS, seesNotifications } from './notifications.rules';

/**
 * A line under the header when there are unread notices (an acute intervention counts out loud),
 * asked every minute as a background poll that does not keep an unattended session alive.
 */
export function NotificationBanner() {
  const { me } = useSession();
  if (!me || !seesNotifications(me)) return null;
  return <Unread key={me.id} />;
}

function Unread() {
  const { t } = useTranslation();
  const location = useLocation();
  const [state, setState] = useState({ unread: 0, acute: 0 });
  const [round, setRound] = useState(0);
  const refresh = useCallback(() => setRound((n) => n + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    loadNotifications(notificationsUrl(1, 50), controller.signal, true).then(
      (list) => {
        if (controller.signal.aborted) return;
        const unread = list._embedded.notifications.filter((n) => !n.read);
        setState({ unread: list.unread, acute: unread.filter((n) => n.kind === 'acute-intervention').length });
      },
      () => undefined,
    );
    return () => controller.abort();
  }, [round, location.pathname]);

  useEffect(() => {
    const timer = setInterval(refresh, POLL_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  if (state.unread === 0 || location.pathname === notificationsPath) return null;
  return (
    <div className={state.acute > 0 ? 'schakel-notification-line schakel-notification-line--acute' : 'schakel-notification-line'} data-testid="notification-banner">
      <div className="schakel-notification-line__content">
        <Paragraph>
          {t('notifications.banner.text', { count: state.unread })} {state.acute > 0 ? t('notifications.banner.acute', { count: state.acute }) : null}{' '}
          <AppLink to={notificationsPath}>{t('notifications.banner.link')}</AppLink>
        </Paragraph>
      </div>
    </div>
  );
}
