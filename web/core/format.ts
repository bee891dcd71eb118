import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { intlLocale, isLanguage } from './i18n';

export interface Formatters {
  number(value: number): string;
  dateTime(value: string | Date): string;
}

export function formatters(locale: string): Formatters {
  const numbers = new Intl.NumberFormat(locale);
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' });
  return {
    number: (value) => numbers.format(value),
    dateTime: (value) => dates.format(typeof value === 'string' ? new Date(value) : value),
  };
}

/** Number and date formatting in the language the interface shows now. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const locale = intlLocale(isLanguage(i18n.language) ? i18n.language : 'nl');
  return useMemo(() => formatters(locale), [locale]);
}
