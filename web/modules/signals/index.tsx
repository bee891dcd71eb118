import './signals.css';
import type { Me } from '@server/modules/identity/identity.schema';
import type { WebModule } from '@web/core/module';
import { NewSignalPage } from './NewSignalPage';
import { SignalPage } from './SignalPage';
import { SignalsPage } from './SignalsPage';
import { canUseSignals, newSignalPath, queueKind, signalsPath } from './signals.rules';

const path = (absolute: string) => absolute.slice(1);
const triage = (me: Me | undefined) => canUseSignals(me) && queueKind(me) === 'triage';
const ownOnly = (me: Me | undefined) => canUseSignals(me) && queueKind(me) === 'own';

/**
 * The meldpunt for staff: report a signal, the triage queue ("Mijn signalen" for whoever sees only
 * their own), and one signal with its triage. The server decides again on every request.
 */
export const signalsModule: WebModule = {
  name: 'signals',
  routes: [
    { path: path(signalsPath), element: <SignalsPage />, access: canUseSignals },
    { path: path(newSignalPath), element: <NewSignalPage />, access: canUseSignals },
    { path: `${path(signalsPath)}/:id`, element: <SignalPage />, access: canUseSignals },
  ],
  navigation: [
    { to: signalsPath, labelKey: 'nav.signals', descriptionKey: 'signals.queue.summary', visible: triage },
    { to: signalsPath, labelKey: 'nav.mySignals', descriptionKey: 'signals.queue.mySummary', visible: ownOnly },
    { to: newSignalPath, labelKey: 'nav.reportSignal', descriptionKey: 'signals.form.summary', visible: canUseSignals },
  ],
};
