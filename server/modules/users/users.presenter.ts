import type { Role } from '@server/core/auth/roles';
import type { UserRow } from './users.repository';
import type { User } from './users.schema';

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

export function presentUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    organisation: { id: row.organisation_id, name: row.organisation_name },
    roles: (row.roles ?? []) as Role[],
    allMunicipalities: row.all_municipalities,
    municipalities: row.municipalities ?? [],
    active: row.active,
    secondFactorEnabled: row.totp_enabled_at !== null,
    lockedUntil: row.locked_until && new Date(row.locked_until).getTime() > Date.now() ? iso(row.locked_until) : null,
    lastLoginAt: iso(row.last_login_at),
  };
}

export function presentToken(row: { id: string; user_id: string; name: string; scopes: string[]; expires_at: Date; created_at: Date; last_used_at: Date | null; revoked_at: Date | null }) {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    scopes: row.scopes as ('imports' | 'crawler' | 'read-reference')[],
    expiresAt: iso(row.expires_at)!,
    createdAt: iso(row.created_at)!,
    lastUsedAt: iso(row.last_used_at),
    revoked: row.revoked_at !== null,
  };
}
