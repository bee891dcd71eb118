import type { Organisation } from '@server/modules/regions/regions.schema';
import { Button, Fieldset, FieldsetLegend, FormFieldDescription, FormLabel, Heading2, Heading3, Paragraph, RadioButton, TableCell, TableRow } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, toApiError } from '@web/core/api/client';
import { ConfirmAction } from '@web/core/components/ConfirmAction';
import { CellNote, DataTable, RowHeader } from '@web/core/components/DataTable';
import { FormFailure, useSubmitFeedback } from '@web/core/components/FormFeedback';
import { CheckField, ErrorSummary, FieldError } from '@web/core/components/FormParts';
import { useFormat } from '@web/core/format';
import { SelectField } from '@web/core/components/FormParts';
import { describedBy } from '@web/core/forms';
import type { SessionChanges } from './SessionPage';
import { useLegalBasisLabel } from './useTableChoices';
import { invite, type LegalBasisEntry, type LegalBasisOption, type Session, withdrawInvitation } from './weegtafel.api';
import { defaultInviteScope, defaultLegalBasis, invitableOrganisations, isNoLegalBasis } from './weegtafel.rules';

interface InvitationsSectionProps {
  session: Session;
  changes: SessionChanges;
  canInvite: boolean;
  organisations: Organisation[];
  options: LegalBasisOption[] | undefined;
  recorded: LegalBasisEntry[];
}

/** Who is invited, on which legal basis; inviting gives the organisation a time-boxed grant on the agenda's cases. */
export function InvitationsSection({ session, changes, canInvite, organisations, options, recorded }: InvitationsSectionProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const label = useLegalBasisLabel(options);
  const columns = [...(['organisation', 'legalBasis', 'invited'] as const).map((c) => t(`weegtafel.invitations.columns.${c}`)), ...(canInvite ? [{ label: t('weegtafel.invitations.columns.actions'), hiddenLabel: true }] : [])];
  return (
    <section className="schakel-section" aria-labelledby="session-invitations">
      <Heading2 id="session-invitations">{t('weegtafel.invitations.heading')}</Heading2>
      <Paragraph>{t('weegtafel.invitations.intro')}</Paragraph>
      <DataTable caption={t('weegtafel.invitations.caption')} columns={columns} rows={session.invitations} empty={t('weegtafel.invitations.empty')} testId="invitations-table" wide>
        {(invitation) => (
          <TableRow key={invitation.id} data-testid="invitation-row">
            <RowHeader>
              {invitation.organisation.name}
              {invitation.caseIds ? <CellNote>{t('weegtafel.invitations.onlyCases', { count: invitation.caseIds.length })}</CellNote> : null}
            </RowHeader>
            <TableCell>{label(invitation.legalBasis)}</TableCell>
            <TableCell>
              {format.dateTime(invitation.invitedAt)}
              {invitation.invitedBy ? <CellNote>{invitation.invitedBy.name}</CellNote> : null}
            </TableCell>
            {canInvite ? (
              <TableCell>
                <ConfirmAction
                  label={t('weegtafel.invitations.withdraw', { organisation: invitation.organisation.name })}
                  question={t('weegtafel.invitations.withdrawQuestion')}
                  confirmLabel={t('weegtafel.invitations.withdrawConfirm')}
                  onConfirm={async () => {
                    try {
                      await withdrawInvitation(session.id, invitation.id);
                      await changes.done('withdrawn');
                    } catch (caught) {
                      changes.conflict(toApiError(caught));
                    }
                  }}
                />
              </TableCell>
            ) : null}
          </TableRow>
        )}
      </DataTable>
      {canInvite ? <InviteForm key={changes.revision} session={session} changes={changes} organisations={invitableOrganisations(organisations, session)} options={options ?? []} recorded={recorded} /> : null}
    </section>
  );
}

type InviteField = 'organisationId' | 'legalBasis' | 'caseIds';
type InviteError = 'required' | 'noLegalBasis' | 'unknown';

