import { useTranslation } from 'react-i18next';
import { changeLanguage, isLanguage, type Language, languages } from '@web/core/i18n';

/** Each language named in itself, so a speaker finds it whichever language is on. */
const names: Record<Language, string> = { nl: 'Nederlands', en: 'English' };

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const active = isLanguage(i18n.language) ? i18n.language : 'nl';
  return (
    <div className="schakel-language-switch" role="group" aria-label={t('language.label')}>
      {languages.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          className="schakel-language-switch__button"
          aria-pressed={language === active}
          onClick={() => void changeLanguage(language)}
        >
          {names[language]}
        </button>
      ))}
    </div>
  );
}
