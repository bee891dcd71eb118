import { Button, Fieldset, FieldsetLegend, FormLabel, Heading2, Paragraph, RadioButton } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, toApiError } from '@web/core/api/client';
import { FormFailure, useSubmitFeedback } from '@web/core/components/FormFeedback';
import { ErrorSummary } from '@web/core/components/FormParts';
import type { SessionChanges } from './SessionPage';
import { recordAttendance, type Session } from './weegtafel.api';
import { attendanceDraftOf, attendanceEntriesOf, type Presence } from './weegtafel.rules';

/** Per invited organisation: present or absent. Confirming the minutes needs at least one recorded. */
export function AttendanceSection({ session, changes, canRecord }: { session: Session; changes: SessionChanges; canRecord: boolean }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(() => attendanceDraftOf(session));
  const [empty, setEmpty] = useState(false);
  const [failure, setFailure] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const { ref, submitted } = useSubmitFeedback();
  const firstId = session.invitations[0] ? `attendance-${session.invitations[0].organisation.id}-present` : 'attendance';

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setFailure(undefined);
    const entries = attendanceEntriesOf(draft);
    setEmpty(entries.length === 0);
    if (entries.length === 0) {
      submitted();
      return;
    }
    setBusy(true);
    try {
      await recordAttendance(session.id, entries);
      await changes.done('attendance');
    } catch (caught) {
      const error = toApiError(caught);
      if (!changes.conflict(error)) {
        setFailure(error);
        submitted();
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="schakel-section" aria-labelledby="session-attendance">
      <Heading2 id="session-attendance">{t('weegtafel.attendance.heading')}</Heading2>
      {canRecord ? (
        <form className="schakel-form" noValidate onSubmit={(event) => void submit(event)} aria-labelledby="session-attendance" data-testid="attendance-form">
          <ErrorSummary ref={ref} id="attendance-errors" level={3} items={empty ? [{ target: firstId, message: t('weegtafel.attendance.nothing') }] : []} />
          {failure ? <FormFailure ref={ref} error={failure} heading={t('weegtafel.attendance.failed')} /> : null}
          {session.invitations.map((invitation) => {
            const orgId = invitation.organisation.id;
            const name = `attendance-${orgId}`;
            const choose = (presence: Presence) => setDraft((previous) => ({ ...previous, [orgId]: presence }));
            return (
              <Fieldset key={orgId} className="schakel-fieldset schakel-wt-attendance" data-testid="attendance-organisation">
                <FieldsetLegend>{invitation.organisation.name}</FieldsetLegend>
                {(['present', 'absent'] as const).map((presence) => (
                  <div key={presence} className="schakel-checkbox-field__row">
                    <RadioButton id={`${name}-${presence}`} name={name} value={presence} checked={draft[orgId] === presence} onChange={() => choose(presence)} />
                    <FormLabel htmlFor={`${name}-${presence}`} type="radio">
                      {t(`weegtafel.attendance.${presence}`)}
                    </FormLabel>
                  </div>
                ))}
              </Fieldset>
            );
          })}
          <Button type="submit" appearance="secondary-action-button" busy={busy} aria-disabled={busy || undefined} data-testid="save-attendance">
            {t('weegtafel.attendance.save')}
          </Button>
        </form>
      ) : (
        <ul className="schakel-wt-list" data-testid="attendance">
          {session.attendance.map((entry) => (
            <li key={entry.organisation.id}>
              {entry.organisation.name}: {t(entry.present ? 'weegtafel.attendance.present' : 'weegtafel.attendance.absent')}
            </li>
          ))}
        </ul>
      )}
      {canRecord && session.attendance.length === 0 ? <Paragraph className="schakel-hint">{t('weegtafel.attendance.hint')}</Paragraph> : null}
    </section>
  );
}
