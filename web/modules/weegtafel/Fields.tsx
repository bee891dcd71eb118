import {
  Alert,
  Button,
  FormField,
  FormFieldDescription,
  FormLabel,
  Heading2,
  Paragraph,
  Select,
  SelectOption,
  Textarea,
} from '@utrecht/component-library-react';
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldError } from '@web/core/components/FormParts';
import { describedBy } from '@web/core/forms';

interface FieldShell {
  id: string;
  label: string;
  description?: ReactNode;
  error?: string | undefined;
}

/** A labelled select with its description and error under the label (as TextField in the core). */
export function SelectField({ id, label, description, error, value, onValue, options, testId }: FieldShell & { value: string; onValue(value: string): void; options: { value: string; label: string }[]; testId?: string }) {
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
      <div className="utrecht-form-field__input">
        <Select
          id={id}
          value={value}
          invalid={Boolean(error)}
          aria-describedby={describedBy(id, { description: Boolean(description), error: Boolean(error) })}
          onChange={(event) => onValue(event.target.value)}
          data-testid={testId}
        >
          {options.map((option) => (
            <SelectOption key={option.value} value={option.value}>
              {option.label}
            </SelectOption>
          ))}
        </Select>
      </div>
    </FormField>
  );
}

export function TextareaField({ id, label, description, error, value, onValue, rows = 4 }: FieldShell & { value: string; onValue(value: string): void; rows?: number }) {
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
      <div className="utrecht-form-field__input">
        <Textarea
          id={id}
          rows={rows}
          value={value}
          invalid={Boolean(error)}
          aria-describedby={describedBy(id, { description: Boolean(description), error: Boolean(error) })}
          onChange={(event) => onValue(event.target.value)}
        />
      </div>
    </FormField>
  );
}

/**
 * Someone else changed the session meanwhile (409 version conflict), or its minutes were confirmed
 * or it was cancelled (409 table.session-closed): nothing was saved; reload shows what is true now.
 */
export function ConflictAlert({ kind, onReload }: { kind: 'version' | 'closed'; onReload(): void }) {
  const { t } = useTranslation();
  const own = useRef<HTMLDivElement>(null);
  useEffect(() => {
    own.current?.focus();
  }, [kind]);
  return (
    <div ref={own} tabIndex={-1} data-testid="session-conflict" data-kind={kind}>
      <Alert type="error" role="alert" className="schakel-state">
        <Heading2 className="schakel-state__heading">{t(`weegtafel.conflict.${kind}.heading`)}</Heading2>
        <Paragraph>{t(`weegtafel.conflict.${kind}.text`)}</Paragraph>
        <Button appearance="secondary-action-button" onClick={onReload}>
          {t('weegtafel.conflict.reload')}
        </Button>
      </Alert>
    </div>
  );
}
