import type { Role } from '@server/core/auth/roles';
import type { Db } from '@server/core/db/database';
import type { DemoContributor } from '@server/core/module';
import { recordSignal } from '@server/modules/signals';
import { dutyRoles } from './alerts.policy';
import { raiseAcuteAlert } from './alerts.raise';

const DAY = 86_400_000;
const TIMEZONE = 'Europe/Amsterdam';

/** Minutes that `timeZone` is ahead of UTC at `at`. */
function offsetMinutes(at: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
  return Math.round((asUtc - at.getTime()) / 60_000);
}

/** The instant of `hour`:00 local time on the day `days` after `monday` (a UTC midnight). */
function localTime(monday: number, days: number, hour: number): Date {
  const guess = new Date(monday + days * DAY + hour * 3_600_000);
  return new Date(guess.getTime() - offsetMinutes(guess, TIMEZONE) * 60_000);
}

async function dutyAccounts(db: Db, region: string) {
  const rows = await db
    .selectFrom('app_user as u')
    .innerJoin('user_role as r', 'r.user_id', 'u.id')
    .select(['u.id', 'r.role'])
    .where('u.region_code', '=', region)
    .where('u.is_demo', '=', true)
    .where('u.active', '=', true)
    .where('r.role', 'in', dutyRoles)
    .execute();
  return new Map(rows.map((r) => [r.role as Role, r.id]));
}

/**
 * Fictional demo data: per region a weekly roster around today (Monday 08:00 to Monday 08:00,
 * rotating between the chain director, the care coordinator and the process director), a weekend
 * back-up that overlaps it (the roster warns), one day nobody is on call (the roster shows the
 * gap), and two acute signals: one alerted and acknowledged two days ago, one open now.
 */
export const alertsDemo: DemoContributor = async (db, { faker, regions, sizes, log }) => {
  const weeks = sizes.rosterWeeks ?? 10;
  const now = Date.now();
  const today = new Date(now);
  const monday = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) - ((today.getUTCDay() + 6) % 7) * DAY;
  const first = -Math.floor(weeks * 0.4);
  let shifts = 0;
  let alerts = 0;
  for (const region of regions) {
    const people = await dutyAccounts(db, region);
    const rotation = (['ketenregisseur', 'zorgcoordinator', 'procesregisseur'] as const).map((role) => people.get(role)).filter((id): id is string => Boolean(id));
    const backup = people.get('aandachtsfunctionaris');
    const coordinator = people.get('ketenregisseur');
    if (rotation.length === 0 || !coordinator) continue;
    const values = [];
    for (let week = first; week < first + weeks; week++) {
      const start = week * 7;
      // Three weeks from now the hand-over slips a day: nobody is on call that Monday.
      const from = localTime(monday, week === 3 ? start + 1 : start, 8);
      const until = localTime(monday, start + 7, 8);
      values.push({
        region_code: region,
        user_id: rotation[((week % rotation.length) + rotation.length) % rotation.length]!,
        note: week % 2 === 0 ? 'Weekdienst; bij geen reactie binnen 15 minuten: de back-up (fictief)' : null,
        starts_at: from,
        ends_at: until,
        created_by: coordinator,
        updated_by: coordinator,
        updated_at: new Date(now),
        address: null,
      });
      if (backup && week % 2 === 0) {
        values.push({
          region_code: region,
          user_id: backup,
          note: 'Back-up in het weekend (fictief)',
          starts_at: localTime(monday, start + 4, 17),
          ends_at: localTime(monday, start + 7, 8),
          created_by: coordinator,
          updated_by: coordinator,
          updated_at: new Date(now),
          address: null,
        });
      }
    }
    await db.insertInto('on_call_shift').values(values).execute();
    shifts += values.length;

    const municipalities = await db.selectFrom('municipality').select('code').where('region_code', '=', region).orderBy('code').execute();
    const reporter = people.get('aandachtsfunctionaris') ?? coordinator;
    const earlier = new Date(now - 2 * DAY - faker.number.int({ min: 1, max: 8 }) * 3_600_000);
    const past = await recordSignal(db, {
      regionCode: region,
      channel: 'professional',
      acute: true,
      forms: ['labour'],
      summary: 'Demo (fictief): werknemers slapen in een bedrijfspand en zeggen dat zij niet weg mogen.',
      municipalities: [faker.helpers.arrayElement(municipalities).code],
      submittedBy: reporter,
      anonymous: false,
      receivedAt: earlier,
    });
    // Older than the alert window now, so raised as it was then; delivered and acknowledged then.
    const alertId = await db.transaction().execute((trx) => raiseAcuteAlert(trx, past, undefined, new Date(earlier.getTime() + 30_000)));
    if (alertId) {
      const recipients = await db.selectFrom('alert_recipient').select(['outbox_id', 'user_id']).where('alert_id', '=', alertId).execute();
      for (const r of recipients) {
        await db
          .updateTable('mail_outbox')
          .set({ attempts: 1, last_attempt_at: new Date(earlier.getTime() + 32_000), sent_at: new Date(earlier.getTime() + 33_000), message_id: `<${alertId}.${r.outbox_id}@demo.test>` })
          .where('id', '=', r.outbox_id)
          .execute();
      }
      const acknowledger = recipients.find((r) => r.user_id)?.user_id ?? coordinator;
      const at = new Date(earlier.getTime() + 11 * 60_000);
      await db.insertInto('alert_acknowledgement').values({ alert_id: alertId, user_id: acknowledger, at }).execute();
      await db.updateTable('alert').set({ acknowledged_at: at }).where('id', '=', alertId).execute();
      alerts++;
    }
    // Just in: the hook raises this one itself; the mail waits in the outbox until SMTP_HOST is set.
    await recordSignal(db, {
      regionCode: region,
      channel: 'public-form',
      acute: true,
      forms: ['sexual'],
      summary: 'Demo (fictief): een jonge vrouw vraagt via een advertentie om hulp en zegt dat zij wordt vastgehouden.',
      municipalities: [faker.helpers.arrayElement(municipalities).code],
      anonymous: true,
      receivedAt: new Date(now - 6 * 60_000),
    });
    alerts++;
    log(`  ${region}: reachability roster of ${weeks} weeks, ${alerts > 0 ? 'an acknowledged and an open acute alert' : 'no alerts'}`);
  }
  return { onCallShifts: shifts, alerts };
};
