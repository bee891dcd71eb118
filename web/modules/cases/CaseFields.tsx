import { Checkbox, FormField, FormFieldDescription, FormLabel, Select, SelectOption, Textarea, Textbox } from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import { FieldError } from '@web/core/components/FormParts';
import { describedBy } from '@web/core/forms';

interface FieldProps {
  id: string;
  label: string;
  error?: string | undefined;
  description?: string | undefined;
}

function Frame({ id, label, error, description, children }: FieldProps & { children: ReactNode }) {
  return (
    <FormField invalid={Boolean(error)} className="schakel-form__field">
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={id}>{label}</FormLabel>
      </div>
      {description ? (
        <FormFieldDescription id={`${id}-description`} className="utrecht-form-field__description">
          {description}
        </FormFieldDescription>
      ) : null}
      {error ? <FieldError id={id}>{error}</FieldError> : null}
      <div className="utrecht-form-field__input">{children}</div>
    </FormField>
  );
}

const aria = (id: string, error?: string, description?: string) => describedBy(id, { description: Boolean(description), error: Boolean(error) });

export interface Choice {
  value: string;
  label: string;
}

/** A labelled select; `placeholder` is the first, empty option ("Kies …"). */
export function SelectField({ value, onValue, choices, placeholder, ...field }: FieldProps & { value: string; onValue(value: string): void; choices: readonly Choice[]; placeholder?: string }) {
  return (
    <Frame {...field}>
      <Select id={field.id} value={value} invalid={Boolean(field.error)} aria-describedby={aria(field.id, field.error, field.description)} onChange={(event) => onValue(event.target.value)}>
        {placeholder !== undefined ? <SelectOption value="">{placeholder}</SelectOption> : null}
        {choices.map((choice) => (
          <SelectOption key={choice.value} value={choice.value}>
            {choice.label}
          </SelectOption>
        ))}
      </Select>
    </Frame>
  );
}

export function TextAreaField({ value, onValue, rows = 3, ...field }: FieldProps & { value: string; onValue(value: string): void; rows?: number }) {
  return (
    <Frame {...field}>
      <Textarea id={field.id} rows={rows} value={value} invalid={Boolean(field.error)} aria-describedby={aria(field.id, field.error, field.description)} onChange={(event) => onValue(event.target.value)} />
    </Frame>
  );
}

/** A date (`date`) or a date and time (`datetime-local`) with the browser's own picker. */
export function DateField({ value, onValue, type = 'date', ...field }: FieldProps & { value: string; onValue(value: string): void; type?: 'date' | 'datetime-local' }) {
  return (
    <Frame {...field}>
      <Textbox
        id={field.id}
        type={type}
        value={value}
        className="schakel-case-date"
        invalid={Boolean(field.error)}
        aria-describedby={aria(field.id, field.error, field.description)}
        onChange={(event) => onValue(event.target.value)}
      />
    </Frame>
  );
}

export function CheckField({ id, label, checked, onToggle }: { id: string; label: string; checked: boolean; onToggle(on: boolean): void }) {
  return (
    <div className="schakel-checkbox-field__row">
      <Checkbox id={id} checked={checked} onChange={(event) => onToggle(event.target.checked)} />
      <FormLabel htmlFor={id} type="checkbox">
        {label}
      </FormLabel>
    </div>
  );
}
