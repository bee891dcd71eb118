import {
  Button,
  ButtonGroup,
  FormField,
  FormFieldDescription,
  FormLabel,
  Heading2,
  Select,
  SelectOption,
  Textarea,
} from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, toApiError } from '@web/core/api/client';
import { ErrorSummary, FieldError, TextField } from '@web/core/components/FormParts';
import { ErrorState } from '@web/core/components/States';
import { describedBy, hasFieldErrors, summaryItems } from '@web/core/forms';
import { createShift, type OnCallCandidateList, type OnCallShift, updateShift } from './alerts.api';
import {
  createInputOf,
  emptyShiftForm,
  type ShiftErrorKind,
  type ShiftErrors,
  shiftErrorsFrom,
  type ShiftField,
  type ShiftForm as Form,
  shiftFormErrors,
  shiftFormOf,
  updateInputOf,
} from './alerts.rules';

const ids: Record<ShiftField, string> = {
  personId: 'shift-person',
  from: 'shift-from',
  until: 'shift-until',
  address: 'shift-address',
  note: 'shift-note',
};

type Candidate = OnCallCandidateList['_embedded']['people'][number];

/**
 * Add a shift, or change the one being edited. After a successful save the page reloads the
 * roster and says what happened (with a warning when the shift overlaps another).
 */
