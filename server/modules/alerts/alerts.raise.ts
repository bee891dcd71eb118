import type { Transaction } from 'kysely';
import { type Config, loadConfig, publicBaseUrlOf } from '@server/core/config';
import { enqueueMail } from '@server/core/mail/outbox';
import type { Database } from '@server/db/schema';
import type { RecordedSignal } from '@server/modules/signals';
import * as repository from './alerts.repository';

/**
 * Raising the acute alert, inside the transaction that records the signal: the alert, and one
 * outbox mail per person on call at that moment (or to the fallback address when nobody is).
 * The mail is committed with the signal or not at all; the outbox worker delivers it.
 */
export interface AlertSettings {
  /** Where links in mails point: `${publicBaseUrl}/signalen/<id>`. */
  publicBaseUrl: string;
  fallbackEmail?: string;
  /** A signal received longer ago than this raises no alert (an import of old exports, history). */
  maxAgeHours: number;
}

export function alertSettingsOf(config: Config): AlertSettings {
  return {
    publicBaseUrl: publicBaseUrlOf(config),
    ...(config.ALERT_FALLBACK_EMAIL ? { fallbackEmail: config.ALERT_FALLBACK_EMAIL } : {}),
    maxAgeHours: config.ALERT_MAX_AGE_HOURS,
  };
}

/**
 * The hook has no settings of its own (it runs inside recordSignal, wherever that is called), so
 * the app sets them when it registers the module's routes; a command-line import that records
 * signals without an app reads them from the environment.
 */
let configured: AlertSettings | undefined;
export function configureAlerts(settings: AlertSettings): void {
  configured = settings;
}
function currentSettings(): AlertSettings {
  if (!configured) {
    try {
      configured = alertSettingsOf(loadConfig());
    } catch {
      configured = { publicBaseUrl: 'http://127.0.0.1:8080', maxAgeHours: 24 };
    }
  }
  return configured;
}

export interface AlertMailInput {
  regionName: string;
  timezone: string;
  reference: string;
  receivedAt: Date;
  link: string;
  fallback: boolean;
}

/**
 * The alert mail, Dutch then English. It names no person, place, business or description of the
 * signal: only that an acute signal came in for the region, when, its reference and a link.
 */
export function acuteAlertMail(input: AlertMailInput): { subject: string; text: string } {
  const at = (locale: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: input.timezone }).format(input.receivedAt);
  const whyNl = input.fallback
    ? 'U krijgt dit bericht op het terugvaladres omdat er volgens het bereikbaarheidsrooster op dit moment niemand dienst heeft.'
    : 'U krijgt dit bericht omdat u volgens het bereikbaarheidsrooster dienst heeft.';
  const whyEn = input.fallback
    ? 'You receive this message at the fallback address because nobody is on call in the reachability roster right now.'
    : 'You receive this message because you are on call in the reachability roster.';
  return {
    subject: `Acuut signaal ${input.reference} – ${input.regionName} / Acute signal`,
    text: [
      `Er is een acuut signaal binnengekomen voor de regio ${input.regionName}.`,
      '',
      `Ontvangen: ${at('nl-NL')} (${input.timezone})`,
      `Kenmerk: ${input.reference}`,
      '',
      'Open het signaal in Schakel en meld daar dat u het oppakt (inloggen nodig):',
      input.link,
      '',
      whyNl,
      'Dit bericht bevat bewust geen persoonsgegevens; alles staat in Schakel.',
      '',
      '---',
      '',
      `An acute signal has come in for the region ${input.regionName}.`,
      '',
      `Received: ${at('en-GB')} (${input.timezone})`,
      `Reference: ${input.reference}`,
      '',
      'Open the signal in Schakel and acknowledge it there (log-in required):',
      input.link,
      '',
      whyEn,
      'This message deliberately contains no personal data; everything is in Schakel.',
      '',
    ].join('\n'),
  };
}

/** Raises the alert for a new acute signal; returns its id, or undefined when none was raised. */
export async function raiseAcuteAlert(trx: Transaction<Database>, signal: RecordedSignal, settings: AlertSettings = currentSettings(), now = new Date()): Promise<string | undefined> {
  if (!signal.acute) return undefined;
  if (!signal.becameAcute && now.getTime() - signal.receivedAt.getTime() > settings.maxAgeHours * 3_600_000) return undefined;
  const onCall = await repository.shiftsAt(trx, signal.regionCode, now);
  // One mail per address, even when a person is on the roster twice at this moment.
  const recipients = new Map<string, (typeof onCall)[number]>();
  for (const shift of onCall) {
    const address = shift.address ?? shift.user_email;
    if (!recipients.has(address)) recipients.set(address, shift);
  }
  const alertId = await repository.insertAlert(trx, {
    region: signal.regionCode,
    signalId: signal.id,
    reference: signal.reference,
    receivedAt: signal.receivedAt,
    municipalities: signal.municipalities,
    nobodyOnCall: recipients.size === 0,
    at: now,
  });
  if (!alertId) return undefined;
  const region = await repository.regionForMail(trx, signal.regionCode);
  const mail = (fallback: boolean) =>
    acuteAlertMail({
      regionName: region?.name ?? signal.regionCode,
      timezone: region?.settings.timezone ?? 'Europe/Amsterdam',
      reference: signal.reference,
      receivedAt: signal.receivedAt,
      link: `${settings.publicBaseUrl}/signalen/${signal.id}`,
      fallback,
    });
  const onCallMail = mail(false);
  for (const [address, shift] of recipients) {
    const outboxId = await enqueueMail(trx, { regionCode: signal.regionCode, purpose: 'acute-alert', recipient: address, highPriority: true, ...onCallMail }, now);
    await repository.insertRecipient(trx, { alertId, userId: shift.user_id, shiftId: shift.id, address, fallback: false, outboxId });
  }
  // Whoever is alerted must be able to open the signal: a need-to-know grant for 72 hours.
  await repository.grantRecipients(trx, signal, [...new Set([...recipients.values()].map((s) => s.user_id))], now);
  if (recipients.size === 0 && settings.fallbackEmail) {
    const outboxId = await enqueueMail(trx, { regionCode: signal.regionCode, purpose: 'acute-alert', recipient: settings.fallbackEmail, highPriority: true, ...mail(true) }, now);
    await repository.insertRecipient(trx, { alertId, userId: null, shiftId: null, address: settings.fallbackEmail, fallback: true, outboxId });
  }
  return alertId;
}

/** The hook registered with the signals module (see index.ts). */
export async function onAcuteSignal(trx: Transaction<Database>, signal: RecordedSignal): Promise<void> {
  await raiseAcuteAlert(trx, signal);
}
