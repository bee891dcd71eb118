import { z } from 'zod';
import { pagedSchema, pageQuerySchema } from '@server/core/http/pagination';
import { caseFieldGroupSchema } from '@server/modules/regions/regions.schema';
import { exploitationFormSchema } from '@server/modules/signals/signals.schema';
import {
  actionStatuses,
  caseAssessments,
  caseStatuses,
  closeReasonCodes,
  handoverStatuses,
  interventionAuthorities,
  trackKinds,
  trackMeasures,
} from './cases.catalogue';

const municipalityCode = z.string().regex(/^GM\d{4}$/, 'CBS municipality code, e.g. GM0193');
const isoDate = z.iso.date();
const dateTime = z.iso.datetime({ offset: true });
const text = (min: number, max: number) => z.string().trim().min(min).max(max);
const version = z.number().int().min(1).describe('The version you read; a stale one gets 409 and changes nothing');
const EXAMPLE_ID = '00000000-0000-4000-8000-000000000001';

export const caseStatusSchema = z.enum(caseStatuses).meta({ id: 'CaseStatus' });
export const caseAssessmentSchema = z.enum(caseAssessments).meta({ id: 'CaseAssessment' });
export const closeReasonCodeSchema = z.enum(closeReasonCodes).meta({ id: 'CaseCloseReasonCode' });
export const trackKindSchema = z.enum(trackKinds).meta({ id: 'TrackKind' });
export const trackMeasureSchema = z.enum(trackMeasures).meta({ id: 'TrackMeasure' });
export const actionStatusSchema = z.enum(actionStatuses).meta({ id: 'ActionStatus' });
export const handoverStatusSchema = z.enum(handoverStatuses).meta({ id: 'HandoverStatus' });
export const interventionAuthoritySchema = z.enum(interventionAuthorities).meta({ id: 'InterventionAuthority' });

export const caseParamsSchema = z.strictObject({ id: z.uuid() });
export const trackParamsSchema = z.strictObject({ id: z.uuid(), trackId: z.uuid() });
export const actionParamsSchema = z.strictObject({ id: z.uuid(), trackId: z.uuid(), actionId: z.uuid() });
export const handoverParamsSchema = z.strictObject({ id: z.uuid(), handoverId: z.uuid() });

// --- requests --------------------------------------------------------------------------------

export const caseCreateSchema = z
  .strictObject({
    signalIds: z.array(z.uuid()).min(1).max(50).describe('The signals the case starts from; they are marked forwarded'),
    title: text(3, 200).describe('A working title without names, e.g. "Nagelstudio Stationsstraat"'),
    summary: z.string().trim().max(10_000).default(''),
    leadMunicipality: municipalityCode.describe('The municipality that leads the case'),
    municipalities: z.array(municipalityCode).max(20).default([]).describe('Other municipalities involved'),
    forms: z.array(exploitationFormSchema).max(8).optional().describe('Left out: the forms named in the signals'),
  })
  .meta({
    id: 'CaseCreate',
    examples: [{ signalIds: [EXAMPLE_ID], title: 'Uitzendbureau Industrieweg', summary: 'Signalen over huisvesting en loon.', leadMunicipality: 'GM0193', municipalities: ['GM0150'] }],
  });
export type CaseCreate = z.infer<typeof caseCreateSchema>;

export const caseUpdateSchema = z
  .strictObject({
    version,
    title: text(3, 200).optional(),
    summary: z.string().trim().max(10_000).optional(),
    forms: z.array(exploitationFormSchema).max(8).optional(),
    acute: z.boolean().optional(),
    municipalities: z.array(municipalityCode).max(20).optional().describe('The involved municipalities besides the lead (the lead changes only by a hand-over)'),
    assignedTo: z.uuid().nullable().optional().describe('The account that handles the case'),
  })
  .meta({ id: 'CaseUpdate', examples: [{ version: 2, summary: 'Aangevuld na overleg met het wijkteam.', municipalities: ['GM0150'] }] });
