import { z } from 'zod';
import { pagedSchema, pageQuerySchema } from '@server/core/http/pagination';

export const organisationTypes = [
  'police',
  'public-prosecution',
  'zorg-en-veiligheidshuis',
  'riec',
  'veilig-thuis',
  'care-coordination',
  'care-provider',
  'shelter',
  'inspection',
  'municipality',
  'regional-body',
  'national-centre',
  'legal-aid',
  'other',
] as const;
export const organisationTypeSchema = z.enum(organisationTypes).meta({ id: 'OrganisationType' });
export type OrganisationType = z.infer<typeof organisationTypeSchema>;

const regionCode = z.string().regex(/^[a-z0-9-]+$/, 'kebab-case code, e.g. ijsselland');
const municipalityCode = z.string().regex(/^GM\d{4}$/, 'CBS municipality code, e.g. GM0193');

/** Legal bases a partner can record for sharing data (configurable per region in its settings). */
export const defaultLegalBases = [
  { code: 'avg-6-1-e', label: { nl: 'AVG art. 6 lid 1 sub e (taak van algemeen belang)', en: 'GDPR art. 6(1)(e) (public task)' } },
  { code: 'avg-6-1-c', label: { nl: 'AVG art. 6 lid 1 sub c (wettelijke verplichting)', en: 'GDPR art. 6(1)(c) (legal obligation)' } },
  { code: 'wgs', label: { nl: 'Wet gegevensverwerking door samenwerkingsverbanden', en: 'Data Processing by Partnerships Act (WGS)' } },
  { code: 'wpg', label: { nl: 'Wet politiegegevens (art. 19/20)', en: 'Police Data Act (Wpg)' } },
  { code: 'wjsg', label: { nl: 'Wet justitiële en strafvorderlijke gegevens', en: 'Judicial and Criminal Records Act (Wjsg)' } },
  { code: 'wmo-meldcode', label: { nl: 'Wmo 2015 / meldcode huiselijk geweld en kindermishandeling', en: 'Wmo 2015 / reporting code domestic violence' } },
  { code: 'convenant', label: { nl: 'Regionaal privacyconvenant aanpak mensenhandel', en: 'Regional privacy covenant on human trafficking' } },
];

/**
 * Parts of a case that a region shares, per partner type, with an organisation that sees the case
 * only through a grant (a table invitation, a spoed-MDO, a track it owns). The reference, status,
 * municipalities and dates are always shown; everything else only when its group is shared.
 */
export const caseFieldGroups = ['facts', 'persons', 'places', 'enrichment', 'consultations', 'tracks', 'table'] as const;
export type CaseFieldGroup = (typeof caseFieldGroups)[number];
export const caseFieldGroupSchema = z.enum(caseFieldGroups).meta({ id: 'CaseFieldGroup' });

const allGroups = [...caseFieldGroups];
export const defaultCaseSharing: Partial<Record<OrganisationType, CaseFieldGroup[]>> = {
  police: allGroups,
  'public-prosecution': allGroups,
  'zorg-en-veiligheidshuis': allGroups,
  municipality: allGroups,
  riec: ['facts', 'places', 'tracks', 'table'],
  'veilig-thuis': ['facts', 'persons', 'tracks', 'table'],
  'care-coordination': ['facts', 'persons', 'tracks', 'table'],
  inspection: ['facts', 'places', 'table'],
  'care-provider': ['facts'],
  shelter: ['facts'],
  'legal-aid': ['facts'],
};

const label = z.strictObject({ nl: z.string(), en: z.string() });
/** Municipal sources an aandachtsfunctionaris consults to enrich a signal (seed 002, §2.1). */
export const defaultCaseSources = [
  { code: 'brp', label: { nl: 'Basisregistratie Personen (BRP)', en: 'Personal Records Database (BRP)' } },
  { code: 'sociaal-domein', label: { nl: 'Sociaal domein / wijkteam', en: 'Social domain / neighbourhood team' } },
  { code: 'wmo', label: { nl: 'Wmo-voorzieningen', en: 'Social support (Wmo)' } },
  { code: 'schuldhulp', label: { nl: 'Schuldhulpverlening', en: 'Debt help' } },
  { code: 'werk-en-inkomen', label: { nl: 'Werk en inkomen', en: 'Work and income' } },
  { code: 'leerplicht', label: { nl: 'Leerplicht / RMC', en: 'Compulsory education / RMC' } },
  { code: 'vergunningen', label: { nl: 'Vergunningen (APV, horeca, exploitatie)', en: 'Permits (bylaws, hospitality, operation)' } },
  { code: 'handhaving', label: { nl: 'Toezicht en handhaving', en: 'Supervision and enforcement' } },
  { code: 'huisvesting', label: { nl: 'Huisvesting / woningcorporatie', en: 'Housing / housing association' } },
  { code: 'kvk', label: { nl: 'Handelsregister (KvK)', en: 'Trade register (KvK)' } },
];

export const caseDeadlinesSchema = z
  .strictObject({
    assessmentWorkingDays: z.number().int().min(1).max(60).default(5).describe('From a new case to the first assessment by the aandachtsfunctionaris'),
    handoverWorkingDays: z.number().int().min(1).max(60).default(3).describe('For the receiving municipality to accept or decline a hand-over'),
    tableWorkingDays: z.number().int().min(1).max(120).default(15).describe('From putting a case forward to its discussion at the table'),
  })
  .meta({ id: 'CaseDeadlines' });

