import type { CurrentSession, Me } from '@server/modules/identity/identity.schema';
import { describe, expect, it } from 'vitest';
import { gateFor, isVisibleTo, loginStepPath, returnPathOf, safeReturnPath, visibleWhen } from './access';
import { mainNavigation, visibleNavigation, type WebModule } from './module';

function me(overrides: Partial<Me['permissions']> = {}): Me {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    email: 'beheer@example.test',
    displayName: 'Fictieve Beheerder',
    organisation: { id: '00000000-0000-4000-8000-000000000002', name: 'Regio (fictief)' },
    region: 'gooi-en-vechtstreek',
    roles: [],
    allMunicipalities: true,
    municipalities: [],
    secondFactor: { enabled: true, recoveryCodesLeft: 10 },
    permissions: { manageUsers: false, readAccessLog: false, ...overrides },
  };
}

const active = (person: Me): CurrentSession => ({ state: 'active', demoMode: false, csrfToken: 'x', me: person });
const anonymous: CurrentSession = { state: 'anonymous', demoMode: false };

describe('gateFor', () => {
  it('shows public routes to everyone, also before the session is known', () => {
    expect(gateFor('public', undefined)).toEqual({ kind: 'show' });
    expect(gateFor('public', anonymous)).toEqual({ kind: 'show' });
  });

  it('waits for the session, then sends someone not logged in to the step they are at', () => {
    expect(gateFor('signed-in', undefined)).toEqual({ kind: 'wait' });
    expect(gateFor('signed-in', anonymous)).toEqual({ kind: 'log-in', to: '/inloggen' });
    expect(gateFor('signed-in', { state: 'second-factor-required', demoMode: false })).toEqual({ kind: 'log-in', to: '/inloggen/tweede-factor' });
    expect(gateFor('signed-in', { state: 'enrolment-required', demoMode: false })).toEqual({
      kind: 'log-in',
      to: '/inloggen/tweede-factor-instellen',
    });
  });

  it('applies the route predicate on me: forbidden, not a log-in loop, when the role is missing', () => {
    expect(gateFor('signed-in', active(me()))).toEqual({ kind: 'show' });
    expect(gateFor(visibleWhen.manageUsers, active(me()))).toEqual({ kind: 'forbidden' });
    expect(gateFor(visibleWhen.manageUsers, active(me({ manageUsers: true })))).toEqual({ kind: 'show' });
    expect(gateFor(visibleWhen.readAccessLog, active(me({ manageUsers: true })))).toEqual({ kind: 'forbidden' });
  });

  it('knows no next step for an active session', () => {
    expect(loginStepPath('active')).toBeUndefined();
  });
});

describe('navigation predicates', () => {
  const modules: WebModule[] = [
    { name: 'a', routes: [], navigation: [{ to: '/regio', labelKey: 'nav.region' }] },
    { name: 'b', routes: [], navigation: [{ to: '/beheer/gebruikers', labelKey: 'nav.users', visible: visibleWhen.manageUsers }] },
    { name: 'c', routes: [], navigation: [{ to: '/privacy/toegangslog', labelKey: 'nav.accessLog', visible: visibleWhen.readAccessLog }] },
    { name: 'd', routes: [], navigation: [{ to: '/mijn-account', labelKey: 'nav.myAccount', visible: visibleWhen.signedIn }] },
  ];
  const paths = (person: Me | undefined) => visibleNavigation(mainNavigation(modules), person).map((item) => item.to);

  it('shows only what the person may use; items without a predicate are for everyone', () => {
    expect(paths(undefined)).toEqual(['/', '/regio']);
    expect(paths(me())).toEqual(['/', '/regio', '/mijn-account']);
    expect(paths(me({ manageUsers: true }))).toEqual(['/', '/regio', '/beheer/gebruikers', '/mijn-account']);
    expect(paths(me({ readAccessLog: true }))).toEqual(['/', '/regio', '/privacy/toegangslog', '/mijn-account']);
  });

  it('treats a missing predicate as visible and signedOut as the opposite of signedIn', () => {
    expect(isVisibleTo({}, undefined)).toBe(true);
    expect(visibleWhen.signedOut(undefined)).toBe(true);
    expect(visibleWhen.signedOut(me())).toBe(false);
  });
});

describe('safeReturnPath', () => {
  it('keeps a path on this site, with its query', () => {
    expect(safeReturnPath('/beheer/gebruikers')).toBe('/beheer/gebruikers');
    expect(safeReturnPath('/privacy/toegangslog?actie=login&pagina=2')).toBe('/privacy/toegangslog?actie=login&pagina=2');
  });

  it('refuses other hosts, scheme tricks and the log-in pages themselves', () => {
    for (const value of ['https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '', '/a b', undefined, 42]) {
      expect(safeReturnPath(value), String(value)).toBe('/');
    }
    expect(safeReturnPath('/inloggen')).toBe('/');
    expect(safeReturnPath('/inloggen/tweede-factor?herstelcode')).toBe('/');
    expect(safeReturnPath('/inloggenpagina')).toBe('/inloggenpagina');
  });

  it('reads the `from` of a router state', () => {
    expect(returnPathOf({ from: '/mijn-account' })).toBe('/mijn-account');
    expect(returnPathOf(null)).toBe('/');
    expect(returnPathOf({ from: '//evil.example' })).toBe('/');
  });
});
