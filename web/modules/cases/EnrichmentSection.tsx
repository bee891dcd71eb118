import { Button, TableCell, TableRow } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, RowHeader } from '@web/core/components/DataTable';
import { changeCase } from './cases.api';
import { DateField, SelectField, TextAreaField } from '@web/core/components/FormParts';
import { CaseFormFeedback, Disclosure, DoneNotice, useFieldMessages } from './CaseFormParts';
import { canChange, dateError, only, textError, todayInAmsterdam } from './cases.rules';
import { CaseSection } from './FactsSections';
import { type CaseSectionProps, useCaseForm } from './useCaseForm';
import { useCaseCatalogue, useSourceLabel } from './useCaseData';
import { useDateFormat } from './useDateFormat';

type Field = 'source' | 'consultedOn' | 'finding';
const ids: Record<Field, string> = { source: 'source-check-source', consultedOn: 'source-check-date', finding: 'source-check-finding' };

/** Enrichment: which of the region's sources were consulted and what was found. */
export function EnrichmentSection({ item, onChanged, onConflict }: CaseSectionProps) {
  const { t } = useTranslation();
  const date = useDateFormat();
  const catalogue = useCaseCatalogue();
  const label = useSourceLabel(catalogue);
  const [added, setAdded] = useState(0);
  const checks = item.sourceChecks ?? [];
  return (
    <CaseSection id="case-enrichment" title={t('cases.enrichment.heading')} item={item} group="enrichment">
      <DataTable
        caption={t('cases.enrichment.caption')}
        columns={(['source', 'date', 'finding', 'by'] as const).map((c) => t(`cases.enrichment.columns.${c}`))}
        rows={checks}
        empty={t('cases.enrichment.empty')}
        testId="source-checks"
        focusableScroll
        wide
      >
        {(check) => (
          <TableRow key={check.id}>
            <RowHeader>{label(check.source)}</RowHeader>
            <TableCell className="schakel-table__nowrap">{date(check.consultedOn)}</TableCell>
            <TableCell className="schakel-case-text">{check.finding}</TableCell>
            <TableCell>{check.recordedBy?.displayName ?? '—'}</TableCell>
          </TableRow>
        )}
      </DataTable>
      <DoneNotice n={added}>{t('cases.enrichment.added')}</DoneNotice>
      {canChange(item) && catalogue.status === 'ready' ? (
        <Disclosure label={t('cases.enrichment.add')} testId="add-source-check">
          {(close) => (
            <SourceCheckForm
              sources={catalogue.data.sources.map((s) => ({ value: s.code, label: label(s.code) }))}
              onSave={(body) => changeCase(item.id, '/source-checks', body)}
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

function SourceCheckForm({ sources, onSave, onDone, onConflict }: { sources: { value: string; label: string }[]; onSave(body: unknown): Promise<CaseSectionProps['item']>; onDone(next: CaseSectionProps['item']): void; onConflict(): void }) {
  const { t } = useTranslation();
  const today = todayInAmsterdam();
  const [source, setSource] = useState('');
  const [consultedOn, setConsultedOn] = useState(today);
  const [finding, setFinding] = useState('');
  const form = useCaseForm<Field>(['source', 'consultedOn', 'finding']);
  const message = useFieldMessages(form.errors, { source: t('cases.enrichment.source'), consultedOn: t('cases.enrichment.date'), finding: t('cases.enrichment.finding') });

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const local = only({ source: source ? undefined : 'required', consultedOn: dateError(consultedOn, today, 'notAfterToday'), finding: textError(finding, 1, 5000) });
    const done = await form.submit(local, () => onSave({ source, consultedOn, finding: finding.trim() }), onConflict);
    if (done) onDone(done.value);
  };

  return (
    <form className="schakel-form" noValidate onSubmit={(event) => void submit(event)} aria-label={t('cases.enrichment.add')}>
      <CaseFormFeedback formRef={form.ref} id="source-check-errors" errors={form.errors} ids={ids} message={message} failure={form.failure} failedHeading={t('cases.form.failed')} />
      <SelectField id={ids.source} label={t('cases.enrichment.source')} value={source} onValue={setSource} placeholder={t('cases.form.choose')} choices={sources} error={message('source')} />
      <DateField id={ids.consultedOn} label={t('cases.enrichment.date')} value={consultedOn} onValue={setConsultedOn} error={message('consultedOn')} />
      <TextAreaField id={ids.finding} label={t('cases.enrichment.finding')} description={t('cases.enrichment.findingHint')} value={finding} onValue={setFinding} error={message('finding')} />
      <Button type="submit" appearance="primary-action-button" busy={form.busy} data-testid="source-check-submit">
        {t('cases.enrichment.save')}
      </Button>
    </form>
  );
}
