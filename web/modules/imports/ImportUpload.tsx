import { Alert, Button, FormField, FormFieldDescription, FormLabel, Heading2, Paragraph, Select, SelectOption } from '@utrecht/component-library-react';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, toApiError } from '@web/core/api/client';
import { type ImportDryRun, type ImportSource, uploadExport } from './imports.api';
import { headerProblem } from './imports.rules';

const sources: readonly ImportSource[] = ['mma', 'watch'];

/** Step 1: the source and the file; the server answers with the dry-run (nothing is imported yet). */
export function ImportUpload({ onAnalysed, onRefused }: { onAnalysed(result: ImportDryRun): void; onRefused(): void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [source, setSource] = useState<ImportSource>('mma');
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<ApiError>();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const file = input.current?.files?.[0];
    setError(undefined);
    setMissing(!file);
    if (!file) {
      input.current?.focus();
      return;
    }
    setBusy(true);
    try {
      onAnalysed(await uploadExport(source, file));
      if (input.current) input.current.value = '';
    } catch (caught) {
      setError(toApiError(caught));
      onRefused();
    } finally {
      setBusy(false);
    }
  };

  const header = error ? headerProblem(error.invalidParams) : undefined;
  const fileParam = error?.invalidParams.find((p) => p.name.startsWith('body.line') || p.name === 'body');
  const fileCode = fileParam && ['empty', 'binary', 'encoding', 'malformed'].includes(fileParam.code) ? (fileParam.code as 'empty' | 'binary' | 'encoding' | 'malformed') : undefined;
  return (
    <section className="schakel-section" aria-labelledby="imports-upload-heading">
      <Heading2 id="imports-upload-heading">{t('imports.upload.heading')}</Heading2>
      <form onSubmit={(event) => void submit(event)} noValidate className="schakel-form" data-testid="imports-upload">
        <FormField className="schakel-form__field">
          <div className="utrecht-form-field__label">
            <FormLabel htmlFor="imports-source">{t('imports.upload.source')}</FormLabel>
          </div>
          <div className="utrecht-form-field__input">
            <Select id="imports-source" name="source" value={source} onChange={(event) => setSource(event.target.value as ImportSource)}>
              {sources.map((value) => (
                <SelectOption key={value} value={value}>
                  {t(`imports.sources.${value}`)}
                </SelectOption>
              ))}
            </Select>
          </div>
        </FormField>
        <FormField invalid={missing} className="schakel-form__field">
          <div className="utrecht-form-field__label">
            <FormLabel htmlFor="imports-file">{t('imports.upload.file')}</FormLabel>
          </div>
          <FormFieldDescription id="imports-file-description" className="utrecht-form-field__description">
            {t('imports.upload.fileHint')}
          </FormFieldDescription>
          {missing ? (
            <p id="imports-file-error" className="utrecht-form-field-error-message">
              {t('imports.upload.missing')}
            </p>
          ) : null}
          <div className="utrecht-form-field__input">
            <input
              ref={input}
              id="imports-file"
              name="file"
              type="file"
              accept=".csv,.txt,text/csv"
              className="utrecht-textbox utrecht-textbox--html-input"
              aria-describedby={missing ? 'imports-file-description imports-file-error' : 'imports-file-description'}
              aria-invalid={missing || undefined}
            />
          </div>
        </FormField>
        <Button type="submit" appearance="primary-action-button" disabled={busy} aria-disabled={busy || undefined}>
          {busy ? t('imports.upload.busy') : t('imports.upload.submit')}
        </Button>
      </form>
      {error ? (
        <Alert type="error" role="alert" className="schakel-state" data-testid="imports-refused">
          {error.problem ? (
            <>
              <Paragraph lang={error.language}>
                <strong>{error.problem.title}.</strong> {t('imports.upload.notImported')}
              </Paragraph>
              {fileCode ? <Paragraph>{t(`imports.upload.fileErrors.${fileCode}`, { line: fileParam!.name.replace('body.line.', '') })}</Paragraph> : null}
              {header ? (
                <dl className="schakel-imports-header">
                  <dt>{t('imports.upload.missingColumns')}</dt>
                  <dd>{header.missing}</dd>
                  <dt>{t('imports.upload.columns')}</dt>
                  <dd>{header.expected}</dd>
                  <dt>{t('imports.upload.found')}</dt>
                  <dd>{header.found}</dd>
                </dl>
              ) : null}
            </>
          ) : (
            <Paragraph>{t('states.error.unreachable')}</Paragraph>
          )}
        </Alert>
      ) : null}
    </section>
  );
}
