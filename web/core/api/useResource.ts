import { useEffect, useEffectEvent, useState } from 'react';
import { type ApiError, toApiError } from './client';

export type ResourceState<T> =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | { status: 'ready'; data: T };

export type Resource<T> = ResourceState<T> & { retry(): void };

interface Settled<T> {
  key: string;
  attempt: number;
  state: ResourceState<T>;
}

/**
 * Loads data for `key` (null: not yet, e.g. while a parameter is unknown). A new key or a retry
 * shows loading again; an answer for an older key is dropped, so fast filter changes cannot
 * show stale results.
 */
export function useResource<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): Resource<T> {
  const [attempt, setAttempt] = useState(0);
  const [settled, setSettled] = useState<Settled<T>>();
  const run = useEffectEvent((signal: AbortSignal) => load(signal));

  useEffect(() => {
    if (key === null) return undefined;
    const controller = new AbortController();
    run(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setSettled({ key, attempt, state: { status: 'ready', data } });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setSettled({ key, attempt, state: { status: 'error', error: toApiError(error) } });
      },
    );
    return () => controller.abort();
  }, [key, attempt]);

  const state: ResourceState<T> =
    settled && settled.key === key && settled.attempt === attempt ? settled.state : { status: 'loading' };
  return { ...state, retry: () => setAttempt((n) => n + 1) };
}
