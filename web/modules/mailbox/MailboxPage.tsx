import { Heading2, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useResource } from '@web/core/api/useResource';
import { PageHeading } from '@web/core/components/PageHeading';
import { Pagination } from '@web/core/components/Pagination';
import { ErrorState } from '@web/core/components/States';
import { loadMessages, messagesUrl } from './mailbox.api';
import { mailboxFilters, mailboxSearch, parseMailboxSearch } from './mailbox.rules';
import { MailboxStatusPanel } from './MailboxStatusPanel';
import { MessageTable } from './MessageTable';
import { MessageUpload } from './MessageUpload';

/**
 * The regional mailbox for the ketenregisseur: whether it is read, the messages that could not
 * be read (kept raw, never dropped), the others and the signals they became, and adding an .eml.
 */
export function MailboxPage() {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const { filter, page } = parseMailboxSearch(search);
  const [refresh, setRefresh] = useState(0);
  const url = messagesUrl(filter, page);
  const messages = useResource(`${url}#${refresh}`, (signal) => loadMessages(url, signal));
  const [notice, setNotice] = useState('');
  const changed = (sentence = '') => {
    setNotice(sentence);
    setRefresh((n) => n + 1);
  };
  const ready = messages.status === 'ready' ? messages.data : undefined;

  let summary = messages.status === 'loading' ? t('states.loading') : '';
  if (ready) summary = ready.page.totalElements === 0 ? t('mailbox.list.none') : t('mailbox.list.found', { count: ready.page.totalElements });

  return (
    <>
      <PageHeading title={t('mailbox.title')} />
      <Paragraph appearance="lead" className="schakel-lead">
        {t('mailbox.lead')}
      </Paragraph>
      <MailboxStatusPanel refreshKey={refresh} />
      <section className="schakel-section" aria-labelledby="mailbox-list-heading">
        <Heading2 id="mailbox-list-heading">{t(`mailbox.list.heading.${filter}`)}</Heading2>
        <nav aria-label={t('mailbox.list.filterLabel')} className="schakel-mailbox-filter">
          <ul>
            {mailboxFilters.map((option) => (
              <li key={option}>
                <Link className="utrecht-link utrecht-link--html-a" to={{ search: mailboxSearch(option, 1) }} aria-current={option === filter ? 'page' : undefined}>
                  {t(`mailbox.list.filters.${option}`)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <p className="schakel-results-summary" role="status" data-testid="mailbox-summary" data-state={messages.status}>
          {summary}
        </p>
        <p className="schakel-mailbox-notice" role="status" data-testid="mailbox-notice">
          {notice}
        </p>
        {messages.status === 'error' ? <ErrorState error={messages.error} onRetry={messages.retry} /> : null}
        {ready ? (
          <>
            <MessageTable messages={ready._embedded.messages} empty={t(`mailbox.list.empty.${filter}`)} onChanged={changed} />
            <Pagination page={ready.page.number} totalPages={ready.page.totalPages} hrefFor={(p) => ({ search: mailboxSearch(filter, p) })} label={t('mailbox.list.pagination')} />
          </>
        ) : null}
      </section>
      <MessageUpload onUploaded={() => changed()} />
    </>
  );
}
