import type { Organisation } from '@server/modules/regions/regions.schema';
import { Button, TableCell, TableRow } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, RowHeader } from '@web/core/components/DataTable';
import { useSession } from '@web/core/session';
import { type Case, changeCase } from './cases.api';
import { DateField, SelectField, TextAreaField } from '@web/core/components/FormParts';
import { CaseFormFeedback, Disclosure, DoneNotice, useFieldMessages } from './CaseFormParts';
import { canChange, dateError, only, textError, todayInAmsterdam } from './cases.rules';
import { CaseSection } from './FactsSections';
import { type CaseSectionProps, useCaseForm } from './useCaseForm';
import { useOrganisations } from './useCaseData';
import { useDateFormat } from './useDateFormat';

type Field = 'organisationId' | 'consultedOn' | 'summary';
const ids: Record<Field, string> = { organisationId: 'consultation-organisation', consultedOn: 'consultation-date', summary: 'consultation-summary' };

/** Consultations with partners: with whom, when, and what came out of it. */
export function ConsultationsSection({ item, onChanged, onConflict }: CaseSectionProps) {
  const { t } = useTranslation();
  const date = useDateFormat();
  const { me } = useSession();
  const organisations = useOrganisations(canChange(item) ? (me?.region ?? '') : '');
  const [added, setAdded] = useState(0);
  return (
    <CaseSection id="case-consultations" title={t('cases.consultations.heading')} item={item} group="consultations">
      <DataTable
        caption={t('cases.consultations.caption')}
        columns={(['organisation', 'date', 'summary', 'by'] as const).map((c) => t(`cases.consultations.columns.${c}`))}
        rows={item.consultations ?? []}
        empty={t('cases.consultations.empty')}
        testId="consultations"
        focusableScroll
        wide
      >
        {(consultation) => (
          <TableRow key={consultation.id}>
            <RowHeader>{consultation.organisation.name}</RowHeader>
            <TableCell className="schakel-table__nowrap">{date(consultation.consultedOn)}</TableCell>
            <TableCell className="schakel-case-text">{consultation.summary}</TableCell>
            <TableCell>{consultation.recordedBy?.displayName ?? '—'}</TableCell>
          </TableRow>
        )}
      </DataTable>
      <DoneNotice n={added}>{t('cases.consultations.added')}</DoneNotice>
      {canChange(item) && organisations.status === 'ready' ? (
        <Disclosure label={t('cases.consultations.add')} testId="add-consultation">
          {(close) => (
            <ConsultationForm
              organisations={organisations.data}
              onSave={(body) => changeCase(item.id, '/consultations', body)}
              onDone={(next) => {
                onChanged(next);
                setAdded((n) => n + 1);
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

function ConsultationForm({ organisations, onSave, onDone, onConflict }: { organisations: Organisation[]; onSave(body: unknown): Promise<Case>; onDone(next: Case): void; onConflict(): void }) {
  const { t } = useTranslation();
  const today = todayInAmsterdam();
  const [organisationId, setOrganisationId] = useState('');
  const [consultedOn, setConsultedOn] = useState(today);
  const [summary, setSummary] = useState('');
  const form = useCaseForm<Field>(['organisationId', 'consultedOn', 'summary']);
  const message = useFieldMessages(form.errors, { organisationId: t('cases.consultations.organisation'), consultedOn: t('cases.consultations.date'), summary: t('cases.consultations.summary') });

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const local = only({ organisationId: organisationId ? undefined : 'required', consultedOn: dateError(consultedOn, today, 'notAfterToday'), summary: textError(summary, 1, 5000) });
    const done = await form.submit(local, () => onSave({ organisationId, consultedOn, summary: summary.trim() }), onConflict);
    if (done) onDone(done.value);
  };

  return (
    <form className="schakel-form" noValidate onSubmit={(event) => void submit(event)} aria-label={t('cases.consultations.add')}>
      <CaseFormFeedback formRef={form.ref} id="consultation-errors" errors={form.errors} ids={ids} message={message} failure={form.failure} failedHeading={t('cases.form.failed')} />
      <SelectField
        id={ids.organisationId}
        label={t('cases.consultations.organisation')}
        value={organisationId}
        onValue={setOrganisationId}
        placeholder={t('cases.form.choose')}
        choices={organisations.map((o) => ({ value: o.id, label: o.name }))}
        error={message('organisationId')}
      />
      <DateField id={ids.consultedOn} label={t('cases.consultations.date')} value={consultedOn} onValue={setConsultedOn} error={message('consultedOn')} />
      <TextAreaField id={ids.summary} label={t('cases.consultations.summary')} value={summary} onValue={setSummary} error={message('summary')} />
      <Button type="submit" appearance="primary-action-button" busy={form.busy} data-testid="consultation-submit">
        {t('cases.consultations.save')}
      </Button>
    </form>
  );
}