export const regionSettingsSchema = z
  .strictObject({
    timezone: z.string().default('Europe/Amsterdam'),
    defaultLocale: z.enum(['nl', 'en']).default('nl'),
    smallCellThreshold: z.number().int().min(1).max(50).default(5).describe('Aggregates hide counts below this'),
    legalBases: z
      .array(z.strictObject({ code: z.string().regex(/^[a-z0-9-]+$/), label: z.strictObject({ nl: z.string(), en: z.string() }) }))
      .min(1)
      .default(defaultLegalBases)
      .describe('Legal bases that can be recorded on a grant'),
    places: z
      .record(z.string().min(1), municipalityCode)
      .default({})
      .describe('Place names (woonplaatsen) that are not a municipality name, to route signals to their municipality'),
    duplicateWindowDays: z.number().int().min(1).max(3650).default(365).describe('How far back a signal is compared for likely duplicates'),
    caseSources: z.array(z.strictObject({ code: z.string().regex(/^[a-z0-9-]+$/), label })).min(1).default(defaultCaseSources).describe('Sources consulted to enrich a case'),
    caseDeadlines: caseDeadlinesSchema.prefault({}),
    caseSharing: z
      .partialRecord(organisationTypeSchema, z.array(caseFieldGroupSchema))
      .default(defaultCaseSharing)
      .describe('Per partner type: the parts of a case shared with an organisation that sees it through a grant'),
    tableGrantHoursAfterSession: z.number().int().min(0).max(24 * 30).default(48).describe('How long after a table session the invited partners keep access to its cases'),
    urgentConsultationGrantHours: z.number().int().min(1).max(24 * 14).default(72).describe('How long the partners invited to a spoed-MDO keep access to the case'),
  })
  .meta({ id: 'RegionSettings' });

/** The file format of config/regions/<code>.json. */
export const regionFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    code: regionCode,
    name: z.string().min(1),
    inhabitantsSource: z.string().min(1),
    settings: regionSettingsSchema.prefault({}),
    municipalities: z
      .array(z.strictObject({ code: municipalityCode, name: z.string().min(1), inhabitants: z.number().int().min(0) }))
      .min(1),
    organisations: z.array(
      z.strictObject({
        key: z.string().regex(/^[a-z0-9-]+$/),
        name: z.string().min(1),
        type: organisationTypeSchema,
        description: z.string().default(''),
        municipalityCode: municipalityCode.nullable().default(null),
        source: z.string().default(''),
      }),
    ),
  })
  .superRefine((file, ctx) => {
    const codes = new Set(file.municipalities.map((m) => m.code));
    if (codes.size !== file.municipalities.length) ctx.addIssue({ code: 'custom', message: 'duplicate municipality code' });
    const keys = new Set(file.organisations.map((o) => o.key));
    if (keys.size !== file.organisations.length) ctx.addIssue({ code: 'custom', message: 'duplicate organisation key' });
    file.organisations.forEach((o, i) => {
      if (o.municipalityCode && !codes.has(o.municipalityCode)) {
        ctx.addIssue({ code: 'custom', path: ['organisations', i, 'municipalityCode'], message: 'not a municipality of this region' });
      }
    });
  });
export type RegionFile = z.infer<typeof regionFileSchema>;

// --- API -------------------------------------------------------------------------------------

export const regionSchema = z
  .object({
    code: regionCode,
    name: z.string(),
    isDefault: z.boolean().describe('The region this installation serves by default (SCHAKEL_REGION)'),
    inhabitants: z.number().int().describe('Sum of the inhabitants of its municipalities'),
    inhabitantsSource: z.string().describe('Where the inhabitants figures come from, and their date'),
    municipalityCount: z.number().int(),
    settings: regionSettingsSchema,
  })
  .meta({ id: 'Region' });
export type Region = z.infer<typeof regionSchema>;

export const municipalitySchema = z
  .object({
    code: municipalityCode,
    name: z.string(),
    inhabitants: z.number().int(),
    region: regionCode,
  })
  .meta({ id: 'Municipality' });
export type Municipality = z.infer<typeof municipalitySchema>;

export const organisationSchema = z
  .object({
    id: z.uuid(),
    key: z.string(),
    name: z.string(),
    type: organisationTypeSchema,
    description: z.string(),
    municipality: municipalityCode.nullable().describe('Set when the organisation belongs to one municipality'),
    region: regionCode,
    source: z.string().describe('Where the seeds name this organisation'),
    fictional: z.boolean().describe('True for generated demo organisations'),
  })
  .meta({ id: 'Organisation' });
export type Organisation = z.infer<typeof organisationSchema>;

export const regionListSchema = pagedSchema('regions', regionSchema).meta({ id: 'RegionList' });
export const municipalityListSchema = pagedSchema('municipalities', municipalitySchema).meta({ id: 'MunicipalityList' });
export const organisationListSchema = pagedSchema('organisations', organisationSchema).meta({ id: 'OrganisationList' });
export type OrganisationList = z.infer<typeof organisationListSchema>;
export type MunicipalityList = z.infer<typeof municipalityListSchema>;
export type RegionList = z.infer<typeof regionListSchema>;

export const municipalityQuerySchema = pageQuerySchema.extend({
  region: regionCode.optional().describe('Only this region'),
});

export const organisationQuerySchema = pageQuerySchema.extend({
  region: regionCode.optional().describe('Only this region'),
  type: organisationTypeSchema.optional().describe('Only this type'),
  municipality: municipalityCode.optional().describe('Only organisations of this municipality'),
});
export type OrganisationQuery = z.infer<typeof organisationQuerySchema>;

export const regionParamsSchema = z.strictObject({ code: regionCode });
export const municipalityParamsSchema = z.strictObject({ code: municipalityCode });
export const organisationParamsSchema = z.strictObject({ id: z.uuid() });
