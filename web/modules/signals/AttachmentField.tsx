import { Button, FormField, FormFieldDescription, FormLabel } from '@utrecht/component-library-react';
import { type ChangeEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiError } from '@web/core/api/client';
import { FieldError } from '@web/core/components/FormParts';
import { describedBy } from '@web/core/forms';
import { intlLocale, isLanguage } from '@web/core/i18n';
import { fieldId, fileSize, MAX_ATTACHMENTS, type UploadedAttachment } from './signal-form.rules';
import { uploadAttachment } from './signals.api';

interface AttachmentFieldProps {
  submissionId: string;
  attachments: UploadedAttachment[];
  onChange(attachments: UploadedAttachment[]): void;
  onBusy(busy: boolean): void;
  error: string | undefined;
}

interface Refused {
  fileName: string;
  reason: string;
  lang: string;
}

/**
 * Files upload as soon as they are chosen (under the signal's submissionId), so sending the form
 * only names them. The server checks each by content; its reason shows per file.
 */
export function AttachmentField({ submissionId, attachments, onChange, onBusy, error }: AttachmentFieldProps) {
  const { t, i18n } = useTranslation();
  const locale = intlLocale(isLanguage(i18n.language) ? i18n.language : 'nl');
  const [uploading, setUploading] = useState<string>();
  const [refused, setRefused] = useState<Refused[]>([]);
  const [status, setStatus] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const id = fieldId('attachments');
  const room = MAX_ATTACHMENTS - attachments.length;

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    if (files.length === 0) return;
    const failures: Refused[] = files.slice(room).map((file) => ({ fileName: file.name, reason: t('signals.form.attachments.tooMany', { max: MAX_ATTACHMENTS }), lang: i18n.language }));
    const added: UploadedAttachment[] = [];
    onBusy(true);
    for (const file of files.slice(0, Math.max(0, room))) {
      setUploading(file.name);
      try {
        added.push(await uploadAttachment(file, submissionId));
      } catch (caught) {
        const problem = toApiError(caught);
        failures.push({ fileName: file.name, reason: problem.problem ? `${problem.problem.title}. ${problem.problem.detail}` : t('states.error.unreachable'), lang: problem.language });
      }
    }
    setUploading(undefined);
    onBusy(false);
    onChange([...attachments, ...added]);
    setRefused(failures);
    setStatus(
      [added.length ? t('signals.form.attachments.added', { count: added.length }) : '', failures.length ? t('signals.form.attachments.refused', { count: failures.length }) : '']
        .filter(Boolean)
        .join(' '),
    );
  };

  const remove = (attachment: UploadedAttachment) => {
    onChange(attachments.filter((a) => a.id !== attachment.id));
    setStatus(t('signals.form.attachments.removed', { name: attachment.fileName }));
    input.current?.focus();
  };

  const invalid = Boolean(error) || refused.length > 0;
  return (
    <FormField invalid={invalid} className="schakel-form__field">
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={id}>{t('signals.form.attachments.label')}</FormLabel>
      </div>
      <FormFieldDescription id={`${id}-description`} className="utrecht-form-field__description">
        {t('signals.form.attachments.hint', { max: MAX_ATTACHMENTS })}
      </FormFieldDescription>
      {invalid ? (
        <FieldError id={id}>
          {error}
          {refused.map((item) => (
            <span key={item.fileName} className="schakel-signal-refused">
              {item.fileName}: <span lang={item.lang}>{item.reason}</span>
            </span>
          ))}
        </FieldError>
      ) : null}
      <div className="utrecht-form-field__input">
        <input
          ref={input}
          id={id}
          type="file"
          multiple
          className="schakel-file-input"
          disabled={room <= 0 || uploading !== undefined}
          aria-describedby={describedBy(id, { description: true, error: invalid })}
          onChange={(event) => void choose(event)}
        />
      </div>
      <p className="schakel-copy-status" role="status">
        {uploading ? t('signals.form.attachments.uploading', { name: uploading }) : status}
      </p>
      {attachments.length > 0 ? (
        <ul className="schakel-signal-files" data-testid="attachment-list">
          {attachments.map((attachment) => (
            <li key={attachment.id}>
              <span>
                {attachment.fileName} <span className="schakel-table__sub">{fileSize(attachment.sizeBytes, locale)}</span>
              </span>
              <Button appearance="subtle-button" onClick={() => remove(attachment)}>
                {t('signals.form.attachments.remove', { name: attachment.fileName })}
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
    </FormField>
  );
}
