import { Alert, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, toApiError } from '@web/core/api/client';
import { PageHeading } from '@web/core/components/PageHeading';
import { ErrorState } from '@web/core/components/States';
import { confirmImport, type ImportBatch, type ImportDryRun } from './imports.api';
import { DryRunResult } from './DryRunResult';
import { ImportHistory } from './ImportHistory';
import { ImportProgress } from './ImportProgress';
import { ImportUpload } from './ImportUpload';

type Step = { kind: 'choose' } | { kind: 'analysed'; result: ImportDryRun } | { kind: 'importing'; batch: ImportBatch } | { kind: 'cancelled' };

/**
 * Imports for the ketenregisseur: upload an export → the dry-run (what would be created, updated,
 * rejected and why) → confirm → progress → result; below it the history.
 */
export function ImportsPage() {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [refresh, setRefresh] = useState(0);
  const reload = () => setRefresh((n) => n + 1);

  const confirm = async (result: ImportDryRun) => {
    setBusy(true);
    setError(undefined);
    try {
      setStep({ kind: 'importing', batch: await confirmImport(result.import.id) });
      reload();
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeading title={t('imports.title')} />
      <Paragraph appearance="lead" className="schakel-lead">
        {t('imports.lead')}
      </Paragraph>
      <ImportUpload
        onAnalysed={(result) => {
          setError(undefined);
          setStep({ kind: 'analysed', result });
          reload();
          requestAnimationFrame(() => document.getElementById('imports-result-heading')?.focus());
        }}
        onRefused={() => {
          setStep({ kind: 'choose' });
          reload();
        }}
      />
      {step.kind === 'analysed' ? <DryRunResult result={step.result} busy={busy} onConfirm={() => void confirm(step.result)} onCancel={() => setStep({ kind: 'cancelled' })} /> : null}
      {step.kind === 'cancelled' ? (
        <Alert type="info" className="schakel-state" role="status">
          <Paragraph>{t('imports.result.cancelled')}</Paragraph>
        </Alert>
      ) : null}
      {error ? <ErrorState error={error} /> : null}
      {step.kind === 'importing' ? <ImportProgress key={step.batch.id} initial={step.batch} onFinished={reload} /> : null}
      <ImportHistory refreshKey={refresh} />
    </>
  );
}