export type CaseUpdate = z.infer<typeof caseUpdateSchema>;

export const caseSignalJoinSchema = z
  .strictObject({ signalId: z.uuid(), version })
  .meta({ id: 'CaseSignalJoin', examples: [{ signalId: EXAMPLE_ID, version: 1 }] });

export const sourceCheckCreateSchema = z
  .strictObject({ source: z.string().regex(/^[a-z0-9-]+$/).describe('A code of the region’s caseSources'), consultedOn: isoDate, finding: text(1, 5000) })
  .meta({ id: 'CaseSourceCheckCreate', examples: [{ source: 'brp', consultedOn: '2026-12-01', finding: 'Acht personen ingeschreven op één adres.' }] });

export const consultationCreateSchema = z
  .strictObject({ organisationId: z.uuid(), consultedOn: isoDate, summary: text(1, 5000) })
  .meta({ id: 'CaseConsultationCreate', examples: [{ organisationId: EXAMPLE_ID, consultedOn: '2026-12-01', summary: 'Wijkagent bevestigt wisselende bewoners.' }] });

export const assessmentCreateSchema = z
  .strictObject({
    version,
    decision: caseAssessmentSchema.describe('local-help: regular help (a local-help track); acute-care: to the zorgcoördinator (a care track); table: put forward to the regional table; close: end with a reason'),
    reason: text(1, 5000).describe('Why: the grounds of the decision'),
    closeReasonCode: closeReasonCodeSchema.optional().describe('Required with decision close'),
  })
  .meta({ id: 'CaseAssessmentCreate', examples: [{ version: 3, decision: 'table', reason: 'Vermoeden versterkt na verrijking; meerdere partners nodig.' }] });
export type AssessmentCreate = z.infer<typeof assessmentCreateSchema>;

export const closureCreateSchema = z
  .strictObject({ version, reasonCode: closeReasonCodeSchema, reason: text(1, 5000) })
  .meta({ id: 'CaseClosureCreate', examples: [{ version: 7, reasonCode: 'tracks-completed', reason: 'Alle sporen afgerond; cliënt is veilig gehuisvest.' }] });
export type ClosureCreate = z.infer<typeof closureCreateSchema>;

export const handoverCreateSchema = z
  .strictObject({ toMunicipality: municipalityCode, reason: text(1, 2000) })
  .meta({ id: 'CaseHandoverCreate', examples: [{ toMunicipality: 'GM0150', reason: 'Het slachtoffer woont in Deventer; de uitbuiting speelde in Zwolle.' }] });

export const handoverDecisionSchema = z
  .strictObject({ decision: z.enum(['accepted', 'declined', 'withdrawn']), note: z.string().trim().max(2000).default('') })
  .meta({ id: 'CaseHandoverDecision', examples: [{ decision: 'accepted', note: 'Wij nemen de regie over.' }] });

export const trackCreateSchema = z
  .strictObject({
    kind: trackKindSchema,
    ownerOrganisationId: z.uuid().describe('The organisation that directs this track'),
    measure: trackMeasureSchema.optional().describe('Administrative tracks: closure, Bibob, permit'),
    note: z.string().trim().max(2000).default(''),
  })
  .meta({ id: 'TrackCreate', examples: [{ kind: 'care', ownerOrganisationId: EXAMPLE_ID, note: 'Opvang en medische zorg regelen.' }] });
export type TrackCreate = z.infer<typeof trackCreateSchema>;

export const trackCloseSchema = z
  .strictObject({ version, status: z.literal('closed'), closedReason: text(1, 2000) })
  .meta({ id: 'TrackClose', examples: [{ version: 1, status: 'closed', closedReason: 'Cliënt is overgedragen aan de reguliere hulp.' }] });