export function ShiftForm({
  editing,
  candidates,
  onSaved,
  onCancel,
}: {
  editing: OnCallShift | undefined;
  candidates: readonly Candidate[];
  onSaved(shift: OnCallShift, kind: 'created' | 'updated'): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const [form, setForm] = useState<Form>(editing ? shiftFormOf(editing) : emptyShiftForm);
  const [errors, setErrors] = useState<ShiftErrors>({});
  const [failure, setFailure] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const [attempts, setAttempts] = useState(0);
  const summary = useRef<HTMLDivElement>(null);
  const failureRef = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (editing) heading.current?.focus();
  }, [editing]);
  useEffect(() => {
    if (attempts === 0) return;
    (failureRef.current ?? summary.current)?.focus();
  }, [attempts]);

  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((current) => ({ ...current, [key]: value }));
  const text = (field: ShiftField, kind: ShiftErrorKind): string => {
    if (kind === 'overlap') return t('alerts.roster.form.errors.overlap');
    if (field === 'personId') return t(kind === 'required' ? 'alerts.roster.form.errors.personRequired' : 'alerts.roster.form.errors.personUnknown');
    if (field === 'from' || field === 'until') {
      if (kind === 'required') return t(field === 'from' ? 'alerts.roster.form.errors.fromRequired' : 'alerts.roster.form.errors.untilRequired');
      if (kind === 'beforeStart') return t('alerts.roster.form.errors.beforeStart');
      if (kind === 'tooLong') return t('alerts.roster.form.errors.tooLongShift');
      return t('alerts.roster.form.errors.dateInvalid');
    }
    if (field === 'address') return t('alerts.roster.form.errors.addressInvalid');
    if (field === 'note' && kind === 'tooLong') return t('alerts.roster.form.errors.noteTooLong');
    return t('alerts.roster.form.errors.invalid');
  };
  const message = (field: ShiftField) => {
    const kind = errors[field];
    return kind ? text(field, kind) : undefined;
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setFailure(undefined);
    const found = shiftFormErrors(form);
    setErrors(found);
    if (hasFieldErrors(found)) {
      setAttempts((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      const saved = editing ? await updateShift(editing.id, updateInputOf(editing, form)) : await createShift(createInputOf(form));
      if (!editing) setForm(emptyShiftForm);
      onSaved(saved, editing ? 'updated' : 'created');
    } catch (caught) {
      const error = toApiError(caught);
      const fromServer = shiftErrorsFrom(error);
      if (hasFieldErrors(fromServer)) setErrors(fromServer);
      else setFailure(error);
      setAttempts((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  const title = editing ? t('alerts.roster.form.editTitle') : t('alerts.roster.form.newTitle');
  const personError = message('personId');
  const noteError = message('note');
  return (
    <form className="schakel-form schakel-shift-form" noValidate onSubmit={(event) => void submit(event)} aria-labelledby="shift-form-heading" data-testid="shift-form">
      <Heading2 id="shift-form-heading" ref={heading} tabIndex={-1}>
        {title}
      </Heading2>
      {failure ? (
        <div ref={failureRef} tabIndex={-1}>
          <ErrorState error={failure} heading={t('alerts.roster.form.failed')} />
        </div>
      ) : null}
      <ErrorSummary ref={summary} id="shift-errors" items={summaryItems(errors, ids, text)} />
      <FormField invalid={Boolean(personError)} className="schakel-form__field">
        <div className="utrecht-form-field__label">
          <FormLabel htmlFor={ids.personId}>{t('alerts.roster.form.person')}</FormLabel>
        </div>
        <FormFieldDescription id={`${ids.personId}-description`} className="utrecht-form-field__description">
          {t('alerts.roster.form.personHint')}
        </FormFieldDescription>
        {personError ? <FieldError id={ids.personId}>{personError}</FieldError> : null}
        <div className="utrecht-form-field__input">
          <Select
            id={ids.personId}
            value={form.personId}
            invalid={Boolean(personError)}
            required
            onChange={(event) => set('personId', event.target.value)}
            aria-describedby={describedBy(ids.personId, { description: true, error: Boolean(personError) })}
          >
            <SelectOption value="">{t('alerts.roster.form.choose')}</SelectOption>
            {candidates.map((person) => (
              <SelectOption key={person.id} value={person.id}>
                {`${person.displayName} — ${person.organisation.name} (${person.roles.map((role) => t(`roles.${role}`)).join(', ')})`}
              </SelectOption>
            ))}
          </Select>
        </div>
      </FormField>
      <div className="schakel-shift-form__times">
        <TextField
          id={ids.from}
          type="datetime-local"
          label={t('alerts.roster.form.from')}
          required
          value={form.from}
          onValue={(value) => set('from', value)}
          error={message('from')}
        />
        <TextField
          id={ids.until}
          type="datetime-local"
          label={t('alerts.roster.form.until')}
          required
          value={form.until}
          onValue={(value) => set('until', value)}
          error={message('until')}
        />
      </div>
      <TextField
        id={ids.address}
        type="email"
        autoComplete="off"
        spellCheck={false}
        label={t('alerts.roster.form.address')}
        description={t('alerts.roster.form.addressHint')}
        value={form.address}
        onValue={(value) => set('address', value)}
        error={message('address')}
      />
      <FormField invalid={Boolean(noteError)} className="schakel-form__field">
        <div className="utrecht-form-field__label">
          <FormLabel htmlFor={ids.note}>{t('alerts.roster.form.note')}</FormLabel>
        </div>
        <FormFieldDescription id={`${ids.note}-description`} className="utrecht-form-field__description">
          {t('alerts.roster.form.noteHint')}
        </FormFieldDescription>
        {noteError ? <FieldError id={ids.note}>{noteError}</FieldError> : null}
        <div className="utrecht-form-field__input">
          <Textarea
            id={ids.note}
            rows={2}
            value={form.note}
            invalid={Boolean(noteError)}
            onChange={(event) => set('note', event.target.value)}
            aria-describedby={describedBy(ids.note, { description: true, error: Boolean(noteError) })}
          />
        </div>
      </FormField>
      <ButtonGroup>
        <Button type="submit" appearance="primary-action-button" busy={busy} aria-disabled={busy || undefined}>
          {editing ? t('alerts.roster.form.save') : t('alerts.roster.form.add')}
        </Button>
        {editing ? (
          <Button appearance="subtle-button" onClick={onCancel}>
            {t('alerts.roster.form.cancel')}
          </Button>
        ) : null}
      </ButtonGroup>
    </form>
  );
}
