import type { Problem } from '@server/core/http/problem';
import { currentLanguage, type Language } from '@web/core/i18n';

export const API_BASE = '/api/v1';

type InvalidParam = NonNullable<Problem['invalidParams']>[number];

/**
 * A failed API call. `problem` holds the server's problem+json body when there was one;
 * without it the server could not be reached or answered something unexpected.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | undefined;
  /** The language the problem title was asked in, so the UI can mark it with `lang`. */
  readonly language: Language;

  constructor(status: number, problem: Problem | undefined, language: Language, options?: { cause?: unknown }) {
    super(problem ? `${problem.code}: ${problem.title}` : `API request failed with status ${status}`, options);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.language = language;
  }

  get invalidParams(): InvalidParam[] {
    return this.problem?.invalidParams ?? [];
  }

  /** True when the request never got an answer (offline, server down). */
  get isNetworkError(): boolean {
    return this.status === 0;
  }
}

export type QueryValue = string | number | undefined;

/** `/api/v1` + path + the query parameters that have a value. */
export function apiUrl(path: string, query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

export function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.title === 'string' && typeof candidate.status === 'number' && typeof candidate.code === 'string';
}

async function problemOf(response: Response): Promise<Problem | undefined> {
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined;
  try {
    const body: unknown = await response.json();
    return isProblem(body) ? body : undefined;
  } catch {
    return undefined;
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** JSON, or a Blob/File sent as it is with its own Content-Type (an upload). */
  body?: unknown;
  signal?: AbortSignal;
  /** Extra request headers (e.g. `Submission-Id` of an upload). */
  headers?: Record<string, string>;
}

/**
 * The CSRF token of the current session, in memory only (the session cookie itself is HttpOnly).
 * The session provider sets it from every answer of `GET /sessions/current`.
 */
let csrfToken: string | undefined;

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** The CSRF header for a state-changing request made without apiRequest (an upload with progress). */
export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { 'X-CSRF-Token': csrfToken } : {};
}

type SessionChangedListener = () => void;
const sessionChangedListeners = new Set<SessionChangedListener>();

/** Answers that mean the session is not what this tab thinks it is. */
const sessionChangedCodes = new Set(['auth.required', 'auth.csrf']);

/**
 * Called when the API answers `auth.required` (the session ended: expired, ended elsewhere) or
 * `auth.csrf` (another tab logged in or out, so the cookie belongs to another session). The
 * session provider listens and asks again; the request itself is not repeated, because it
 * may now run as someone else.
 */
export function onSessionChanged(listener: SessionChangedListener): () => void {
  sessionChangedListeners.add(listener);
  return () => sessionChangedListeners.delete(listener);
}

/**
 * Calls the API in the interface language; resolves with the JSON body (undefined for 204) or
 * rejects with an ApiError. State-changing requests carry the session's CSRF token.
 */
export async function apiRequest<T>(url: string, options: RequestOptions = {}): Promise<T> {
  const language = currentLanguage();
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': language,
  };
  const raw = options.body instanceof Blob;
  if (options.body !== undefined) headers['Content-Type'] = raw ? (options.body as Blob).type || 'application/octet-stream' : 'application/json';
  Object.assign(headers, options.headers);
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: options.body === undefined ? null : raw ? (options.body as Blob) : JSON.stringify(options.body),
      signal: options.signal ?? null,
      credentials: 'same-origin',
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError(0, undefined, language, { cause: error });
  }
  if (!response.ok) {
    const problem = await problemOf(response);
    if (problem && sessionChangedCodes.has(problem.code)) for (const listener of sessionChangedListeners) listener();
    throw new ApiError(response.status, problem, language);
  }
  if (response.status === 204) return undefined as T;
  try {
    return (await response.json()) as T;
  } catch (error) {
    throw new ApiError(response.status, undefined, language, { cause: error });
  }
}

export function toApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(0, undefined, currentLanguage(), { cause: error });
}
