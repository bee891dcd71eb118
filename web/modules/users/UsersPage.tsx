import { Button, FormField, FormLabel, Paragraph, Textbox } from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useResource } from '@web/core/api/useResource';
import { Pagination } from '@web/core/components/Pagination';
import { PageHeading } from '@web/core/components/PageHeading';
import { ErrorState } from '@web/core/components/States';
import { useSession } from '@web/core/session';
import { searchUsers } from './users.api';
import { newUserPath, pageSearch, parsePage } from './users.rules';
import { UserTable } from './UserTable';
import { useRegionChoices } from './useRegionChoices';

/**
 * The accounts of the region. The search text stays in the page, not in its URL: it is often a
 * name, and names do not belong in addresses, histories or logs.
 */
export function UsersPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const page = parsePage(params);
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  // The key only tells requests apart in memory; the search text itself goes in a POST body.
  const users = useResource(JSON.stringify(['users', search, page]), (signal) => searchUsers(search, page, signal));
  const { municipalities } = useRegionChoices(me?.region ?? '');
  const names = new Map(municipalities.status === 'ready' ? municipalities.data.map((m) => [m.code, m.name]) : []);

  const summaryRef = useRef<HTMLParagraphElement>(null);
  const shownPage = useRef(page);
  useEffect(() => {
    if (shownPage.current === page) return;
    shownPage.current = page;
    summaryRef.current?.focus();
  }, [page]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSearch(typed.trim());
    if (page !== 1) void navigate({ search: '' });
  };
  const clear = () => {
    setTyped('');
    setSearch('');
    if (page !== 1) void navigate({ search: '' });
  };

  const ready = users.status === 'ready' ? users.data : undefined;
  let summary = '';
  if (users.status === 'loading') summary = t('states.loading');
  if (ready) {
    summary =
      ready.page.totalElements === 0
        ? t('users.list.noneFound')
        : `${t('users.list.found', { count: ready.page.totalElements })} ${t('regions.organisations.pageOf', { page: ready.page.number, total: ready.page.totalPages })}`;
  }

  return (
    <>
      <PageHeading title={t('users.title')} />
      <Paragraph appearance="lead" className="schakel-lead">
        {t('users.lead')}
      </Paragraph>
      <p>
        <Link to={newUserPath} className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" data-testid="new-user">
          {t('users.new.link')}
        </Link>
      </p>
      <form className="schakel-filters" role="search" onSubmit={submit} aria-label={t('users.search.label')}>
        <FormField className="schakel-filters__field schakel-filters__field--wide">
          <FormLabel htmlFor="users-search">{t('users.search.field')}</FormLabel>
          <Textbox id="users-search" type="search" autoComplete="off" value={typed} onChange={(event) => setTyped(event.target.value)} />
        </FormField>
        <div className="schakel-filters__actions">
          <Button type="submit" appearance="primary-action-button">
            {t('users.search.submit')}
          </Button>
          {search ? (
            <Button appearance="subtle-button" onClick={clear}>
              {t('users.search.clear')}
            </Button>
          ) : null}
        </div>
      </form>
      <p
        ref={summaryRef}
        tabIndex={-1}
        className="schakel-results-summary"
        role="status"
        data-testid="users-summary"
        data-state={users.status}
      >
        {summary}
      </p>
      {users.status === 'error' ? <ErrorState error={users.error} onRetry={users.retry} /> : null}
      {ready ? <UserTable users={ready._embedded.users} municipalityNames={names} empty={t(search ? 'users.list.emptySearch' : 'users.list.empty')} /> : null}
      {ready && ready._embedded.users.length > 0 ? (
        <Pagination
          page={ready.page.number}
          totalPages={ready.page.totalPages}
          hrefFor={(target) => ({ search: pageSearch(target) })}
          label={t('users.list.pagination')}
        />
      ) : null}
    </>
  );
}
