import type { Transaction } from 'kysely';
import type { Db } from '@server/core/db/database';
import { AppError } from '@server/core/errors';
import type { Database, SignalChannel, SignalPersonRole } from '@server/db/schema';
import { recordSignalsBulk } from './signals.bulk';
import * as repository from './signals.repository';

/**
 * The one way a signal enters Schakel, whatever the channel (public form, professional form,
 * mailbox, anonymous-line import): committed in one transaction — signal, persons, businesses,
 * locations, vehicles, municipalities, duplicate keys, attachments and the first timeline event —
 * before anyone gets a reference. Idempotent on the submission key and on (channel, source id).
 */
export interface NewSignal {
  regionCode: string;
  channel: SignalChannel;
  /** SHA-256 of the client's submissionId (forms). */
  submissionKey?: string | null;
  /** The id in the source system: Message-ID (mailbox), the export's own id (imports). */
  sourceId?: string | null;
  acute?: boolean;
  forms?: string[];
  indicators?: string[];
  summary: string;
  periodFrom?: string | null;
  periodUntil?: string | null;
  meldcodeApplies?: boolean | null;
  anonymous?: boolean;
  reporter?: { name?: string | null; email?: string | null; phone?: string | null; organisation?: string | null } | null;
  language?: string;
  submittedBy?: string | null;
  followUpHash?: string | null;
  followUpSealed?: string | null;
  challengeHash?: string | null;
  receivedAt?: Date;
  persons?: NewPerson[];
  businesses?: { name?: string | null; kvkNumber?: string | null; address?: string | null; sector?: string | null }[];
  locations?: { description?: string | null; street?: string | null; houseNumber?: string | null; postcode?: string | null; place?: string | null }[];
  vehicles?: { licensePlate?: string | null; description?: string | null }[];
  /** Chosen municipalities; when empty they are derived from the locations. */
  municipalities?: string[];
  /** Attachments uploaded before under the same submission key. */
  attachmentIds?: string[];
  /** Attachments that arrive with the signal (mailbox). */
  attachments?: { fileName: string; mediaType: string; content: Uint8Array; sha256: string }[];
  /** Extra detail for the first timeline event (e.g. the import batch). */
  eventDetail?: Record<string, unknown>;
  /** False for history that must not alert anyone now (demo data of past years). Default true. */
  runHooks?: boolean;
}

export interface NewPerson {
  role: SignalPersonRole;
  name?: string | null;
  alias?: string | null;
  phone?: string | null;
  email?: string | null;
  approximateAge?: number | null;
  nationality?: string | null;
  bsn?: string | null;
  description?: string | null;
}

export interface RecordedSignal {
  id: string;
  reference: string;
  regionCode: string;
  channel: SignalChannel;
  acute: boolean;
  receivedAt: Date;
  municipalities: string[];
  /** False when the submission or source id was already recorded (nothing was changed). */
  created: boolean;
  /** Set when an existing signal was marked acute during triage (the hooks run again for it). */
  becameAcute?: boolean;
}

/** Called inside the recording transaction for every new signal (e.g. the acute alert writes its outbox rows). */
export type SignalRecordedHook = (trx: Transaction<Database>, signal: RecordedSignal) => Promise<void>;
const hooks: SignalRecordedHook[] = [];
export function onSignalRecorded(hook: SignalRecordedHook): void {
  if (!hooks.includes(hook)) hooks.push(hook);
}
/** Runs the hooks for one new signal; the bulk path (signals.bulk.ts) calls it as recordSignal does. */
export async function runSignalRecordedHooks(trx: Transaction<Database>, signal: RecordedSignal): Promise<void> {
  for (const hook of hooks) await hook(trx, signal);
}

const fold = (value: string) =>
  value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** Place name → municipality code: the municipality's own name or a configured place of the region. */
export interface RoutingTable {
  byPlace: Map<string, string>;
  codes: Set<string>;
  duplicateWindowDays: number;
}

const routingCache = new Map<string, { at: number; table: RoutingTable }>();
export async function routingTable(db: Db | Transaction<Database>, regionCode: string): Promise<RoutingTable> {
  const cached = routingCache.get(regionCode);
  if (cached && Date.now() - cached.at < 60_000) return cached.table;
  const { municipalities, settings } = await repository.regionRouting(db, regionCode);
  const byPlace = new Map<string, string>();
  for (const m of municipalities) byPlace.set(fold(m.name), m.code);
  for (const [place, code] of Object.entries(settings.places ?? {})) byPlace.set(fold(place), code);
  const table = { byPlace, codes: new Set(municipalities.map((m) => m.code)), duplicateWindowDays: settings.duplicateWindowDays ?? 365 };
  routingCache.set(regionCode, { at: Date.now(), table });
  return table;
}

export function municipalityOfPlace(table: RoutingTable, place: string | null | undefined): string | undefined {
  if (!place) return undefined;
  const folded = fold(place);
  return table.byPlace.get(folded) ?? table.byPlace.get(folded.replace(/^(gemeente|gem) /, ''));
}

export async function recordSignal(db: Db, input: NewSignal): Promise<RecordedSignal> {
  const { attachmentIds, attachments, runHooks, ...rest } = input;
  return db.transaction().execute(async (trx) => {
    // The same statement as the bulk path (one round trip); hooks run after the attachments are in.
    const [recorded] = await recordSignalsBulk(trx, [{ ...rest, runHooks: false }]);
    if (!recorded!.created) return recorded!;
    if (attachmentIds?.length) {
      if (!input.submissionKey) throw new AppError('signal.attachment-unknown');
      const claimed = await repository.claimAttachments(trx, recorded!.id, input.submissionKey, attachmentIds);
      if (claimed !== new Set(attachmentIds).size) throw new AppError('signal.attachment-unknown');
    }
    if (attachments?.length) await repository.insertAttachments(trx, input.regionCode, recorded!.id, attachments);
    if (runHooks !== false) await runSignalRecordedHooks(trx, recorded!);
    return recorded!;
  });
}
