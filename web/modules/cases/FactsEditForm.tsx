import { Button, Fieldset, FieldsetLegend } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckField, TextAreaField, TextField } from '@web/core/components/FormParts';
import { changeCase } from './cases.api';
import { exploitationForms, type FactsField, factsBody, factsErrors, factsFormOf, toggled } from './cases.rules';
import { CaseFormFeedback, useFieldMessages } from './CaseFormParts';
import { type CaseSectionProps, useCaseForm } from './useCaseForm';

const ids: Record<FactsField, string> = { title: 'facts-title', summary: 'facts-summary' };

/**
 * Changing the facts of a case (title, summary, forms of exploitation) on its page, behind
 * "Feiten wijzigen". Only what changed is sent, with the case's version: a colleague's change in
 * between goes to the page's conflict notice and the form keeps what was typed.
 */
export function FactsEditForm({ item, onChanged, onConflict, onDone }: CaseSectionProps & { onDone(): void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState(() => factsFormOf(item));
  const state = useCaseForm<FactsField>(['title', 'summary']);
  const message = useFieldMessages(state.errors, { title: t('cases.facts.title'), summary: t('cases.facts.summary') });

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body = factsBody(item, form);
    const errors = factsErrors(form);
    // Nothing changed: nothing to send, the form closes.
    if (!body && Object.keys(errors).length === 0) return onDone();
    const done = await state.submit(errors, () => changeCase(item.id, '', body, 'PATCH'), onConflict);
    if (done) {
      onChanged(done.value);
      onDone();
    }
  };

  return (
    <form className="schakel-form" noValidate onSubmit={(event) => void submit(event)} aria-label={t('cases.facts.edit')} data-testid="facts-form">
      <CaseFormFeedback formRef={state.ref} id="facts-errors" errors={state.errors} ids={ids} message={message} failure={state.failure} failedHeading={t('cases.form.failed')} />
      <TextField id={ids.title} label={t('cases.facts.title')} description={t('cases.new.fields.titleHint')} value={form.title} onValue={(title) => setForm({ ...form, title })} error={message('title')} />
      <TextAreaField id={ids.summary} label={t('cases.facts.summary')} value={form.summary} rows={5} onValue={(summary) => setForm({ ...form, summary })} error={message('summary')} />
      <Fieldset className="schakel-fieldset">
        <FieldsetLegend>{t('cases.facts.forms')}</FieldsetLegend>
        <ul className="schakel-checkbox-list schakel-checkbox-list--columns">
          {exploitationForms.map((code) => (
            <li key={code}>
              <CheckField id={`facts-form-${code}`} label={t(`cases.forms.${code}`)} checked={form.forms.includes(code)} onToggle={(on) => setForm({ ...form, forms: toggled(form.forms, code, on, exploitationForms) })} />
            </li>
          ))}
        </ul>
      </Fieldset>
      <Button type="submit" appearance="primary-action-button" busy={state.busy} data-testid="facts-submit">
        {t('cases.facts.save')}
      </Button>
    </form>
  );
}
