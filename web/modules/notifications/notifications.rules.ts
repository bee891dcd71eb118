import type { Me } from '@server/modules/identity/identity.schema';
import type { Notification } from '@server/modules/notifications/notifications.schema';

export const notificationsPath = '/notificaties';
export const POLL_MS = 60_000;

/** Every staff account has notices; whoever is logged in sees the page. */
export function seesNotifications(me: Me | undefined): boolean {
  return Boolean(me && me.roles.length > 0);
}

/**
 * Where a notice leads: the record it names (by id; never content in a URL). A cancelled session
 * is no longer open to the partners it invited: theirs leads to the list of sessions.
 */
export function targetPath(notification: Pick<Notification, 'recordType' | 'recordId' | 'kind'>): string {
  const id = encodeURIComponent(notification.recordId);
  if (notification.kind === 'table-session-cancelled') return '/weegtafel';
  switch (notification.recordType) {
    case 'case':
      return `/casussen/${id}`;
    case 'table-session':
      return `/weegtafel/${id}`;
    case 'urgent-consultation':
      return `/spoed-mdo/${id}`;
  }
}

/** Acute ones first among the unread, then newest; read ones after. */
export function noticeOrder(list: readonly Notification[]): Notification[] {
  const weight = (n: Notification) => (n.read ? 2 : n.kind === 'acute-intervention' ? 0 : 1);
  return [...list].sort((a, b) => weight(a) - weight(b) || b.createdAt.localeCompare(a.createdAt));
}
