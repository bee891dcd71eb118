import type { Municipality } from '@server/modules/regions/regions.schema';
import type { Signal } from '@server/modules/signals/signals.schema';
import { Button, Fieldset, FieldsetLegend, FormFieldDescription, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useResource } from '@web/core/api/useResource';
import { AppLink } from '@web/core/components/AppLink';
import { CheckField, SelectField, TextAreaField, TextField } from '@web/core/components/FormParts';
import { PageHeading } from '@web/core/components/PageHeading';
import { ErrorState, LoadingState } from '@web/core/components/States';
import { describedBy } from '@web/core/forms';
import { useSession } from '@web/core/session';
import { createCase, loadSignal } from './cases.api';
import { CaseFormFeedback, useFieldMessages } from './CaseFormParts';
import { JoinCaseSection } from './JoinCaseSection';
import { casePath, casesPath, exploitationForms, type NewCaseField, type NewCaseForm, newCaseBody, newCaseErrors, newCaseFormOf, signalIdsOf, toggled } from './cases.rules';
import { useCaseForm } from './useCaseForm';
import { useCaseMunicipalities } from './useCaseData';

const signalPath = (id: string) => `/signalen/${encodeURIComponent(id)}`;

/** Start a case from the signals in `?signalen=<id>,<id>` (ids only in the URL). */
export function NewCasePage() {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const ids = signalIdsOf(search);
  const { me } = useSession();
  const signals = useResource(ids.length ? `case-signals:${ids.join(',')}` : null, (abort) => Promise.all(ids.map((id) => loadSignal(id, abort))));
  const municipalities = useCaseMunicipalities(me?.region ?? '');

  const back = (
    <p className="schakel-back">
      <AppLink to={casesPath}>{t('cases.backToList')}</AppLink>
    </p>
  );
  if (ids.length === 0) {
    return (
      <>
        {back}
        <PageHeading title={t('cases.new.title')} />
        <Paragraph data-testid="no-signals">{t('cases.new.noSignals')}</Paragraph>
        <AppLink to="/signalen">{t('cases.new.toSignals')}</AppLink>
      </>
    );
  }
  const failed = signals.status === 'error' ? signals : municipalities.status === 'error' ? municipalities : undefined;
  return (
    <>
      {back}
      <PageHeading title={t('cases.new.title')} />
      <Paragraph appearance="lead" className="schakel-lead">
        {t('cases.new.lead')}
      </Paragraph>
      {failed && failed.status === 'error' ? <ErrorState error={failed.error} onRetry={failed.retry} /> : null}
      {signals.status === 'loading' || municipalities.status === 'loading' ? <LoadingState /> : null}
      {signals.status === 'ready' && municipalities.status === 'ready' ? (
        <>
          <NewCaseFormView signals={signals.data} municipalities={municipalities.data} mine={me?.allMunicipalities || !me ? 'all' : me.municipalities} />
          <JoinCaseSection signalIds={signals.data.map((signal) => signal.id)} />
        </>
      ) : null}
    </>
  );
}

const ids: Record<NewCaseField, string> = {
  signalIds: 'new-case-signals',
  title: 'new-case-title',
  summary: 'new-case-summary',
  leadMunicipality: 'new-case-lead',
  municipalities: 'new-case-municipalities',
};

