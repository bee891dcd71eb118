import {
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Heading2,
  Heading3,
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
      <div className="utrecht-form-field__input">
        <Textbox
          {...input}
          id={id}
          value={value}
          onChange={(event) => onValue(event.target.value)}
          invalid={Boolean(error)}
          aria-describedby={describedBy(id, { description: Boolean(description), error: Boolean(error) })}
        />
      </div>
    </FormField>
  );
}
