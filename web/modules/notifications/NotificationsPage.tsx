import { Button, Paragraph, StatusBadge, TableCell, TableRow } from '@utrecht/component-library-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useResource } from '@web/core/api/useResource';
import { AppLink } from '@web/core/components/AppLink';
import { DataTable, RowHeader } from '@web/core/components/DataTable';
import { PageHeading } from '@web/core/components/PageHeading';
import { Pagination } from '@web/core/components/Pagination';
import { ErrorState } from '@web/core/components/States';
import { useFormat } from '@web/core/format';
import { loadNotifications, markRead, type Notification, NOTIFICATIONS_PAGE_SIZE, notificationsUrl } from './notifications.api';
import { noticeOrder, targetPath } from './notifications.rules';

/** My notices: what happened for me, by reference, with a link to the record and "mark as read". */
export function NotificationsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [params] = useSearchParams();
  const page = Math.max(1, Number(params.get('pagina') ?? '1') || 1);
  const [round, setRound] = useState(0);
  const url = notificationsUrl(page);
  const list = useResource(`${url}#${round}`, (signal) => loadNotifications(url, signal));
  const [notice, setNotice] = useState<string>();
  const noticeRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  const read = async (n: Notification) => {
    await markRead(n.id);
    setNotice(t('notifications.marked', { reference: n.reference }));
    setRound((r) => r + 1);
  };
  const ready = list.status === 'ready' ? list.data : undefined;
  const rows = ready ? noticeOrder(ready._embedded.notifications) : [];

  return (
    <>
      <PageHeading title={t('notifications.title')} />
      <Paragraph appearance="lead" className="schakel-lead">
        {t('notifications.lead')}
      </Paragraph>
      {notice ? (
        <p ref={noticeRef} tabIndex={-1} role="status" className="schakel-notice-line">
          {notice}
        </p>
      ) : null}
      <p className="schakel-results-summary" role="status" data-testid="notifications-summary" data-state={list.status}>
        {list.status === 'loading' ? t('notifications.loading') : null}
        {ready ? t('notifications.unread', { count: ready.unread }) : null}
      </p>
      {list.status === 'error' ? <ErrorState error={list.error} onRetry={list.retry} /> : null}
      {ready ? (
        <DataTable
          caption={t('notifications.caption')}
          columns={[t('notifications.columns.what'), t('notifications.columns.reference'), t('notifications.columns.when'), t('notifications.columns.state'), { label: t('notifications.open'), hiddenLabel: true }]}
          rows={rows}
          empty={t('notifications.empty')}
          testId="notifications-table"
        >
          {(n) => (
            <TableRow key={n.id} data-read={n.read ? 'true' : 'false'}>
              <RowHeader>
                <AppLink to={targetPath(n)}>{t(`notifications.kinds.${n.kind}`)}</AppLink>
              </RowHeader>
              <TableCell className="schakel-table__id">{n.reference}</TableCell>
              <TableCell>{format.dateTime(n.createdAt)}</TableCell>
              <TableCell>
                <StatusBadge status={n.read ? 'neutral' : n.kind === 'acute-intervention' ? 'danger' : 'warning'}>{t(n.read ? 'notifications.state.read' : 'notifications.state.unread')}</StatusBadge>
              </TableCell>
              <TableCell>
                {n.read ? null : (
                  <Button appearance="secondary-action-button" onClick={() => void read(n)}>
                    {t('notifications.markRead', { reference: n.reference })}
                  </Button>
                )}
              </TableCell>
            </TableRow>
          )}
        </DataTable>
      ) : null}
      {ready && ready.page.totalPages > 1 ? (
        <Pagination page={ready.page.number} totalPages={ready.page.totalPages} hrefFor={(p) => ({ search: `?pagina=${p}` })} label={t('notifications.pagination')} />
      ) : null}
      <span hidden data-page-size={NOTIFICATIONS_PAGE_SIZE} />
    </>
  );
}
