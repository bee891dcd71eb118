import {
  Alert,
  Button,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldDescription,
  FormLabel,
  Heading2,
  Paragraph,
  RadioButton,
  Textarea,
} from '@utrecht/component-library-react';
import type { ParseKeys } from 'i18next';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, toApiError } from '@web/core/api/client';
import { AppLink } from '@web/core/components/AppLink';
import { FormFailure, useSubmitFeedback } from '@web/core/components/FormFeedback';
import { ErrorSummary, FieldError, TextField } from '@web/core/components/FormParts';
import { PageHeading } from '@web/core/components/PageHeading';
import { ErrorState, LoadingState } from '@web/core/components/States';
import { describedBy } from '@web/core/forms';
import { useSession } from '@web/core/session';
import { AttachmentField } from './AttachmentField';
import { Check, ExploitationFields } from './ExploitationFields';
import { GroupSection } from './GroupSection';
import {
  emptySignalDraft,
  errorMessageOf,
  fieldId,
  type GroupDraft,
  type GroupName,
  groupNames,
  type Meldcode,
  newSubmissionId,
  orderedErrorPaths,
  type SignalDraft,
  type SignalErrors,
  signalDraftErrors,
  signalErrorsFrom,
  signalInputOf,
  withForms,
} from './signal-form.rules';
import { createSignal, type SignalCreated } from './signals.api';
import { signalsPath, toggled } from './signals.rules';
import { SignalReceipt } from './SignalReceipt';
import { WarningIcon } from './SignalMarks';
import { useCatalogue } from './useCatalogue';
import { useMunicipalities } from './useMunicipalities';

type Outcome =
  | { kind: 'none' }
  | { kind: 'invalid'; errors: SignalErrors; failure?: ApiError }
  | { kind: 'failed'; error: ApiError }
  | { kind: 'created'; created: SignalCreated; acute: boolean };

const meldcodes: Exclude<Meldcode, ''>[] = ['yes', 'no', 'unknown'];

