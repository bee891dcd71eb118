import { Button } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '@web/core/components/FormParts';
import { searchTextError } from './cases.rules';

/**
 * Search by reference or title. The text stays in this page's memory and goes to the server in
 * a POST body: it may be a name or an address, so it never lands in a URL or a log.
 */
export function CaseSearchForm({ active, onSearch, onClear }: { active: boolean; onSearch(text: string): void; onClear(): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [error, setError] = useState<'tooShort' | 'tooLong'>();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = searchTextError(text);
    setError(found);
    if (found) {
      document.getElementById('cases-search')?.focus();
      return;
    }
    onSearch(text.trim());
  };

  return (
    <form role="search" className="schakel-case-search" noValidate onSubmit={submit} aria-label={t('cases.list.search.label')}>
      <TextField
        id="cases-search"
        type="search"
        label={t('cases.list.search.field')}
        description={t('cases.list.search.hint')}
        value={text}
        onValue={setText}
        error={error ? t(`cases.list.search.errors.${error}`) : undefined}
        autoComplete="off"
      />
      <div className="schakel-case-search__actions">
        <Button type="submit" appearance="secondary-action-button" data-testid="cases-search-submit">
          {t('cases.list.search.submit')}
        </Button>
        {active ? (
          <Button
            appearance="subtle-button"
            onClick={() => {
              setText('');
              setError(undefined);
              onClear();
            }}
          >
            {t('cases.list.search.clear')}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
