import './notifications.css';
import type { WebModule } from '@web/core/module';
import { NotificationBanner } from './NotificationBanner';
import { NotificationsPage } from './NotificationsPage';
import { notificationsPath, seesNotifications } from './notifications.rules';

/** My notices (acute interventions, hand-overs, invitations, assigned tracks and actions): a page and a line under the header while some are unread. */
export const notificationsModule: WebModule = {
  name: 'notifications',
  routes: [{ path: notificationsPath.slice(1), element: <NotificationsPage />, access: seesNotifications }],
  navigation: [{ to: notificationsPath, labelKey: 'notifications.nav', descriptionKey: 'notifications.summary', visible: seesNotifications }],
  banner: NotificationBanner,
};
