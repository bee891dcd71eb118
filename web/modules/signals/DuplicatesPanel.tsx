import type { Signal } from '@server/modules/signals/signals.schema';
import {
  Button,
  ButtonGroup,
  FormField,
  FormFieldDescription,
  FormLabel,
  Heading2,
  Heading3,
  Paragraph,
  TableCell,
  TableRow,
  Textarea,
} from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, toApiError } from '@web/core/api/client';
import { useResource } from '@web/core/api/useResource';
import { AppLink } from '@web/core/components/AppLink';
import { CellNote, DataTable, RowHeader } from '@web/core/components/DataTable';
import { FieldError } from '@web/core/components/FormParts';
import { ErrorState, LoadingState } from '@web/core/components/States';
import { useFormat } from '@web/core/format';
import { describedBy } from '@web/core/forms';
import { type Duplicate, linkSignal, loadDuplicates } from './signals.api';
import { canTriage, isVersionConflict, linkReasonError, signalPath, sortedDuplicates, type TriageErrorKind } from './signals.rules';
import { StatusBadge } from './SignalMarks';

type LinkKind = 'related' | 'merge';

interface DuplicatesPanelProps {
  signal: Signal;
  onChanged(signal: Signal, notice: 'linked' | 'merged'): void;
  onConflict(): void;
}

/**
 * Signals that share a phone number, address, person, business or vehicle. Whoever may triage
 * links one (with a reason) or merges this signal into it (with a reason, after reading what
 * that does). A duplicate the user may not open shows only that it exists.
 */
export function DuplicatesPanel({ signal, onChanged, onConflict }: DuplicatesPanelProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const duplicates = useResource(`duplicates:${signal.id}:${signal.version}`, (abort) => loadDuplicates(signal.id, abort));
  const [action, setAction] = useState<{ kind: LinkKind; duplicate: Duplicate }>();
  const triggers = useRef(new Map<string, HTMLButtonElement>());
  const linked = new Set(signal.links.map((link) => link.signalId));
  const triage = canTriage(signal);
  const list = duplicates.status === 'ready' ? sortedDuplicates(duplicates.data._embedded.duplicates) : [];

  const close = () => {
    const key = action ? `${action.kind}:${action.duplicate.id}` : '';
    setAction(undefined);
    requestAnimationFrame(() => triggers.current.get(key)?.focus());
  };

  return (
    <section className="schakel-section" aria-labelledby="duplicates-heading" data-testid="duplicates">
      <Heading2 id="duplicates-heading">{t('signals.duplicates.heading')}</Heading2>
      <Paragraph>{t('signals.duplicates.intro')}</Paragraph>
      {duplicates.status === 'loading' ? <LoadingState /> : null}
      {duplicates.status === 'error' ? <ErrorState error={duplicates.error} onRetry={duplicates.retry} /> : null}
      {duplicates.status === 'ready' && list.length === 0 ? <Paragraph data-testid="no-duplicates">{t('signals.duplicates.none')}</Paragraph> : null}
      <DataTable
        caption={t('signals.duplicates.caption', { reference: signal.reference })}
        columns={[
          t('signals.queue.table.reference'),
          t('signals.duplicates.matches'),
          t('signals.queue.table.status'),
          t('signals.queue.table.received'),
          ...(triage ? [t('signals.duplicates.actions')] : []),
        ]}
        rows={list}
        className="schakel-table--duplicates"
        testId="duplicates-table"
        wide
      >
        {(duplicate) => {
          const isLinked = linked.has(duplicate.id);
          const canAct = triage && duplicate.visible && !isLinked && duplicate.status !== 'merged';
          return (
            <TableRow key={duplicate.id} data-testid="duplicate-row">
              <RowHeader>
                {duplicate.visible ? (
                  <AppLink to={signalPath(duplicate.id)} className="schakel-signal-reference">
                    {duplicate.reference}
                  </AppLink>
                ) : (
                  <span className="schakel-signal-reference">{duplicate.reference}</span>
                )}
                {duplicate.visible ? null : <CellNote>{t('signals.duplicates.noAccess')}</CellNote>}
              </RowHeader>
              <TableCell>{duplicate.matches.map((match) => t(`signals.matches.${match}`)).join(', ')}</TableCell>
              <TableCell>
                <StatusBadge status={duplicate.status} />
              </TableCell>
              <TableCell className="schakel-table__nowrap">{format.dateTime(duplicate.receivedAt)}</TableCell>
              {triage ? (
                <TableCell>
                  {isLinked ? t('signals.duplicates.alreadyLinked') : null}
                  {canAct ? (
                    <ButtonGroup className="schakel-signal-actions">
                      {(['related', 'merge'] as const).map((kind) => (
                        <Button
                          key={kind}
                          ref={(element) => {
                            if (element) triggers.current.set(`${kind}:${duplicate.id}`, element);
                          }}
                          appearance={kind === 'related' ? 'secondary-action-button' : 'subtle-button'}
                          aria-expanded={action?.kind === kind && action.duplicate.id === duplicate.id}
                          onClick={() => setAction({ kind, duplicate })}
                          data-testid={`${kind}-${duplicate.reference}`}
                        >
                          {t(kind === 'related' ? 'signals.duplicates.link' : 'signals.duplicates.merge')}
                          <span className="schakel-visually-hidden"> {duplicate.reference}</span>
                        </Button>
                      ))}
                    </ButtonGroup>
                  ) : null}
                </TableCell>
              ) : null}
            </TableRow>
          );
        }}
      </DataTable>
      {action ? (
        <LinkForm
          key={`${action.kind}:${action.duplicate.id}`}
          signal={signal}
          kind={action.kind}
          duplicate={action.duplicate}
          onCancel={close}
          onDone={(next) => {
            setAction(undefined);
            onChanged(next, action.kind === 'merge' ? 'merged' : 'linked');
          }}
          onConflict={onConflict}
        />
      ) : null}
    </section>
  );
}

