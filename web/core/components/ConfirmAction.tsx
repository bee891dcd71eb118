import { Button, ButtonGroup, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface ConfirmActionProps {
  /** The button that asks: "Alle sessies beëindigen". */
  label: string;
  /** The question with its consequence: "U wordt ook hier uitgelogd. Doorgaan?" */
  question: string;
  /** The button that does it: "Ja, alle sessies beëindigen". */
  confirmLabel: string;
  onConfirm(): Promise<void>;
  testId?: string;
}

/**
 * An action that cannot be undone, asked twice: the first button opens a question in place
 * (focus moves to it), "cancel" returns focus to the first button. No modal, so nothing traps
 * the keyboard and the question stays in the reading order.
 */
export function ConfirmAction({ label, question, confirmLabel, onConfirm, testId }: ConfirmActionProps) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const panel = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  const id = useId();

  useEffect(() => {
    if (asking) panel.current?.focus();
    else if (wasAsking.current) trigger.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    try {
      await onConfirm();
    } finally {
      setBusy(false);
      setAsking(false);
    }
  };

  if (!asking) {
    return (
      <Button ref={trigger} appearance="secondary-action-button" onClick={() => setAsking(true)} data-testid={testId}>
        {label}
      </Button>
    );
  }
  return (
    <div ref={panel} tabIndex={-1} role="group" aria-labelledby={`${id}-question`} className="schakel-confirm">
      <Paragraph id={`${id}-question`} className="schakel-confirm__question">
        {question}
      </Paragraph>
      <ButtonGroup>
        <Button appearance="primary-action-button" hint="danger" busy={busy} onClick={() => void confirm()} data-testid={testId && `${testId}-confirm`}>
          {confirmLabel}
        </Button>
        <Button appearance="subtle-button" onClick={() => setAsking(false)}>
          {t('confirm.cancel')}
        </Button>
      </ButtonGroup>
    </div>
  );
}
