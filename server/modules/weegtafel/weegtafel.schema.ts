import { z } from 'zod';
import { pagedSchema, pageQuerySchema } from '@server/core/http/pagination';
import { caseFieldGroupSchema } from '@server/modules/regions';
import { trackKinds } from '@server/modules/cases';

const dateTime = z.iso.datetime({ offset: true });
const version = z.number().int().min(1).describe('The version you read; a stale one gets 409 and changes nothing');
const EXAMPLE_ID = '00000000-0000-4000-8000-000000000001';
const EXAMPLE_ORG = '00000000-0000-4000-8000-000000000002';

// The case vocabulary, inline (cases exports its constants, not its schemas; no second component id).
const caseStatusSchema = z.enum(['enrichment', 'put-forward', 'monitoring', 'closed']);
const trackKindSchema = z.enum(trackKinds);
const trackMeasureSchema = z.enum(['closure', 'bibob', 'permit', 'other']);

export const sessionStatusSchema = z.enum(['planned', 'held', 'confirmed', 'cancelled']).meta({ id: 'TableSessionStatus' });
export const agendaItemKindSchema = z.enum(['discussion', 'monitoring']).meta({ id: 'AgendaItemKind' });

export const sessionParamsSchema = z.strictObject({ id: z.uuid() });
export const itemParamsSchema = z.strictObject({ id: z.uuid(), itemId: z.uuid() });
export const invitationParamsSchema = z.strictObject({ id: z.uuid(), invitationId: z.uuid() });
export const organisationParamsSchema = z.strictObject({ organisationId: z.uuid() });
export const sessionQuerySchema = pageQuerySchema;

// --- requests --------------------------------------------------------------------------------

export const sessionCreateSchema = z
  .strictObject({
    startsAt: dateTime,
    endsAt: dateTime,
    location: z.string().trim().max(200).default(''),
    chairUserId: z.uuid().optional().describe('Left out: you chair it yourself'),
  })
  .meta({ id: 'TableSessionCreate', examples: [{ startsAt: '2026-12-10T09:00:00+01:00', endsAt: '2026-12-10T12:00:00+01:00', location: 'Zorg- en Veiligheidshuis, zaal 2' }] });
export type SessionCreate = z.infer<typeof sessionCreateSchema>;

export const sessionUpdateSchema = z
  .strictObject({
    version,
    startsAt: dateTime.optional(),
    endsAt: dateTime.optional().describe('Moving the end moves the end of every invited partner’s grant with it'),
    location: z.string().trim().max(200).optional(),
    status: z.enum(['held', 'cancelled']).optional().describe('Cancelling revokes every grant the invitations gave'),
  })
  .meta({ id: 'TableSessionUpdate', examples: [{ version: 1, endsAt: '2026-12-10T13:00:00+01:00' }] });
export type SessionUpdate = z.infer<typeof sessionUpdateSchema>;

export const agendaItemCreateSchema = z
  .strictObject({ caseId: z.uuid(), kind: agendaItemKindSchema })
  .meta({ id: 'AgendaItemCreate', examples: [{ caseId: EXAMPLE_ID, kind: 'discussion' }] });
export const agendaBulkSchema = z
  .strictObject({ caseIds: z.array(z.uuid()).min(1).max(100), kind: agendaItemKindSchema })
  .meta({ id: 'AgendaItemBulkCreate', examples: [{ caseIds: [EXAMPLE_ID], kind: 'monitoring' }] });
export const agendaItemUpdateSchema = z
  .strictObject({ summary: z.string().trim().max(20_000).describe('The discussion summary of this case') })
  .meta({ id: 'AgendaItemUpdate', examples: [{ summary: 'Besproken: zorgspoor loopt, politie onderzoekt de werkgever.' }] });

export const invitationCreateSchema = z
  .strictObject({
    organisationId: z.uuid(),
    legalBasis: z.string().regex(/^[a-z0-9-]+$/).optional().describe('Left out: the legal basis the organisation recorded for itself'),
    caseIds: z.array(z.uuid()).min(1).max(100).optional().describe('Only these cases of the agenda (the municipality that joins for its own case); left out: every case of the agenda'),
  })
  .meta({ id: 'TableInvitationCreate', examples: [{ organisationId: EXAMPLE_ORG, legalBasis: 'convenant' }] });
export type InvitationCreate = z.infer<typeof invitationCreateSchema>;

export const attendanceSchema = z
  .strictObject({ entries: z.array(z.strictObject({ organisationId: z.uuid(), present: z.boolean() })).min(1).max(100) })
  .meta({ id: 'TableAttendanceUpdate', examples: [{ entries: [{ organisationId: EXAMPLE_ORG, present: true }] }] });

export const decisionCreateSchema = z
  .strictObject({
    agendaItemId: z.uuid(),
    text: z.string().trim().min(3).max(10_000),
    tracks: z
      .array(z.strictObject({ kind: trackKindSchema, ownerOrganisationId: z.uuid(), measure: trackMeasureSchema.optional(), note: z.string().trim().max(2000).optional() }))
      .max(10)
      .default([]),
  })
  .meta({ id: 'TableDecisionCreate', examples: [{ agendaItemId: EXAMPLE_ID, text: 'Zorgspoor via de zorgcoördinator.', tracks: [{ kind: 'care', ownerOrganisationId: EXAMPLE_ORG }] }] });
export type DecisionCreate = z.infer<typeof decisionCreateSchema>;

export const minutesConfirmationSchema = z.strictObject({ version }).meta({ id: 'TableMinutesConfirmation', examples: [{ version: 3 }] });
export const amendmentCreateSchema = z
  .strictObject({ text: z.string().trim().min(3).max(10_000) })
  .meta({ id: 'TableMinutesAmendmentCreate', examples: [{ text: 'Correctie: het bestuurlijk spoor ligt bij de gemeente Hilversum.' }] });