export const actionCreateSchema = z
  .strictObject({
    description: text(1, 2000),
    ownerUserId: z.uuid().optional(),
    ownerOrganisationId: z.uuid().optional(),
    dueOn: isoDate.describe('Today or later'),
  })
  .meta({ id: 'ActionCreate', examples: [{ description: 'Opvangplek regelen', ownerOrganisationId: EXAMPLE_ID, dueOn: '2099-01-15' }] });
export type ActionCreate = z.infer<typeof actionCreateSchema>;

export const actionUpdateSchema = z
  .strictObject({ version, status: z.enum(['done', 'cancelled', 'open']).optional(), dueOn: isoDate.optional() })
  .meta({ id: 'ActionUpdate', examples: [{ version: 1, status: 'done' }] });

export const interventionCreateSchema = z
  .strictObject({
    authority: interventionAuthoritySchema.describe('Under whose authority it was done: police/OM, the mayor, the zorgcoördinator'),
    organisationId: z.uuid().optional().describe('The organisation that acted; left out: your own'),
    actedAt: dateTime.describe('When it was done (not in the future)'),
    description: text(1, 5000),
  })
  .meta({ id: 'InterventionCreate', examples: [{ authority: 'police-om', actedAt: '2026-12-01T22:15:00+01:00', description: 'Controle op het adres; twee personen naar veilige opvang.' }] });
export type InterventionCreate = z.infer<typeof interventionCreateSchema>;

const sortValues = ['due', 'newest', 'oldest', 'updated'] as const;
export const caseQuerySchema = pageQuerySchema.extend({
  status: z.enum(['open', ...caseStatuses, 'all']).default('open').describe('open = not closed'),
  municipality: municipalityCode.optional(),
  assigned: z.enum(['me', 'none']).optional(),
  overdue: z.enum(['true']).optional(),
  sort: z.enum(sortValues).default('due'),
});
export type CaseQuery = z.infer<typeof caseQuerySchema>;

export const caseSearchSchema = z
  .strictObject({
    text: z.string().trim().min(2).max(100).optional().describe('In the reference or title (in the body: never in a URL)'),
    status: z.enum(['open', ...caseStatuses, 'all']).default('all'),
    municipality: municipalityCode.optional(),
    form: exploitationFormSchema.optional(),
    trackKind: trackKindSchema.optional(),
    overdue: z.boolean().optional(),
  })
  .meta({ id: 'CaseSearch', examples: [{ text: 'nagelstudio', status: 'open' }] });
export type CaseSearch = z.infer<typeof caseSearchSchema>;

export const caseBulkSchema = z
  .strictObject({
    action: z.enum(['assign', 'close']),
    caseIds: z.array(z.uuid()).min(1).max(100),
    assigneeId: z.uuid().nullable().optional().describe('assign: the account, or null to unassign'),
    reasonCode: closeReasonCodeSchema.optional().describe('close: required'),
    reason: z.string().trim().max(5000).optional().describe('close: required'),
  })
  .meta({ id: 'CaseBulkAction', examples: [{ action: 'assign', caseIds: [EXAMPLE_ID], assigneeId: EXAMPLE_ID }] });
export type CaseBulk = z.infer<typeof caseBulkSchema>;

export const caseExportSchema = z
  .strictObject({ caseIds: z.array(z.uuid()).min(1).max(1000), purpose: text(3, 300).describe('Why the export is needed (in the access log)') })
  .meta({ id: 'CaseExport', examples: [{ caseIds: [EXAMPLE_ID], purpose: 'Voorbereiding weeg- en monitortafel' }] });

// --- responses -------------------------------------------------------------------------------

const permissions = z
  .object({
    read: z.boolean(),
    update: z.boolean().describe('Change the case, assess, hand over, open tracks'),
    export: z.boolean(),
    recordIntervention: z.boolean(),
  })
  .meta({ id: 'CasePermissions' });

