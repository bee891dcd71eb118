import type { User, UserCreate, userCreatedSchema, userListSchema, UserUpdate } from '@server/modules/users/users.schema';
import type { z } from 'zod';
import { apiRequest, apiUrl } from '@web/core/api/client';

export type UserList = z.infer<typeof userListSchema>;
export type UserCreated = z.infer<typeof userCreatedSchema>;

export const USERS_PAGE_SIZE = 20;

/**
 * One page of the region's accounts, by search text (part of a name or e-mail address). The text
 * goes in the body of `POST /users/_search`, never in a URL; only the page number does.
 */
export async function searchUsers(search: string, page: number, signal: AbortSignal): Promise<UserList> {
  const text = search.trim();
  return apiRequest<UserList>(apiUrl('/users/_search', { page, pageSize: USERS_PAGE_SIZE }), {
    method: 'POST',
    body: text ? { search: text } : {},
    signal,
  });
}

export async function loadUser(id: string, signal: AbortSignal): Promise<User> {
  return apiRequest<User>(apiUrl(`/users/${encodeURIComponent(id)}`), { signal });
}

export async function createUser(input: UserCreate): Promise<UserCreated> {
  return apiRequest<UserCreated>(apiUrl('/users'), { method: 'POST', body: input });
}

export async function updateUser(id: string, input: UserUpdate): Promise<User> {
  return apiRequest<User>(apiUrl(`/users/${encodeURIComponent(id)}`), { method: 'PATCH', body: input });
}

export async function resetSecondFactor(id: string): Promise<void> {
  await apiRequest<undefined>(apiUrl(`/users/${encodeURIComponent(id)}/second-factor-reset`), { method: 'POST' });
}
