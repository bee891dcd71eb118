import type { Organisation } from '@server/modules/regions/regions.schema';
import { Button, ButtonGroup, Fieldset, FieldsetLegend, Heading4, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, toApiError } from '@web/core/api/client';
import { FormFailure, useSubmitFeedback } from '@web/core/components/FormFeedback';
import { ErrorSummary } from '@web/core/components/FormParts';
import { SelectField, TextAreaField } from '@web/core/components/FormParts';
import type { SessionChanges } from './SessionPage';
import { type AgendaItem, recordDecision, type Session, updateSummary } from './weegtafel.api';
import {
  type DecisionDraft,
  decisionDraftErrors,
  type DecisionErrors,
  decisionErrorsFrom,
  decisionInputOf,
  emptyTrackDraft,
  type TrackDraft,
} from './weegtafel.rules';

interface ItemFormProps {
  session: Session;
  item: AgendaItem;
  changes: SessionChanges;
}

/** The discussion summary of one case; saved as a whole, changeable until the minutes are confirmed. */
export function SummaryForm({ session, item, changes }: ItemFormProps) {
  const { t } = useTranslation();
  const [summary, setSummary] = useState(item.summary ?? '');
  const [error, setError] = useState<'tooLong'>();
  const [failure, setFailure] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const { ref, submitted } = useSubmitFeedback();
  const id = `summary-${item.id}`;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setFailure(undefined);
    setError(undefined);
    if (summary.trim().length > 20_000) {
      setError('tooLong');
      submitted();
      return;
    }
    setBusy(true);
    try {
      await updateSummary(session.id, item.id, summary);
      await changes.done('summary');
    } catch (caught) {
      const apiError = toApiError(caught);
      if (!changes.conflict(apiError)) {
        setFailure(apiError);
        submitted();
      }
    } finally {
      setBusy(false);
    }
  };

  const message = error ? t('weegtafel.item.errors.summaryTooLong') : undefined;
  return (
    <form className="schakel-form schakel-wt-subform" noValidate onSubmit={(event) => void submit(event)} aria-label={t('weegtafel.item.summaryFormLabel', { reference: item.caseReference })} data-testid="summary-form">
      <ErrorSummary ref={ref} id={`${id}-errors`} level={3} items={message ? [{ target: id, message }] : []} />
      {failure ? <FormFailure ref={ref} error={failure} heading={t('weegtafel.item.summaryFailed')} /> : null}
      <TextAreaField id={id} label={t('weegtafel.item.summary', { reference: item.caseReference })} description={t('weegtafel.item.summaryHint')} value={summary} onValue={setSummary} error={message}  rows={4} />
      <Button type="submit" appearance="secondary-action-button" busy={busy} aria-disabled={busy || undefined} data-testid="save-summary">
        {t('weegtafel.item.saveSummary')}
      </Button>
    </form>
  );
}

interface DecisionFormProps extends ItemFormProps {
  organisations: Organisation[];
  trackKinds: string[];
  trackMeasures: string[];
}

