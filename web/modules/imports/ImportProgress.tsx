import { Alert, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useEffectEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '@web/core/components/AppLink';
import { useFormat } from '@web/core/format';
import { type ImportBatch, loadImport } from './imports.api';
import { isRunning, percentDone } from './imports.rules';

const POLL_MS = 1_000;

/** Step 3: the import runs on the server; this polls its batch and shows the progress, then the result. */
export function ImportProgress({ initial, onFinished }: { initial: ImportBatch; onFinished(batch: ImportBatch): void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [batch, setBatch] = useState(initial);
  const finished = useEffectEvent((done: ImportBatch) => onFinished(done));

  useEffect(() => {
    if (!isRunning(batch)) {
      finished(batch);
      return undefined;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      loadImport(batch.id, controller.signal).then(setBatch, () => {
        // A missed poll (network hiccup) is retried with the same state.
        if (!controller.signal.aborted) setBatch((current) => ({ ...current }));
      });
    }, POLL_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [batch]);

  const percent = percentDone(batch.progress);
  const { counts } = batch;
  return (
    <section className="schakel-section" aria-labelledby="imports-progress-heading" data-testid="imports-progress" data-status={batch.status}>
      <Heading2 id="imports-progress-heading">{t('imports.progress.heading')}</Heading2>
      {isRunning(batch) ? (
        <>
          <progress className="schakel-imports-progress" max={100} value={percent} aria-labelledby="imports-progress-text">
            {percent}%
          </progress>
          <p id="imports-progress-text" role="status" className="schakel-imports-progress__text">
            {batch.progress.total > 0
              ? t('imports.progress.running', { processed: format.number(batch.progress.processed), total: format.number(batch.progress.total) })
              : t('imports.progress.starting')}
          </p>
        </>
      ) : batch.status === 'done' ? (
        <Alert type="ok" className="schakel-state" role="status">
          <Paragraph>
            {t('imports.progress.done', { created: format.number(counts.created), updated: format.number(counts.updated), unchanged: format.number(counts.unchanged), rejected: format.number(counts.rejected) })}
          </Paragraph>
          <Paragraph>
            <AppLink to="/signalen">{t('imports.progress.toSignals')}</AppLink>
          </Paragraph>
        </Alert>
      ) : (
        <Alert type="error" role="alert" className="schakel-state">
          <Paragraph>{batch.status === 'interrupted' ? t('imports.progress.interrupted') : t('imports.progress.failed', { error: '' })}</Paragraph>
        </Alert>
      )}
    </section>
  );
}
