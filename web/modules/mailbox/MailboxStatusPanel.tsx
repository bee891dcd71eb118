import { Heading2, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { useResource } from '@web/core/api/useResource';
import { ErrorState, LoadingState } from '@web/core/components/States';
import { useFormat } from '@web/core/format';
import { loadMailboxStatus } from './mailbox.api';

/** Whether the mailbox is read, when last, the last error, and how many messages wait. */
export function MailboxStatusPanel({ refreshKey }: { refreshKey: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const status = useResource(`mailbox-status-${refreshKey}`, loadMailboxStatus);
  return (
    <section className="schakel-section" aria-labelledby="mailbox-status-heading">
      <Heading2 id="mailbox-status-heading">{t('mailbox.status.heading')}</Heading2>
      {status.status === 'loading' ? <LoadingState /> : null}
      {status.status === 'error' ? <ErrorState error={status.error} onRetry={status.retry} /> : null}
      {status.status === 'ready' ? (
        <dl className="schakel-mailbox-status" data-testid="mailbox-status">
          <div>
            <dt>{t('mailbox.status.reading')}</dt>
            <dd>
              {status.data.imap
                ? t('mailbox.status.imap', { folder: status.data.imap.folder, host: status.data.imap.host })
                : status.data.enabled
                  ? t('mailbox.status.dropOnly')
                  : t('mailbox.status.off')}
            </dd>
          </div>
          <div>
            <dt>{t('mailbox.status.lastRead')}</dt>
            <dd>{status.data.lastSuccessAt ? format.dateTime(status.data.lastSuccessAt) : t('mailbox.status.never')}</dd>
          </div>
          {status.data.lastError ? (
            <div>
              <dt>{t('mailbox.status.lastError')}</dt>
              <dd>
                {format.dateTime(status.data.lastError.at)}: <span lang="en">{status.data.lastError.message}</span>
              </dd>
            </div>
          ) : null}
          <div>
            <dt>{t('mailbox.status.counts')}</dt>
            <dd>
              {t('mailbox.status.countLine', {
                recorded: format.number(status.data.counts.recorded),
                parseError: format.number(status.data.counts.parseError),
                pending: format.number(status.data.counts.pending),
              })}
            </dd>
          </div>
        </dl>
      ) : null}
      <Paragraph className="schakel-mailbox-hint">{t('mailbox.status.hint')}</Paragraph>
    </section>
  );
}
