import type { Actor } from './actor';

/**
 * A short-lived in-process cache of live sessions with their actor, keyed by the token hash, so a
 * burst of requests with one session costs one database round trip per SESSION_CACHE_SECONDS
 * instead of one each. Only sessions past the second factor are cached.
 *
 * The bound, plainly: what this process changes (log-out, ending sessions, any logged change to an
 * account — roles, scope, organisation, status, second factor, password) it forgets at once. What
 * another app server or a hand-made database change does is seen here within SESSION_CACHE_SECONDS.
 * Idle and absolute expiry are checked on every hit against the cached times.
 */
export interface CachedSession {
  tokenHash: string;
  sessionId: string;
  userId: string;
  csrfToken: string;
  actor: Actor;
  expiresAt: number;
  /** last_seen_at as stored; moved forward when this process touches the session. */
  lastSeenAt: number;
}

interface Entry {
  session: CachedSession;
  cachedUntil: number;
}

/** Enough for every live session of a large region; past it the oldest entries go. */
const MAX_ENTRIES = 10_000;

const entries = new Map<string, Entry>();
/**
 * Bumped by every forget. A lookup that read the database before a forget does not store what it
 * read, so a change that commits while a lookup is in flight cannot be cached as the old state.
 */
let generation = 0;

export const sessionCache = {
  /** A cached live session, or undefined (not cached, stale, or past its idle or absolute limit). */
  get(tokenHash: string, now: number, idleMs: number): CachedSession | undefined {
    const entry = entries.get(tokenHash);
    if (!entry) return undefined;
    if (entry.cachedUntil <= now || entry.session.expiresAt <= now || entry.session.lastSeenAt <= now - idleMs) {
      entries.delete(tokenHash);
      return undefined;
    }
    return entry.session;
  },

  /** The generation to pass to set() after reading the database. */
  generation(): number {
    return generation;
  },

  set(session: CachedSession, seconds: number, now: number, readAtGeneration: number): void {
    if (seconds <= 0 || readAtGeneration !== generation) return;
    if (entries.size >= MAX_ENTRIES) {
      for (const [key, entry] of entries) if (entry.cachedUntil <= now) entries.delete(key);
      while (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
    }
    entries.set(session.tokenHash, { session, cachedUntil: now + seconds * 1000 });
  },

  forgetSession(sessionId: string): void {
    generation++;
    for (const [key, entry] of entries) if (entry.session.sessionId === sessionId) entries.delete(key);
  },

  forgetUser(userId: string): void {
    generation++;
    for (const [key, entry] of entries) if (entry.session.userId === userId) entries.delete(key);
  },

  size(): number {
    return entries.size;
  },
};
