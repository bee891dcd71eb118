import type { Organisation } from '@server/modules/regions/regions.schema';
import { Button, Fieldset, FieldsetLegend, FormLabel, RadioButton } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '@web/core/session';
import type { Case } from './cases.api';
import { DateField, SelectField, TextAreaField } from '@web/core/components/FormParts';
import { CaseFormFeedback, useFieldMessages } from './CaseFormParts';
import { type ActionField, type ActionForm as ActionFormState, actionBody, actionErrors, only, textError, todayInAmsterdam } from './cases.rules';
import { useCaseForm } from './useCaseForm';

interface FormProps<B> {
  onSave(body: B): Promise<Case>;
  onDone(next: Case): void;
  onConflict(): void;
}

/** An action on a track: what, who (an organisation, or the user themself) and by when (today or later). */
/** `prefix` keeps the ids unique when forms of several tracks are open. */
export function ActionForm({ prefix, organisations, onSave, onDone, onConflict }: FormProps<unknown> & { prefix: string; organisations: Organisation[] }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const today = todayInAmsterdam();
  const [state, setState] = useState<ActionFormState>({ description: '', ownerKind: 'organisation', ownerOrganisationId: '', dueOn: '' });
  const form = useCaseForm<ActionField>(['description', 'ownerOrganisationId', 'ownerUserId', 'dueOn']);
  const ids: Record<ActionField, string> = { description: `${prefix}-action-description`, ownerOrganisationId: `${prefix}-action-owner`, ownerUserId: `${prefix}-action-owner-me`, dueOn: `${prefix}-action-due` };
  const message = useFieldMessages(form.errors, { description: t('cases.actions.description'), ownerOrganisationId: t('cases.actions.ownerOrganisation'), ownerUserId: t('cases.actions.owner'), dueOn: t('cases.actions.due') });
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const done = await form.submit(actionErrors(state, today), () => onSave(actionBody(state, me?.id ?? '')), onConflict);
    if (done) onDone(done.value);
  };
  return (
    <form className="schakel-form" noValidate onSubmit={(event) => void submit(event)} aria-label={t('cases.actions.add')}>
      <CaseFormFeedback formRef={form.ref} id={`${prefix}-action-errors`} errors={form.errors} ids={ids} message={message} failure={form.failure} failedHeading={t('cases.form.failed')} />
      <TextAreaField id={ids.description} label={t('cases.actions.description')} rows={2} value={state.description} onValue={(description) => setState({ ...state, description })} error={message('description')} />
      <Fieldset className="schakel-fieldset" invalid={Boolean(message('ownerUserId'))}>
        <FieldsetLegend>{t('cases.actions.owner')}</FieldsetLegend>
        {(['organisation', 'person'] as const).map((kind) => (
          <div key={kind} className="schakel-checkbox-field__row">
            <RadioButton id={kind === 'person' ? ids.ownerUserId : `${prefix}-action-owner-kind-${kind}`} name={`${prefix}-action-owner-kind`} checked={state.ownerKind === kind} onChange={() => setState({ ...state, ownerKind: kind })} />
            <FormLabel htmlFor={kind === 'person' ? ids.ownerUserId : `${prefix}-action-owner-kind-${kind}`} type="radio">
              {kind === 'person' ? t('cases.actions.ownerMe', { name: me?.displayName ?? '' }) : t('cases.actions.ownerAnOrganisation')}
            </FormLabel>
          </div>
        ))}
      </Fieldset>
      {state.ownerKind === 'organisation' ? (
        <SelectField
          id={ids.ownerOrganisationId}
          label={t('cases.actions.ownerOrganisation')}
          value={state.ownerOrganisationId}
          onValue={(ownerOrganisationId) => setState({ ...state, ownerOrganisationId })}
          placeholder={t('cases.form.choose')}
          choices={organisations.map((o) => ({ value: o.id, label: o.name }))}
          error={message('ownerOrganisationId')}
        />
      ) : null}
      <DateField id={ids.dueOn} label={t('cases.actions.due')} description={t('cases.actions.dueHint')} value={state.dueOn} onValue={(dueOn) => setState({ ...state, dueOn })} error={message('dueOn')} />
      <Button type="submit" appearance="primary-action-button" busy={form.busy} data-testid="action-submit">
        {t('cases.actions.save')}
      </Button>
    </form>
  );
}

/** Closing a track needs a reason; the case can close once every track is closed. */
export function CloseTrackForm({ prefix, onSave, onDone, onConflict }: { prefix: string; onSave(reason: string): Promise<Case | undefined>; onDone(next: Case | undefined): void; onConflict(): void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const form = useCaseForm<'closedReason'>(['closedReason']);
  const ids = { closedReason: `${prefix}-close-reason` };
  const message = useFieldMessages(form.errors, { closedReason: t('cases.tracks.closedReason') });
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const done = await form.submit(only({ closedReason: textError(reason, 1, 2000) }), () => onSave(reason.trim()), onConflict);
    if (done) onDone(done.value);
  };
  return (
    <form className="schakel-form" noValidate onSubmit={(event) => void submit(event)} aria-label={t('cases.tracks.close')}>
      <CaseFormFeedback formRef={form.ref} id={`${prefix}-close-errors`} errors={form.errors} ids={ids} message={message} failure={form.failure} failedHeading={t('cases.form.failed')} />
      <TextAreaField id={ids.closedReason} label={t('cases.tracks.closedReason')} value={reason} onValue={setReason} error={message('closedReason')} />
      <Button type="submit" appearance="primary-action-button" busy={form.busy} data-testid="track-close-submit">
        {t('cases.tracks.closeSubmit')}
      </Button>
    </form>
  );
}
