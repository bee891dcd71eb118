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

function isProblem(value: unknown): value is Problem {
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
  method?: 'GET' | 'POST';
  body?: unknown;
  signal?: AbortSignal;
}

/** Calls the API in the interface language; resolves with the JSON body or rejects with an ApiError. */
export async function apiRequest<T>(url: string, options: RequestOptions = {}): Promise<T> {
  const language = currentLanguage();
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': language,
  };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
      credentials: 'same-origin',
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError(0, undefined, language, { cause: error });
  }
  if (!response.ok) throw new ApiError(response.status, await problemOf(response), language);
  try {
    return (await response.json()) as T;
  } catch (error) {
    throw new ApiError(response.status, undefined, language, { cause: error });
  }
}

export function toApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(0, undefined, currentLanguage(), { cause: error });
}
