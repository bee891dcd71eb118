import {
  Checkbox,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldDescription,
  FormLabel,
  RadioButton,
  Textarea,
} from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import { FieldError, TextField } from '@web/core/components/FormParts';
import { describedBy } from '@web/core/forms';
import { useReportLanguage } from './meldpunt.i18n';
import { type ReportErrors, reportErrorKey, type ReportField, type ReportForm, reportForms, toggledForm } from './meldpunt.rules';

/** The element each field's error links to from the summary (a group links to its first input). */
export const reportFieldIds: Record<ReportField, string> = {
  description: 'report-description',
  place: 'report-place',
  address: 'report-address',
  periodFrom: 'report-period-from',
  periodUntil: 'report-period-until',
  forms: `report-form-${reportForms[0]}`,
  contact: 'report-contact-email',
  contactName: 'report-contact-name',
  contactEmail: 'report-contact-email',
  contactPhone: 'report-contact-phone',
  files: 'report-files',
};

interface FieldsProps {
  form: ReportForm;
  set<K extends keyof ReportForm>(key: K, value: ReportForm[K]): void;
  errors: ReportErrors;
}

function useMessage(errors: ReportErrors) {
  const { t } = useReportLanguage();
  return <F extends ReportField>(field: F): string | undefined => {
    const kind = errors[field];
    return kind ? t(reportErrorKey(field, kind)) : undefined;
  };
}

interface ChoiceProps {
  id: string;
  type: 'checkbox' | 'radio';
  checked: boolean;
  onChange(on: boolean): void;
  label: string;
  hint?: ReactNode;
  /** A hint that must not be missed (call 112). */
  strongHint?: boolean;
}

function Choice({ id, type, checked, onChange, label, hint, strongHint }: ChoiceProps) {
  const Input = type === 'checkbox' ? Checkbox : RadioButton;
  return (
    <div className="schakel-meldpunt-choice">
      <div className="schakel-checkbox-field__row">
        <Input
          id={id}
          name={type === 'radio' ? 'report-anonymous' : undefined}
          checked={checked}
          onChange={(event) => onChange(event.target.checked)}
          aria-describedby={hint ? `${id}-description` : undefined}
        />
        <FormLabel htmlFor={id} type={type}>
          {label}
        </FormLabel>
      </div>
      {hint ? (
        <FormFieldDescription id={`${id}-description`} className={`schakel-meldpunt-choice__hint${strongHint ? ' schakel-meldpunt-choice__hint--strong' : ''}`}>
          {hint}
        </FormFieldDescription>
      ) : null}
    </div>
  );
}

export function DescriptionField({ form, set, errors, onFirstInput }: FieldsProps & { onFirstInput(): void }) {
  const { t } = useReportLanguage();
  const message = useMessage(errors);
  const id = reportFieldIds.description;
  return (
    <FormField invalid={Boolean(errors.description)} className="schakel-form__field">
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={id}>
          {t('form.description.label')} <span className="schakel-meldpunt-required">{t('form.required')}</span>
        </FormLabel>
      </div>
      <FormFieldDescription id={`${id}-description`} className="utrecht-form-field__description">
        {t('form.description.hint')}
      </FormFieldDescription>
      {errors.description ? (
        <FieldError id={id} prefix={t('errors.prefix')}>
          {message('description')}
        </FieldError>
      ) : null}
      <div className="utrecht-form-field__input">
        <Textarea
          id={id}
          name="description"
          rows={8}
          value={form.description}
          onChange={(event) => {
            onFirstInput();
            set('description', event.target.value);
          }}
          invalid={Boolean(errors.description)}
          required
          aria-describedby={describedBy(id, { description: true, error: Boolean(errors.description) })}
        />
      </div>
    </FormField>
  );
}

export function WhereWhenFields({ form, set, errors }: FieldsProps) {
  const { t } = useReportLanguage();
  const message = useMessage(errors);
  const prefix = t('errors.prefix');
  return (
    <>
      <Fieldset className="schakel-fieldset">
        <FieldsetLegend>{t('form.where.legend')}</FieldsetLegend>
        <TextField
          id={reportFieldIds.place}
          label={t('form.where.place')}
          description={t('form.where.placeHint')}
          autoComplete="address-level2"
          value={form.place}
          onValue={(value) => set('place', value)}
          error={message('place')}
          errorPrefix={prefix}
        />
        <TextField
          id={reportFieldIds.address}
          label={t('form.where.address')}
          description={t('form.where.addressHint')}
          autoComplete="off"
          value={form.address}
          onValue={(value) => set('address', value)}
          error={message('address')}
          errorPrefix={prefix}
        />
      </Fieldset>

      <Fieldset className="schakel-fieldset" aria-describedby="report-period-description">
        <FieldsetLegend>{t('form.when.legend')}</FieldsetLegend>
        <FormFieldDescription id="report-period-description" className="utrecht-form-field__description">
          {t('form.when.hint')}
        </FormFieldDescription>
        <div className="schakel-meldpunt-period">
          <TextField
            id={reportFieldIds.periodFrom}
            type="date"
            label={t('form.when.from')}
            value={form.periodFrom}
            onValue={(value) => set('periodFrom', value)}
            error={message('periodFrom')}
            errorPrefix={prefix}
          />
          <TextField
            id={reportFieldIds.periodUntil}
            type="date"
            label={t('form.when.until')}
            min={form.periodFrom || undefined}
            value={form.periodUntil}
            onValue={(value) => set('periodUntil', value)}
            error={message('periodUntil')}
            errorPrefix={prefix}
          />
        </div>
      </Fieldset>
    </>
  );
}

