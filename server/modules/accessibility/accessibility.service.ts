import { randomInt } from 'node:crypto';
import type { Db } from '@server/core/db/database';
import type { AccessibilityReportInput, AccessibilityReportReceipt } from './accessibility.schema';
import { insertReport } from './accessibility.repository';

// Crockford base32 without look-alikes, so a reference can be read out over the phone.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newReference(now = new Date()): string {
  const random = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `TG-${now.getUTCFullYear()}-${random}`;
}

/** Stores a report of an accessibility problem. No IP address or user agent is kept. */
export async function reportProblem(db: Db, regionCode: string, input: AccessibilityReportInput): Promise<AccessibilityReportReceipt> {
  const row = await insertReport(db, {
    regionCode,
    reference: newReference(),
    pagePath: input.pagePath ?? null,
    description: input.description,
  });
  return { reference: row.reference, receivedAt: new Date(row.created_at).toISOString() };
}
