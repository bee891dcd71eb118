import { Alert, Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Someone else changed the session meanwhile (409 version conflict), or its minutes were confirmed
 * or it was cancelled (409 table.session-closed): nothing was saved; reload shows what is true now.
 */
export function ConflictAlert({ kind, onReload }: { kind: 'version' | 'closed'; onReload(): void }) {
  const { t } = useTranslation();
  const own = useRef<HTMLDivElement>(null);
  useEffect(() => {
    own.current?.focus();
  }, [kind]);
  return (
    <div ref={own} tabIndex={-1} data-testid="session-conflict" data-kind={kind}>
      <Alert type="error" role="alert" className="schakel-state">
        <Heading2 className="schakel-state__heading">{t(`weegtafel.conflict.${kind}.heading`)}</Heading2>
        <Paragraph>{t(`weegtafel.conflict.${kind}.text`)}</Paragraph>
        <Button appearance="secondary-action-button" onClick={onReload}>
          {t('weegtafel.conflict.reload')}
        </Button>
      </Alert>
    </div>
  );
}
