import type { User, UserCreate, userCreatedSchema, userListSchema, UserUpdate } from '@server/modules/users/users.schema';
import type { z } from 'zod';
import { apiRequest, apiUrl } from '@web/core/api/client';

export type UserList = z.infer<typeof userListSchema>;
export type UserCreated = z.infer<typeof userCreatedSchema>;

export const USERS_PAGE_SIZE = 20;

export function usersUrl(search: string, page: number): string {
  return apiUrl('/users', { search: search.trim() || undefined, page, pageSize: USERS_PAGE_SIZE });
}

export async function loadUsers(url: string, signal: AbortSignal): Promise<UserList> {
  return apiRequest<UserList>(url, { signal });
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
