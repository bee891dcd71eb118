import type { Municipality } from '@server/modules/regions/regions.schema';
import type { Signal } from '@server/modules/signals/signals.schema';
import {
  Button,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldDescription,
  FormLabel,
  Heading2,
  Paragraph,
  Select,
  SelectOption,
  Textarea,
} from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, toApiError } from '@web/core/api/client';
import { FormFailure, useSubmitFeedback } from '@web/core/components/FormFeedback';
import { ErrorSummary, FieldError } from '@web/core/components/FormParts';
import { describedBy, fieldErrorKind, fieldErrorsFrom } from '@web/core/forms';
import { updateSignal } from './signals.api';
import { Check } from './ExploitationFields';
import {
  exploitationForms,
  isVersionConflict,
  toggled,
  type TriageErrorKind,
  type TriageField,
  triageFormErrors,
  triageFormOf,
  type TriageStatus,
  triageStatuses,
  triageUpdateOf,
} from './signals.rules';
import { useCatalogue, useCatalogueLabels } from './useCatalogue';

const ids: Record<TriageField | 'form', string> = {
  status: 'triage-status',
  closedReason: 'triage-reason',
  municipalities: 'triage-municipality-0',
  form: 'triage-status',
};

interface TriageFormProps {
  signal: Signal;
  municipalities: readonly Municipality[];
  onChanged(signal: Signal): void;
  onConflict(): void;
}

/**
 * Triage of one signal, shown only when the server says the user may update it: the status
 * (closing needs a reason), the municipalities, acute and the forms. Only what changed is sent,
 * with the version that was read; a newer version answers 409 and the page says so.
 */
