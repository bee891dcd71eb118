import { randomBytes } from 'node:crypto';
import type { Role } from '@server/core/auth/roles';
import { createTestUser, logIn, type LoggedIn, type TestApp } from '@server/core/testing';

/** Test support of the weegtafel: fictional cases straight into the tables, one user per role (argon2 makes users slow). */

export const OWN = 'GM0376'; // Blaricum: the first municipality organisation by name, where the test aandachtsfunctionaris works
export const OTHER = 'GM0402'; // Hilversum

export interface Member {
  role: Role;
  id: string;
  organisationId: string;
  name: string;
  session: LoggedIn;
}

/** Each role in the organisation it would have at the table. */
const organisationOfRole: Record<Role, string> = {
  signaleerder: 'care-provider',
  aandachtsfunctionaris: 'municipality',
  ketenregisseur: 'zorg-en-veiligheidshuis',
  zorgcoordinator: 'care-coordination',
  tafellid: 'police',
  procesregisseur: 'zorg-en-veiligheidshuis',
  beleidsmedewerker: 'regional-body',
  'functioneel-beheerder': 'regional-body',
  'privacy-officer': 'police',
};

export async function createMembers(t: TestApp): Promise<Record<Role, Member>> {
  const { roles } = await import('@server/core/auth/roles');
  const db = t.prepared.database.db;
  const members = {} as Record<Role, Member>;
  await Promise.all(
    roles.map(async (role) => {
      const user = await createTestUser(t, { roles: [role], organisationType: organisationOfRole[role], municipalities: role === 'aandachtsfunctionaris' ? [OWN] : [] });
      const row = await db.selectFrom('app_user').select(['organisation_id', 'display_name']).where('id', '=', user.id).executeTakeFirstOrThrow();
      members[role] = { role, id: user.id, organisationId: row.organisation_id, name: row.display_name, session: await logIn(t, user) };
    }),
  );
  return members;
}

let caseCounter = 0;

/** A fictional case inserted directly (reference, municipalities, lead, status) with its work-list rows. */
export async function createCase(t: TestApp, options: { municipality: string; status?: 'enrichment' | 'put-forward' | 'monitoring' | 'closed'; title?: string; region?: string }) {
  const db = t.prepared.database.db;
  caseCounter += 1;
  const region = options.region ?? t.config.SCHAKEL_REGION;
  const reference = `CS-2026-T${String(caseCounter).padStart(3, '0')}${randomBytes(2).toString('hex')}`;
  const status = options.status ?? 'put-forward';
  const title = options.title ?? `Testcasus ${caseCounter} ${randomBytes(3).toString('hex')}`;
  const row = await db
    .insertInto('case_file')
    .values({
      region_code: region,
      reference,
      title,
      status,
      lead_municipality_code: options.municipality,
      municipalities: [options.municipality],
      ...(status === 'closed' ? { closed_reason_code: 'other', closed_reason: 'test', closed_at: new Date() } : {}),
    })
    .returning(['id'])
    .executeTakeFirstOrThrow();
  await db.insertInto('case_municipality').values({ case_id: row.id, municipality_code: options.municipality, region_code: region, lead: true, open: status !== 'closed' }).execute();
  return { id: row.id, reference, title };
}

/** Lets time pass for one session: it ended `days` ago, and the grants its invitations gave ended with it. */
export async function moveSessionIntoPast(t: TestApp, sessionId: string, days = 4): Promise<void> {
  const db = t.prepared.database.db;
  const endsAt = new Date(Date.now() - days * 86_400_000);
  const session = await db
    .updateTable('table_session')
    .set({ starts_at: new Date(endsAt.getTime() - 3 * 3_600_000), ends_at: endsAt })
    .where('id', '=', sessionId)
    .returning(['grant_hours_after'])
    .executeTakeFirstOrThrow();
  const invitations = await db.selectFrom('table_invitation').select('id').where('session_id', '=', sessionId).execute();
  if (invitations.length === 0) return;
  await db
    .updateTable('access_grant')
    .set({ valid_from: new Date(endsAt.getTime() - 7 * 86_400_000), valid_until: new Date(endsAt.getTime() + session.grant_hours_after * 3_600_000) })
    .where('source_type', '=', 'table-invitation')
    .where(
      'source_id',
      'in',
      invitations.map((i) => i.id),
    )
    .execute();
}

export async function deniedCount(t: TestApp, userId: string): Promise<number> {
  const row = await t.prepared.database.db
    .selectFrom('access_log')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .where('action', '=', 'denied')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