function InviteForm({ session, changes, organisations, options, recorded }: { session: Session; changes: SessionChanges; organisations: Organisation[]; options: LegalBasisOption[]; recorded: LegalBasisEntry[] }) {
  const { t } = useTranslation();
  const label = useLegalBasisLabel(options);
  const [organisationId, setOrganisationId] = useState('');
  const [legalBasis, setLegalBasis] = useState('');
  const [cases, setCases] = useState<{ scope: 'all' | 'some'; caseIds: string[] }>({ scope: 'all', caseIds: [] });
  const [errors, setErrors] = useState<Partial<Record<InviteField, InviteError>>>({});
  const [failure, setFailure] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const { ref, submitted } = useSubmitFeedback();
  const ids: Record<InviteField, string> = { organisationId: 'invite-organisation', legalBasis: 'invite-legal-basis', caseIds: 'invite-cases-some' };
  const agenda = session.agenda;
  const message = (field: InviteField) => (errors[field] ? t(`weegtafel.invitations.errors.${field}.${errors[field]}` as 'weegtafel.invitations.errors.legalBasis.noLegalBasis') : undefined);
  const recordedBasis = organisationId ? defaultLegalBasis(organisationId, recorded) : '';

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setFailure(undefined);
    const local: Partial<Record<InviteField, InviteError>> = {};
    if (!organisationId) local.organisationId = 'required';
    if (cases.scope === 'some' && cases.caseIds.length === 0) local.caseIds = 'required';
    setErrors(local);
    if (Object.keys(local).length > 0) {
      submitted();
      return;
    }
    setBusy(true);
    try {
      await invite(session.id, { organisationId, ...(legalBasis ? { legalBasis } : {}), ...(cases.scope === 'some' ? { caseIds: cases.caseIds } : {}) });
      await changes.done('invited');
    } catch (caught) {
      const error = toApiError(caught);
      if (changes.conflict(error)) return;
      const found: Partial<Record<InviteField, InviteError>> = {};
      if (isNoLegalBasis(error)) found.legalBasis = 'noLegalBasis';
      for (const param of error.invalidParams) {
        if (param.name === 'body.legalBasis') found.legalBasis = 'unknown';
        if (param.name === 'body.organisationId') found.organisationId = 'unknown';
        if (param.name.startsWith('body.caseIds')) found.caseIds = 'unknown';
      }
      setErrors(found);
      if (Object.keys(found).length === 0) setFailure(error);
      submitted();
    } finally {
      setBusy(false);
    }
  };

  const summary = (Object.keys(ids) as InviteField[]).flatMap((field) => (errors[field] ? [{ target: ids[field], message: message(field) ?? '' }] : []));
  return (
    <form className="schakel-form schakel-wt-subform" noValidate onSubmit={(event) => void submit(event)} aria-labelledby="invite-heading" data-testid="invite-form">
      <Heading3 id="invite-heading">{t('weegtafel.invitations.formHeading')}</Heading3>
      <ErrorSummary ref={ref} id="invite-errors" level={3} items={summary} />
      {failure ? <FormFailure ref={ref} error={failure} heading={t('weegtafel.invitations.failed')} /> : null}
      <SelectField
        id={ids.organisationId}
        label={t('weegtafel.invitations.organisation')}
        value={organisationId}
        onValue={(id) => {
          setOrganisationId(id);
          setLegalBasis(defaultLegalBasis(id, recorded));
          setCases(defaultInviteScope(organisations.find((o) => o.id === id), agenda));
          setErrors({});
        }}
        error={message('organisationId')}
        choices={[{ value: '', label: t('weegtafel.decision.choose') }, ...organisations.map((o) => ({ value: o.id, label: o.name }))]}
      />
      <SelectField
        id={ids.legalBasis}
        label={t('weegtafel.invitations.legalBasis')}
        description={organisationId ? (recordedBasis ? t('weegtafel.invitations.recorded', { basis: label(recordedBasis) }) : t('weegtafel.invitations.noneRecorded')) : t('weegtafel.invitations.legalBasisHint')}
        value={legalBasis}
        onValue={setLegalBasis}
        error={message('legalBasis')}
        choices={[{ value: '', label: t('weegtafel.invitations.useRecorded') }, ...options.map((o) => ({ value: o.code, label: label(o.code) }))]}
      />
      {agenda.length > 0 ? (
        <Fieldset className="schakel-fieldset" invalid={Boolean(errors.caseIds)} aria-describedby={describedBy('invite-cases', { description: true, error: Boolean(errors.caseIds) })}>
          <FieldsetLegend>{t('weegtafel.invitations.cases')}</FieldsetLegend>
          <FormFieldDescription id="invite-cases-description" className="utrecht-form-field__description">
            {t('weegtafel.invitations.casesHint')}
          </FormFieldDescription>
          {errors.caseIds ? <FieldError id="invite-cases">{message('caseIds')}</FieldError> : null}
          {(['all', 'some'] as const).map((scope) => (
            <div key={scope} className="schakel-checkbox-field__row">
              <RadioButton id={`invite-cases-${scope}`} name="invite-cases" checked={cases.scope === scope} onChange={() => setCases({ ...cases, scope })} />
              <FormLabel htmlFor={`invite-cases-${scope}`} type="radio">
                {t(`weegtafel.invitations.casesScope.${scope}`)}
              </FormLabel>
            </div>
          ))}
          {cases.scope === 'some' ? (
            <ul className="schakel-checkbox-list" data-testid="invite-case-choices">
              {agenda.map((item) => (
                <li key={item.id}>
                  <CheckField
                    id={`invite-case-${item.caseId}`}
                    label={item.case?.title ? `${item.caseReference} — ${item.case.title}` : item.caseReference}
                    checked={cases.caseIds.includes(item.caseId)}
                    onToggle={(on) => setCases({ ...cases, caseIds: on ? [...cases.caseIds, item.caseId] : cases.caseIds.filter((c) => c !== item.caseId) })}
                  />
                </li>
              ))}
            </ul>
          ) : null}
        </Fieldset>
      ) : null}
      <Button type="submit" appearance="primary-action-button" busy={busy} aria-disabled={busy || undefined} data-testid="invite">
        {t('weegtafel.invitations.submit')}
      </Button>
    </form>
  );
}
