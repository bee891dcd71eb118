import type { Notification, notificationListSchema } from '@server/modules/notifications/notifications.schema';
import type { z } from 'zod';
import { apiRequest, apiUrl } from '@web/core/api/client';

export type NotificationList = z.infer<typeof notificationListSchema>;
export type { Notification };

export const NOTIFICATIONS_PAGE_SIZE = 20;
export const notificationsUrl = (page: number, pageSize = NOTIFICATIONS_PAGE_SIZE) => apiUrl('/notifications', { page, pageSize });

/** `background`: the page's own poll, which must not keep an unattended session alive (X-Background). */
export async function loadNotifications(url: string, signal: AbortSignal, background = false): Promise<NotificationList> {
  return apiRequest<NotificationList>(url, { signal, ...(background ? { headers: { 'X-Background': '1' } } : {}) });
}

export async function markRead(id: string): Promise<Notification> {
  return apiRequest<Notification>(apiUrl(`/notifications/${encodeURIComponent(id)}`), { method: 'PATCH', body: { read: true } });
}
