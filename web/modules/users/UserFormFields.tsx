import type { Role } from '@server/core/auth/roles';
import type { Municipality, Organisation } from '@server/modules/regions/regions.schema';
import {
  Checkbox,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldDescription,
  FormLabel,
  Paragraph,
  RadioButton,
  Select,
  SelectOption,
} from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { FieldError, TextField } from '@web/core/components/FormParts';
import { describedBy } from '@web/core/forms';
import { allRoles } from '@web/core/roles';
import { toggled, toggledRole, type UserErrorKind, type UserErrors, type UserField, type UserForm } from './users.rules';

export const fieldIds: Record<UserField, string> = {
  email: 'user-email',
  displayName: 'user-name',
  organisationId: 'user-organisation',
  // A group has no single input: the summary links to its first checkbox.
  roles: `user-role-${allRoles[0]}`,
  municipalities: 'user-scope-all',
};

interface UserFormFieldsProps {
  mode: 'create' | 'edit';
  form: UserForm;
  onChange(form: UserForm): void;
  errors: UserErrors;
  organisations: readonly Organisation[];
  municipalities: readonly Municipality[];
  /** Editing one's own account: roles, organisation and status stay as they are. */
  ownAccount: boolean;
}

function Check({ id, label, checked, disabled, onToggle }: { id: string; label: string; checked: boolean; disabled?: boolean; onToggle(on: boolean): void }) {
  return (
    <div className="schakel-checkbox-field__row">
      <Checkbox id={id} checked={checked} disabled={disabled} onChange={(event) => onToggle(event.target.checked)} />
      <FormLabel htmlFor={id} type="checkbox">
        {label}
      </FormLabel>
    </div>
  );
}

export function UserFormFields({ mode, form, onChange, errors, organisations, municipalities, ownAccount }: UserFormFieldsProps) {
  const { t } = useTranslation();
  const message = (field: UserField) => {
    const kind: UserErrorKind | undefined = errors[field];
    return kind ? t(`users.form.errors.${field}.${kind}`) : undefined;
  };
  const set = <K extends keyof UserForm>(key: K, value: UserForm[K]) => onChange({ ...form, [key]: value });

  return (
    <>
      {mode === 'create' ? (
        <TextField
          id={fieldIds.email}
          type="email"
          autoComplete="off"
          spellCheck={false}
          label={t('users.form.email')}
          description={t('users.form.emailHint')}
          required
          value={form.email}
          onValue={(value) => set('email', value)}
          error={message('email')}
        />
      ) : null}
      <TextField
        id={fieldIds.displayName}
        autoComplete="off"
        label={t('users.form.displayName')}
        required
        value={form.displayName}
        onValue={(value) => set('displayName', value)}
        error={message('displayName')}
      />
      {ownAccount ? <Paragraph className="schakel-form__own">{t('users.form.ownAccount')}</Paragraph> : null}
      <FormField invalid={Boolean(errors.organisationId)} className="schakel-form__field">
        <div className="utrecht-form-field__label">
          <FormLabel htmlFor={fieldIds.organisationId}>{t('users.form.organisation')}</FormLabel>
        </div>
        {errors.organisationId ? <FieldError id={fieldIds.organisationId}>{message('organisationId')}</FieldError> : null}
        <div className="utrecht-form-field__input">
          <Select
            id={fieldIds.organisationId}
            value={form.organisationId}
            disabled={ownAccount}
            required
            invalid={Boolean(errors.organisationId)}
            aria-describedby={describedBy(fieldIds.organisationId, { error: Boolean(errors.organisationId) })}
            onChange={(event) => set('organisationId', event.target.value)}
          >
            <SelectOption value="">{t('users.form.chooseOrganisation')}</SelectOption>
            {organisations.map((organisation) => (
              <SelectOption key={organisation.id} value={organisation.id}>
                {organisation.name}
              </SelectOption>
            ))}
          </Select>
        </div>
      </FormField>

      <Fieldset className="schakel-fieldset" invalid={Boolean(errors.roles)} disabled={ownAccount} aria-describedby={describedBy('user-roles', { description: true, error: Boolean(errors.roles) })}>
        <FieldsetLegend>{t('users.form.roles')}</FieldsetLegend>
        <FormFieldDescription id="user-roles-description" className="utrecht-form-field__description">
          {t('users.form.rolesHint')}
        </FormFieldDescription>
        {errors.roles ? <FieldError id="user-roles">{message('roles')}</FieldError> : null}
        <ul className="schakel-checkbox-list" data-testid="role-checkboxes">
          {allRoles.map((role: Role) => (
            <li key={role}>
              <Check
                id={`user-role-${role}`}
                label={t(`roles.${role}`)}
                checked={form.roles.includes(role)}
                disabled={ownAccount}
                onToggle={(on) => set('roles', toggledRole(form.roles, role, on))}
              />
            </li>
          ))}
        </ul>
      </Fieldset>

      <Fieldset className="schakel-fieldset" invalid={Boolean(errors.municipalities)} aria-describedby={describedBy('user-scope', { description: true, error: Boolean(errors.municipalities) })}>
        <FieldsetLegend>{t('users.form.scope')}</FieldsetLegend>
        <FormFieldDescription id="user-scope-description" className="utrecht-form-field__description">
          {t('users.form.scopeHint')}
        </FormFieldDescription>
        {errors.municipalities ? <FieldError id="user-scope">{message('municipalities')}</FieldError> : null}
        <ul className="schakel-checkbox-list">
          <li className="schakel-checkbox-field__row">
            <RadioButton
              id="user-scope-all"
              name="scope"
              checked={form.allMunicipalities}
              onChange={() => onChange({ ...form, allMunicipalities: true })}
            />
            <FormLabel htmlFor="user-scope-all" type="radio">
              {t('users.form.scopeAll')}
            </FormLabel>
          </li>
          <li className="schakel-checkbox-field__row">
            <RadioButton
              id="user-scope-some"
              name="scope"
              checked={!form.allMunicipalities}
              onChange={() => onChange({ ...form, allMunicipalities: false })}
            />
            <FormLabel htmlFor="user-scope-some" type="radio">
              {t('users.form.scopeSome')}
            </FormLabel>
          </li>
        </ul>
        {form.allMunicipalities ? null : (
          <ul className="schakel-checkbox-list schakel-checkbox-list--nested" aria-label={t('users.form.municipalities')} data-testid="municipality-checkboxes">
            {municipalities.map((municipality) => (
              <li key={municipality.code}>
                <Check
                  id={`user-municipality-${municipality.code}`}
                  label={municipality.name}
                  checked={form.municipalities.includes(municipality.code)}
                  onToggle={(on) => set('municipalities', toggled(form.municipalities, municipality.code, on))}
                />
              </li>
            ))}
          </ul>
        )}
      </Fieldset>

      {mode === 'edit' ? (
        <Fieldset className="schakel-fieldset" disabled={ownAccount}>
          <FieldsetLegend>{t('users.form.status')}</FieldsetLegend>
          <Check
            id="user-active"
            label={t('users.form.active')}
            checked={form.active}
            disabled={ownAccount}
            onToggle={(on) => set('active', on)}
          />
          <FormFieldDescription className="utrecht-form-field__description">{t('users.form.activeHint')}</FormFieldDescription>
        </Fieldset>
      ) : null}
    </>
  );
}
