import casesEn from '@web/modules/cases/locales/en.json';
import casesNl from '@web/modules/cases/locales/nl.json';
import notificationsEn from '@web/modules/notifications/locales/en.json';
import notificationsNl from '@web/modules/notifications/locales/nl.json';
import urgentConsultationsEn from '@web/modules/urgent-consultations/locales/en.json';
import urgentConsultationsNl from '@web/modules/urgent-consultations/locales/nl.json';
import weegtafelEn from '@web/modules/weegtafel/locales/en.json';
import weegtafelNl from '@web/modules/weegtafel/locales/nl.json';
import en from './en.json';
import nl from './nl.json';

/**
 * The interface texts: the core files plus a namespace key per module that keeps its texts in
 * its own folder (`web/modules/<name>/locales/`), so a module's screens and texts live together.
 * `satisfies` makes tsc fail when an English file misses a Dutch key.
 */
export const nlTranslation = { ...nl, cases: casesNl, weegtafel: weegtafelNl, urgentConsultations: urgentConsultationsNl, notifications: notificationsNl };
export const enTranslation = {
  ...en,
  cases: casesEn satisfies typeof casesNl,
  weegtafel: weegtafelEn satisfies typeof weegtafelNl,
  urgentConsultations: urgentConsultationsEn satisfies typeof urgentConsultationsNl,
  notifications: notificationsEn satisfies typeof notificationsNl,
} satisfies typeof nlTranslation;