interface LinkFormProps {
  signal: Signal;
  kind: LinkKind;
  duplicate: Duplicate;
  onCancel(): void;
  onDone(signal: Signal): void;
  onConflict(): void;
}

/** The reason for a link or merge, asked in place; a merge says first what it does. */
function LinkForm({ signal, kind, duplicate, onCancel, onDone, onConflict }: LinkFormProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<TriageErrorKind>();
  const [failure, setFailure] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const panel = useRef<HTMLDivElement>(null);
  const id = 'link-reason';

  useEffect(() => {
    panel.current?.focus();
  }, []);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const found = linkReasonError(reason);
    setError(found);
    setFailure(undefined);
    if (found) {
      document.getElementById(id)?.focus();
      return;
    }
    setBusy(true);
    try {
      onDone(await linkSignal(signal.id, { otherSignalId: duplicate.id, kind, reason: reason.trim() }));
    } catch (caught) {
      const problem = toApiError(caught);
      if (isVersionConflict(problem)) onConflict();
      else setFailure(problem);
    } finally {
      setBusy(false);
    }
  };

  const heading = t(kind === 'merge' ? 'signals.duplicates.mergeHeading' : 'signals.duplicates.linkHeading', { reference: signal.reference, other: duplicate.reference });
  const message = error ? t(`signals.duplicates.errors.${error}` as 'signals.duplicates.errors.required') : undefined;
  return (
    <div ref={panel} tabIndex={-1} role="group" aria-labelledby="link-heading" className={`schakel-confirm schakel-signal-link${kind === 'merge' ? ' schakel-signal-link--merge' : ''}`} data-testid="link-form">
      <Heading3 id="link-heading" className="schakel-confirm__question">
        {heading}
      </Heading3>
      <Paragraph>{t(kind === 'merge' ? 'signals.duplicates.mergeEffect' : 'signals.duplicates.linkEffect', { reference: signal.reference, other: duplicate.reference })}</Paragraph>
      {failure ? <ErrorState error={failure} heading={t('signals.duplicates.failed')} /> : null}
      <form noValidate onSubmit={(event) => void submit(event)} aria-labelledby="link-heading">
        <FormField invalid={Boolean(message)} className="schakel-form__field">
          <div className="utrecht-form-field__label">
            <FormLabel htmlFor={id}>{t('signals.duplicates.reason')}</FormLabel>
          </div>
          <FormFieldDescription id={`${id}-description`} className="utrecht-form-field__description">
            {t('signals.duplicates.reasonHint')}
          </FormFieldDescription>
          {message ? <FieldError id={id}>{message}</FieldError> : null}
          <div className="utrecht-form-field__input">
            <Textarea
              id={id}
              rows={3}
              required
              value={reason}
              invalid={Boolean(message)}
              aria-describedby={describedBy(id, { description: true, error: Boolean(message) })}
              onChange={(event) => setReason(event.target.value)}
            />
          </div>
        </FormField>
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button" hint={kind === 'merge' ? 'danger' : undefined} busy={busy} data-testid="link-confirm">
            {t(kind === 'merge' ? 'signals.duplicates.confirmMerge' : 'signals.duplicates.confirmLink', { other: duplicate.reference })}
          </Button>
          <Button appearance="subtle-button" onClick={onCancel}>
            {t('confirm.cancel')}
          </Button>
        </ButtonGroup>
      </form>
    </div>
  );
}
