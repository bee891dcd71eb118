import { Button } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { useSession } from '@web/core/session';
import { changeCase } from './cases.api';
import { canChange } from './cases.rules';
import { CaseFormFeedback } from './CaseFormParts';
import { type CaseSectionProps, useCaseForm } from './useCaseForm';

/**
 * Taking a case ("Aan mij toewijzen") or letting it go, next to its assignee: one click, with the
 * case's version (a colleague's change in between goes to the page's conflict notice).
 */
export function AssignToMe({ item, onChanged, onConflict }: CaseSectionProps) {
  const { t } = useTranslation();
  const { me } = useSession();
  const state = useCaseForm<never>([]);
  if (!me || !canChange(item)) return null;
  const mine = item.assignedTo?.id === me.id;
  const assign = async () => {
    const done = await state.submit({}, () => changeCase(item.id, '', { version: item.version, assignedTo: mine ? null : me.id }, 'PATCH'), onConflict);
    if (done) onChanged(done.value);
  };
  return (
    <>
      {' '}
      <Button appearance="subtle-button" busy={state.busy} onClick={() => void assign()} data-testid="assign-to-me">
        {t(mine ? 'cases.detail.unassignMe' : 'cases.detail.assignMe')}
      </Button>
      <CaseFormFeedback formRef={state.ref} id="assign-errors" errors={{}} ids={{}} message={() => undefined} failure={state.failure} failedHeading={t('cases.form.failed')} />
    </>
  );
}
