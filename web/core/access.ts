import type { CurrentSession, Me, SessionState } from '@server/modules/identity/identity.schema';

/** The log-in steps live at fixed paths: the shell sends people there, the identity module shows them. */
export const loginPaths = {
  password: '/inloggen',
  secondFactor: '/inloggen/tweede-factor',
  enrolment: '/inloggen/tweede-factor-instellen',
} as const;

/** The account page the header links to. */
export const myAccountPath = '/mijn-account';

/**
 * Who may open a route: everyone, anyone logged in, or those for whom the predicate on `me`
 * holds (e.g. `me.permissions.manageUsers`). The server checks again on every request; this
 * only decides what the interface offers.
 */
export type RouteAccess = 'public' | 'signed-in' | ((me: Me) => boolean);

/** What a guarded route shows now. */
export type Gate =
  | { kind: 'show' }
  | { kind: 'wait' }
  | { kind: 'log-in'; to: string }
  | { kind: 'forbidden' };

/** Where a half-finished log-in continues; undefined when there is nothing left to do. */
export function loginStepPath(state: SessionState): string | undefined {
  if (state === 'anonymous') return loginPaths.password;
  if (state === 'second-factor-required') return loginPaths.secondFactor;
  if (state === 'enrolment-required') return loginPaths.enrolment;
  return undefined;
}

export function gateFor(access: RouteAccess, session: CurrentSession | undefined): Gate {
  if (access === 'public') return { kind: 'show' };
  if (!session) return { kind: 'wait' };
  const step = loginStepPath(session.state);
  if (step || !session.me) return { kind: 'log-in', to: step ?? loginPaths.password };
  if (access === 'signed-in' || access(session.me)) return { kind: 'show' };
  return { kind: 'forbidden' };
}

/** Anything with an optional predicate on `me`: navigation items, sections on the home page. */
export interface Restricted {
  visible?: (me: Me | undefined) => boolean;
}

export function isVisibleTo(item: Restricted, me: Me | undefined): boolean {
  return item.visible ? item.visible(me) : true;
}

/** Common predicates, so a module states its rule by name. */
export const visibleWhen = {
  signedIn: (me: Me | undefined) => me !== undefined,
  signedOut: (me: Me | undefined) => me === undefined,
  manageUsers: (me: Me | undefined) => me?.permissions.manageUsers === true,
  readAccessLog: (me: Me | undefined) => me?.permissions.readAccessLog === true,
} satisfies Record<string, (me: Me | undefined) => boolean>;

/**
 * The page to return to after log-in: a path on this site only. Anything else (another host,
 * `//host`, a backslash trick, the log-in pages themselves) falls back to the home page.
 */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || !/^\/(?![/\\])[^\\\s]*$/.test(value)) return '/';
  const path = value.split(/[?#]/, 1)[0] ?? '';
  if (path === loginPaths.password || path.startsWith(`${loginPaths.password}/`)) return '/';
  return value;
}

/** The `from` of a router location state, as set by the guard: `{ from: '/beheer/gebruikers' }`. */
export function returnPathOf(state: unknown): string {
  const from = typeof state === 'object' && state !== null ? (state as Record<string, unknown>).from : undefined;
  return safeReturnPath(from);
}
