import type { SchakelModule } from '@server/core/module';
import { onSignalRecorded } from '@server/modules/signals';
import { alertsDemo } from './alerts.demo';
import { onAcuteSignal } from './alerts.raise';
import { alertRoutes } from './alerts.routes';

export { acuteAlertMail, alertSettingsOf, configureAlerts, raiseAcuteAlert } from './alerts.raise';
export type { AlertSettings } from './alerts.raise';
export type { Alert, OnCallShift } from './alerts.schema';

// Importing the module registers the hook: every new acute signal raises its alert in the same transaction.
onSignalRecorded(onAcuteSignal);

/** The acute alert and the 24/7 reachability roster (issue 5). */
export const alertsModule: SchakelModule = {
  name: 'alerts',
  routes: alertRoutes,
  demo: {
    sizes: { rosterWeeks: { default: 10, description: 'weeks of reachability roster per region around today' } },
    run: alertsDemo,
  },
};
