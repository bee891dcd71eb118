import { stringify } from 'csv-stringify/sync';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readPersonalData, verifyAccessLog, writeAccessLog } from '@server/core/access/access-log';
import { pageOf, offsetOf } from '@server/core/http/pagination';
import type { AppContext } from '@server/core/module';
import { type AccessLogRow, searchAccessLog, streamAccessLog } from './access-log.repository';
import { accessLogFilterSchema, accessLogListSchema, accessLogQuerySchema, chainVerificationSchema, type AccessLogEntryView } from './access-log.schema';

const tags = ['Access log'];
/** The privacy officer (FG) only. */
const config = { access: { roles: ['privacy-officer' as const] } };
const EXPORT_MAX_ROWS = 100_000;

const iso = (value: Date | string) => new Date(value).toISOString();

function present(row: AccessLogRow): AccessLogEntryView {
  return {
    id: Number(row.id),
    at: iso(row.at),
    userId: row.user_id,
    userName: row.user_name,
    role: row.role,
    organisationId: row.organisation_id,
    action: row.action as AccessLogEntryView['action'],
    recordType: row.record_type,
    recordId: row.record_id,
    subjects: row.subjects ?? [],
    purpose: row.purpose,
    grantId: row.grant_id,
    clientAddress: row.client_address,
    userAgent: row.user_agent,
    requestId: row.request_id,
    outcome: row.outcome as AccessLogEntryView['outcome'],
    reason: row.reason,
  };
}

const csvColumns: (keyof AccessLogEntryView)[] = [
  'id', 'at', 'userId', 'userName', 'role', 'organisationId', 'action', 'recordType', 'recordId', 'subjects',
  'purpose', 'grantId', 'clientAddress', 'userAgent', 'requestId', 'outcome', 'reason',
];

export const accessLogRoutes =
  ({ database }: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = database;

    app.get(
      '/access-log',
      { config, schema: { operationId: 'searchAccessLog', summary: 'Search the access log', tags, querystring: accessLogQuerySchema, response: { 200: accessLogListSchema } } },
      async (request) => {
        const { page, pageSize, ...filter } = request.query;
        const { rows, total } = await readPersonalData(
          db,
          request,
          { recordType: 'access-log', purpose: 'supervision (NEN 7513)' },
          () => searchAccessLog(db, request.actor!.regionCode, filter, pageSize, offsetOf({ page, pageSize })),
          (result) => ({ recordId: JSON.stringify(filter).slice(0, 100), subjects: [...new Set(result.rows.flatMap((r) => r.subjects ?? []))].slice(0, 200) }),
        );
        return pageOf(request, 'entries', rows.map(present), total, request.query);
      },
    );

    app.get(
      '/access-log/export',
      {
        config,
        schema: {
          operationId: 'exportAccessLog',
          summary: 'Export the access log as CSV (newest first, at most 100,000 rows)',
          tags,
          querystring: accessLogFilterSchema,
          response: { 200: { description: 'CSV with a header row', content: { 'text/csv': { schema: z.string() } } } },
        },
      },
      async (request, reply) => {
        await writeAccessLog(db, request, { action: 'export', outcome: 'success', recordType: 'access-log', recordId: JSON.stringify(request.query).slice(0, 100), purpose: 'supervision (NEN 7513)' });
        const parts = [stringify([csvColumns])];
        for await (const rows of streamAccessLog(db, request.actor!.regionCode, request.query, EXPORT_MAX_ROWS)) {
          parts.push(stringify(rows.map(present).map((e) => csvColumns.map((c) => (Array.isArray(e[c]) ? (e[c] as string[]).join(' ') : (e[c] ?? ''))))));
        }
        return reply
          .type('text/csv; charset=utf-8')
          .header('Content-Disposition', `attachment; filename="toegangslog-${new Date().toISOString().slice(0, 10)}.csv"`)
          .header('Cache-Control', 'no-store')
          .send(parts.join(''));
      },
    );

    app.get(
      '/access-log/verification',
      { config, schema: { operationId: 'verifyAccessLog', summary: 'Check the hash chain of the whole access log', tags, response: { 200: chainVerificationSchema } } },
      async () => {
        const check = await verifyAccessLog(db);
        return { rows: check.rows, intact: check.firstBrokenId === undefined, ...(check.firstBrokenId !== undefined ? { firstBrokenId: check.firstBrokenId } : {}) };
      },
    );
  };
