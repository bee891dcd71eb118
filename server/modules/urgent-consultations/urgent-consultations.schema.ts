import { z } from 'zod';
import { pagedSchema, pageQuerySchema } from '@server/core/http/pagination';

const dateTime = z.iso.datetime({ offset: true });
const text = (min: number, max: number) => z.string().trim().min(min).max(max);
const EXAMPLE_ID = '00000000-0000-4000-8000-000000000001';

export const urgentConsultationStatuses = ['open', 'advised'] as const;
export const urgentConsultationStatusSchema = z.enum(urgentConsultationStatuses).meta({ id: 'UrgentConsultationStatus' });

export const caseParamsSchema = z.strictObject({ id: z.uuid() });
export const consultationParamsSchema = z.strictObject({ id: z.uuid() });
export const consultationListQuerySchema = pageQuerySchema;

// --- requests --------------------------------------------------------------------------------

export const consultationCreateSchema = z
  .strictObject({
    question: text(3, 5_000).describe('What advice is needed, without more personal data than the partners need'),
    invitees: z
      .array(
        z.strictObject({
          organisationId: z.uuid(),
          legalBasis: z.string().regex(/^[a-z0-9-]+$/).optional().describe("One of the region's legal bases; left out: the basis the organisation recorded for itself"),
        }),
      )
      .min(1)
      .max(20)
      .describe('The partner organisations asked for advice; each gets a time-boxed grant on the case'),
  })
  .meta({
    id: 'UrgentConsultationCreate',
    examples: [{ question: 'Kan de cliënt vannacht veilig worden opgevangen, en wie meldt het aan?', invitees: [{ organisationId: EXAMPLE_ID, legalBasis: 'convenant' }] }],
  });
export type ConsultationCreate = z.infer<typeof consultationCreateSchema>;

export const contributionCreateSchema = z
  .strictObject({ text: text(1, 10_000).describe('A contribution to the thread; it cannot be changed afterwards') })
  .meta({ id: 'UrgentConsultationContributionCreate', examples: [{ text: 'Veilig Thuis heeft vannacht een plek in de crisisopvang.' }] });
export type ContributionCreate = z.infer<typeof contributionCreateSchema>;

export const adviceCreateSchema = z
  .strictObject({
    version: z.number().int().min(1).describe('The version you read; once the advice is recorded the consultation answers 409'),
    advice: text(3, 10_000).describe('The advice of the spoed-MDO; recorded once, not editable'),
  })
  .meta({ id: 'UrgentConsultationAdviceCreate', examples: [{ version: 1, advice: 'Opvang via Veilig Thuis vannacht; zorgcoördinator meldt morgen aan bij COSM.' }] });
export type AdviceCreate = z.infer<typeof adviceCreateSchema>;

// --- responses -------------------------------------------------------------------------------

const organisationRefSchema = z.object({ id: z.uuid(), name: z.string(), type: z.string() });
const personRefSchema = z.object({ id: z.uuid(), name: z.string() }).nullable();

export const consultationPermissionsSchema = z
  .object({
    contribute: z.boolean().describe('May add to the thread (the consultation is open)'),
    advise: z.boolean().describe('May record the advice (opened it, or works the case)'),
    closeSharing: z.boolean().describe("May end the invited partners' access now (opened it, or works the case; while their grants run)"),
  })
  .meta({ id: 'UrgentConsultationPermissions' });

export const consultationSchema = z
  .object({
    id: z.uuid(),
    caseId: z.uuid(),
    caseReference: z.string(),
    question: z.string(),
    status: urgentConsultationStatusSchema,
    openedAt: dateTime,
    openedBy: personRefSchema,
    grantUntil: dateTime.describe('When the invited partners lose access to the case and this consultation'),
    invitees: z.array(z.object({ organisation: organisationRefSchema, legalBasis: z.string() })),
    contributions: z.array(z.object({ id: z.uuid(), at: dateTime, author: personRefSchema, organisation: organisationRefSchema.nullable(), text: z.string() })),
    advice: z.object({ text: z.string(), at: dateTime, by: personRefSchema }).nullable(),
    version: z.number().int(),
    permissions: consultationPermissionsSchema,
  })
  .meta({ id: 'UrgentConsultation', 'x-personal-data': true });
export type Consultation = z.infer<typeof consultationSchema>;

/** A consultation on a case page: the question is shown, the thread only on its own page. */
export const caseConsultationSchema = z
  .object({
    id: z.uuid(),
    question: z.string(),
    status: urgentConsultationStatusSchema,
    openedAt: dateTime,
    grantUntil: dateTime,
    invitees: z.array(organisationRefSchema),
    contributions: z.number().int().describe('How many contributions the thread has'),
  })
  .meta({ id: 'CaseUrgentConsultation' });
export const caseConsultationListSchema = z
  .object({ _embedded: z.object({ consultations: z.array(caseConsultationSchema) }) })
  .meta({ id: 'CaseUrgentConsultationList', 'x-personal-data': true });

/** My spoed-MDOs: by reference and status only (no question), so the list holds no case content. */
export const myConsultationSchema = z
  .object({
    id: z.uuid(),
    caseId: z.uuid(),
    caseReference: z.string(),
    status: urgentConsultationStatusSchema,
    openedAt: dateTime,
    grantUntil: dateTime,
    openedByMe: z.boolean(),
    invited: z.boolean().describe('My organisation is invited'),
  })
  .meta({ id: 'MyUrgentConsultation' });
export const myConsultationListSchema = pagedSchema('consultations', myConsultationSchema).meta({ id: 'MyUrgentConsultationList' });
export type MyConsultation = z.infer<typeof myConsultationSchema>;
