import type { Role } from '@server/core/auth/roles';
import type { Me } from '@server/modules/identity/identity.schema';
import type { User, UserCreate, UserUpdate } from '@server/modules/users/users.schema';
import type { ApiError } from '@web/core/api/client';
import { type FieldErrors, fieldErrorKind, fieldErrorsFrom } from '@web/core/forms';
import { roleOrder, sortRoles } from '@web/core/roles';

/** What the form holds; the same for creating and editing. */
export interface UserForm {
  email: string;
  displayName: string;
  organisationId: string;
  roles: Role[];
  allMunicipalities: boolean;
  municipalities: string[];
  active: boolean;
}

export const emptyUserForm: UserForm = {
  email: '',
  displayName: '',
  organisationId: '',
  roles: [],
  allMunicipalities: false,
  municipalities: [],
  active: true,
};

export function userFormOf(user: User): UserForm {
  return {
    email: user.email,
    displayName: user.displayName,
    organisationId: user.organisation.id,
    roles: sortRoles(user.roles),
    allMunicipalities: user.allMunicipalities,
    municipalities: [...user.municipalities].sort(),
    active: user.active,
  };
}

/** Adds or removes one item of a checkbox list, keeping it sorted and without doubles. */
export function toggled<T extends string>(list: readonly T[], item: T, on: boolean, order: (a: T, b: T) => number = (a, b) => a.localeCompare(b)): T[] {
  const rest = list.filter((value) => value !== item);
  return (on ? [...rest, item] : rest).sort(order);
}

export function toggledRole(roles: readonly Role[], role: Role, on: boolean): Role[] {
  return toggled(roles, role, on, (a, b) => roleOrder[a] - roleOrder[b]);
}

/** "Whole region" needs no list of municipalities; the list is sent only for a limited scope. */
function scopeOf(form: UserForm): { allMunicipalities: boolean; municipalities: string[] } {
  return { allMunicipalities: form.allMunicipalities, municipalities: form.allMunicipalities ? [] : [...form.municipalities].sort() };
}

export function createInputOf(form: UserForm): UserCreate {
  return {
    email: form.email.trim(),
    displayName: form.displayName.trim(),
    organisationId: form.organisationId,
    roles: sortRoles(form.roles),
    ...scopeOf(form),
  };
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/**
 * Only what changed. The server refuses anyone who sends their own roles, organisation or
 * status, even unchanged, so an administrator can still fix the spelling of their own name.
 */
export function updateInputOf(before: User, form: UserForm): UserUpdate {
  const update: UserUpdate = {};
  const scope = scopeOf(form);
  if (form.displayName.trim() !== before.displayName) update.displayName = form.displayName.trim();
  if (form.organisationId !== before.organisation.id) update.organisationId = form.organisationId;
  if (!sameList(form.roles, before.roles)) update.roles = sortRoles(form.roles);
  if (scope.allMunicipalities !== before.allMunicipalities) update.allMunicipalities = scope.allMunicipalities;
  if (!sameList(scope.municipalities, before.allMunicipalities ? [] : before.municipalities)) update.municipalities = scope.municipalities;
  if (form.active !== before.active) update.active = form.active;
  return update;
}

/** Nobody changes their own roles, organisation or status (the server refuses it too). */
export function isOwnAccount(me: Me | undefined, user: Pick<User, 'id'>): boolean {
  return me?.id === user.id;
}

export type UserStatus = 'active' | 'inactive' | 'locked';

export function userStatus(user: Pick<User, 'active' | 'lockedUntil'>, now: Date = new Date()): UserStatus {
  if (!user.active) return 'inactive';
  if (user.lockedUntil && new Date(user.lockedUntil).getTime() > now.getTime()) return 'locked';
  return 'active';
}

// --- Validation -------------------------------------------------------------------------------

export type UserField = 'email' | 'displayName' | 'organisationId' | 'roles' | 'municipalities';
export type UserErrorKind = 'required' | 'tooShort' | 'tooLong' | 'invalid' | 'taken' | 'unknown';
export type UserErrors = FieldErrors<UserField, UserErrorKind>;

const userFields: UserField[] = ['email', 'displayName', 'organisationId', 'roles', 'municipalities'];

/** Before sending: the fields without which the server cannot even judge the form. */
export function userFormErrors(form: UserForm, mode: 'create' | 'edit'): UserErrors {
  const errors: UserErrors = {};
  if (mode === 'create' && form.email.trim() === '') errors.email = 'required';
  if (form.displayName.trim() === '') errors.displayName = 'required';
  if (form.organisationId === '') errors.organisationId = 'required';
  return errors;
}

export function userErrorsFrom(error: ApiError): UserErrors {
  return fieldErrorsFrom<UserField, UserErrorKind>(error, userFields, (code) =>
    code === 'taken' || code === 'unknown' ? code : fieldErrorKind(code),
  );
}

// --- The list's page in the URL (the search text stays out of it: it may be a name) ----------

export function parsePage(search: URLSearchParams): number {
  const page = Number(search.get('pagina') ?? '1');
  return Number.isInteger(page) && page >= 1 ? page : 1;
}

export function pageSearch(page: number): string {
  return page > 1 ? `?pagina=${page}` : '';
}

// --- Paths ------------------------------------------------------------------------------------

export const usersPath = '/beheer/gebruikers';
export const newUserPath = `${usersPath}/nieuw`;
/** Ids, never names, in URLs. */
export const userPath = (id: string) => `${usersPath}/${encodeURIComponent(id)}`;
