import { Button, ButtonGroup, Fieldset, FieldsetLegend, Heading2, Paragraph } from '@utrecht/component-library-react';
import type { ParseKeys } from 'i18next';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { type ApiError, toApiError } from '@web/core/api/client';
import { FormFailure, useSubmitFeedback } from '@web/core/components/FormFeedback';
import { ErrorSummary } from '@web/core/components/FormParts';
import { useSession } from '@web/core/session';
import { useLegalBasisLabel, useOrganisations, useRegionLegalBases } from '@web/modules/weegtafel';
import { SelectField, TextAreaField } from '@web/core/components/FormParts';
import { openConsultation } from './urgent-consultations.api';
import { consultationPath, emptyOpenDraft, type InviteeDraft, type OpenDraft, openDraftErrors, type OpenErrors, openErrorsFrom, openInputOf } from './urgent-consultations.rules';

/**
 * Ask partners for advice at once: the question (no more personal data than they need) and the
 * organisations, each on a legal basis — the one it recorded itself unless another is chosen.
 */
export function OpenConsultationForm({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const navigate = useNavigate();
  const region = me?.region ?? '';
  const organisations = useOrganisations(region);
  const legalBases = useRegionLegalBases(region);
  const options = legalBases.status === 'ready' ? legalBases.data : [];
  const label = useLegalBasisLabel(options);
  const [draft, setDraft] = useState<OpenDraft>(emptyOpenDraft);
  const [errors, setErrors] = useState<OpenErrors>({});
  const [failure, setFailure] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const { ref, submitted } = useSubmitFeedback();
  const fieldId = (key: string) => `mdo-${key.replaceAll('.', '-')}`;

  const fieldLabel = (key: string) => {
    if (key === 'question') return t('urgentConsultations.open.question');
    if (key === 'invitees') return t('urgentConsultations.open.invitees');
    const [, index, field] = key.split('.');
    return `${t('urgentConsultations.open.inviteeLegend', { n: Number(index) + 1 })}, ${t(`urgentConsultations.open.${field as 'organisationId' | 'legalBasis'}`)}`;
  };
  const message = (key: string) => {
    const kind = errors[key];
    if (!kind) return undefined;
    const field = key.includes('.') ? key.split('.')[2] : key;
    return t(`urgentConsultations.open.errors.${field}.${kind}` as ParseKeys);
  };
  const setInvitee = (index: number, change: Partial<InviteeDraft>) =>
    setDraft((previous) => ({ ...previous, invitees: previous.invitees.map((invitee, i) => (i === index ? { ...invitee, ...change } : invitee)) }));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setFailure(undefined);
    const found = openDraftErrors(draft);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      submitted();
      return;
    }
    setBusy(true);
    try {
      const opened = await openConsultation(caseId, openInputOf(draft));
      void navigate(consultationPath(opened.id), { state: { opened: true } });
    } catch (caught) {
      const error = toApiError(caught);
      const fields = openErrorsFrom(error, draft);
      setErrors(fields);
      if (Object.keys(fields).length === 0) setFailure(error);
      submitted();
    } finally {
      setBusy(false);
    }
  };

  const order = ['question', 'invitees', ...draft.invitees.flatMap((_, i) => [`invitees.${i}.organisationId`, `invitees.${i}.legalBasis`])];
  const summary = order.flatMap((key) => (errors[key] ? [{ target: key === 'invitees' ? fieldId('add') : fieldId(key), message: `${fieldLabel(key)}: ${message(key)}` }] : []));
  const orgs = organisations.status === 'ready' ? organisations.data.filter((o) => o.id !== me?.organisation.id) : [];

  return (
    <section className="schakel-section" aria-labelledby="open-consultation">
      <Heading2 id="open-consultation">{t('urgentConsultations.open.heading')}</Heading2>
      <Paragraph>{t('urgentConsultations.open.intro')}</Paragraph>
      <form className="schakel-form" noValidate onSubmit={(event) => void submit(event)} aria-labelledby="open-consultation" data-testid="open-consultation-form">
        <ErrorSummary ref={ref} id="mdo-errors" items={summary} />
        {failure ? <FormFailure ref={ref} error={failure} heading={t('urgentConsultations.open.failed')} /> : null}
        <TextAreaField id={fieldId('question')} label={t('urgentConsultations.open.question')} description={t('urgentConsultations.open.questionHint')} value={draft.question} onValue={(question) => setDraft({ ...draft, question })} error={message('question')}  rows={4} />
        {draft.invitees.map((invitee, index) => (
          <Fieldset key={index} className="schakel-fieldset schakel-mdo-invitee" data-testid="invitee-fields">
            <FieldsetLegend>{t('urgentConsultations.open.inviteeLegend', { n: index + 1 })}</FieldsetLegend>
            <SelectField
              id={fieldId(`invitees.${index}.organisationId`)}
              label={t('urgentConsultations.open.organisationId')}
              value={invitee.organisationId}
              onValue={(organisationId) => setInvitee(index, { organisationId })}
              error={message(`invitees.${index}.organisationId`)}
              choices={[{ value: '', label: t('urgentConsultations.open.choose') }, ...orgs.map((o) => ({ value: o.id, label: o.name }))]}
            />
            <SelectField
              id={fieldId(`invitees.${index}.legalBasis`)}
              label={t('urgentConsultations.open.legalBasis')}
              description={t('urgentConsultations.open.legalBasisHint')}
              value={invitee.legalBasis}
              onValue={(legalBasis) => setInvitee(index, { legalBasis })}
              error={message(`invitees.${index}.legalBasis`)}
              choices={[{ value: '', label: t('urgentConsultations.open.useRecorded') }, ...options.map((o) => ({ value: o.code, label: label(o.code) }))]}
            />
            {draft.invitees.length > 1 ? (
              <Button appearance="subtle-button" onClick={() => setDraft({ ...draft, invitees: draft.invitees.filter((_, i) => i !== index) })}>
                {t('urgentConsultations.open.removeInvitee', { n: index + 1 })}
              </Button>
            ) : null}
          </Fieldset>
        ))}
        <ButtonGroup>
          {draft.invitees.length < 20 ? (
            <Button id={fieldId('add')} appearance="secondary-action-button" onClick={() => setDraft({ ...draft, invitees: [...draft.invitees, { organisationId: '', legalBasis: '' }] })} data-testid="add-invitee">
              {t('urgentConsultations.open.addInvitee')}
            </Button>
          ) : null}
          <Button type="submit" appearance="primary-action-button" busy={busy} aria-disabled={busy || undefined} data-testid="open-consultation">
            {t('urgentConsultations.open.submit')}
          </Button>
        </ButtonGroup>
      </form>
    </section>
  );
}