/** A decision (append-only) that can open tracks, each with an owning organisation; administrative tracks name their measure. */
export function DecisionForm({ session, item, changes, organisations, trackKinds, trackMeasures }: DecisionFormProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<DecisionDraft>({ text: '', tracks: [] });
  const [errors, setErrors] = useState<DecisionErrors>({});
  const [failure, setFailure] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const { ref, submitted } = useSubmitFeedback();
  const base = `decision-${item.id}`;
  const fieldId = (key: string) => `${base}-${key.replaceAll('.', '-')}`;

  const fieldLabel = (key: string) => {
    const [, index, field] = key.split('.');
    if (key === 'text') return t('weegtafel.decision.text');
    return `${t('weegtafel.decision.trackLegend', { n: Number(index) + 1 })}, ${t(`weegtafel.decision.${field as 'kind' | 'ownerOrganisationId' | 'measure'}`)}`;
  };
  const message = (key: string) => {
    const kind = errors[key];
    if (!kind) return undefined;
    const field = key === 'text' ? 'text' : (key.split('.')[2] as 'kind' | 'ownerOrganisationId' | 'measure');
    return t(`weegtafel.decision.errors.${field}.${kind}` as 'weegtafel.decision.errors.text.required');
  };
  const setTrack = (index: number, change: Partial<TrackDraft>) =>
    setDraft((previous) => ({ ...previous, tracks: previous.tracks.map((track, i) => (i === index ? { ...track, ...change } : track)) }));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setFailure(undefined);
    const found = decisionDraftErrors(draft);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      submitted();
      return;
    }
    setBusy(true);
    try {
      await recordDecision(session.id, decisionInputOf(item.id, draft));
      await changes.done('decision');
    } catch (caught) {
      const apiError = toApiError(caught);
      if (changes.conflict(apiError)) return;
      const fields = decisionErrorsFrom(apiError, draft);
      setErrors(fields);
      if (Object.keys(fields).length === 0) setFailure(apiError);
      submitted();
    } finally {
      setBusy(false);
    }
  };

  const order = ['text', ...draft.tracks.flatMap((_, i) => [`tracks.${i}.kind`, `tracks.${i}.ownerOrganisationId`, `tracks.${i}.measure`])];
  const summary = order.flatMap((key) => (errors[key] ? [{ target: fieldId(key), message: `${fieldLabel(key)}: ${message(key)}` }] : []));
  const choose = { value: '', label: t('weegtafel.decision.choose') };

  return (
    <form className="schakel-form schakel-wt-subform" noValidate onSubmit={(event) => void submit(event)} aria-labelledby={`${base}-heading`} data-testid="decision-form">
      <Heading4 id={`${base}-heading`}>{t('weegtafel.decision.heading', { reference: item.caseReference })}</Heading4>
      <Paragraph className="schakel-hint">{t('weegtafel.decision.hint')}</Paragraph>
      <ErrorSummary ref={ref} id={`${base}-errors`} level={3} items={summary} />
      {failure ? <FormFailure ref={ref} error={failure} heading={t('weegtafel.decision.failed')} /> : null}
      <TextAreaField id={fieldId('text')} label={t('weegtafel.decision.text')} value={draft.text} onValue={(text) => setDraft({ ...draft, text })} error={message('text')} rows={3} />
      {draft.tracks.map((track, index) => (
        <Fieldset key={index} className="schakel-fieldset schakel-wt-track" data-testid="track-fields">
          <FieldsetLegend>{t('weegtafel.decision.trackLegend', { n: index + 1 })}</FieldsetLegend>
          <SelectField
            id={fieldId(`tracks.${index}.kind`)}
            label={t('weegtafel.decision.kind')}
            value={track.kind}
            onValue={(kind) => setTrack(index, { kind: kind as TrackDraft['kind'], ...(kind === 'administrative' ? {} : { measure: '' }) })}
            error={message(`tracks.${index}.kind`)}
            choices={[choose, ...trackKinds.map((kind) => ({ value: kind, label: t(`weegtafel.trackKinds.${kind as 'care'}`) }))]}
          />
          <SelectField
            id={fieldId(`tracks.${index}.ownerOrganisationId`)}
            label={t('weegtafel.decision.ownerOrganisationId')}
            value={track.ownerOrganisationId}
            onValue={(ownerOrganisationId) => setTrack(index, { ownerOrganisationId })}
            error={message(`tracks.${index}.ownerOrganisationId`)}
            choices={[choose, ...organisations.map((o) => ({ value: o.id, label: o.name }))]}
          />
          {track.kind === 'administrative' ? (
            <SelectField
              id={fieldId(`tracks.${index}.measure`)}
              label={t('weegtafel.decision.measure')}
              value={track.measure}
              onValue={(measure) => setTrack(index, { measure: measure as TrackDraft['measure'] })}
              error={message(`tracks.${index}.measure`)}
              choices={[choose, ...trackMeasures.map((m) => ({ value: m, label: t(`weegtafel.measures.${m as 'closure'}`) }))]}
            />
          ) : null}
          <Button appearance="subtle-button" onClick={() => setDraft({ ...draft, tracks: draft.tracks.filter((_, i) => i !== index) })}>
            {t('weegtafel.decision.removeTrack', { n: index + 1 })}
          </Button>
        </Fieldset>
      ))}
      <ButtonGroup>
        {draft.tracks.length < 10 ? (
          <Button appearance="secondary-action-button" onClick={() => setDraft({ ...draft, tracks: [...draft.tracks, emptyTrackDraft()] })} data-testid="add-track">
            {t('weegtafel.decision.addTrack')}
          </Button>
        ) : null}
        <Button type="submit" appearance="primary-action-button" busy={busy} aria-disabled={busy || undefined} data-testid="save-decision">
          {t('weegtafel.decision.submit')}
        </Button>
      </ButtonGroup>
    </form>
  );
}