function NewCaseFormView({ signals, municipalities, mine }: { signals: Signal[]; municipalities: Municipality[]; mine: readonly string[] | 'all' }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form, setForm] = useState<NewCaseForm>(() => newCaseFormOf(signals, mine));
  const state = useCaseForm<NewCaseField>(Object.keys(ids) as NewCaseField[]);
  const message = useFieldMessages(state.errors, {
    signalIds: t('cases.new.signals'),
    title: t('cases.new.fields.title'),
    summary: t('cases.new.fields.summary'),
    leadMunicipality: t('cases.new.fields.lead'),
    municipalities: t('cases.new.fields.municipalities'),
  });
  const signalIds = signals.map((signal) => signal.id);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const done = await state.submit(newCaseErrors(form, signalIds), () => createCase(newCaseBody(form, signalIds)));
    if (done) void navigate(casePath(done.value.id), { state: { created: true } });
  };

  const signalsError = message('signalIds');
  const involvedError = message('municipalities');
  return (
    <form className="schakel-form" noValidate onSubmit={(event) => void submit(event)} aria-label={t('cases.new.title')} data-testid="new-case-form">
      <CaseFormFeedback formRef={state.ref} id="new-case-errors" errors={state.errors} ids={ids} message={message} failure={state.failure} failedHeading={t('cases.new.failed')} />
      <section className="schakel-section" aria-labelledby={ids.signalIds}>
        <h2 id={ids.signalIds} tabIndex={-1} className="utrecht-heading-2">
          {t('cases.new.signals')}
        </h2>
        {signalsError ? (
          <p className="schakel-case-field-error" id={`${ids.signalIds}-error`}>
            <span className="schakel-visually-hidden">{t('forms.errorPrefix')} </span>
            {signalsError}
          </p>
        ) : null}
        <ul className="schakel-link-list" data-testid="new-case-signal-list">
          {signals.map((signal) => (
            <li key={signal.id}>
              <AppLink to={signalPath(signal.id)}>{signal.reference}</AppLink> — {t(`signals.statuses.${signal.status}`)}
            </li>
          ))}
        </ul>
      </section>
      <TextField id={ids.title} label={t('cases.new.fields.title')} description={t('cases.new.fields.titleHint')} value={form.title} onValue={(title) => setForm({ ...form, title })} error={message('title')} />
      <TextAreaField id={ids.summary} label={t('cases.new.fields.summary')} value={form.summary} rows={5} onValue={(summary) => setForm({ ...form, summary })} error={message('summary')} />
      <SelectField
        id={ids.leadMunicipality}
        label={t('cases.new.fields.lead')}
        description={t('cases.new.fields.leadHint')}
        value={form.leadMunicipality}
        placeholder={t('cases.form.choose')}
        onValue={(leadMunicipality) => setForm({ ...form, leadMunicipality, municipalities: form.municipalities.filter((code) => code !== leadMunicipality) })}
        choices={municipalities.map((m) => ({ value: m.code, label: m.name }))}
        error={message('leadMunicipality')}
      />
      <Fieldset className="schakel-fieldset" invalid={Boolean(involvedError)} aria-describedby={describedBy(ids.municipalities, { description: true, error: Boolean(involvedError) })}>
        <FieldsetLegend>{t('cases.new.fields.municipalities')}</FieldsetLegend>
        <FormFieldDescription id={`${ids.municipalities}-description`} className="utrecht-form-field__description">
          {t('cases.new.fields.municipalitiesHint')}
        </FormFieldDescription>
        {involvedError ? (
          <p className="schakel-case-field-error" id={`${ids.municipalities}-error`}>
            <span className="schakel-visually-hidden">{t('forms.errorPrefix')} </span>
            {involvedError}
          </p>
        ) : null}
        <ul className="schakel-checkbox-list schakel-checkbox-list--columns">
          {municipalities
            .filter((m) => m.code !== form.leadMunicipality)
            .map((m, index) => (
              <li key={m.code}>
                <CheckField
                  id={index === 0 ? ids.municipalities : `new-case-municipality-${m.code}`}
                  label={m.name}
                  checked={form.municipalities.includes(m.code)}
                  onToggle={(on) => setForm({ ...form, municipalities: toggled(form.municipalities, m.code, on, municipalities.map((x) => x.code)) })}
                />
              </li>
            ))}
        </ul>
      </Fieldset>
      <Fieldset className="schakel-fieldset">
        <FieldsetLegend>{t('cases.new.fields.forms')}</FieldsetLegend>
        <FormFieldDescription className="utrecht-form-field__description">{t('cases.new.fields.formsHint')}</FormFieldDescription>
        <ul className="schakel-checkbox-list schakel-checkbox-list--columns">
          {exploitationForms.map((code) => (
            <li key={code}>
              <CheckField id={`new-case-form-${code}`} label={t(`cases.forms.${code}`)} checked={form.forms.includes(code)} onToggle={(on) => setForm({ ...form, forms: toggled(form.forms, code, on, exploitationForms) })} />
            </li>
          ))}
        </ul>
      </Fieldset>
      <Button type="submit" appearance="primary-action-button" busy={state.busy} data-testid="new-case-submit">
        {t('cases.new.submit')}
      </Button>
    </form>
  );
}
