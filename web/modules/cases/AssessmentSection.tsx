import { Button, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { changeCase } from './cases.api';
import { SelectField, TextAreaField } from '@web/core/components/FormParts';
import { CaseFormFeedback, DoneNotice, useFieldMessages } from './CaseFormParts';
import { type AssessmentField, type AssessmentForm, assessmentErrors, assessmentsFor, canChange, type CaseAssessment, closeReasonCodes, type CloseReasonCode } from './cases.rules';
import { CaseSection } from './FactsSections';
import { type CaseSectionProps, useCaseForm } from './useCaseForm';

const ids: Record<AssessmentField, string> = { decision: 'assessment-decision', reason: 'assessment-reason', closeReasonCode: 'assessment-close-code' };
const empty: AssessmentForm = { decision: '', reason: '', closeReasonCode: '' };

/**
 * The decision after enrichment (seed 002, §2.1): regular local help, acute care by the
 * zorgcoördinator, the regional table, or close with a reason. Only the decisions the case's
 * stage allows are offered; the server checks again.
 */
export function AssessmentSection({ item, onChanged, onConflict }: CaseSectionProps) {
  const { t } = useTranslation();
  const [form, setForm] = useState<AssessmentForm>(empty);
  const [saved, setSaved] = useState(0);
  const state = useCaseForm<AssessmentField>(['decision', 'reason', 'closeReasonCode']);
  const message = useFieldMessages(state.errors, { decision: t('cases.assessment.decision'), reason: t('cases.assessment.reason'), closeReasonCode: t('cases.close.reasonCode') });
  if (!canChange(item)) return null;
  const decisions = assessmentsFor(item.status);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body = { version: item.version, decision: form.decision, reason: form.reason.trim(), ...(form.decision === 'close' ? { closeReasonCode: form.closeReasonCode } : {}) };
    const done = await state.submit(assessmentErrors(form), () => changeCase(item.id, '/assessments', body), onConflict);
    if (done) {
      setForm(empty);
      setSaved((n) => n + 1);
      onChanged(done.value);
    }
  };

  return (
    <CaseSection id="case-assessment" title={t('cases.assessment.heading')} item={item}>
      <Paragraph>{t('cases.assessment.intro')}</Paragraph>
      <DoneNotice n={saved}>{t('cases.assessment.saved')}</DoneNotice>
      <form className="schakel-form" noValidate onSubmit={(event) => void submit(event)} aria-labelledby="case-assessment-heading" data-testid="assessment-form">
        <CaseFormFeedback formRef={state.ref} id="assessment-errors" errors={state.errors} ids={ids} message={message} failure={state.failure} failedHeading={t('cases.form.failed')} />
        <SelectField
          id={ids.decision}
          label={t('cases.assessment.decision')}
          value={form.decision}
          onValue={(decision) => setForm({ ...form, decision: decision as CaseAssessment | '' })}
          placeholder={t('cases.form.choose')}
          choices={decisions.map((decision) => ({ value: decision, label: t(`cases.assessments.${decision}`) }))}
          error={message('decision')}
        />
        {form.decision === 'close' ? (
          <SelectField
            id={ids.closeReasonCode}
            label={t('cases.close.reasonCode')}
            value={form.closeReasonCode}
            onValue={(code) => setForm({ ...form, closeReasonCode: code as CloseReasonCode | '' })}
            placeholder={t('cases.form.choose')}
            choices={closeReasonCodes.map((code) => ({ value: code, label: t(`cases.closeReasons.${code}`) }))}
            error={message('closeReasonCode')}
          />
        ) : null}
        <TextAreaField id={ids.reason} label={t('cases.assessment.reason')} description={t('cases.assessment.reasonHint')} value={form.reason} onValue={(reason) => setForm({ ...form, reason })} error={message('reason')} />
        <Button type="submit" appearance="primary-action-button" busy={state.busy} data-testid="assessment-submit">
          {t('cases.assessment.save')}
        </Button>
      </form>
    </CaseSection>
  );
}
