import { Button, ButtonGroup, Heading2, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiError } from '@web/core/api/client';
import { SelectField, TextAreaField, TextField } from '@web/core/components/FormParts';
import { bulkAction, exportCases } from './cases.api';
import { CaseFormFeedback, Disclosure, DoneNotice, useFieldMessages } from './CaseFormParts';
import { type BulkResult, closeReasonCodes, type FormErrors, only, textError } from './cases.rules';
import { BulkResults } from './BulkResults';
import { useCaseForm } from './useCaseForm';

interface BulkActionsProps {
  selected: readonly string[];
  references: ReadonlyMap<string, string>;
  myUserId: string;
  onDone(): void;
}

/** Actions on the selected cases; the server authorizes and logs each case on its own and says how each went. */
export function BulkActions({ selected, references, myUserId, onDone }: BulkActionsProps) {
  const { t } = useTranslation();
  const [results, setResults] = useState<{ action: 'assign' | 'unassign' | 'close'; list: BulkResult[]; n: number }>();
  const [exported, setExported] = useState<{ exported: number; refused: number; n: number }>();
  const { failure, busy, ref, setFailure } = useCaseForm<never>([]);
  const count = selected.length;

  const assign = async (assigneeId: string | null) => {
    try {
      const answer = await bulkAction({ action: 'assign', caseIds: [...selected], assigneeId });
      setExported(undefined);
      setResults((previous) => ({ action: assigneeId ? 'assign' : 'unassign', list: answer._embedded.results, n: (previous?.n ?? 0) + 1 }));
      onDone();
    } catch (caught) {
      setFailure(toApiError(caught));
    }
  };

  return (
    <section className="schakel-case-bulk" aria-labelledby="bulk-heading" data-testid="bulk-actions">
      <Heading2 id="bulk-heading" className="schakel-case-bulk__heading">
        {t('cases.bulk.heading')}
      </Heading2>
      <Paragraph role="status" data-testid="bulk-count">
        {count === 0 ? t('cases.bulk.noneSelected') : t('cases.bulk.selected', { count })}
      </Paragraph>
      {failure ? <CaseFormFeedback formRef={ref} id="bulk-errors" errors={{}} ids={{}} message={() => undefined} failure={failure} failedHeading={t('cases.bulk.failed')} /> : null}
      {count > 0 ? (
        <div className="schakel-case-bulk__actions">
          <ButtonGroup>
            <Button appearance="secondary-action-button" busy={busy} onClick={() => void assign(myUserId)} data-testid="bulk-assign-me">
              {t('cases.bulk.assignMe')}
            </Button>
            <Button appearance="secondary-action-button" busy={busy} onClick={() => void assign(null)} data-testid="bulk-unassign">
              {t('cases.bulk.unassign')}
            </Button>
          </ButtonGroup>
          <Disclosure label={t('cases.bulk.close')} testId="bulk-close">
            {(close) => (
              <BulkCloseForm
                selected={selected}
                onDone={(list) => {
                  close();
                  setExported(undefined);
                  setResults((previous) => ({ action: 'close', list, n: (previous?.n ?? 0) + 1 }));
                  onDone();
                }}
              />
            )}
          </Disclosure>
          <Disclosure label={t('cases.bulk.export')} testId="bulk-export">
            {(close) => (
              <BulkExportForm
                selected={selected}
                onDone={(outcome) => {
                  close();
                  setResults(undefined);
                  setExported((previous) => ({ ...outcome, n: (previous?.n ?? 0) + 1 }));
                }}
              />
            )}
          </Disclosure>
        </div>
      ) : null}
      {results ? <BulkResults key={results.n} action={results.action} results={results.list} references={references} /> : null}
      {exported ? <ExportNotice key={exported.n} exported={exported.exported} refused={exported.refused} /> : null}
    </section>
  );
}