const municipality = z.object({ code: z.string(), name: z.string(), lead: z.boolean() });
const person = z.object({ id: z.uuid(), signalId: z.uuid(), role: z.string(), name: z.string().nullable(), alias: z.string().nullable(), phone: z.string().nullable(), approximateAge: z.number().int().nullable(), nationality: z.string().nullable(), hasBsn: z.boolean() });
const place = z.object({ kind: z.enum(['location', 'business', 'vehicle']), signalId: z.uuid(), label: z.string(), municipalityCode: z.string().nullable() });
const actor = z.object({ id: z.uuid(), displayName: z.string() }).nullable();
const organisation = z.object({ id: z.uuid(), name: z.string(), type: z.string() });

export const actionSchema = z
  .object({
    id: z.uuid(),
    description: z.string(),
    ownerUser: actor,
    ownerOrganisation: organisation.nullable(),
    dueOn: z.string(),
    status: actionStatusSchema,
    overdue: z.boolean(),
    completedAt: dateTime.nullable(),
    version: z.number().int(),
    mine: z.boolean().describe('Owned by me or my organisation'),
  })
  .meta({ id: 'TrackAction' });

export const trackSchema = z
  .object({
    id: z.uuid(),
    kind: trackKindSchema,
    measure: trackMeasureSchema.nullable(),
    owner: organisation,
    status: z.enum(['open', 'closed']),
    note: z.string(),
    openedAt: dateTime,
    closedAt: dateTime.nullable(),
    closedReason: z.string().nullable(),
    fromDecision: z.object({ id: z.uuid(), sessionId: z.uuid() }).nullable(),
    actions: z.array(actionSchema),
    version: z.number().int(),
    canUpdate: z.boolean().describe('You may add actions and close this track'),
  })
  .meta({ id: 'Track' });

export const caseSchema = z
  .object({
    id: z.uuid(),
    reference: z.string(),
    status: caseStatusSchema,
    acute: z.boolean(),
    title: z.string().nullable().describe('Null when the facts are not shared with you'),
    summary: z.string().nullable(),
    forms: z.array(exploitationFormSchema).nullable(),
    leadMunicipality: z.string(),
    municipalities: z.array(municipality),
    assignedTo: actor,
    assessment: z.object({ decision: caseAssessmentSchema, reason: z.string(), at: dateTime, by: actor }).nullable(),
    stepDue: z.string().nullable().describe('The deadline of the current step: the first assessment, or the discussion at the table'),
    nextDue: z.string().nullable(),
    overdue: z.boolean(),
    closed: z.object({ reasonCode: closeReasonCodeSchema, reason: z.string(), at: dateTime, by: actor }).nullable(),
    signals: z.array(z.object({ id: z.uuid(), reference: z.string(), receivedAt: dateTime, channel: z.string() })).nullable(),
    persons: z.array(person).nullable(),
    places: z.array(place).nullable(),
    sourceChecks: z.array(z.object({ id: z.uuid(), source: z.string(), sourceLabel: z.string(), consultedOn: z.string(), finding: z.string(), recordedBy: actor, recordedAt: dateTime })).nullable(),
    consultations: z.array(z.object({ id: z.uuid(), organisation, consultedOn: z.string(), summary: z.string(), recordedBy: actor, recordedAt: dateTime })).nullable(),
    handovers: z.array(
      z.object({
        id: z.uuid(),
        from: z.string(),
        to: z.string(),
        reason: z.string(),
        status: handoverStatusSchema,
        dueOn: z.string(),
        requestedBy: actor,
        requestedAt: dateTime,
        decidedAt: dateTime.nullable(),
        decisionNote: z.string().nullable(),
        canDecide: z.boolean(),
      }),
    ),
    tracks: z.array(trackSchema).nullable(),
    interventions: z.array(z.object({ id: z.uuid(), authority: interventionAuthoritySchema, organisation, actedAt: dateTime, description: z.string(), recordedBy: actor, recordedAt: dateTime })).nullable(),
    withheld: z.array(caseFieldGroupSchema).describe('Parts of the case not shared with your organisation'),
    access: z.object({
      via: z.enum(['role', 'grant']),
      grant: z
        .object({ id: z.uuid(), validUntil: dateTime, legalBasis: z.string(), legalBasisLabel: z.object({ nl: z.string(), en: z.string() }), purpose: z.string() })
        .nullable(),
    }),
    createdAt: dateTime,
    updatedAt: dateTime,
    version: z.number().int(),
    permissions,
  })
  .meta({ id: 'Case', 'x-personal-data': true });
