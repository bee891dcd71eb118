import {
  Button,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormLabel,
  Heading3,
  Paragraph,
  Select,
  SelectOption,
  Textarea,
} from '@utrecht/component-library-react';
import type { ParseKeys } from 'i18next';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldError, TextField } from '@web/core/components/FormParts';
import { describedBy } from '@web/core/forms';
import { emptyGroup, fieldId, type GroupDraft, type GroupName, groupFields, groupLimits } from './signal-form.rules';
import { personRoles } from './signals.rules';

interface GroupSectionProps<G extends GroupName> {
  group: G;
  items: GroupDraft[G][];
  onChange(items: GroupDraft[G][]): void;
  /** The message of a field path (`persons.0.bsn`), when it has an error. */
  message(path: string): string | undefined;
}

/** Fields that take more than a line, and fields with their own keyboard. */
const longFields = new Set(['description']);
const inputModes: Record<string, 'numeric' | 'tel' | 'email'> = { approximateAge: 'numeric', bsn: 'numeric', kvkNumber: 'numeric', phone: 'tel', email: 'email' };
const hinted = new Set(['persons.bsn', 'persons.approximateAge', 'businesses.kvkNumber', 'locations.place', 'vehicles.licensePlate']);

/**
 * A repeatable group (persons, businesses, locations, vehicles): each item is a fieldset with its
 * own legend ("Persoon 2") and a remove button that names it; adding moves focus to the new
 * item's first field, removing moves it to the add button and says what happened.
 */
export function GroupSection<G extends GroupName>({ group, items, onChange, message }: GroupSectionProps<G>) {
  const { t } = useTranslation();
  // Where focus goes after the next render (the new item's first field, or the add button).
  const pendingFocus = useRef<string>(undefined);
  const [announcement, setAnnouncement] = useState('');
  const addButton = useRef<HTMLButtonElement>(null);
  const key = (suffix: string) => `signals.form.groups.${group}.${suffix}` as ParseKeys;

  useEffect(() => {
    const target = pendingFocus.current;
    if (!target) return;
    pendingFocus.current = undefined;
    if (target === 'add') addButton.current?.focus();
    else document.getElementById(target)?.focus();
  });

  const add = () => {
    onChange([...items, emptyGroup(group)]);
    pendingFocus.current = fieldId(`${group}.${items.length}.${groupFields[group][0]}`);
    setAnnouncement(t(key('added'), { n: items.length + 1 }));
  };
  const remove = (index: number) => {
    onChange(items.filter((_, i) => i !== index));
    pendingFocus.current = 'add';
    setAnnouncement(t(key('removed'), { n: index + 1 }));
  };
  const set = (index: number, field: string, value: string) =>
    onChange(items.map((item, i) => (i === index ? ({ ...item, [field]: value } as GroupDraft[G]) : item)));

  const field = (index: number, name: string, value: string) => {
    const path = `${group}.${index}.${name}`;
    const id = fieldId(path);
    const label = t(`signals.form.fields.${group}.${name}` as ParseKeys);
    const error = message(path);
    const hint = hinted.has(`${group}.${name}`) ? t(`signals.form.hints.${group}.${name}` as ParseKeys) : undefined;
    if (name === 'role') {
      return (
        <FormField key={name} invalid={Boolean(error)} className="schakel-form__field">
          <div className="utrecht-form-field__label">
            <FormLabel htmlFor={id}>{label}</FormLabel>
          </div>
          {error ? <FieldError id={id}>{error}</FieldError> : null}
          <div className="utrecht-form-field__input">
            <Select id={id} value={value} invalid={Boolean(error)} aria-describedby={describedBy(id, { error: Boolean(error) })} onChange={(event) => set(index, name, event.target.value)}>
              <SelectOption value="">{t('signals.form.chooseRole')}</SelectOption>
              {personRoles.map((role) => (
                <SelectOption key={role} value={role}>
                  {t(`signals.personRoles.${role}`)}
                </SelectOption>
              ))}
            </Select>
          </div>
        </FormField>
      );
    }
    if (longFields.has(name)) {
      return (
        <FormField key={name} invalid={Boolean(error)} className="schakel-form__field schakel-signal-group__wide">
          <div className="utrecht-form-field__label">
            <FormLabel htmlFor={id}>{label}</FormLabel>
          </div>
          {error ? <FieldError id={id}>{error}</FieldError> : null}
          <div className="utrecht-form-field__input">
            <Textarea
              id={id}
              rows={3}
              value={value}
              invalid={Boolean(error)}
              aria-describedby={describedBy(id, { error: Boolean(error) })}
              onChange={(event) => set(index, name, event.target.value)}
            />
          </div>
        </FormField>
      );
    }
    return (
      <TextField
        key={name}
        id={id}
        label={label}
        value={value}
        onValue={(next) => set(index, name, next)}
        error={error}
        description={hint}
        autoComplete="off"
        spellCheck={false}
        inputMode={inputModes[name]}
      />
    );
  };

  return (
    <section className="schakel-signal-group" aria-labelledby={`signal-${group}-heading`}>
      <Heading3 id={`signal-${group}-heading`}>{t(key('heading'))}</Heading3>
      <Paragraph className="schakel-hint">{t(key('hint'))}</Paragraph>
      {items.map((item, index) => (
        <Fieldset key={item.key} className="schakel-fieldset schakel-signal-group__item" data-testid={`${group}-group`}>
          <FieldsetLegend className="schakel-signal-group__legend">{t(key('legend'), { n: index + 1 })}</FieldsetLegend>
          <div className="schakel-signal-group__fields">
            {groupFields[group].map((name) => field(index, name, String((item as unknown as Record<string, string>)[name] ?? '')))}
          </div>
          <Button appearance="subtle-button" className="schakel-signal-group__remove" onClick={() => remove(index)}>
            {t(key('remove'), { n: index + 1 })}
          </Button>
        </Fieldset>
      ))}
      {items.length < groupLimits[group] ? (
        <Button ref={addButton} appearance="secondary-action-button" onClick={add} data-testid={`add-${group}`}>
          {t(items.length === 0 ? key('addFirst') : key('add'))}
        </Button>
      ) : (
        <Paragraph className="schakel-hint">{t(key('limit'), { max: groupLimits[group] })}</Paragraph>
      )}
      <p className="schakel-visually-hidden" role="status">
        {announcement}
      </p>
    </section>
  );
}
