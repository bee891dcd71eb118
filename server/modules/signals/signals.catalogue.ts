/**
 * Forms of exploitation and the indicator checklists of the signal cards (CCV/CoMensha
 * "signaalkaarten mensenhandel", summarised per form). Served by GET /signal-indicators so the
 * web app never keeps its own copy.
 */
export const exploitationForms = ['sexual', 'labour', 'criminal', 'begging', 'organ-removal', 'forced-marriage', 'other', 'unknown'] as const;
export type ExploitationForm = (typeof exploitationForms)[number];

type Label = { nl: string; en: string };

export const formLabels: Record<ExploitationForm, Label> = {
  sexual: { nl: 'Seksuele uitbuiting', en: 'Sexual exploitation' },
  labour: { nl: 'Arbeidsuitbuiting', en: 'Labour exploitation' },
  criminal: { nl: 'Criminele uitbuiting', en: 'Criminal exploitation' },
  begging: { nl: 'Gedwongen bedelarij', en: 'Forced begging' },
  'organ-removal': { nl: 'Gedwongen orgaanverwijdering', en: 'Forced organ removal' },
  'forced-marriage': { nl: 'Gedwongen huwelijk', en: 'Forced marriage' },
  other: { nl: 'Andere vorm', en: 'Other form' },
  unknown: { nl: 'Nog onbekend', en: 'Not yet known' },
};

export interface Indicator {
  code: string;
  form: ExploitationForm | 'general';
  label: Label;
}

const general: [string, Label][] = [
  ['no-id-papers', { nl: 'Heeft eigen identiteitspapieren niet in bezit', en: 'Does not hold own identity papers' }],
  ['controlled-by-other', { nl: 'Wordt gecontroleerd of begeleid door een ander (praat niet zelf, ander betaalt)', en: 'Controlled or accompanied by someone else (does not speak, other pays)' }],
  ['debt', { nl: 'Heeft een schuld bij werkgever, bemiddelaar of "vriend"', en: 'Owes a debt to employer, agent or "friend"' }],
  ['fear', { nl: 'Is angstig, schichtig of heeft onverklaard letsel', en: 'Fearful, evasive or has unexplained injuries' }],
  ['no-own-address', { nl: 'Woont op het werkadres of op een adres met veel wisselende bewoners', en: 'Lives at the workplace or at an address with many changing residents' }],
  ['no-own-money', { nl: 'Heeft geen zeggenschap over eigen geld of bankrekening', en: 'Has no control over own money or bank account' }],
];
const perForm: Record<Exclude<ExploitationForm, 'other' | 'unknown'>, [string, Label][]> = {
  sexual: [
    ['ads', { nl: 'Advertenties met wisselende locaties of telefoonnummers', en: 'Advertisements with changing locations or phone numbers' }],
    ['works-long-hours', { nl: 'Werkt lange uren of alle dagen, ook bij ziekte', en: 'Works long hours or every day, also when ill' }],
    ['minor', { nl: 'Lijkt minderjarig', en: 'Appears to be a minor' }],
    ['lover-boy', { nl: 'Afhankelijk van een (loverboy)partner die geld afneemt', en: 'Dependent on a ("loverboy") partner who takes the money' }],
  ],
  labour: [
    ['below-minimum-wage', { nl: 'Loon ver onder het minimumloon of niet uitbetaald', en: 'Wages far below minimum or not paid' }],
    ['excessive-hours', { nl: 'Buitensporig lange werkdagen zonder rust', en: 'Excessively long working days without rest' }],
    ['housing-via-employer', { nl: 'Huisvesting via de werkgever, ingehouden op het loon', en: 'Housing through the employer, deducted from wages' }],
    ['unsafe-work', { nl: 'Onveilige werkomstandigheden, geen beschermingsmiddelen', en: 'Unsafe working conditions, no protective equipment' }],
  ],
  criminal: [
    ['forced-offences', { nl: 'Wordt gedwongen tot strafbare feiten (drugs, diefstal, fraude)', en: 'Forced to commit offences (drugs, theft, fraud)' }],
    ['money-mule', { nl: 'Eigen bankrekening of identiteit gebruikt door anderen', en: 'Own bank account or identity used by others' }],
    ['hennep', { nl: 'Verblijft in of bewaakt een hennepkwekerij of drugslocatie', en: 'Stays in or guards a cannabis farm or drugs location' }],
  ],
  begging: [
    ['dropped-off', { nl: 'Wordt op vaste tijden gebracht en gehaald', en: 'Dropped off and collected at fixed times' }],
    ['hands-over-money', { nl: 'Draagt opbrengst af aan een ander', en: 'Hands over the proceeds to someone else' }],
  ],
  'organ-removal': [['organ-offer', { nl: 'Is gevraagd of gedwongen een orgaan af te staan', en: 'Asked or forced to give up an organ' }]],
  'forced-marriage': [
    ['marriage-against-will', { nl: 'Huwelijk (gepland) tegen de eigen wil', en: '(Planned) marriage against own will' }],
    ['taken-abroad', { nl: 'Dreigt naar het buitenland te worden meegenomen', en: 'At risk of being taken abroad' }],
  ],
};

export const indicators: Indicator[] = [
  ...general.map(([code, label]) => ({ code: `general.${code}`, form: 'general' as const, label })),
  ...Object.entries(perForm).flatMap(([form, list]) => list.map(([code, label]) => ({ code: `${form}.${code}`, form: form as ExploitationForm, label }))),
];
export const indicatorCodes = new Set(indicators.map((i) => i.code));

export const signalChannels = ['public-form', 'professional', 'mailbox', 'mma', 'watch', 'phone', 'other'] as const;
export const signalStatuses = ['new', 'in-triage', 'forwarded', 'merged', 'closed'] as const;
export const personRoles = ['victim', 'suspect', 'witness', 'reporter', 'other'] as const;
/** Languages of the public form (issue #5: at least these seven). */
export const publicLanguages = ['nl', 'en', 'pl', 'ro', 'bg', 'uk', 'es'] as const;