export function FormsField({ form, set, errors }: FieldsProps) {
  const { t } = useReportLanguage();
  const message = useMessage(errors);
  return (
    <Fieldset
      className="schakel-fieldset"
      invalid={Boolean(errors.forms)}
      aria-describedby={describedBy('report-forms', { description: true, error: Boolean(errors.forms) })}
    >
      <FieldsetLegend>{t('form.forms.legend')}</FieldsetLegend>
      <FormFieldDescription id="report-forms-description" className="utrecht-form-field__description">
        {t('form.forms.hint')}
      </FormFieldDescription>
      {errors.forms ? (
        <FieldError id="report-forms" prefix={t('errors.prefix')}>
          {message('forms')}
        </FieldError>
      ) : null}
      <ul className="schakel-checkbox-list">
        {reportForms.map((exploitation) => (
          <li key={exploitation}>
            <Choice
              id={`report-form-${exploitation}`}
              type="checkbox"
              checked={form.forms.includes(exploitation)}
              onChange={(on) => set('forms', toggledForm(form.forms, exploitation, on))}
              label={t(`forms.${exploitation}.label`)}
              hint={t(`forms.${exploitation}.example`)}
            />
          </li>
        ))}
      </ul>
    </Fieldset>
  );
}

export function AcuteField({ form, set }: FieldsProps) {
  const { t } = useReportLanguage();
  return (
    <Fieldset className="schakel-fieldset">
      <FieldsetLegend>{t('form.acute.legend')}</FieldsetLegend>
      <Choice
        id="report-acute"
        type="checkbox"
        checked={form.acute}
        onChange={(on) => set('acute', on)}
        label={t('form.acute.label')}
        hint={<strong>{t('form.acute.hint')}</strong>}
        strongHint
      />
    </Fieldset>
  );
}

export function ContactField({ form, set, errors }: FieldsProps) {
  const { t } = useReportLanguage();
  const message = useMessage(errors);
  const prefix = t('errors.prefix');
  return (
    <Fieldset className="schakel-fieldset">
      <FieldsetLegend>{t('form.contact.legend')}</FieldsetLegend>
      <ul className="schakel-checkbox-list">
        <li>
          <Choice id="report-anonymous-yes" type="radio" checked={form.anonymous} onChange={() => set('anonymous', true)} label={t('form.contact.anonymous')} />
        </li>
        <li>
          <Choice id="report-anonymous-no" type="radio" checked={!form.anonymous} onChange={() => set('anonymous', false)} label={t('form.contact.named')} />
        </li>
      </ul>
      {form.anonymous ? null : (
        <Fieldset
          className="schakel-fieldset schakel-meldpunt-contact"
          invalid={Boolean(errors.contact)}
          aria-describedby={describedBy('report-contact', { description: true, error: Boolean(errors.contact) })}
        >
          <FieldsetLegend>{t('form.contact.details')}</FieldsetLegend>
          <FormFieldDescription id="report-contact-description" className="utrecht-form-field__description">
            {t('form.contact.detailsHint')}
          </FormFieldDescription>
          {errors.contact ? (
            <FieldError id="report-contact" prefix={prefix}>
              {message('contact')}
            </FieldError>
          ) : null}
          <TextField
            id={reportFieldIds.contactName}
            label={t('form.contact.name')}
            autoComplete="name"
            value={form.contactName}
            onValue={(value) => set('contactName', value)}
            error={message('contactName')}
            errorPrefix={prefix}
          />
          <TextField
            id={reportFieldIds.contactEmail}
            type="email"
            label={t('form.contact.email')}
            autoComplete="email"
            spellCheck={false}
            value={form.contactEmail}
            onValue={(value) => set('contactEmail', value)}
            error={message('contactEmail')}
            errorPrefix={prefix}
          />
          <TextField
            id={reportFieldIds.contactPhone}
            type="tel"
            label={t('form.contact.phone')}
            autoComplete="tel"
            value={form.contactPhone}
            onValue={(value) => set('contactPhone', value)}
            error={message('contactPhone')}
            errorPrefix={prefix}
          />
        </Fieldset>
      )}
    </Fieldset>
  );
}
