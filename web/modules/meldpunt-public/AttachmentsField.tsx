import { Button, Fieldset, FieldsetLegend, FormFieldDescription } from '@utrecht/component-library-react';
import { type ChangeEvent, type Dispatch, type SetStateAction, useEffect, useRef, useState } from 'react';
import { toApiError } from '@web/core/api/client';
import { FieldError } from '@web/core/components/FormParts';
import { describedBy } from '@web/core/forms';
import { uploadAttachment } from './meldpunt.api';
import { useReportLanguage } from './meldpunt.i18n';
import { type FileErrorKind, fileErrorFrom, reportErrorKey, roomForFiles, type Upload } from './meldpunt.rules';

export const FILE_INPUT_ID = 'report-files';

interface AttachmentsFieldProps {
  submissionId: string;
  uploads: Upload[];
  onUploads: Dispatch<SetStateAction<Upload[]>>;
  /** An error of the whole field (still uploading at send, files the server no longer knows). */
  error?: FileErrorKind | undefined;
}

let uploadCount = 0;

/**
 * Photos and documents, each uploaded as soon as it is chosen (with its progress and its own
 * error), under the report's submissionId. Removing a file leaves it out of the report.
 */
export function AttachmentsField({ submissionId, uploads, onUploads, error }: AttachmentsFieldProps) {
  const { t } = useReportLanguage();
  const [announcement, setAnnouncement] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const running = useRef(new Map<string, AbortController>());
  const room = roomForFiles(uploads);

  // Uploads still running when the form goes away are stopped.
  useEffect(() => {
    const controllers = running.current;
    return () => {
      for (const controller of controllers.values()) controller.abort();
    };
  }, []);

  const update = (key: string, change: Partial<Upload>) =>
    onUploads((list) => list.map((upload) => (upload.key === key ? { ...upload, ...change } : upload)));

  const start = (file: File) => {
    uploadCount += 1;
    const key = `upload-${uploadCount}`;
    const controller = new AbortController();
    running.current.set(key, controller);
    onUploads((list) => [...list, { key, name: file.name, state: 'uploading', percent: 0 }]);
    uploadAttachment(file, submissionId, (percent) => update(key, { percent }), controller.signal)
      .then((receipt) => {
        update(key, { state: 'done', percent: 100, id: receipt.id });
        setAnnouncement(`${file.name}: ${t('form.files.uploaded')}`);
      })
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        const kind = fileErrorFrom(toApiError(caught));
        update(key, { state: 'failed', error: kind });
        setAnnouncement(`${file.name}: ${t(reportErrorKey('files', kind))}`);
      })
      .finally(() => running.current.delete(key));
  };

  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    // The same file may be chosen again after removing it.
    event.target.value = '';
    files.slice(0, room).forEach(start);
    if (files.length > room) setAnnouncement(t('form.files.full'));
  };

  const remove = (upload: Upload) => {
    running.current.get(upload.key)?.abort();
    onUploads((list) => list.filter((other) => other.key !== upload.key));
    setAnnouncement(t('form.files.removed', { name: upload.name }));
    // The button is gone; focus goes back to the file choice.
    requestAnimationFrame(() => input.current?.focus());
  };

  return (
    <Fieldset
      className="schakel-fieldset schakel-meldpunt-files"
      invalid={Boolean(error)}
      aria-describedby={describedBy('report-files-group', { description: true, error: Boolean(error) })}
    >
      <FieldsetLegend>{t('form.files.legend')}</FieldsetLegend>
      <FormFieldDescription id="report-files-group-description" className="utrecht-form-field__description">
        {t('form.files.hint')}
      </FormFieldDescription>
      {error ? (
        <FieldError id="report-files-group" prefix={t('errors.prefix')}>
          {t(reportErrorKey('files', error))}
        </FieldError>
      ) : null}

      {uploads.length > 0 ? (
        <ul className="schakel-meldpunt-files__list" aria-label={t('form.files.list')} data-testid="report-files">
          {uploads.map((upload) => (
            <li key={upload.key} className="schakel-meldpunt-files__item" data-state={upload.state}>
              <span className="schakel-meldpunt-files__name">{upload.name}</span>
              {upload.state === 'uploading' ? (
                <span className="schakel-meldpunt-files__status">
                  <progress max={100} value={upload.percent} aria-label={upload.name} />
                  {t('form.files.uploading', { percent: upload.percent })}
                </span>
              ) : upload.state === 'done' ? (
                <span className="schakel-meldpunt-files__status schakel-meldpunt-files__status--done">{t('form.files.uploaded')}</span>
              ) : (
                <span className="schakel-meldpunt-files__status schakel-meldpunt-files__status--failed">
                  <span className="schakel-visually-hidden">{t('errors.prefix')} </span>
                  {t(reportErrorKey('files', upload.error ?? 'failed'))}
                </span>
              )}
              <Button appearance="subtle-button" className="schakel-meldpunt-files__remove" onClick={() => remove(upload)}>
                {t('form.files.remove')}
                <span className="schakel-visually-hidden"> {upload.name}</span>
              </Button>
            </li>
          ))}
        </ul>
      ) : null}

      {room > 0 ? (
        <div className="schakel-meldpunt-files__choose">
          <input
            ref={input}
            id={FILE_INPUT_ID}
            type="file"
            multiple
            className="schakel-meldpunt-files__input"
            accept="image/*,.heic,.heif,application/pdf,.pdf,.docx,.odt,.txt,text/plain"
            aria-describedby={describedBy('report-files-group', { description: true, error: Boolean(error) })}
            onChange={choose}
          />
          <label htmlFor={FILE_INPUT_ID} className="utrecht-button utrecht-button--secondary-action schakel-meldpunt-files__button">
            {t('form.files.choose')}
          </label>
        </div>
      ) : (
        <p className="schakel-hint" id={FILE_INPUT_ID} tabIndex={-1}>
          {t('form.files.full')}
        </p>
      )}
      <p className="schakel-visually-hidden" role="status">
        {announcement}
      </p>
    </Fieldset>
  );
}
