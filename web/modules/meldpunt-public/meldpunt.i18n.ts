import type { PublicSignalInput } from '@server/modules/signals/signals.schema';
import { createContext, use, useMemo, useSyncExternalStore } from 'react';
import { changeLanguage, currentLanguage, i18n, languageNames as coreLanguageNames } from '@web/core/i18n';
import bg from './locales/bg.json';
import en from './locales/en.json';
import es from './locales/es.json';
import nl from './locales/nl.json';
import pl from './locales/pl.json';
import ro from './locales/ro.json';
import uk from './locales/uk.json';

/**
 * The public meldpunt speaks more languages than the rest of the app (nl/en): its texts are a
 * namespace of their own, one file per language. The page's language is kept apart from the
 * interface language; the header and footer keep theirs (in English for the languages the
 * interface does not have) and say so with their own `lang`.
 */
export type ReportLanguage = PublicSignalInput['language'];

// A record keyed by the server's type: tsc fails when the server adds a language the page lacks.
const resources: Record<ReportLanguage, typeof nl> = {
  nl,
  en: en satisfies typeof nl,
  pl: pl satisfies typeof nl,
  ro: ro satisfies typeof nl,
  bg: bg satisfies typeof nl,
  uk: uk satisfies typeof nl,
  es: es satisfies typeof nl,
};

/** In the order of the switch: Dutch and English first, then the languages of likely victims. */
export const reportLanguages = Object.keys(resources) as ReportLanguage[];

/** Each language named in itself (the same names as the home page's links). */
export const languageNames: Record<ReportLanguage, string> = coreLanguageNames;

const intlLocales: Record<ReportLanguage, string> = {
  nl: 'nl-NL',
  en: 'en-GB',
  pl: 'pl-PL',
  ro: 'ro-RO',
  bg: 'bg-BG',
  uk: 'uk-UA',
  es: 'es-ES',
};

export const NAMESPACE = 'meldpunt';
for (const language of reportLanguages) i18n.addResourceBundle(language, NAMESPACE, resources[language], true, true);

export function isReportLanguage(value: unknown): value is ReportLanguage {
  return typeof value === 'string' && Object.hasOwn(resources, value);
}

/** The interface language that goes with a page language: Dutch for Dutch, English otherwise. */
export function interfaceLanguageFor(language: ReportLanguage): 'nl' | 'en' {
  return language === 'nl' ? 'nl' : 'en';
}

// --- typed keys -------------------------------------------------------------------------------

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Every text key of the namespace, e.g. `form.description.label`. */
export type ReportKey = Leaves<typeof nl>;
export type ReportT = (key: ReportKey, values?: Record<string, string | number>) => string;

type FixedT = (language: string, namespace: string) => (key: string, values?: object) => string;

export function translatorFor(language: ReportLanguage): ReportT {
  // The app's i18next types know only its own namespace; this one is typed by ReportKey instead.
  const fixed = (i18n.getFixedT.bind(i18n) as unknown as FixedT)(language, NAMESPACE);
  return (key, values) => fixed(key, values);
}

// --- the chosen language, shared by /melden and /melden/volgen --------------------------------

const STORAGE_KEY = 'schakel.meldpunt.language';
const listeners = new Set<() => void>();

function remember(language: ReportLanguage): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage can be blocked; the choice then lasts as long as the tab.
  }
}

/** A page language holds only with the interface language that goes with it. */
function fits(language: ReportLanguage | undefined): language is ReportLanguage {
  return language !== undefined && interfaceLanguageFor(language) === currentLanguage();
}

let chosen: ReportLanguage | undefined = (() => {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isReportLanguage(value) && fits(value) ? value : undefined;
  } catch {
    return undefined;
  }
})();

// The header's switch (nl/en) sets the page language too; a language the interface lacks stays
// only while the interface is in English (which choosing it brings about).
i18n.on('languageChanged', () => {
  if (!fits(chosen)) chosen = currentLanguage();
  for (const listener of listeners) listener();
});

function snapshot(): ReportLanguage {
  return fits(chosen) ? chosen : currentLanguage();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export async function chooseReportLanguage(language: ReportLanguage): Promise<void> {
  chosen = language;
  remember(language);
  const interfaceLanguage = interfaceLanguageFor(language);
  if (currentLanguage() !== interfaceLanguage) await changeLanguage(interfaceLanguage);
  for (const listener of listeners) listener();
}

export interface ReportLanguageValue {
  language: ReportLanguage;
  t: ReportT;
  choose(language: ReportLanguage): void;
  /** Dates and times in the page language, in Dutch time. */
  dateTime(value: string): string;
}

function valueFor(language: ReportLanguage): ReportLanguageValue {
  const dateTimes = new Intl.DateTimeFormat(intlLocales[language], { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' });
  return {
    language,
    t: translatorFor(language),
    choose: (next) => void chooseReportLanguage(next),
    dateTime: (value) => dateTimes.format(new Date(value)),
  };
}

/** For the layout of the meldpunt pages (MeldpuntLayout), which provides it to the rest. */
export function useReportLanguageState(): ReportLanguageValue {
  const language = useSyncExternalStore(subscribe, snapshot, () => 'nl' as const);
  return useMemo(() => valueFor(language), [language]);
}

export const ReportLanguageContext = createContext<ReportLanguageValue | null>(null);

/** The page language and its translator, inside a meldpunt page. */
export function useReportLanguage(): ReportLanguageValue {
  const value = use(ReportLanguageContext);
  if (!value) throw new Error('useReportLanguage needs the MeldpuntLayout');
  return value;
}
