import { Button, ButtonGroup, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '@web/core/session';
import { changeCase } from './cases.api';
import { SelectField, TextAreaField } from '@web/core/components/FormParts';
import { CaseFormFeedback, Disclosure, DoneNotice, useFieldMessages } from './CaseFormParts';
import { Due } from './CaseMarks';
import { canChange, type Handover, type HandoverDecision, handoverChoices, only, textError, todayInAmsterdam } from './cases.rules';
import { CaseSection } from './FactsSections';
import { type CaseSectionProps, useCaseForm } from './useCaseForm';
import { municipalityNamer, useCaseMunicipalities } from './useCaseData';

type Field = 'toMunicipality' | 'reason';
const ids: Record<Field, string> = { toMunicipality: 'handover-to', reason: 'handover-reason' };

/** Hand-overs of the lead between municipalities: asked by one, accepted or declined by the other. */
export function HandoversSection({ item, onChanged, onConflict }: CaseSectionProps) {
  const { t } = useTranslation();
  const { me } = useSession();
  const municipalities = useCaseMunicipalities(me?.region ?? '');
  const name = municipalityNamer(municipalities);
  const [done, setDone] = useState<{ what: 'requested' | HandoverDecision; n: number }>();
  const pending = item.handovers.some((h) => h.status === 'pending');
  const report = (what: 'requested' | HandoverDecision) => setDone((previous) => ({ what, n: (previous?.n ?? 0) + 1 }));
  if (item.handovers.length === 0 && !canChange(item)) return null;
  return (
    <CaseSection id="case-handovers" title={t('cases.handovers.heading')} item={item}>
      {item.handovers.length === 0 ? <Paragraph>{t('cases.handovers.empty')}</Paragraph> : null}
      <ul className="schakel-case-cards" data-testid="handovers">
        {item.handovers.map((handover) => (
          <HandoverItem key={handover.id} caseId={item.id} handover={handover} name={name} onChanged={onChanged} onDecided={report} />
        ))}
      </ul>
      <DoneNotice n={done?.n ?? 0}>{done ? t(`cases.handovers.done.${done.what}`) : ''}</DoneNotice>
      {canChange(item) && !pending && municipalities.status === 'ready' ? (
        <Disclosure label={t('cases.handovers.request')} testId="request-handover">
          {(close) => (
            <HandoverForm
              choices={municipalities.data.filter((m) => m.code !== item.leadMunicipality).map((m) => ({ value: m.code, label: m.name }))}
              onSave={(body) => changeCase(item.id, '/handovers', body)}
              onDone={(next) => {
                onChanged(next);
                report('requested');
                close();
              }}
              onConflict={onConflict}
            />
          )}
        </Disclosure>
      ) : null}
    </CaseSection>
  );
}

function HandoverItem({ caseId, handover, name, onChanged, onDecided }: { caseId: string; handover: Handover; name(code: string): string; onChanged: CaseSectionProps['onChanged']; onDecided(what: HandoverDecision): void }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const form = useCaseForm<never>([]);
  const choices = handoverChoices(handover, me);
  const today = todayInAmsterdam();
  const decide = async (decision: HandoverDecision) => {
    const done = await form.submit({}, () => changeCase(caseId, `/handovers/${encodeURIComponent(handover.id)}`, { decision, note: '' }, 'PATCH'));
    if (done) {
      onChanged(done.value);
      onDecided(decision);
    }
  };
  return (
    <li className="schakel-case-card" data-testid="handover" data-status={handover.status}>
      <Paragraph>
        <strong>{t('cases.handovers.fromTo', { from: name(handover.from), to: name(handover.to) })}</strong> — {t(`cases.handovers.statuses.${handover.status}`)}
      </Paragraph>
      {handover.reason ? <Paragraph className="schakel-case-text">{handover.reason}</Paragraph> : null}
      {handover.status === 'pending' ? (
        <Paragraph>
          {t('cases.handovers.due')} <Due on={handover.dueOn} overdue={handover.dueOn < today} />
        </Paragraph>
      ) : null}
      {handover.decisionNote ? <Paragraph>{handover.decisionNote}</Paragraph> : null}
      <CaseFormFeedback formRef={form.ref} id={`handover-${handover.id}-errors`} errors={{}} ids={{}} message={() => undefined} failure={form.failure} failedHeading={t('cases.form.failed')} />
      {choices.length > 0 ? (
        <ButtonGroup>
          {choices.map((decision) => (
            <Button key={decision} appearance={decision === 'accepted' ? 'primary-action-button' : 'secondary-action-button'} busy={form.busy} onClick={() => void decide(decision)} data-testid={`handover-${decision}`}>
              {t(`cases.handovers.decide.${decision}`)}
            </Button>
          ))}
        </ButtonGroup>
      ) : null}
    </li>
  );
}

function HandoverForm({ choices, onSave, onDone, onConflict }: { choices: { value: string; label: string }[]; onSave(body: unknown): Promise<CaseSectionProps['item']>; onDone(next: CaseSectionProps['item']): void; onConflict(): void }) {
  const { t } = useTranslation();
  const [toMunicipality, setTo] = useState('');
  const [reason, setReason] = useState('');
  const form = useCaseForm<Field>(['toMunicipality', 'reason']);
  const message = useFieldMessages(form.errors, { toMunicipality: t('cases.handovers.to'), reason: t('cases.handovers.reason') });
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const done = await form.submit(only({ toMunicipality: toMunicipality ? undefined : 'required', reason: textError(reason, 1, 2000) }), () => onSave({ toMunicipality, reason: reason.trim() }), onConflict);
    if (done) onDone(done.value);
  };
  return (
    <form className="schakel-form" noValidate onSubmit={(event) => void submit(event)} aria-label={t('cases.handovers.request')}>
      <CaseFormFeedback formRef={form.ref} id="handover-errors" errors={form.errors} ids={ids} message={message} failure={form.failure} failedHeading={t('cases.form.failed')} />
      <SelectField id={ids.toMunicipality} label={t('cases.handovers.to')} value={toMunicipality} onValue={setTo} placeholder={t('cases.form.choose')} choices={choices} error={message('toMunicipality')} />
      <TextAreaField id={ids.reason} label={t('cases.handovers.reason')} value={reason} onValue={setReason} error={message('reason')} />
      <Button type="submit" appearance="primary-action-button" busy={form.busy} data-testid="handover-submit">
        {t('cases.handovers.send')}
      </Button>
    </form>
  );
}
