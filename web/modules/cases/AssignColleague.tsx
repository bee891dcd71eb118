import { Button, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useResource } from '@web/core/api/useResource';
import { SelectField } from '@web/core/components/FormParts';
import { ErrorState } from '@web/core/components/States';
import { changeCase, loadAssignees } from './cases.api';
import { canChange, only } from './cases.rules';
import { CaseFormFeedback, Disclosure, DoneNotice, useFieldMessages } from './CaseFormParts';
import { type CaseSectionProps, useCaseForm } from './useCaseForm';

/**
 * Assigning the case to someone else, next to "Aan mij toewijzen": a colleague who may work on it
 * (the server's list, GET /cases/{id}/assignees), with the case's version (a change in between
 * goes to the page's conflict notice).
 */
export function AssignColleague({ item, onChanged, onConflict }: CaseSectionProps) {
  const { t } = useTranslation();
  const [done, setDone] = useState<{ n: number; name: string }>();
  if (!canChange(item)) return null;
  return (
    <div className="schakel-case-assign">
      <Disclosure label={t('cases.detail.assignColleague')} testId="assign-colleague">
        {(close) => (
          <AssignForm
            item={item}
            onConflict={onConflict}
            onChanged={(next) => {
              onChanged(next);
              setDone((previous) => ({ n: (previous?.n ?? 0) + 1, name: next.assignedTo?.displayName ?? '' }));
              close();
            }}
          />
        )}
      </Disclosure>
      <DoneNotice n={done?.n ?? 0}>{done ? t('cases.detail.assignedTo', { name: done.name }) : ''}</DoneNotice>
    </div>
  );
}

function AssignForm({ item, onChanged, onConflict }: CaseSectionProps) {
  const { t } = useTranslation();
  const assignees = useResource(`assignees:${item.id}`, (signal) => loadAssignees(item.id, signal));
  const [assignedTo, setAssignedTo] = useState('');
  const form = useCaseForm<'assignedTo'>(['assignedTo']);
  const ids = { assignedTo: `case-assign-colleague` };
  const message = useFieldMessages(form.errors, { assignedTo: t('cases.detail.assignColleagueField') });
  const choices = assignees.status === 'ready' ? assignees.data.filter((a) => a.id !== item.assignedTo?.id).map((a) => ({ value: a.id, label: a.displayName })) : [];
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (assignees.status !== 'ready') return; // the list is still loading: nothing to choose from yet
    const result = await form.submit(only({ assignedTo: assignedTo ? undefined : 'required' }), () => changeCase(item.id, '', { version: item.version, assignedTo }, 'PATCH'), onConflict);
    if (result) onChanged(result.value);
  };
  // The select has focus while the list loads; when a message takes its place, focus goes to the message.
  const outcome = assignees.status === 'error' ? 'error' : assignees.status === 'ready' && choices.length === 0 ? 'none' : 'form';
  const note = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (outcome !== 'form') note.current?.focus();
  }, [outcome]);
  if (outcome !== 'form') {
    return (
      <div ref={note} tabIndex={-1} className="schakel-case-assign__note" data-testid="assign-colleague-note">
        {assignees.status === 'error' ? <ErrorState error={assignees.error} onRetry={assignees.retry} /> : <Paragraph>{t('cases.detail.assignColleagueNone')}</Paragraph>}
      </div>
    );
  }
  return (
    <form className="schakel-form" noValidate onSubmit={(event) => void submit(event)} aria-label={t('cases.detail.assignColleague')}>
      <CaseFormFeedback formRef={form.ref} id="assign-colleague-errors" errors={form.errors} ids={ids} message={message} failure={form.failure} failedHeading={t('cases.form.failed')} />
      <SelectField
        id={ids.assignedTo}
        label={t('cases.detail.assignColleagueField')}
        description={t('cases.detail.assignColleagueHint')}
        value={assignedTo}
        onValue={setAssignedTo}
        placeholder={assignees.status === 'ready' ? t('cases.form.choose') : t('states.loading')}
        choices={choices}
        error={message('assignedTo')}
        testId="assign-colleague-select"
      />
      <Button type="submit" appearance="primary-action-button" busy={form.busy} data-testid="assign-colleague-submit">
        {t('cases.detail.assignColleagueSubmit')}
      </Button>
    </form>
  );
}
