import type { MailboxMessageRow } from './mailbox.repository';
import type { MailboxMessage } from './mailbox.schema';

const iso = (value: Date | string | null) => (value ? new Date(value).toISOString() : null);

/** A stored message to the API shape: never the raw bytes, never a raw row. */
export function presentMessage(row: MailboxMessageRow): MailboxMessage {
  return {
    id: row.id,
    source: row.source,
    subject: row.subject,
    sentAt: iso(row.sent_at),
    receivedAt: iso(row.received_at)!,
    processedAt: iso(row.processed_at),
    sizeBytes: row.size_bytes,
    truncated: row.raw_truncated,
    status: row.status,
    parseError: row.parse_error ? { code: row.parse_error, detail: row.parse_detail } : null,
    parseAttempts: row.parse_attempts,
    forwarded: row.forwarded,
    skippedAttachments: row.skipped_attachments,
    signal: row.signal_id && row.signal_reference ? { id: row.signal_id, reference: row.signal_reference } : null,
  };
}