function ExportNotice({ exported, refused }: { exported: number; refused: number }) {
  const { t } = useTranslation();
  return (
    <DoneNotice n={1} type={refused > 0 ? 'info' : 'ok'}>
      <span data-testid="export-notice">
        {t('cases.bulk.exported', { count: exported })} {refused > 0 ? t('cases.bulk.exportRefused', { count: refused }) : ''}
      </span>
    </DoneNotice>
  );
}

type CloseField = 'reasonCode' | 'reason';

function BulkCloseForm({ selected, onDone }: { selected: readonly string[]; onDone(results: BulkResult[]): void }) {
  const { t } = useTranslation();
  const [reasonCode, setReasonCode] = useState('');
  const [reason, setReason] = useState('');
  const form = useCaseForm<CloseField>(['reasonCode', 'reason']);
  const ids: Record<CloseField, string> = { reasonCode: 'bulk-close-code', reason: 'bulk-close-reason' };
  const message = useFieldMessages(form.errors, { reasonCode: t('cases.close.reasonCode'), reason: t('cases.close.reason') });

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const local: FormErrors<CloseField> = only({ reasonCode: reasonCode ? undefined : 'required', reason: textError(reason, 1, 5000) });
    const done = await form.submit(local, () => bulkAction({ action: 'close', caseIds: [...selected], reasonCode, reason: reason.trim() }));
    if (done) onDone(done.value._embedded.results);
  };

  return (
    <form className="schakel-form" noValidate onSubmit={(event) => void submit(event)} aria-label={t('cases.bulk.closeForm', { count: selected.length })}>
      <CaseFormFeedback formRef={form.ref} id="bulk-close-errors" errors={form.errors} ids={ids} message={message} failure={form.failure} failedHeading={t('cases.bulk.failed')} />
      <SelectField
        id={ids.reasonCode}
        label={t('cases.close.reasonCode')}
        value={reasonCode}
        onValue={setReasonCode}
        placeholder={t('cases.form.choose')}
        choices={closeReasonCodes.map((code) => ({ value: code, label: t(`cases.closeReasons.${code}`) }))}
        error={message('reasonCode')}
      />
      <TextAreaField id={ids.reason} label={t('cases.close.reason')} value={reason} onValue={setReason} error={message('reason')} />
      <Button type="submit" appearance="primary-action-button" hint="danger" busy={form.busy} data-testid="bulk-close-submit">
        {t('cases.bulk.closeSubmit', { count: selected.length })}
      </Button>
    </form>
  );
}

/** Saves the CSV the server made as a file: a temporary link to the downloaded data. */
function saveFile(file: Blob, fileName: string) {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function BulkExportForm({ selected, onDone }: { selected: readonly string[]; onDone(outcome: { exported: number; refused: number }): void }) {
  const { t } = useTranslation();
  const [purpose, setPurpose] = useState('');
  const form = useCaseForm<'purpose'>(['purpose']);
  const ids = { purpose: 'bulk-export-purpose' };
  const message = useFieldMessages(form.errors, { purpose: t('cases.bulk.purpose') });

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const done = await form.submit(only({ purpose: textError(purpose, 3, 300) }), () => exportCases([...selected], purpose.trim()));
    if (done) {
      saveFile(done.value.file, done.value.fileName);
      onDone({ exported: done.value.exported, refused: done.value.refused });
    }
  };

  return (
    <form className="schakel-form" noValidate onSubmit={(event) => void submit(event)} aria-label={t('cases.bulk.exportForm', { count: selected.length })}>
      <CaseFormFeedback formRef={form.ref} id="bulk-export-errors" errors={form.errors} ids={ids} message={message} failure={form.failure} failedHeading={t('cases.bulk.failed')} />
      <TextField id={ids.purpose} label={t('cases.bulk.purpose')} description={t('cases.bulk.purposeHint')} value={purpose} onValue={setPurpose} error={message('purpose')} />
      <Button type="submit" appearance="primary-action-button" busy={form.busy} data-testid="bulk-export-submit">
        {t('cases.bulk.exportSubmit', { count: selected.length })}
      </Button>
    </form>
  );
}