export function TriageForm({ signal, municipalities, onChanged, onConflict }: TriageFormProps) {
  const { t } = useTranslation();
  const labels = useCatalogueLabels(useCatalogue());
  const [form, setForm] = useState(() => triageFormOf(signal));
  const [errors, setErrors] = useState<Partial<Record<TriageField | 'form', TriageErrorKind>>>({});
  const [failure, setFailure] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const { ref: summary, submitted } = useSubmitFeedback();

  const message = (field: TriageField | 'form') => {
    const kind = errors[field];
    return kind ? t(`signals.triage.errors.${field}.${kind}` as 'signals.triage.errors.form.nothing') : undefined;
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setFailure(undefined);
    const found = triageFormErrors(signal, form);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      submitted();
      return;
    }
    setBusy(true);
    try {
      onChanged(await updateSignal(signal.id, triageUpdateOf(signal, form)));
    } catch (caught) {
      const error = toApiError(caught);
      if (isVersionConflict(error)) {
        onConflict();
        return;
      }
      const fields = fieldErrorsFrom<TriageField, TriageErrorKind>(error, ['status', 'closedReason', 'municipalities'], (code) => fieldErrorKind(code));
      setErrors(fields);
      if (Object.keys(fields).length === 0) setFailure(error);
      submitted();
    } finally {
      setBusy(false);
    }
  };

  const statusError = message('status') ?? message('form');
  const reasonError = message('closedReason');
  const municipalitiesError = message('municipalities');
  const order = (a: string, b: string) => exploitationForms.indexOf(a as never) - exploitationForms.indexOf(b as never);

  return (
    <section className="schakel-section schakel-signal-triage" aria-labelledby="triage-heading" data-testid="triage">
      <Heading2 id="triage-heading">{t('signals.triage.heading')}</Heading2>
      <Paragraph>{t('signals.triage.intro')}</Paragraph>
      <form className="schakel-form" noValidate onSubmit={(event) => void submit(event)} aria-labelledby="triage-heading">
        <ErrorSummary
          ref={summary}
          id="triage-errors"
          level={3}
          items={(Object.keys(errors) as (TriageField | 'form')[]).map((field) => ({ target: ids[field], message: message(field) ?? '' }))}
        />
        {failure ? <FormFailure ref={summary} error={failure} heading={t('signals.triage.failed')} /> : null}
        <FormField invalid={Boolean(statusError)} className="schakel-form__field">
          <div className="utrecht-form-field__label">
            <FormLabel htmlFor={ids.status}>{t('signals.triage.status')}</FormLabel>
          </div>
          {statusError ? <FieldError id={ids.status}>{statusError}</FieldError> : null}
          <div className="utrecht-form-field__input">
            <Select
              id={ids.status}
              value={form.status}
              invalid={Boolean(statusError)}
              aria-describedby={describedBy(ids.status, { error: Boolean(statusError) })}
              onChange={(event) => setForm({ ...form, status: event.target.value as TriageStatus | '' })}
            >
              <SelectOption value="">{t('signals.triage.keepStatus', { status: t(`signals.statuses.${signal.status}`) })}</SelectOption>
              {triageStatuses
                .filter((status) => status !== signal.status)
                .map((status) => (
                  <SelectOption key={status} value={status}>
                    {t(`signals.triage.statuses.${status}`)}
                  </SelectOption>
                ))}
            </Select>
          </div>
        </FormField>
        {form.status === 'closed' ? (
          <FormField invalid={Boolean(reasonError)} className="schakel-form__field">
            <div className="utrecht-form-field__label">
              <FormLabel htmlFor={ids.closedReason}>{t('signals.triage.closedReason')}</FormLabel>
            </div>
            <FormFieldDescription id={`${ids.closedReason}-description`} className="utrecht-form-field__description">
              {t('signals.triage.closedReasonHint')}
            </FormFieldDescription>
            {reasonError ? <FieldError id={ids.closedReason}>{reasonError}</FieldError> : null}
            <div className="utrecht-form-field__input">
              <Textarea
                id={ids.closedReason}
                rows={3}
                value={form.closedReason}
                required
                invalid={Boolean(reasonError)}
                aria-describedby={describedBy(ids.closedReason, { description: true, error: Boolean(reasonError) })}
                onChange={(event) => setForm({ ...form, closedReason: event.target.value })}
              />
            </div>
          </FormField>
        ) : null}
        <Fieldset className="schakel-fieldset">
          <FieldsetLegend>{t('signals.triage.acute')}</FieldsetLegend>
          <Check id="triage-acute" label={t('signals.triage.acuteCheck')} checked={form.acute} onToggle={(on) => setForm({ ...form, acute: on })} />
        </Fieldset>
        <Fieldset className="schakel-fieldset">
          <FieldsetLegend>{t('signals.triage.forms')}</FieldsetLegend>
          <ul className="schakel-checkbox-list schakel-checkbox-list--columns">
            {exploitationForms.map((code) => (
              <li key={code}>
                <Check
                  id={`triage-form-${code}`}
                  label={labels.form(code)}
                  checked={form.forms.includes(code)}
                  onToggle={(on) => setForm({ ...form, forms: toggled(form.forms, code, on, order) })}
                />
              </li>
            ))}
          </ul>
        </Fieldset>
        <Fieldset className="schakel-fieldset" invalid={Boolean(municipalitiesError)} aria-describedby={describedBy('triage-municipalities', { description: true, error: Boolean(municipalitiesError) })}>
          <FieldsetLegend>{t('signals.triage.municipalities')}</FieldsetLegend>
          <FormFieldDescription id="triage-municipalities-description" className="utrecht-form-field__description">
            {t('signals.triage.municipalitiesHint')}
          </FormFieldDescription>
          {municipalitiesError ? <FieldError id="triage-municipalities">{municipalitiesError}</FieldError> : null}
          <ul className="schakel-checkbox-list schakel-checkbox-list--columns" data-testid="triage-municipalities">
            {municipalities.map((municipality, index) => (
              <li key={municipality.code}>
                <Check
                  id={index === 0 ? ids.municipalities : `triage-municipality-${municipality.code}`}
                  label={municipality.name}
                  checked={form.municipalities.includes(municipality.code)}
                  onToggle={(on) => setForm({ ...form, municipalities: toggled(form.municipalities, municipality.code, on) })}
                />
              </li>
            ))}
          </ul>
        </Fieldset>
        <Button type="submit" appearance="primary-action-button" busy={busy} aria-disabled={busy || undefined} data-testid="triage-save">
          {form.status === 'closed' ? t('signals.triage.close') : t('signals.triage.save')}
        </Button>
      </form>
    </section>
  );
}
