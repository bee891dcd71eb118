import type { RecordAction } from '@server/core/access/policy';
import type { LoadedSignal } from './signals.repository';
import type { ExploitationForm } from './signals.catalogue';
import type { Signal } from './signals.schema';

const date = (value: Date | string | null) => (value === null ? null : typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10));

export function presentSignal(loaded: LoadedSignal, permissions: Record<RecordAction, boolean>): Signal {
  const { signal: s } = loaded;
  const hasReporter = Boolean(s.reporter_name || s.reporter_email || s.reporter_phone || s.reporter_organisation);
  return {
    id: s.id,
    reference: s.reference,
    channel: s.channel,
    status: s.status,
    acute: s.acute,
    forms: s.forms as ExploitationForm[],
    indicators: s.indicators,
    summary: s.summary,
    periodFrom: date(s.period_from),
    periodUntil: date(s.period_until),
    meldcodeApplies: s.meldcode_applies,
    anonymous: s.anonymous,
    reporter: hasReporter ? { name: s.reporter_name, email: s.reporter_email, phone: s.reporter_phone, organisation: s.reporter_organisation } : null,
    language: s.language,
    receivedAt: s.received_at.toISOString(),
    submittedBy: s.submitted_by ? { id: s.submitted_by, displayName: s.submitted_by_name ?? '' } : null,
    municipalities: loaded.municipalities.map((m) => ({ code: m.code, name: m.name, derived: m.derived })),
    persons: loaded.persons.map((p) => ({
      id: p.id,
      role: p.role,
      name: p.name,
      alias: p.alias,
      phone: p.phone,
      email: p.email,
      approximateAge: p.approximate_age,
      nationality: p.nationality,
      bsn: p.bsn,
      description: p.description,
    })),
    businesses: loaded.businesses.map((b) => ({ id: b.id, name: b.name, kvkNumber: b.kvk_number, address: b.address, sector: b.sector })),
    locations: loaded.locations.map((l) => ({
      id: l.id,
      description: l.description,
      street: l.street,
      houseNumber: l.house_number,
      postcode: l.postcode,
      place: l.place,
      municipalityCode: l.municipality_code,
    })),
    vehicles: loaded.vehicles.map((v) => ({ id: v.id, licensePlate: v.license_plate, description: v.description })),
    attachments: loaded.attachments.map((a) => ({ id: a.id, fileName: a.file_name, mediaType: a.media_type, sizeBytes: a.size_bytes, sha256: a.sha256 })),
    additions: loaded.additions.map((a) => ({ id: a.id, text: a.text, createdAt: a.created_at.toISOString() })),
    links: loaded.links.map((l) => ({
      signalId: l.other_id,
      reference: l.other_reference,
      kind: l.kind === 'merged' ? (l.signal_id === s.id ? 'merged-into' : 'merged') : 'related',
      reason: l.reason,
      createdAt: l.created_at.toISOString(),
    })),
    mergedInto: s.merged_into ? { id: s.merged_into, reference: s.merged_into_reference ?? '' } : null,
    closedReason: s.closed_reason,
    version: s.version,
    permissions,
  };
}
