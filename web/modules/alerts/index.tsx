import './alerts.css';
import type { WebModule } from '@web/core/module';
import { AlertBanner } from './AlertBanner';
import { AlertsPage } from './AlertsPage';
import { alertsPath, managesRoster, rosterPath, seesAlerts } from './alerts.rules';
import { RosterPage } from './RosterPage';

const path = (absolute: string) => absolute.slice(1);

/**
 * The acute alert and the reachability roster: a banner on every screen for everyone on duty,
 * the alert history, and the roster for the ketenregisseur. The server checks every request.
 */
export const alertsModule: WebModule = {
  name: 'alerts',
  routes: [
    { path: path(alertsPath), element: <AlertsPage />, access: seesAlerts },
    { path: path(rosterPath), element: <RosterPage />, access: managesRoster },
  ],
  navigation: [
    { to: alertsPath, labelKey: 'nav.alerts', descriptionKey: 'alerts.history.summary', visible: seesAlerts },
    { to: rosterPath, labelKey: 'nav.onCall', descriptionKey: 'alerts.roster.summary', visible: managesRoster },
  ],
  banner: AlertBanner,
};
