import { Button, FormField, FormLabel, Select, SelectOption } from '@utrecht/component-library-react';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorSummary, TextField } from '@web/core/components/FormParts';
import { hasFieldErrors } from '@web/core/forms';
import {
  type AccessAction,
  accessActions,
  type AccessLogFilters,
  type AccessOutcome,
  accessOutcomes,
  type FilterErrorKind,
  type FilterField,
  filterFormErrors,
  hasActiveFilters,
  isAccessAction,
  isAccessOutcome,
} from './access-log.rules';

const ids: Record<FilterField, string> = {
  from: 'log-from',
  to: 'log-to',
  userId: 'log-user',
  recordType: 'log-record-type',
  recordId: 'log-record-id',
  subject: 'log-subject',
};
const textFields = Object.keys(ids) as FilterField[];

interface AccessLogFilterFormProps {
  filters: AccessLogFilters;
  onApply(filters: AccessLogFilters): void;
}

/** Filters apply on submit; each is an id or a code, so the URL never carries a name. */
export function AccessLogFilterForm({ filters, onApply }: AccessLogFilterFormProps) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Record<FilterField, string>>(() => ({
    from: filters.from ?? '',
    to: filters.to ?? '',
    userId: filters.userId ?? '',
    recordType: filters.recordType ?? '',
    recordId: filters.recordId ?? '',
    subject: filters.subject ?? '',
  }));
  const [action, setAction] = useState<AccessAction | ''>(filters.action ?? '');
  const [outcome, setOutcome] = useState<AccessOutcome | ''>(filters.outcome ?? '');
  const [errors, setErrors] = useState<Partial<Record<FilterField, FilterErrorKind>>>({});
  const summary = useRef<HTMLDivElement>(null);

  const set = (field: FilterField) => (value: string) => setValues((previous) => ({ ...previous, [field]: value }));
  const message = (field: FilterField) => {
    const kind = errors[field];
    return kind ? t(`accessLog.filters.errors.${kind}`) : undefined;
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = filterFormErrors(values);
    setErrors(found);
    if (hasFieldErrors(found)) {
      // The summary renders with the errors; focus it on the next frame.
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    const next: AccessLogFilters = { page: 1 };
    for (const field of textFields) {
      const value = values[field].trim();
      if (value) next[field] = field === 'userId' ? value.toLowerCase() : value;
    }
    if (action) next.action = action;
    if (outcome) next.outcome = outcome;
    onApply(next);
  };

  const field = (name: FilterField, type: 'date' | 'text' = 'text') => (
    <TextField
      id={ids[name]}
      type={type}
      className="schakel-filters__field"
      label={t(`accessLog.filters.${name}`)}
      autoComplete="off"
      spellCheck={false}
      value={values[name]}
      onValue={set(name)}
      error={message(name)}
    />
  );

  return (
    <form className="schakel-filters schakel-log-filters" noValidate onSubmit={submit} aria-label={t('accessLog.filters.label')}>
      <div className="schakel-log-filters__summary">
        <ErrorSummary
          ref={summary}
          id="log-filter-errors"
          items={textFields.filter((name) => errors[name]).map((name) => ({ target: ids[name], message: message(name) ?? '' }))}
        />
      </div>
      {field('from', 'date')}
      {field('to', 'date')}
      {field('userId')}
      <FormField className="schakel-form__field schakel-filters__field">
        <div className="utrecht-form-field__label">
          <FormLabel htmlFor="log-action">{t('accessLog.filters.action')}</FormLabel>
        </div>
        <Select id="log-action" value={action} onChange={(event) => setAction(isAccessAction(event.target.value) ? event.target.value : '')}>
          <SelectOption value="">{t('accessLog.filters.allActions')}</SelectOption>
          {accessActions.map((value) => (
            <SelectOption key={value} value={value}>
              {t(`accessActions.${value}`)}
            </SelectOption>
          ))}
        </Select>
      </FormField>
      {field('recordType')}
      {field('recordId')}
      {field('subject')}
      <FormField className="schakel-form__field schakel-filters__field">
        <div className="utrecht-form-field__label">
          <FormLabel htmlFor="log-outcome">{t('accessLog.filters.outcome')}</FormLabel>
        </div>
        <Select id="log-outcome" value={outcome} onChange={(event) => setOutcome(isAccessOutcome(event.target.value) ? event.target.value : '')}>
          <SelectOption value="">{t('accessLog.filters.allOutcomes')}</SelectOption>
          {accessOutcomes.map((value) => (
            <SelectOption key={value} value={value}>
              {t(`accessLog.outcomes.${value}`)}
            </SelectOption>
          ))}
        </Select>
      </FormField>
      <div className="schakel-filters__actions schakel-log-filters__actions">
        <Button type="submit" appearance="primary-action-button">
          {t('accessLog.filters.apply')}
        </Button>
        {hasActiveFilters(filters) ? (
          <Link to={{ search: '' }} className="utrecht-link utrecht-link--html-a">
            {t('accessLog.filters.clear')}
          </Link>
        ) : null}
      </div>
    </form>
  );
}
