import type { SchakelModule } from '@server/core/module';
import { signalsDemo } from './signals.demo';
import { signalRoutes } from './signals.routes';

export { recordSignal, onSignalRecorded, routingTable, municipalityOfPlace } from './signals.intake';
export type { NewSignal, NewPerson, RecordedSignal, SignalRecordedHook } from './signals.intake';
export { recordSignalsBulk } from './signals.bulk';
export type { BulkOptions } from './signals.bulk';
export { exploitationForms, signalChannels, personRoles } from './signals.catalogue';
export type { ExploitationForm } from './signals.catalogue';
export { acceptedMediaType, safeFileName } from './signals.public';
export { markSignalsForwarded, signalPartQueries, signalsForCase } from './signals.cases';
export type { SignalForCase } from './signals.cases';
export { signalRef, signalRules } from './signals.policy';

export const signalsModule: SchakelModule = {
  name: 'signals',
  routes: signalRoutes,
  demo: { sizes: { signals: { default: 300, description: 'fictional signals per region, spread over four years' } }, run: signalsDemo },
};
