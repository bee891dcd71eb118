import { describe, expect, it } from 'vitest';
import type { Notification } from '@server/modules/notifications/notifications.schema';
import { noticeOrder, seesNotifications, targetPath } from './notifications.rules';

const notice = (over: Partial<Notification>): Notification => ({
  id: over.id ?? 'n',
  kind: 'track-assigned',
  recordType: 'case',
  recordId: '00000000-0000-4000-8000-000000000001',
  reference: 'CS-2026-000001',
  createdAt: '2026-12-01T10:00:00.000Z',
  read: false,
  ...over,
});

describe('notifications rules', () => {
  it('lead to the record by id', () => {
    expect(targetPath(notice({}))).toBe('/casussen/00000000-0000-4000-8000-000000000001');
    expect(targetPath(notice({ recordType: 'table-session' }))).toMatch(/^\/weegtafel\//);
    expect(targetPath(notice({ recordType: 'urgent-consultation' }))).toMatch(/^\/spoed-mdo\//);
    // The invited partners no longer see a cancelled session: the list of sessions instead.
    expect(targetPath(notice({ recordType: 'table-session', kind: 'table-session-cancelled' }))).toBe('/weegtafel');
    expect(targetPath(notice({ recordType: 'table-session', kind: 'table-session-moved' }))).toBe('/weegtafel/00000000-0000-4000-8000-000000000001');
  });

  it('put unread acute interventions first, then unread newest, then read ones', () => {
    const list = [
      notice({ id: 'read', read: true, createdAt: '2026-12-02T10:00:00.000Z' }),
      notice({ id: 'old', createdAt: '2026-11-01T10:00:00.000Z' }),
      notice({ id: 'acute', kind: 'acute-intervention', createdAt: '2026-10-01T10:00:00.000Z' }),
      notice({ id: 'new', createdAt: '2026-12-01T10:00:00.000Z' }),
    ];
    expect(noticeOrder(list).map((n) => n.id)).toEqual(['acute', 'new', 'old', 'read']);
  });

  it('are for staff accounts', () => {
    expect(seesNotifications(undefined)).toBe(false);
  });
});