/** The professional form: a signal with the checklists of the signal cards and everyone and everything involved. */
export function NewSignalPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const catalogue = useCatalogue();
  const municipalities = useMunicipalities(me?.region ?? '');
  const [draft, setDraft] = useState<SignalDraft>(emptySignalDraft);
  // One id per report, kept on every retry: the server makes one signal of it, however often it is sent.
  const [submissionId, setSubmissionId] = useState(newSubmissionId);
  const [busy, setBusy] = useState(false);
  const [uploading, setUploading] = useState(false);
  const inFlight = useRef(false);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  const { ref: feedback, submitted } = useSubmitFeedback();

  const errors = outcome.kind === 'invalid' ? outcome.errors : {};
  const message = (path: string) => {
    const kind = errors[path];
    return kind ? t(`signals.form.errors.${errorMessageOf(path, kind)}` as ParseKeys) : undefined;
  };
  const contextOf = (path: string) => {
    const [top, index, field] = path.split('.');
    if (index !== undefined && field !== undefined && (groupNames as string[]).includes(top ?? '')) {
      return `${t(`signals.form.groups.${top}.legend` as ParseKeys, { n: Number(index) + 1 })}, ${t(`signals.form.fields.${top}.${field}` as ParseKeys)}`;
    }
    return t(`signals.form.labels.${top}` as ParseKeys);
  };

  const set = <K extends keyof SignalDraft>(key: K, value: SignalDraft[K]) => setDraft((previous) => ({ ...previous, [key]: value }));
  const setGroup = <G extends GroupName>(group: G) => (items: GroupDraft[G][]) => setDraft((previous) => ({ ...previous, [group]: items }));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (inFlight.current || uploading) return;
    const found = signalDraftErrors(draft);
    if (Object.keys(found).length > 0) {
      setOutcome({ kind: 'invalid', errors: found });
      submitted();
      return;
    }
    inFlight.current = true;
    setBusy(true);
    const { input, sent } = signalInputOf(draft, submissionId);
    try {
      setOutcome({ kind: 'created', created: await createSignal(input), acute: input.acute });
    } catch (caught) {
      const error = toApiError(caught);
      const mapped = signalErrorsFrom(error, sent);
      const placed = Object.keys(mapped.errors).length > 0;
      if (!placed && error.problem?.code.startsWith('signal.attachment')) {
        setOutcome({ kind: 'invalid', errors: { attachments: 'unknown' }, failure: error });
      } else if (placed) setOutcome({ kind: 'invalid', errors: mapped.errors, ...(mapped.unplaced ? { failure: error } : {}) });
      else setOutcome({ kind: 'failed', error });
    } finally {
      inFlight.current = false;
      setBusy(false);
      submitted();
    }
  };

  const another = () => {
    setDraft(emptySignalDraft());
    setSubmissionId(newSubmissionId());
    setOutcome({ kind: 'none' });
  };

  const failure = outcome.kind === 'failed' ? outcome.error : outcome.kind === 'invalid' ? outcome.failure : undefined;
  const choicesFailed = catalogue.status === 'error' ? catalogue : municipalities.status === 'error' ? municipalities : undefined;
  const summaryError = message('summary');
  const meldcodeError = message('meldcode');
  const municipalitiesError = message('municipalities');

  return (
    <>
      <p className="schakel-back">
        <AppLink to={signalsPath}>{t('signals.backToList')}</AppLink>
      </p>
      <PageHeading title={t('signals.form.title')} />
      {outcome.kind === 'created' ? (
        <SignalReceipt ref={feedback} created={outcome.created} acute={outcome.acute} onAnother={another} />
      ) : (
        <>
          <Paragraph appearance="lead" className="schakel-lead">
            {t('signals.form.lead')}
          </Paragraph>
          {choicesFailed?.status === 'error' ? <ErrorState error={choicesFailed.error} onRetry={choicesFailed.retry} /> : null}
          {catalogue.status === 'loading' || municipalities.status === 'loading' ? <LoadingState /> : null}
          {catalogue.status === 'ready' && municipalities.status === 'ready' ? (
            <form className="schakel-form schakel-signal-form" noValidate onSubmit={(event) => void submit(event)} aria-label={t('signals.form.title')}>
              {failure ? <FormFailure ref={outcome.kind === 'failed' ? feedback : undefined} error={failure} heading={t('signals.form.failed')} /> : null}
              <ErrorSummary
                ref={outcome.kind === 'invalid' ? feedback : undefined}
                id="signal-errors"
                items={orderedErrorPaths(draft, errors).map((path) => ({ target: fieldId(path), message: `${contextOf(path)}: ${message(path) ?? ''}` }))}
              />

              <section className="schakel-signal-section" aria-labelledby="signal-what-heading">
                <Heading2 id="signal-what-heading">{t('signals.form.sections.what')}</Heading2>
                <FormField invalid={Boolean(summaryError)} className="schakel-form__field">
                  <div className="utrecht-form-field__label">
                    <FormLabel htmlFor={fieldId('summary')}>{t('signals.form.labels.summary')}</FormLabel>
                  </div>
                  <FormFieldDescription id={`${fieldId('summary')}-description`} className="utrecht-form-field__description">
                    {t('signals.form.hints.summary')}
                  </FormFieldDescription>
                  {summaryError ? <FieldError id={fieldId('summary')}>{summaryError}</FieldError> : null}
                  <div className="utrecht-form-field__input">
                    <Textarea
                      id={fieldId('summary')}
                      rows={8}
                      required
                      value={draft.summary}
                      invalid={Boolean(summaryError)}
                      aria-describedby={describedBy(fieldId('summary'), { description: true, error: Boolean(summaryError) })}
                      onChange={(event) => set('summary', event.target.value)}
                    />
                  </div>
                </FormField>
                <Fieldset className="schakel-fieldset schakel-signal-acute" aria-describedby="signal-acute-warning">
                  <FieldsetLegend>{t('signals.form.labels.acute')}</FieldsetLegend>
                  <Alert type="warning" className="schakel-signal-acute__warning">
                    <Paragraph id="signal-acute-warning">
                      <WarningIcon /> {t('signals.form.hints.acute')}
                    </Paragraph>
                  </Alert>
                  <Check id={fieldId('acute')} label={t('signals.form.acuteCheck')} checked={draft.acute} onToggle={(on) => set('acute', on)} />
                  {draft.acute ? (
                    <Paragraph className="schakel-signal-acute__chosen" data-testid="acute-chosen">
                      <strong>{t('signals.form.acuteChosen')}</strong>
                    </Paragraph>
                  ) : null}
                </Fieldset>
              </section>

              <section className="schakel-signal-section" aria-labelledby="signal-forms-heading">
                <Heading2 id="signal-forms-heading">{t('signals.form.sections.forms')}</Heading2>
                <ExploitationFields
                  catalogue={catalogue.data}
                  forms={draft.forms}
                  indicators={draft.indicators}
                  onForms={(forms) => setDraft((previous) => withForms(previous, forms))}
                  onIndicators={(indicators) => set('indicators', indicators)}
                  message={message}
                />
              </section>

              <section className="schakel-signal-section" aria-labelledby="signal-period-heading">
                <Heading2 id="signal-period-heading">{t('signals.form.sections.period')}</Heading2>
                <div className="schakel-signal-period">
                  <TextField id={fieldId('periodFrom')} type="date" label={t('signals.form.labels.periodFrom')} value={draft.periodFrom} onValue={(value) => set('periodFrom', value)} error={message('periodFrom')} />
                  <TextField id={fieldId('periodUntil')} type="date" label={t('signals.form.labels.periodUntil')} value={draft.periodUntil} onValue={(value) => set('periodUntil', value)} error={message('periodUntil')} />
                </div>
                <Fieldset className="schakel-fieldset" invalid={Boolean(meldcodeError)} aria-describedby={describedBy('signal-meldcode-group', { description: true, error: Boolean(meldcodeError) })}>
                  <FieldsetLegend>{t('signals.form.labels.meldcode')}</FieldsetLegend>
                  <FormFieldDescription id="signal-meldcode-group-description" className="utrecht-form-field__description">
                    {t('signals.form.hints.meldcode')}
                  </FormFieldDescription>
                  {meldcodeError ? <FieldError id="signal-meldcode-group">{meldcodeError}</FieldError> : null}
                  <ul className="schakel-checkbox-list schakel-checkbox-list--inline">
                    {meldcodes.map((value, index) => (
                      <li key={value} className="schakel-checkbox-field__row">
                        <RadioButton id={index === 0 ? fieldId('meldcode') : `signal-meldcode-${value}`} name="meldcode" checked={draft.meldcode === value} onChange={() => set('meldcode', value)} />
                        <FormLabel htmlFor={index === 0 ? fieldId('meldcode') : `signal-meldcode-${value}`} type="radio">
                          {t(`signals.form.meldcode.${value}`)}
                        </FormLabel>
                      </li>
                    ))}
                  </ul>
                </Fieldset>
              </section>

              <section className="schakel-signal-section" aria-labelledby="signal-involved-heading">
                <Heading2 id="signal-involved-heading">{t('signals.form.sections.involved')}</Heading2>
                <Paragraph>{t('signals.form.hints.involved')}</Paragraph>
                <GroupSection group="persons" items={draft.persons} onChange={setGroup('persons')} message={message} />
                <GroupSection group="locations" items={draft.locations} onChange={setGroup('locations')} message={message} />
                <GroupSection group="businesses" items={draft.businesses} onChange={setGroup('businesses')} message={message} />
                <GroupSection group="vehicles" items={draft.vehicles} onChange={setGroup('vehicles')} message={message} />
              </section>

              <section className="schakel-signal-section" aria-labelledby="signal-municipalities-heading">
                <Heading2 id="signal-municipalities-heading">{t('signals.form.sections.municipalities')}</Heading2>
                <Fieldset className="schakel-fieldset" invalid={Boolean(municipalitiesError)} aria-describedby={describedBy('signal-municipalities-group', { description: true, error: Boolean(municipalitiesError) })}>
                  <FieldsetLegend>{t('signals.form.labels.municipalities')}</FieldsetLegend>
                  <FormFieldDescription id="signal-municipalities-group-description" className="utrecht-form-field__description">
                    {t('signals.form.hints.municipalities')}
                  </FormFieldDescription>
                  {municipalitiesError ? <FieldError id="signal-municipalities-group">{municipalitiesError}</FieldError> : null}
                  <ul className="schakel-checkbox-list schakel-checkbox-list--columns" data-testid="signal-municipalities">
                    {municipalities.data.map((municipality, index) => (
                      <li key={municipality.code}>
                        <Check
                          id={index === 0 ? fieldId('municipalities') : `signal-municipality-${municipality.code}`}
                          label={municipality.name}
                          checked={draft.municipalities.includes(municipality.code)}
                          onToggle={(on) => set('municipalities', toggled(draft.municipalities, municipality.code, on))}
                        />
                      </li>
                    ))}
                  </ul>
                </Fieldset>
              </section>

              <section className="schakel-signal-section" aria-labelledby="signal-attachments-heading">
                <Heading2 id="signal-attachments-heading">{t('signals.form.sections.attachments')}</Heading2>
                <AttachmentField
                  submissionId={submissionId}
                  attachments={draft.attachments}
                  onChange={(attachments) => set('attachments', attachments)}
                  onBusy={setUploading}
                  error={message('attachments')}
                />
              </section>

              <Paragraph className="schakel-form__privacy">{t('signals.form.privacy')}</Paragraph>
              <Button type="submit" appearance="primary-action-button" busy={busy} aria-disabled={busy || uploading || undefined} data-testid="send-signal">
                {busy ? t('signals.form.sending') : t('signals.form.submit')}
              </Button>
            </form>
          ) : null}
        </>
      )}
    </>
  );
}
