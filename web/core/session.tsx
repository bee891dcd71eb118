import type { CurrentSession, Me } from '@server/modules/identity/identity.schema';
import { createContext, type ReactNode, startTransition, use, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { loginPaths } from './access';
import { type ApiError, apiRequest, apiUrl, onSessionChanged, setCsrfToken, toApiError } from './api/client';

export interface SessionValue {
  /** Undefined until the first answer of `GET /sessions/current`. */
  current: CurrentSession | undefined;
  /** Set when the session could not be loaded (server unreachable); public pages still work. */
  error: ApiError | undefined;
  /** The logged-in person, when the session is active. */
  me: Me | undefined;
  demoMode: boolean;
  /** Asks the server again; call it after every log-in step and after log-out. */
  refresh(): Promise<CurrentSession>;
  /** Forgets the session here at once (after the server ended it), so no screen shows it any longer. */
  signedOut(): void;
}

const SessionContext = createContext<SessionValue | null>(null);

async function loadSession(): Promise<CurrentSession> {
  return apiRequest<CurrentSession>(apiUrl('/sessions/current'));
}

/** Holds the session state of this tab; the CSRF token stays in memory, never in storage. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [current, setCurrent] = useState<CurrentSession>();
  const [error, setError] = useState<ApiError>();
  // Only the answer to the latest question counts, so an old answer cannot undo a log-out.
  const latest = useRef(0);

  const refresh = useCallback(async () => {
    latest.current += 1;
    const asked = latest.current;
    try {
      const session = await loadSession();
      if (asked === latest.current) {
        setCsrfToken(session.csrfToken);
        setCurrent(session);
        setError(undefined);
      }
      return session;
    } catch (caught) {
      const failure = toApiError(caught);
      if (asked === latest.current) {
        setError(failure);
        // Without an answer nobody is logged in as far as the interface knows.
        setCurrent((previous) => previous ?? { state: 'anonymous', demoMode: false });
      }
      throw failure;
    }
  }, []);

  const signedOut = useCallback(() => {
    latest.current += 1;
    setCsrfToken(undefined);
    setCurrent((previous) => ({ state: 'anonymous', demoMode: previous?.demoMode ?? false }));
  }, []);

  useEffect(() => {
    refresh().catch(() => undefined);
    return onSessionChanged(() => void refresh().catch(() => undefined));
  }, [refresh]);

  const value = useMemo<SessionValue>(
    () => ({
      current,
      error,
      me: current?.state === 'active' ? current.me : undefined,
      demoMode: current?.demoMode ?? false,
      refresh,
      signedOut,
    }),
    [current, error, refresh, signedOut],
  );
  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSession(): SessionValue {
  const value = use(SessionContext);
  if (!value) throw new Error('useSession needs a SessionProvider');
  return value;
}

async function endCurrentSession(): Promise<void> {
  await apiRequest<undefined>(apiUrl('/sessions/current'), { method: 'DELETE' });
}

export interface LogOutOptions {
  /** How the server ends it: this session (default), or e.g. all sessions of the account. */
  end?: () => Promise<void>;
  /** The router state for the log-in page; by default it says "you are logged out". */
  state?: unknown;
}

/**
 * Logging out: the server ends the session, then, in one render, this tab forgets it and goes
 * to the log-in page (so a protected page never flashes its own redirect). When the server
 * could not end it, nothing is pretended: the error is thrown for the screen to show.
 */
export function useLogOut(): (options?: LogOutOptions) => Promise<void> {
  const { signedOut, refresh } = useSession();
  const navigate = useNavigate();
  return useCallback(
    async ({ end = endCurrentSession, state = { loggedOut: true } }: LogOutOptions = {}) => {
      try {
        await end();
      } catch (caught) {
        // Already ended (expired, ended elsewhere) is as good as ended now.
        if (toApiError(caught).status !== 401) throw caught;
      }
      // The router applies locations in a transition; forgetting the session in the same one
      // keeps the two in one render, so the page being left never sees itself logged out.
      startTransition(() => {
        signedOut();
        void navigate(loginPaths.password, { state });
      });
      void refresh().catch(() => undefined);
    },
    [navigate, refresh, signedOut],
  );
}
