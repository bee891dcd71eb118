import { deliveryStatus } from '@server/core/mail/outbox';
import type { AcknowledgementRow, AlertRow, RecipientRow, ShiftRow } from './alerts.repository';
import type { Alert, OnCallShift } from './alerts.schema';

const iso = (value: Date | string) => new Date(value).toISOString();
const isoOrNull = (value: Date | string | null) => (value === null ? null : iso(value));

export function presentShift(row: ShiftRow, overlapsWith: string[]): OnCallShift {
  return {
    id: row.id,
    person: { id: row.user_id, displayName: row.display_name, organisation: { id: row.organisation_id, name: row.organisation_name } },
    channel: row.channel,
    address: row.address,
    effectiveAddress: row.address ?? row.user_email,
    note: row.note,
    from: iso(row.starts_at),
    until: iso(row.ends_at),
    overlapsWith,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export function presentAcknowledgement(row: AcknowledgementRow): Alert['acknowledgements'][number] {
  return { id: row.id, alertId: row.alert_id, person: { id: row.user_id, displayName: row.display_name }, at: iso(row.at) };
}

function presentRecipient(row: RecipientRow): Alert['recipients'][number] {
  const status = deliveryStatus(row);
  return {
    id: row.id,
    person: row.user_id ? { id: row.user_id, displayName: row.display_name ?? '' } : null,
    address: row.address,
    fallback: row.fallback,
    channel: 'email',
    delivery: {
      status,
      attempts: row.attempts,
      lastAttemptAt: isoOrNull(row.last_attempt_at),
      sentAt: isoOrNull(row.sent_at),
      nextAttemptAt: status === 'pending' ? iso(row.next_attempt_at) : null,
      lastError: status === 'sent' ? null : row.last_error,
    },
  };
}

export function presentAlert(row: AlertRow, recipients: RecipientRow[], acknowledgements: AcknowledgementRow[], names: ReadonlyMap<string, string>): Alert {
  return {
    id: row.id,
    kind: row.kind,
    status: row.acknowledged_at ? 'acknowledged' : 'open',
    signal: {
      id: row.signal_id,
      reference: row.signal_reference,
      receivedAt: iso(row.signal_received_at),
      municipalities: row.municipalities.map((code) => ({ code, name: names.get(code) ?? code })),
    },
    createdAt: iso(row.created_at),
    nobodyOnCall: row.nobody_on_call,
    recipients: recipients.filter((r) => r.alert_id === row.id).map(presentRecipient),
    acknowledgements: acknowledgements.filter((a) => a.alert_id === row.id).map(presentAcknowledgement),
  };
}
