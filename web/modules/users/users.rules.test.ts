import type { Me } from '@server/modules/identity/identity.schema';
import type { User } from '@server/modules/users/users.schema';
import { describe, expect, it } from 'vitest';
import type { ApiError } from '@web/core/api/client';
import { allRoles, isRole } from '@web/core/roles';
import {
  createInputOf,
  emptyUserForm,
  isOwnAccount,
  pageSearch,
  parsePage,
  toggled,
  toggledRole,
  updateInputOf,
  userErrorsFrom,
  userFormErrors,
  userFormOf,
  userPath,
  userStatus,
} from './users.rules';

const user: User = {
  id: '00000000-0000-4000-8000-0000000000aa',
  email: 'aandachtsfunctionaris@example.test',
  displayName: 'Sanne de Vries (fictief)',
  organisation: { id: '00000000-0000-4000-8000-0000000000bb', name: 'Gemeente Hilversum' },
  roles: ['signaleerder', 'aandachtsfunctionaris'],
  allMunicipalities: false,
  municipalities: ['GM0402'],
  active: true,
  secondFactorEnabled: true,
  lockedUntil: null,
  lastLoginAt: null,
};

describe('roles', () => {
  it('lists every role once, in the order of the product brief', () => {
    expect(allRoles).toHaveLength(9);
    expect(new Set(allRoles).size).toBe(9);
    expect(allRoles[0]).toBe('signaleerder');
    expect(allRoles.at(-1)).toBe('privacy-officer');
    expect(isRole('toString')).toBe(false);
  });

  it('toggles a checkbox list without doubles, keeping the order', () => {
    expect(toggledRole(['tafellid'], 'signaleerder', true)).toEqual(['signaleerder', 'tafellid']);
    expect(toggledRole(['signaleerder', 'tafellid'], 'signaleerder', true)).toEqual(['signaleerder', 'tafellid']);
    expect(toggledRole(['signaleerder', 'tafellid'], 'tafellid', false)).toEqual(['signaleerder']);
    expect(toggled(['GM0417'], 'GM0402', true)).toEqual(['GM0402', 'GM0417']);
  });
});

describe('createInputOf', () => {
  it('sends no municipalities for the whole region, and trims the texts', () => {
    const form = { ...emptyUserForm, email: ' a@example.test ', displayName: ' Naam ', organisationId: 'o', roles: toggledRole([], 'ketenregisseur', true) };
    expect(createInputOf({ ...form, allMunicipalities: true, municipalities: ['GM0402'] })).toEqual({
      email: 'a@example.test',
      displayName: 'Naam',
      organisationId: 'o',
      roles: ['ketenregisseur'],
      allMunicipalities: true,
      municipalities: [],
    });
    expect(createInputOf({ ...form, municipalities: ['GM0417', 'GM0402'] }).municipalities).toEqual(['GM0402', 'GM0417']);
  });
});

describe('updateInputOf', () => {
  it('sends nothing when nothing changed', () => {
    expect(updateInputOf(user, userFormOf(user))).toEqual({});
  });

  it('sends only the changed fields, so an administrator can rename themselves without touching their roles', () => {
    expect(updateInputOf(user, { ...userFormOf(user), displayName: 'Sanne de Vries-Bakker (fictief)' })).toEqual({
      displayName: 'Sanne de Vries-Bakker (fictief)',
    });
    expect(updateInputOf(user, { ...userFormOf(user), roles: ['aandachtsfunctionaris'] })).toEqual({ roles: ['aandachtsfunctionaris'] });
    expect(updateInputOf(user, { ...userFormOf(user), active: false })).toEqual({ active: false });
  });

  it('treats roles and municipalities as sets', () => {
    expect(updateInputOf(user, { ...userFormOf(user), roles: ['aandachtsfunctionaris', 'signaleerder'] })).toEqual({});
  });

  it('switches to the whole region by clearing the municipalities', () => {
    expect(updateInputOf(user, { ...userFormOf(user), allMunicipalities: true })).toEqual({ allMunicipalities: true, municipalities: [] });
    const regionWide = { ...user, allMunicipalities: true, municipalities: [] };
    expect(updateInputOf(regionWide, { ...userFormOf(regionWide), allMunicipalities: false, municipalities: ['GM0406'] })).toEqual({
      allMunicipalities: false,
      municipalities: ['GM0406'],
    });
  });
});

describe('checks and errors', () => {
  it('asks for e-mail (only when creating), name and organisation', () => {
    expect(userFormErrors(emptyUserForm, 'create')).toEqual({ email: 'required', displayName: 'required', organisationId: 'required' });
    expect(userFormErrors(emptyUserForm, 'edit')).toEqual({ displayName: 'required', organisationId: 'required' });
  });

  it('maps the server’s codes, including a taken e-mail address and an unknown municipality', () => {
    const error = {
      invalidParams: [
        { name: 'body.email', code: 'taken', reason: '' },
        { name: 'body.municipalities', code: 'unknown', reason: '' },
        { name: 'body.displayName', code: 'too_small', reason: '' },
      ],
    } as ApiError;
    expect(userErrorsFrom(error)).toEqual({ email: 'taken', municipalities: 'unknown', displayName: 'tooShort' });
  });

  it('knows one’s own account and the status of an account', () => {
    expect(isOwnAccount({ id: user.id } as Me, user)).toBe(true);
    expect(isOwnAccount(undefined, user)).toBe(false);
    const now = new Date('2026-03-01T12:00:00Z');
    expect(userStatus(user, now)).toBe('active');
    expect(userStatus({ ...user, active: false }, now)).toBe('inactive');
    expect(userStatus({ ...user, lockedUntil: '2026-03-01T12:10:00Z' }, now)).toBe('locked');
    expect(userStatus({ ...user, lockedUntil: '2026-03-01T11:50:00Z' }, now)).toBe('active');
  });
});

describe('paths and the page parameter', () => {
  it('puts ids, never names, in the URL', () => {
    expect(userPath(user.id)).toBe(`/beheer/gebruikers/${user.id}`);
    expect(parsePage(new URLSearchParams('pagina=3'))).toBe(3);
    expect(parsePage(new URLSearchParams('pagina=-1'))).toBe(1);
    expect(pageSearch(1)).toBe('');
    expect(pageSearch(2)).toBe('?pagina=2');
  });
});
