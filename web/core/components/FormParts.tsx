import {
  Checkbox,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Heading2,
  Heading3,
  Select,
  SelectOption,
  Textarea,
  Textbox,
  type TextboxProps,
} from '@utrecht/component-library-react';
import type { MouseEvent, ReactNode, Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { describedBy } from '@web/core/forms';

export interface SummaryItem {
  /** The id of the field to focus. */
  target: string;
  message: string;
}

/**
 * The error summary above a form: a focusable alert whose links move focus to each field.
 * The caller focuses it (via `ref`) after a failed submit.
 */
export function ErrorSummary({
  items,
  ref,
  id,
  level = 2,
  heading,
}: {
  items: SummaryItem[];
  ref?: Ref<HTMLDivElement>;
  id: string;
  level?: 2 | 3;
  /** For a page in a language of its own (the public meldpunt); the interface's text otherwise. */
  heading?: string;
}) {
  const { t } = useTranslation();
  const Heading = level === 2 ? Heading2 : Heading3;
  const focusField = (target: string) => (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    document.getElementById(target)?.focus();
  };
  if (items.length === 0) return null;
  return (
    <div ref={ref} tabIndex={-1} className="schakel-error-summary" role="alert" aria-labelledby={`${id}-heading`}>
      <Heading id={`${id}-heading`} className="schakel-error-summary__heading">
        {heading ?? t('forms.summary')}
      </Heading>
      <ul>
        {items.map((item) => (
          <li key={item.target}>
            <a href={`#${item.target}`} onClick={focusField(item.target)} className="utrecht-link utrecht-link--html-a">
              {item.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The message under a label, with a hidden "Fout:" so a screen reader hears it is an error. */
export function FieldError({ id, children, prefix }: { id: string; children: ReactNode; prefix?: string }) {
  const { t } = useTranslation();
  return (
    <FormFieldErrorMessage id={`${id}-error`} className="utrecht-form-field__error-message">
      <span className="schakel-visually-hidden">{prefix ?? t('forms.errorPrefix')} </span>
      {children}
    </FormFieldErrorMessage>
  );
}

interface FieldFrameProps {
  id: string;
  label: string;
  description?: ReactNode;
  error?: string | undefined;
  /** See FieldError. */
  errorPrefix?: string;
  className?: string | undefined;
}

/** The NL Design System form field around one input: label, description, error (under the label), then the input. */
function FieldFrame({ id, label, description, error, errorPrefix, className, children }: FieldFrameProps & { children: ReactNode }) {
  return (
    <FormField invalid={Boolean(error)} className={['schakel-form__field', className].filter(Boolean).join(' ')}>
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={id}>{label}</FormLabel>
      </div>
      {description ? (
        <FormFieldDescription id={`${id}-description`} className="utrecht-form-field__description">
          {description}
        </FormFieldDescription>
      ) : null}
      {error ? (
        <FieldError id={id} prefix={errorPrefix}>
          {error}
        </FieldError>
      ) : null}
      <div className="utrecht-form-field__input">{children}</div>
    </FormField>
  );
}

const ariaOf = ({ id, description, error }: FieldFrameProps) => describedBy(id, { description: Boolean(description), error: Boolean(error) });

interface TextFieldProps extends Omit<TextboxProps, 'id' | 'onChange' | 'value'> {
  id: string;
  label: string;
  value: string;
  onValue(value: string): void;
  description?: ReactNode;
  error?: string | undefined;
  /** See FieldError. */
  errorPrefix?: string;
}

/** A labelled NL Design System text box with an optional description and error message. */
export function TextField({ id, label, value, onValue, description, error, errorPrefix, className, ...input }: TextFieldProps) {
  const frame = { id, label, description, error, errorPrefix, className };
  return (
    <FieldFrame {...frame}>
      <Textbox {...input} id={id} value={value} onChange={(event) => onValue(event.target.value)} invalid={Boolean(error)} aria-describedby={ariaOf(frame)} />
    </FieldFrame>
  );
}

export interface Choice {
  value: string;
  label: string;
}

type ValueField = FieldFrameProps & { value: string; onValue(value: string): void };

/** A labelled select; `placeholder` is a first, empty option ("Kies …"). */
export function SelectField({ value, onValue, choices, placeholder, testId, ...frame }: ValueField & { choices: readonly Choice[]; placeholder?: string; testId?: string }) {
  return (
    <FieldFrame {...frame}>
      <Select id={frame.id} value={value} invalid={Boolean(frame.error)} aria-describedby={ariaOf(frame)} onChange={(event) => onValue(event.target.value)} data-testid={testId}>
        {placeholder !== undefined ? <SelectOption value="">{placeholder}</SelectOption> : null}
        {choices.map((choice) => (
          <SelectOption key={choice.value} value={choice.value}>
            {choice.label}
          </SelectOption>
        ))}
      </Select>
    </FieldFrame>
  );
}

export function TextAreaField({ value, onValue, rows = 3, ...frame }: ValueField & { rows?: number }) {
  return (
    <FieldFrame {...frame}>
      <Textarea id={frame.id} rows={rows} value={value} invalid={Boolean(frame.error)} aria-describedby={ariaOf(frame)} onChange={(event) => onValue(event.target.value)} />
    </FieldFrame>
  );
}

/** A date (`date`) or a date and time (`datetime-local`) with the browser's own picker. */
export function DateField({ value, onValue, type = 'date', ...frame }: ValueField & { type?: 'date' | 'datetime-local' }) {
  return (
    <FieldFrame {...frame}>
      <Textbox id={frame.id} type={type} value={value} className="schakel-date" invalid={Boolean(frame.error)} aria-describedby={ariaOf(frame)} onChange={(event) => onValue(event.target.value)} />
    </FieldFrame>
  );
}

/** One checkbox with its label after it. */
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
