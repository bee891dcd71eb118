import type { FastifyRequest } from 'fastify';
import { stringify } from 'csv-stringify/sync';
import { writeAccessLog } from '@server/core/access/access-log';
import type { Db } from '@server/core/db/database';
import { AppError } from '@server/core/errors';
import { authorizedCase } from './cases.access';
import * as repository from './cases.repository';
import type { CaseBulk } from './cases.schema';
import { CASE_PURPOSE, changeCase, closeCase } from './cases.service';

type Outcome = { caseId: string; outcome: 'done' | 'refused' | 'conflict' | 'invalid'; code: string | null };

function outcomeOf(caseId: string, error: unknown): Outcome {
  if (!(error instanceof AppError)) throw error;
  if (error.status === 403 || error.status === 404) return { caseId, outcome: 'refused', code: error.code };
  if (error.status === 409) return { caseId, outcome: 'conflict', code: error.code };
  return { caseId, outcome: 'invalid', code: error.code };
}

/**
 * Bulk actions on a selection: each case is authorized, changed and logged on its own (the same
 * use case as one at a time), so one refusal or conflict leaves the others done.
 */
export async function bulkAction(db: Db, request: FastifyRequest, input: CaseBulk) {
  if (input.action === 'close' && (!input.reasonCode || !input.reason)) {
    throw new AppError('request.invalid', { invalidParams: [{ name: 'body.reason', code: 'required', reason: 'Closing needs reasonCode and reason' }] });
  }
  if (input.action === 'assign' && input.assigneeId === undefined) {
    throw new AppError('request.invalid', { invalidParams: [{ name: 'body.assigneeId', code: 'required', reason: 'Assigning needs assigneeId (null to unassign)' }] });
  }
  const results: Outcome[] = [];
  for (const caseId of [...new Set(input.caseIds)]) {
    try {
      const current = await repository.findCaseRef(db, caseId);
      const version = current?.version ?? 1;
      if (input.action === 'assign') await changeCase(db, request, caseId, { version, assignedTo: input.assigneeId ?? null });
      else await closeCase(db, request, caseId, { version, reasonCode: input.reasonCode!, reason: input.reason! });
      results.push({ caseId, outcome: 'done', code: null });
    } catch (error) {
      results.push(outcomeOf(caseId, error));
    }
  }
  const done = results.filter((r) => r.outcome === 'done').length;
  return { _embedded: { results }, done, failed: results.length - done };
}

/** The selected cases as CSV: each one authorized for export and logged as an export of its own; refused ones are left out and named. */
export async function exportCases(db: Db, request: FastifyRequest, input: { caseIds: string[]; purpose: string }) {
  const rows: string[][] = [];
  const refused: string[] = [];
  for (const caseId of [...new Set(input.caseIds)]) {
    try {
      await authorizedCase(db, request, caseId, 'export');
    } catch (error) {
      if (error instanceof AppError && (error.status === 403 || error.status === 404)) {
        refused.push(caseId);
        continue;
      }
      throw error;
    }
    const core = (await repository.loadCaseCore(db, caseId))!;
    rows.push([
      core.reference,
      core.title,
      core.status,
      core.lead_municipality_code,
      core.municipalities.join(' '),
      core.forms.join(' '),
      core.acute ? 'ja' : 'nee',
      core.assigned_name ?? '',
      core.next_due ?? '',
      new Date(core.created_at).toISOString(),
      new Date(core.updated_at).toISOString(),
      core.closed_reason_code ?? '',
    ]);
    await writeAccessLog(db, request, { action: 'export', outcome: 'success', recordType: 'case', recordId: caseId, purpose: input.purpose, reason: `CSV export (${CASE_PURPOSE})` });
  }
  // Excel opens a UTF-8 CSV correctly only with a byte-order mark; formulas are neutralised (a cell starting with = + - @).
  const safe = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
  const header = ['referentie', 'titel', 'status', 'leidende_gemeente', 'gemeenten', 'vormen', 'acuut', 'toegewezen_aan', 'eerstvolgende_termijn', 'aangemaakt', 'gewijzigd', 'sluitreden'];
  const csv = `\uFEFF${stringify([header, ...rows.map((r) => r.map(safe))], { delimiter: ';' })}`;
  return { csv, exported: rows.length, refused };
}
