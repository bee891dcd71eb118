import {
  Alert,
  Button,
  ButtonGroup,
  Checkbox,
  FormField,
  FormLabel,
  Heading2,
  Paragraph,
} from '@utrecht/component-library-react';
import { type Ref, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldError } from '@web/core/components/FormParts';
import { recoveryCodesText } from './identity.rules';

interface RecoveryCodesProps {
  codes: readonly string[];
  onDone(): void;
  ref?: Ref<HTMLDivElement>;
}

/**
 * The ten recovery codes, shown this once: copy or print them, then say they are stored.
 * The server keeps only their hashes, so nobody can show them again.
 */
export function RecoveryCodes({ codes, onDone, ref }: RecoveryCodesProps) {
  const { t } = useTranslation();
  const [stored, setStored] = useState(false);
  const [missing, setMissing] = useState(false);
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');

  const copyCodes = async () => {
    try {
      await navigator.clipboard.writeText(recoveryCodesText(codes));
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  };

  const done = () => {
    if (!stored) {
      setMissing(true);
      document.getElementById('codes-stored')?.focus();
      return;
    }
    onDone();
  };

  return (
    <div ref={ref} tabIndex={-1} className="schakel-recovery" aria-labelledby="recovery-heading" role="region">
      <Alert type="ok" role="status" className="schakel-notice schakel-no-print">
        <Paragraph>{t('identity.recovery.enabled')}</Paragraph>
      </Alert>
      <Heading2 id="recovery-heading">{t('identity.recovery.heading')}</Heading2>
      <Paragraph>{t('identity.recovery.intro')}</Paragraph>
      <ol className="schakel-recovery__codes" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code className="schakel-code">{code}</code>
          </li>
        ))}
      </ol>
      <div className="schakel-no-print">
        <ButtonGroup className="schakel-recovery__actions">
          <Button appearance="secondary-action-button" onClick={() => void copyCodes()}>
            {t('identity.recovery.copy')}
          </Button>
          <Button appearance="secondary-action-button" onClick={() => window.print()}>
            {t('identity.recovery.print')}
          </Button>
        </ButtonGroup>
        <p className="schakel-copy-status" role="status">
          {copy === 'copied' ? t('identity.recovery.copied') : copy === 'failed' ? t('identity.recovery.copyFailed') : ''}
        </p>
        <FormField type="checkbox" invalid={missing && !stored} className="schakel-form__field schakel-checkbox-field">
          {missing && !stored ? <FieldError id="codes-stored">{t('identity.recovery.confirmMissing')}</FieldError> : null}
          <div className="schakel-checkbox-field__row">
            <Checkbox
              id="codes-stored"
              checked={stored}
              invalid={missing && !stored}
              aria-describedby={missing && !stored ? 'codes-stored-error' : undefined}
              onChange={(event) => setStored(event.target.checked)}
            />
            <FormLabel htmlFor="codes-stored" type="checkbox">
              {t('identity.recovery.confirm')}
            </FormLabel>
          </div>
        </FormField>
        <Button appearance="primary-action-button" onClick={done}>
          {t('identity.recovery.continue')}
        </Button>
      </div>
    </div>
  );
}