export type Case = z.infer<typeof caseSchema>;

export const caseSummarySchema = z
  .object({
    id: z.uuid(),
    reference: z.string(),
    title: z.string().nullable(),
    status: caseStatusSchema,
    acute: z.boolean(),
    forms: z.array(exploitationFormSchema),
    leadMunicipality: z.string(),
    municipalities: z.array(z.string()),
    assignedTo: actor,
    nextDue: z.string().nullable(),
    overdue: z.boolean(),
    openTracks: z.number().int(),
    updatedAt: dateTime,
    via: z.enum(['role', 'grant']),
  })
  .meta({ id: 'CaseSummary' });
export const caseListSchema = pagedSchema('cases', caseSummarySchema).meta({ id: 'CaseList', 'x-personal-data': true });

export const caseAssigneesSchema = z
  .object({ _embedded: z.object({ assignees: z.array(z.object({ id: z.uuid(), displayName: z.string() })) }) })
  .meta({ id: 'CaseAssignees', description: 'The colleagues who may work on the case, by name: the region’s ketenregisseurs and the aandachtsfunctionarissen of its municipalities' });

export const caseEventSchema = z.object({ id: z.string(), at: dateTime, kind: z.string(), group: caseFieldGroupSchema, actor: z.string().nullable(), detail: z.record(z.string(), z.unknown()) });
export const caseTimelineSchema = z.object({ _embedded: z.object({ events: z.array(caseEventSchema) }) }).meta({ id: 'CaseTimeline', 'x-personal-data': true });

export const bulkResultSchema = z
  .object({
    _embedded: z.object({ results: z.array(z.object({ caseId: z.uuid(), outcome: z.enum(['done', 'refused', 'conflict', 'invalid']), code: z.string().nullable() })) }),
    done: z.number().int(),
    failed: z.number().int(),
  })
  .meta({ id: 'CaseBulkResult' });

export const myWorkSchema = z
  .object({
    cases: z.array(caseSummarySchema),
    actions: z.array(actionSchema.extend({ caseId: z.uuid(), caseReference: z.string(), trackKind: trackKindSchema })),
    handovers: z.array(z.object({ id: z.uuid(), caseId: z.uuid(), caseReference: z.string(), from: z.string(), to: z.string(), dueOn: z.string(), overdue: z.boolean() })),
    counts: z.object({ cases: z.number().int(), actions: z.number().int(), handovers: z.number().int(), overdue: z.number().int() }),
  })
  .meta({ id: 'MyWork', 'x-personal-data': true });

export const myWorkCountsSchema = z
  .object({ cases: z.number().int(), actions: z.number().int(), handovers: z.number().int(), overdue: z.number().int(), total: z.number().int() })
  .meta({ id: 'MyWorkCounts' });

export const caseCatalogueSchema = z
  .object({
    statuses: z.array(caseStatusSchema),
    assessments: z.array(caseAssessmentSchema),
    closeReasonCodes: z.array(closeReasonCodeSchema),
    trackKinds: z.array(trackKindSchema),
    trackMeasures: z.array(trackMeasureSchema),
    interventionAuthorities: z.array(interventionAuthoritySchema),
    sources: z.array(z.object({ code: z.string(), label: z.object({ nl: z.string(), en: z.string() }) })),
    deadlines: z.object({ assessmentWorkingDays: z.number().int(), handoverWorkingDays: z.number().int(), tableWorkingDays: z.number().int() }),
    actionStatuses: z.array(actionStatusSchema),
  })
  .meta({ id: 'CaseCatalogue' });
