import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { enTranslation, nlTranslation } from './locales/modules';

export const languages = ['nl', 'en'] as const;
export type Language = (typeof languages)[number];

/**
 * Languages a page may offer beyond the interface languages (the public meldpunt loads its own
 * namespace in these); i18next only resolves languages it is told about.
 */
export const contentLanguages = ['nl', 'en', 'pl', 'ro', 'bg', 'uk', 'es'] as const;
export type ContentLanguage = (typeof contentLanguages)[number];

/** Each language named in itself, so a speaker finds it whichever language is on. */
export const languageNames: Record<ContentLanguage, string> = {
  nl: 'Nederlands',
  en: 'English',
  pl: 'Polski',
  ro: 'Română',
  bg: 'Български',
  uk: 'Українська',
  es: 'Español',
};

const STORAGE_KEY = 'schakel.language';
const intlLocales: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB' };

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: typeof nlTranslation };
  }
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

function storedLanguage(): Language | undefined {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : undefined;
  } catch {
    // Storage can be blocked (private mode, policies); the default language still works.
    return undefined;
  }
}

function rememberLanguage(language: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // See storedLanguage.
  }
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  // `satisfies` makes tsc fail when the English file misses a Dutch key.
  resources: { nl: { translation: nlTranslation }, en: { translation: enTranslation } },
  lng: storedLanguage() ?? 'nl',
  fallbackLng: 'nl',
  supportedLngs: [...contentLanguages],
  interpolation: { escapeValue: false },
  initAsync: false,
});

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : 'nl';
}

/** The BCP 47 locale for Intl formatting in the current language (94.426 in Dutch). */
export function intlLocale(language: Language = currentLanguage()): string {
  return intlLocales[language];
}

function applyLanguage(language: Language): void {
  document.documentElement.lang = language;
}

applyLanguage(currentLanguage());
i18n.on('languageChanged', (language) => {
  if (!isLanguage(language)) return;
  applyLanguage(language);
  rememberLanguage(language);
});

export async function changeLanguage(language: Language): Promise<void> {
  await i18n.changeLanguage(language);
}
