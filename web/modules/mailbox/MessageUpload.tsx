import { Alert, Button, FormField, FormFieldDescription, FormLabel, Heading2, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, toApiError } from '@web/core/api/client';
import { AppLink } from '@web/core/components/AppLink';
import { type MailboxReceipt, uploadMessage } from './mailbox.api';
import { parseErrorKey, signalLink } from './mailbox.rules';

/** Add an e-mail that did not reach the mailbox (saved from a mail program as .eml). */
export function MessageUpload({ onUploaded }: { onUploaded(): void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [receipt, setReceipt] = useState<MailboxReceipt>();
  const [error, setError] = useState<ApiError>();
  const [missing, setMissing] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const file = input.current?.files?.[0];
    setReceipt(undefined);
    setError(undefined);
    setMissing(!file);
    if (!file) {
      input.current?.focus();
      return;
    }
    setBusy(true);
    try {
      setReceipt(await uploadMessage(file));
      if (input.current) input.current.value = '';
      onUploaded();
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  const message = receipt?.message;
  return (
    <section className="schakel-section" aria-labelledby="mailbox-upload-heading">
      <Heading2 id="mailbox-upload-heading">{t('mailbox.upload.heading')}</Heading2>
      <form onSubmit={(event) => void submit(event)} noValidate className="schakel-form" data-testid="mailbox-upload">
        <FormField invalid={missing} className="schakel-form__field">
          <div className="utrecht-form-field__label">
            <FormLabel htmlFor="mailbox-file">{t('mailbox.upload.label')}</FormLabel>
          </div>
          <FormFieldDescription id="mailbox-file-description" className="utrecht-form-field__description">
            {t('mailbox.upload.hint')}
          </FormFieldDescription>
          {missing ? (
            <p id="mailbox-file-error" className="utrecht-form-field-error-message">
              {t('mailbox.upload.missing')}
            </p>
          ) : null}
          <div className="utrecht-form-field__input">
            <input
              ref={input}
              id="mailbox-file"
              name="eml"
              type="file"
              accept=".eml,message/rfc822"
              className="utrecht-textbox utrecht-textbox--html-input"
              aria-describedby={missing ? 'mailbox-file-description mailbox-file-error' : 'mailbox-file-description'}
              aria-invalid={missing || undefined}
            />
          </div>
        </FormField>
        <Button type="submit" appearance="primary-action-button" disabled={busy} aria-disabled={busy || undefined}>
          {busy ? t('mailbox.upload.busy') : t('mailbox.upload.submit')}
        </Button>
      </form>
      <div role="status" aria-live="polite">
        {message ? (
          <Alert type={message.status === 'recorded' ? 'ok' : 'warning'} className="schakel-state" data-testid="mailbox-upload-result">
            <Paragraph>
              {message.status === 'recorded' ? t(receipt.created ? 'mailbox.upload.recorded' : 'mailbox.upload.known') : t('mailbox.upload.parseError', { reason: t(`mailbox.parseErrors.${parseErrorKey(message)}`) })}
            </Paragraph>
            {message.signal ? (
              <Paragraph>
                <AppLink to={signalLink(message.signal.id)}>{t('mailbox.upload.toSignal', { reference: message.signal.reference })}</AppLink>
              </Paragraph>
            ) : null}
          </Alert>
        ) : null}
      </div>
      {error ? (
        <Alert type="error" role="alert" className="schakel-state">
          <Paragraph>{error.problem ? <span lang={error.language}>{`${error.problem.title}. ${error.problem.detail}`}</span> : t('states.error.unreachable')}</Paragraph>
        </Alert>
      ) : null}
    </section>
  );
}
