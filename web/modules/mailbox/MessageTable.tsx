import { Button, TableCell, TableRow } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { toApiError } from '@web/core/api/client';
import { AppLink } from '@web/core/components/AppLink';
import { CellNote, DataTable, RowHeader } from '@web/core/components/DataTable';
import { useFormat } from '@web/core/format';
import { intlLocale, isLanguage } from '@web/core/i18n';
import { type MailboxMessage, rawMessageUrl, retryMessage } from './mailbox.api';
import { messageSize, parseErrorKey, signalLink } from './mailbox.rules';

const badgeClass = { recorded: 'schakel-badge schakel-badge--ok', 'parse-error': 'schakel-badge schakel-badge--danger', pending: 'schakel-badge schakel-badge--neutral' };

/** One row per message: when, subject, what became of it, and the raw message. */
/** `onChanged` gets a sentence for the page's status line (the list reloads, so it cannot live here). */
export function MessageTable({ messages, empty, onChanged }: { messages: readonly MailboxMessage[]; empty: string; onChanged(notice: string): void }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const locale = intlLocale(isLanguage(i18n.language) ? i18n.language : 'nl');
  const columns = [t('mailbox.table.received'), t('mailbox.table.subject'), t('mailbox.table.status'), { label: t('mailbox.table.actions'), hiddenLabel: true }];

  const retry = async (message: MailboxMessage) => {
    try {
      const result = await retryMessage(message.id);
      onChanged(result.status === 'recorded' ? t('mailbox.table.retryRecorded') : t('mailbox.table.retryFailed', { reason: t(`mailbox.parseErrors.${parseErrorKey(result)}`) }));
    } catch (caught) {
      const problem = toApiError(caught).problem;
      onChanged(problem ? problem.title : t('states.error.unreachable'));
    }
  };

  return (
    <DataTable caption={t('mailbox.table.caption')} columns={columns} rows={messages} empty={empty} className="schakel-table--mailbox" testId="mailbox-table" wide>
        {(message) => (
          <TableRow key={message.id}>
            <RowHeader>
              {format.dateTime(message.receivedAt)}
              <CellNote>
                {t(`mailbox.sources.${message.source}`)} · {messageSize(message.sizeBytes, locale)}
              </CellNote>
            </RowHeader>
            <TableCell>
              {message.subject ?? <span className="schakel-mailbox-muted">{t('mailbox.table.noSubject')}</span>}
              {message.forwarded ? <CellNote>{t('mailbox.table.forwarded')}</CellNote> : null}
              {message.skippedAttachments > 0 ? <CellNote>{t('mailbox.table.skipped', { count: message.skippedAttachments })}</CellNote> : null}
            </TableCell>
            <TableCell>
              <span className={badgeClass[message.status]}>{t(`mailbox.statuses.${message.status}`)}</span>
              {message.parseError ? <CellNote>{t(`mailbox.parseErrors.${parseErrorKey(message)}`)}</CellNote> : null}
              {message.signal ? (
                <CellNote>
                  <AppLink to={signalLink(message.signal.id)}>{message.signal.reference}</AppLink>
                </CellNote>
              ) : null}
            </TableCell>
            <TableCell>
              <div className="schakel-mailbox-actions">
                <a className="utrecht-link utrecht-link--html-a" href={rawMessageUrl(message.id)} download>
                  {t('mailbox.table.download')}
                  <span className="schakel-visually-hidden"> {t('mailbox.table.ofMessage', { received: format.dateTime(message.receivedAt) })}</span>
                </a>
                {message.status !== 'recorded' ? (
                  <Button appearance="secondary-action-button" onClick={() => void retry(message)}>
                    {t('mailbox.table.retry')}
                    <span className="schakel-visually-hidden"> {t('mailbox.table.ofMessage', { received: format.dateTime(message.receivedAt) })}</span>
                  </Button>
                ) : null}
              </div>
            </TableCell>
          </TableRow>
        )}
      </DataTable>
  );
}
