import type { Db } from '@server/core/db/database';

export function insertReport(db: Db, report: { regionCode: string; reference: string; pagePath: string | null; description: string }) {
  return db
    .insertInto('accessibility_report')
    .values({ region_code: report.regionCode, reference: report.reference, page_path: report.pagePath, description: report.description })
    .returning(['reference', 'created_at'])
    .executeTakeFirstOrThrow();
}
