import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { intlLocale, isLanguage } from '@web/core/i18n';

/** Only the clock time ("12:00"), for the end of a session on the same day as its start. */
export function useTime(): (value: string) => string {
  const { i18n } = useTranslation();
  const locale = intlLocale(isLanguage(i18n.language) ? i18n.language : 'nl');
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: 'Europe/Amsterdam' });
    return (value: string) => format.format(new Date(value));
  }, [locale]);
}
