import type { FastifyRequest } from 'fastify';
import { readPersonalData, writeAccessLog } from '@server/core/access/access-log';
import { authorize, decide, permissionsFor } from '@server/core/access/policy';
import type { Actor } from '@server/core/auth/actor';
import type { Db } from '@server/core/db/database';
import { AppError } from '@server/core/errors';
import { offsetOf } from '@server/core/http/pagination';
import type { SignalStatus } from '@server/db/schema';
import { indicatorCodes } from './signals.catalogue';
import { recordSignal, routingTable, runSignalRecordedHooks } from './signals.intake';
import { signalRef, signalRules, visibilityOf } from './signals.policy';
import { presentSignal } from './signals.presenter';
import { submissionKeyOf } from './signals.public';
import * as repository from './signals.repository';
import type { SignalInput, SignalQuery, SignalUpdate } from './signals.schema';

const PURPOSE = 'triage of signals (meldpunt)';

export async function listQueue(db: Db, actor: Actor, query: SignalQuery) {
  const table = await routingTable(db, actor.regionCode);
  const statuses: SignalStatus[] | null = query.status === 'all' ? null : query.status === 'open' ? ['new', 'in-triage'] : [query.status];
  const { rows, total } = await repository.listSignals(db, visibilityOf(actor), {
    statuses,
    municipality: query.municipality,
    channel: query.channel,
    form: query.form,
    acute: query.acute === undefined ? undefined : query.acute === 'true',
    mine: query.mine === 'true',
    windowDays: table.duplicateWindowDays,
    limit: query.pageSize,
    offset: offsetOf(query),
  });
  const items = rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    channel: r.channel,
    status: r.status,
    acute: r.acute,
    forms: r.forms as never[],
    municipalities: r.municipalities,
    receivedAt: r.received_at.toISOString(),
    likelyDuplicates: r.likely_duplicates,
    mine: r.submitted_by === actor.userId,
  }));
  return { items, total };
}

export async function createProfessionalSignal(db: Db, request: FastifyRequest, actor: Actor, input: SignalInput) {
  const unknown = input.indicators.filter((code) => !indicatorCodes.has(code));
  if (unknown.length) {
    throw new AppError('request.invalid', {
      invalidParams: unknown.map((code) => ({ name: 'body.indicators', code: 'signal.unknown-indicator', reason: `${code} is not an indicator of GET /signal-indicators` })),
    });
  }
  const organisation = await db.selectFrom('organisation').select('name').where('id', '=', actor.organisationId).executeTakeFirst();
  const recorded = await recordSignal(db, {
    regionCode: actor.regionCode,
    channel: 'professional',
    submissionKey: submissionKeyOf(input.submissionId),
    acute: input.acute,
    forms: input.forms,
    indicators: input.indicators,
    summary: input.summary,
    periodFrom: input.periodFrom,
    periodUntil: input.periodUntil,
    meldcodeApplies: input.meldcodeApplies,
    anonymous: false,
    reporter: { name: actor.displayName, organisation: organisation?.name ?? null },
    submittedBy: actor.userId,
    persons: input.persons,
    businesses: input.businesses,
    locations: input.locations,
    vehicles: input.vehicles,
    municipalities: input.municipalities,
    attachmentIds: input.attachmentIds,
  });
  if (recorded.created) {
    await writeAccessLog(db, request, { action: 'create', outcome: 'success', recordType: 'signal', recordId: recorded.id, purpose: PURPOSE });
  }
  return recorded;
}

async function authorizedRef(db: Db, request: FastifyRequest, id: string, action: 'read' | 'update') {
  const row = await repository.findSignalRef(db, id);
  if (!row) throw new AppError('signal.not-found');
  const ref = signalRef(row);
  const decision = await authorize(db, request, action, ref, signalRules);
  return { row, ref, decision };
}

export async function getSignal(db: Db, request: FastifyRequest, id: string) {
  const { ref, decision } = await authorizedRef(db, request, id, 'read');
  const loaded = await readPersonalData(
    db,
    request,
    { recordType: 'signal', purpose: PURPOSE, grantId: decision.grantId },
    async () => (await repository.loadSignal(db, id))!,
    (l) => ({ recordId: id, subjects: l.persons.map((p) => p.id) }),
  );
  return presentSignal(loaded, await permissionsFor(db, request.actor, ref, signalRules));
}

