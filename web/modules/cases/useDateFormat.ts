import { useTranslation } from 'react-i18next';
import { intlLocale, isLanguage } from '@web/core/i18n';

/** A calendar date (YYYY-MM-DD) as "3 december 2026" in the interface language. */
export function useDateFormat(): (value: string) => string {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(intlLocale(isLanguage(i18n.language) ? i18n.language : 'nl'), { dateStyle: 'long', timeZone: 'UTC' });
  return (value) => format.format(new Date(`${value.slice(0, 10)}T00:00:00Z`));
}
