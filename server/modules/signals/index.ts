import type { SchakelModule } from '@server/core/module';

export { recordSignal, onSignalRecorded, routingTable, municipalityOfPlace } from './signals.intake';
export type { NewSignal, NewPerson, RecordedSignal, SignalRecordedHook } from './signals.intake';
export { exploitationForms, signalChannels, personRoles } from './signals.catalogue';
export type { ExploitationForm } from './signals.catalogue';

export const signalsModule: SchakelModule = {
  name: 'signals',
};