export const legalBasisUpdateSchema = z
  .strictObject({ legalBasis: z.string().regex(/^[a-z0-9-]+$/), note: z.string().trim().max(1000).default('') })
  .meta({ id: 'PartnerLegalBasisUpdate', examples: [{ legalBasis: 'wpg', note: 'Art. 20 Wpg, convenant mensenhandel' }] });

// --- responses -------------------------------------------------------------------------------

const person = z.object({ id: z.uuid(), name: z.string() }).nullable();
const organisation = z.object({ id: z.uuid(), name: z.string(), type: z.string() });

export const sessionSummarySchema = z
  .object({
    id: z.uuid(),
    reference: z.string(),
    startsAt: dateTime,
    endsAt: dateTime,
    location: z.string(),
    status: sessionStatusSchema,
    chair: person,
    agendaItems: z.number().int(),
    invited: z.boolean().describe('Your organisation is invited'),
    version: z.number().int(),
  })
  .meta({ id: 'TableSessionSummary' });
export const sessionListSchema = pagedSchema('sessions', sessionSummarySchema).meta({ id: 'TableSessionList' });

const openTrack = z.object({ id: z.uuid(), kind: trackKindSchema, measure: trackMeasureSchema.nullable(), owner: z.string(), actions: z.number().int(), done: z.number().int(), overdue: z.number().int() });
const decision = z.object({ id: z.uuid(), agendaItemId: z.uuid(), text: z.string(), trackIds: z.array(z.uuid()), recordedBy: person, recordedAt: dateTime });

export const agendaItemSchema = z
  .object({
    id: z.uuid(),
    position: z.number().int(),
    kind: agendaItemKindSchema,
    caseId: z.uuid(),
    caseReference: z.string(),
    withheld: z.boolean().describe('The case is not shared with your organisation: only its reference is shown'),
    case: z
      .object({
        status: caseStatusSchema,
        title: z.string().nullable().describe('Null when the facts are not shared with you'),
        leadMunicipality: z.string(),
        municipalities: z.array(z.string()),
        groups: z.array(caseFieldGroupSchema).describe('The parts of the case you see'),
      })
      .nullable(),
    openTracks: z.array(openTrack).nullable(),
    summary: z.string().nullable(),
    decisions: z.array(decision).nullable(),
  })
  .meta({ id: 'TableAgendaItem' });

export const sessionSchema = z
  .object({
    id: z.uuid(),
    reference: z.string(),
    startsAt: dateTime,
    endsAt: dateTime,
    location: z.string(),
    status: sessionStatusSchema,
    chair: person,
    grantHoursAfter: z.number().int(),
    grantsUntil: dateTime.describe('Invited partners see the agenda’s cases until then'),
    minutesConfirmedAt: dateTime.nullable(),
    minutesConfirmedBy: person,
    agenda: z.array(agendaItemSchema),
    invitations: z.array(z.object({ id: z.uuid(), organisation, legalBasis: z.string(), caseIds: z.array(z.uuid()).nullable(), invitedAt: dateTime, invitedBy: person })),
    attendance: z.array(z.object({ organisation, present: z.boolean(), recordedAt: dateTime })),
    amendments: z.array(z.object({ id: z.uuid(), text: z.string(), amendedBy: person, amendedAt: dateTime })),
    version: z.number().int(),
    permissions: z.object({ update: z.boolean(), confirmMinutes: z.boolean(), amend: z.boolean(), downloadAgenda: z.boolean(), downloadMinutes: z.boolean() }),
  })
  .meta({ id: 'TableSession', 'x-personal-data': true });
export type Session = z.infer<typeof sessionSchema>;

export const sessionCreatedSchema = z.object({ id: z.uuid(), reference: z.string(), version: z.number().int() }).meta({ id: 'TableSessionCreated' });
export const createdSchema = z.object({ id: z.uuid() }).meta({ id: 'TableRecordCreated' });
export const decisionCreatedSchema = z.object({ id: z.uuid(), trackIds: z.array(z.uuid()) }).meta({ id: 'TableDecisionCreated' });

export const candidateListSchema = z
  .object({
    _embedded: z.object({
      candidates: z.array(
        z.object({
          caseId: z.uuid(),
          reference: z.string(),
          status: caseStatusSchema,
          kind: agendaItemKindSchema.describe('put-forward → discussion, monitoring → monitoring'),
          title: z.string().nullable(),
          leadMunicipality: z.string(),
          municipalities: z.array(z.string()),
          openTracks: z.number().int(),
          overdueActions: z.number().int(),
          nextDue: z.string().nullable(),
        }),
      ),
    }),
  })
  .meta({ id: 'TableAgendaCandidates', 'x-personal-data': true });

export const bulkResultSchema = z
  .object({
    _embedded: z.object({ results: z.array(z.object({ caseId: z.uuid(), outcome: z.enum(['done', 'refused', 'invalid']), code: z.string().nullable(), itemId: z.uuid().nullable() })) }),
    done: z.number().int(),
    failed: z.number().int(),
  })
  .meta({ id: 'TableAgendaBulkResult' });

export const legalBasisListSchema = z
  .object({
    _embedded: z.object({ legalBases: z.array(z.object({ organisation, legalBasis: z.string(), note: z.string(), recordedBy: person, recordedAt: dateTime })) }),
    options: z.array(z.object({ code: z.string(), label: z.object({ nl: z.string(), en: z.string() }) })),
  })
  .meta({ id: 'PartnerLegalBasisList' });
