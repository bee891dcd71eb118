import { type ReactNode, useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { currentLanguage, i18n } from '@web/core/i18n';
import {
  chooseReportLanguage,
  isReportLanguage,
  languageNames,
  type ReportLanguage,
  ReportLanguageContext,
  reportLanguages,
  useReportLanguage,
  useReportLanguageState,
} from './meldpunt.i18n';

/** The query parameter that opens the page in a language (`/melden?taal=pl`), for links on flyers. */
export const LANGUAGE_PARAMETER = 'taal';

function LanguageSwitch() {
  const { language, t, choose } = useReportLanguage();
  return (
    <nav className="schakel-meldpunt-languages" aria-labelledby="meldpunt-languages-label">
      <span id="meldpunt-languages-label" className="schakel-meldpunt-languages__label">
        {t('languageSwitch.label')}
      </span>
      <ul className="schakel-meldpunt-languages__list">
        {reportLanguages.map((option: ReportLanguage) => (
          <li key={option}>
            <button
              type="button"
              lang={option}
              className="schakel-meldpunt-languages__button"
              aria-pressed={option === language}
              onClick={() => choose(option)}
            >
              {languageNames[option]}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * The frame of the public meldpunt pages: the page language for everything inside (with
 * `<html lang>` set to it while the page is open) and the switch between the seven languages.
 */
export function MeldpuntLayout({ children }: { children: ReactNode }) {
  const value = useReportLanguageState();
  const [search, setSearch] = useSearchParams();
  const asked = search.get(LANGUAGE_PARAMETER);

  // A language in the address is taken once and then dropped, so the switch decides from then on.
  useEffect(() => {
    if (asked === null) return;
    if (isReportLanguage(asked)) void chooseReportLanguage(asked);
    setSearch(
      (previous) => {
        const next = new URLSearchParams(previous);
        next.delete(LANGUAGE_PARAMETER);
        return next;
      },
      { replace: true },
    );
  }, [asked, setSearch]);

  // The core sets <html lang> to the interface language on every change; the page's own wins here.
  useEffect(() => {
    const apply = () => {
      document.documentElement.lang = value.language;
    };
    apply();
    i18n.on('languageChanged', apply);
    return () => {
      i18n.off('languageChanged', apply);
      document.documentElement.lang = currentLanguage();
    };
  }, [value.language]);

  return (
    <ReportLanguageContext value={value}>
      <div lang={value.language} className="schakel-meldpunt">
        <LanguageSwitch />
        {children}
      </div>
    </ReportLanguageContext>
  );
}
