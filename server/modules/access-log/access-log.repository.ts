import type { Db } from '@server/core/db/database';
import type { AccessLogFilter } from './access-log.schema';

function filtered(db: Db, region: string, filter: AccessLogFilter) {
  let query = db
    .selectFrom('access_log as l')
    .leftJoin('app_user as u', 'u.id', 'l.user_id')
    // Entries of this region (failed log-ins: the account's region, or the installation's for an
    // unknown address), and security events of its accounts written before anyone was logged in.
    .where((eb) => eb.or([eb('l.region_code', '=', region), eb('u.region_code', '=', region)]));
  if (filter.from) query = query.where('l.at', '>=', new Date(filter.from));
  if (filter.to) query = query.where('l.at', '<', new Date(filter.to));
  if (filter.userId) query = query.where('l.user_id', '=', filter.userId);
  if (filter.action) query = query.where('l.action', '=', filter.action);
  if (filter.recordType) query = query.where('l.record_type', '=', filter.recordType);
  if (filter.recordId) query = query.where('l.record_id', '=', filter.recordId);
  if (filter.outcome) query = query.where('l.outcome', '=', filter.outcome);
  if (filter.subject) query = query.where((eb) => eb(eb.val(filter.subject!), '=', eb.fn.any('l.subjects')));
  return query;
}

const columns = [
  'l.id',
  'l.at',
  'l.user_id',
  'u.display_name as user_name',
  'l.role',
  'l.organisation_id',
  'l.action',
  'l.record_type',
  'l.record_id',
  'l.subjects',
  'l.purpose',
  'l.grant_id',
  'l.client_address',
  'l.user_agent',
  'l.request_id',
  'l.outcome',
  'l.reason',
] as const;

export async function searchAccessLog(db: Db, region: string, filter: AccessLogFilter, limit: number, offset: number) {
  const base = filtered(db, region, filter);
  const [rows, total] = await Promise.all([
    base.select(columns).orderBy('l.id', 'desc').limit(limit).offset(offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}
export type AccessLogRow = Awaited<ReturnType<typeof searchAccessLog>>['rows'][number];

/** For the CSV export: in batches, newest first, at most `max` rows. */
export async function* streamAccessLog(db: Db, region: string, filter: AccessLogFilter, max: number) {
  let before: number | undefined;
  let sent = 0;
  while (sent < max) {
    let query = filtered(db, region, filter);
    if (before !== undefined) query = query.where('l.id', '<', before);
    const rows = await query.select(columns).orderBy('l.id', 'desc').limit(Math.min(2000, max - sent)).execute();
    if (rows.length === 0) return;
    yield rows;
    sent += rows.length;
    before = Number(rows[rows.length - 1]!.id);
  }
}
