import { Alert, Button, Fieldset, FieldsetLegend, FormLabel, Heading2, Paragraph, RadioButton } from '@utrecht/component-library-react';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '@web/core/api/client';
import { TextField } from '@web/core/components/FormParts';
import { useFormat } from '@web/core/format';
import { type CaseList, changeCase, loadCase, searchCases } from './cases.api';
import { casePath } from './cases.rules';

type Found = CaseList['_embedded']['cases'][number];

/**
 * "Or join an existing case" on the page that starts a case from signals: search the open cases
 * the user may change (the text goes in the body, never in a URL), pick one, and each signal is
 * joined to it in turn (POST /cases/{id}/signals with the version just read).
 */
export function JoinCaseSection({ signalIds }: { signalIds: readonly string[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [textError, setTextError] = useState<string | undefined>();
  const [found, setFound] = useState<Found[] | undefined>();
  const [total, setTotal] = useState({ count: 0, capped: false });
  const [chosen, setChosen] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | undefined>();
  const resultsRef = useRef<HTMLDivElement>(null);

  const search = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFailure(undefined);
    if (text.trim().length < 2) {
      setTextError(t('cases.join.textTooShort'));
      return;
    }
    setTextError(undefined);
    setBusy(true);
    try {
      const list = await searchCases({ text: text.trim(), status: 'open' }, 1);
      const cases = list._embedded.cases;
      setFound(cases);
      setTotal({ count: list.page.totalElements, capped: list.page.totalElementsCapped === true });
      setChosen(cases.length === 1 ? cases[0]!.id : '');
      requestAnimationFrame(() => resultsRef.current?.focus());
    } catch (error) {
      setFailure(error instanceof ApiError && error.problem ? error.problem.title : t('cases.join.failed'));
    } finally {
      setBusy(false);
    }
  };

  const join = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!chosen) {
      setFailure(t('cases.join.chooseFirst'));
      return;
    }
    setBusy(true);
    setFailure(undefined);
    try {
      let current = await loadCase(chosen);
      for (const signalId of signalIds) {
        if (current.signals?.some((s) => s.id === signalId)) continue;
        current = await changeCase(chosen, '/signals', { signalId, version: current.version });
      }
      void navigate(casePath(chosen), { state: { joined: signalIds.length } });
    } catch (error) {
      setFailure(error instanceof ApiError && error.problem ? error.problem.title : t('cases.join.failed'));
      setBusy(false);
    }
  };

  return (
    <section className="schakel-section" aria-labelledby="join-case-heading" data-testid="join-case">
      <Heading2 id="join-case-heading">{t('cases.join.title')}</Heading2>
      <Paragraph>{t('cases.join.lead', { count: signalIds.length })}</Paragraph>
      <form className="schakel-form" noValidate onSubmit={(event) => void search(event)} aria-label={t('cases.join.search')} role="search">
        <TextField id="join-case-text" label={t('cases.join.text')} description={t('cases.join.textHint')} value={text} onValue={setText} error={textError} />
        <Button type="submit" appearance="secondary-action-button" busy={busy} data-testid="join-case-search">
          {t('cases.join.search')}
        </Button>
      </form>
      {failure ? (
        <Alert type="error" role="alert" className="schakel-state" data-testid="join-case-failure">
          <Paragraph>{failure}</Paragraph>
        </Alert>
      ) : null}
      {found ? (
        <div ref={resultsRef} tabIndex={-1} data-testid="join-case-results">
          {found.length === 0 ? (
            <Paragraph role="status">{t('cases.join.none')}</Paragraph>
          ) : (
            <form className="schakel-form" noValidate onSubmit={(event) => void join(event)} aria-label={t('cases.join.submit')}>
              <Fieldset className="schakel-fieldset">
                <FieldsetLegend>{t(total.capped ? 'cases.join.resultsMore' : 'cases.join.results', { count: total.count, shown: format.number(total.count) })}</FieldsetLegend>
                {found.map((c) => (
                  <div key={c.id} className="schakel-checkbox-field__row">
                    <RadioButton id={`join-case-${c.id}`} name="join-case" checked={chosen === c.id} onChange={() => setChosen(c.id)} />
                    <FormLabel htmlFor={`join-case-${c.id}`} type="radio">
                      {c.reference} — {c.title}
                    </FormLabel>
                  </div>
                ))}
              </Fieldset>
              <Button type="submit" appearance="primary-action-button" busy={busy} data-testid="join-case-submit">
                {t('cases.join.submit')}
              </Button>
            </form>
          )}
        </div>
      ) : null}
    </section>
  );
}