export async function changeSignal(db: Db, request: FastifyRequest, id: string, input: SignalUpdate) {
  const { row } = await authorizedRef(db, request, id, 'update');
  if (row.status === 'merged' || row.status === 'closed') throw new AppError('signal.not-open');
  if (input.municipalities) {
    const table = await routingTable(db, row.region_code);
    const unknown = input.municipalities.filter((c) => !table.codes.has(c));
    if (unknown.length) {
      throw new AppError('request.invalid', {
        invalidParams: unknown.map((code) => ({ name: 'body.municipalities', code: 'signal.unknown-municipality', reason: `${code} is not a municipality of this region` })),
      });
    }
  }
  const actor = request.actor!;
  await db.transaction().execute(async (trx) => {
    const changed = await repository.updateSignal(trx, id, input.version, {
      ...(input.status ? { status: input.status } : {}),
      ...(input.status === 'closed' ? { closed_reason: input.closedReason ?? null } : {}),
      ...(input.acute !== undefined ? { acute: input.acute } : {}),
      ...(input.forms ? { forms: input.forms } : {}),
    });
    if (!changed) throw new AppError('signal.version-conflict');
    if (input.municipalities) await repository.replaceMunicipalities(trx, id, [...new Set(input.municipalities)]);
    if (input.acute === true && !row.acute) {
      // Marked acute during triage: alert now, as for a signal that came in acute.
      await runSignalRecordedHooks(trx, {
        id,
        reference: row.reference,
        regionCode: row.region_code,
        channel: row.channel,
        acute: true,
        receivedAt: row.received_at,
        municipalities: input.municipalities ?? row.municipalities,
        created: false,
        becameAcute: true,
      });
    }
    const detail = { status: input.status, closedReason: input.closedReason, acute: input.acute, forms: input.forms, municipalities: input.municipalities };
    await repository.insertEvent(trx, { signal_id: id, region_code: row.region_code, actor_user_id: actor.userId, kind: 'changed', detail: JSON.stringify(detail) });
  });
  await writeAccessLog(db, request, { action: 'update', outcome: 'success', recordType: 'signal', recordId: id, purpose: PURPOSE, reason: Object.keys(input).filter((k) => k !== 'version').join(',') });
  return getSignal(db, request, id);
}

export async function linkSignals(db: Db, request: FastifyRequest, id: string, input: { otherSignalId: string; kind: 'related' | 'merge'; reason: string }) {
  if (input.otherSignalId === id) throw new AppError('signal.link-invalid');
  const { row } = await authorizedRef(db, request, id, 'update');
  const { row: other } = await authorizedRef(db, request, input.otherSignalId, input.kind === 'merge' ? 'update' : 'read');
  if (row.status === 'merged' || row.status === 'closed') throw new AppError('signal.not-open');
  if (other.status === 'merged') throw new AppError('signal.link-invalid');
  const actor = request.actor!;
  await db.transaction().execute(async (trx) => {
    const inserted = await repository.insertLink(trx, {
      region_code: row.region_code,
      signal_id: id,
      other_signal_id: other.id,
      kind: input.kind === 'merge' ? 'merged' : 'related',
      reason: input.reason,
      created_by: actor.userId,
    });
    if (!inserted) throw new AppError('signal.link-invalid');
    if (input.kind === 'merge') {
      const changed = await repository.updateSignal(trx, id, row.version, { status: 'merged', merged_into: other.id });
      if (!changed) throw new AppError('signal.version-conflict');
      // The combined signal plays in every municipality of both.
      const codes = [...new Set([...other.municipalities, ...row.municipalities])];
      if (codes.length !== other.municipalities.length) await repository.replaceMunicipalities(trx, other.id, codes);
    }
    const kind = input.kind === 'merge' ? 'merged' : 'linked';
    for (const [a, b] of [
      [id, other.id],
      [other.id, id],
    ] as const) {
      await repository.insertEvent(trx, { signal_id: a, region_code: row.region_code, actor_user_id: actor.userId, kind, detail: JSON.stringify({ with: b, reason: input.reason }) });
    }
  });
  await writeAccessLog(db, request, { action: 'update', outcome: 'success', recordType: 'signal', recordId: id, purpose: PURPOSE, reason: `${input.kind} with ${other.id}` });
  return getSignal(db, request, id);
}

export async function duplicatesOf(db: Db, request: FastifyRequest, id: string) {
  const { row } = await authorizedRef(db, request, id, 'read');
  const table = await routingTable(db, row.region_code);
  const rows = await repository.findDuplicates(db, id, table.duplicateWindowDays);
  const duplicates = await Promise.all(
    rows.map(async (r) => ({
      id: r.id,
      reference: r.reference,
      status: r.status,
      receivedAt: r.received_at.toISOString(),
      matches: r.matches as ('phone' | 'address' | 'person' | 'business' | 'vehicle')[],
      visible: (await decide(db, request.actor, 'read', signalRef(r), signalRules)).allowed,
    })),
  );
  return { _embedded: { duplicates } };
}

export async function attachmentOf(db: Db, request: FastifyRequest, id: string, attachmentId: string) {
  const { decision } = await authorizedRef(db, request, id, 'read');
  const attachment = await repository.findAttachment(db, id, attachmentId);
  if (!attachment) throw new AppError('route.not-found');
  await writeAccessLog(db, request, { action: 'read', outcome: 'success', recordType: 'signal-attachment', recordId: attachmentId, purpose: PURPOSE, grantId: decision.grantId, reason: `signal ${id}` });
  return attachment;
}

export async function timelineOf(db: Db, request: FastifyRequest, id: string) {
  await authorizedRef(db, request, id, 'read');
  const events = await repository.signalEvents(db, id);
  return {
    _embedded: {
      events: events.map((e) => ({ id: String(e.id), at: e.at.toISOString(), kind: e.kind, actor: e.display_name ?? null, detail: e.detail })),
    },
  };
}
