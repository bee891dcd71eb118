import type { Organisation } from '@server/modules/regions/regions.schema';
import { Button, Heading3, Paragraph, TableCell, TableRow } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, RowHeader } from '@web/core/components/DataTable';
import { useFormat } from '@web/core/format';
import { type Case, changeCase, closeTrack } from './cases.api';
import { DateField } from '@web/core/components/FormParts';
import { useInPlaceFocus } from '@web/core/components/useInPlaceFocus';
import { CaseFormFeedback, Disclosure, DoneIcon, DoneNotice, useFieldMessages } from './CaseFormParts';
import { Due } from './CaseMarks';
import { dateError, isClosed, only, sortedActions, todayInAmsterdam, type Track, type TrackAction } from './cases.rules';
import { ActionForm, CloseTrackForm } from './TrackForms';
import { useCaseForm } from './useCaseForm';

interface TrackItemProps {
  item: Case;
  track: Track;
  organisations: Organisation[];
  onChanged(next: Case): void;
  onConflict(): void;
  onAccessEnded?(): void;
}

/** One track: kind, owner, status, its actions (owner, due date, overdue, done) and, where permitted, its forms. */
export function TrackItem({ item, track, organisations, onChanged, onConflict, onAccessEnded }: TrackItemProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const [done, setDone] = useState<{ what: Done; n: number }>();
  const report = (what: Done) => setDone((previous) => ({ what, n: (previous?.n ?? 0) + 1 }));
  const works = track.canUpdate && track.status === 'open' && !isClosed(item);
  const title = track.kind === 'administrative' && track.measure ? `${t(`cases.trackKinds.${track.kind}`)}: ${t(`cases.trackMeasures.${track.measure}`)}` : t(`cases.trackKinds.${track.kind}`);
  const headingId = `track-${track.id}-heading`;
  return (
    <article id={`track-${track.id}`} tabIndex={-1} className="schakel-case-track" aria-labelledby={headingId} data-testid="track" data-kind={track.kind} data-status={track.status}>
      <Heading3 id={headingId}>{title}</Heading3>
      <dl className="schakel-details">
        <div className="schakel-details__row">
          <dt>{t('cases.tracks.owner')}</dt>
          <dd>{track.owner.name}</dd>
        </div>
        <div className="schakel-details__row">
          <dt>{t('cases.tracks.status')}</dt>
          <dd data-testid="track-status">
            {t(`cases.tracks.statuses.${track.status}`)}
            {track.closedAt ? ` — ${format.dateTime(track.closedAt)}` : ''}
            {track.closedReason ? `: ${track.closedReason}` : ''}
          </dd>
        </div>
        {track.note ? (
          <div className="schakel-details__row">
            <dt>{t('cases.tracks.note')}</dt>
            <dd className="schakel-case-text">{track.note}</dd>
          </div>
        ) : null}
      </dl>
      <DataTable
        caption={t('cases.actions.caption', { track: title })}
        columns={[...(['description', 'owner', 'due', 'status'] as const).map((c) => t(`cases.actions.columns.${c}`)), ...(works ? [{ label: t('cases.actions.columns.do'), hiddenLabel: true }] : [])]}
        rows={sortedActions(track.actions)}
        empty={t('cases.actions.empty')}
        testId="track-actions"
        wide
        focusableScroll={!works}
      >
        {(action) => <ActionRow key={action.id} caseId={item.id} track={track} action={action} works={works} onChanged={onChanged} onConflict={onConflict} onDone={report} />}
      </DataTable>
      <DoneNotice n={done?.n ?? 0}>{done ? t(`cases.tracks.done.${done.what}`) : ''}</DoneNotice>
      {works ? (
        <div className="schakel-case-track__forms">
          <Disclosure label={t('cases.actions.add')} testId="add-action">
            {(close) => (
              <ActionForm
                prefix={`track-${track.id.slice(0, 8)}`}
                organisations={organisations}
                onSave={(body) => changeCase(item.id, `/tracks/${encodeURIComponent(track.id)}/actions`, body)}
                onDone={(next) => {
                  onChanged(next);
                  report('action');
                  close();
                }}
                onConflict={onConflict}
              />
            )}
          </Disclosure>
          <Disclosure label={t('cases.tracks.close')} testId="close-track">
            {() => (
              <CloseTrackForm
                prefix={`track-${track.id.slice(0, 8)}`}
                onSave={(closedReason) => closeTrack(item.id, track.id, { version: track.version, status: 'closed', closedReason })}
                onDone={(next) => {
                  if (!next) {
                    onAccessEnded?.();
                    return;
                  }
                  onChanged(next);
                  report('closed');
                }}
                onConflict={onConflict}
              />
            )}
          </Disclosure>
        </div>
      ) : null}
      {!works && track.status === 'open' && track.actions.length === 0 ? <Paragraph className="schakel-hint">{t('cases.tracks.noRights')}</Paragraph> : null}
    </article>
  );
}

type Done = 'action' | 'done' | 'moved' | 'closed';
const actionPath = (track: Track, action: TrackAction) => `/tracks/${encodeURIComponent(track.id)}/actions/${encodeURIComponent(action.id)}`;

function ActionRow({ caseId, track, action, works, onChanged, onConflict, onDone }: { caseId: string; track: Track; action: TrackAction; works: boolean; onChanged(next: Case): void; onConflict(): void; onDone(what: Done): void }) {
  const { t } = useTranslation();
  const form = useCaseForm<never>([]);
  const owner = action.ownerUser?.displayName ?? action.ownerOrganisation?.name ?? '—';
  const markDone = async () => {
    const done = await form.submit({}, () => changeCase(caseId, actionPath(track, action), { version: action.version, status: 'done' }, 'PATCH'), onConflict);
    if (done) {
      onChanged(done.value);
      onDone('done');
    }
  };
  return (
    <TableRow data-testid="action-row" data-status={action.status} className={action.overdue ? 'schakel-case-row--overdue' : undefined}>
      <RowHeader className="schakel-case-text">{action.description}</RowHeader>
      <TableCell>{owner}</TableCell>
      <TableCell>
        <Due on={action.dueOn} overdue={action.overdue} />
      </TableCell>
      <TableCell>
        {action.status === 'done' ? <DoneIcon /> : null} {t(`cases.actions.statuses.${action.status}`)}
      </TableCell>
      {works ? (
        <TableCell>
          {action.status === 'open' ? (
            <div className="schakel-case-action-do">
              <Button appearance="secondary-action-button" busy={form.busy} onClick={() => void markDone()} data-testid="action-done">
                {t('cases.actions.markDone')}
                <span className="schakel-visually-hidden">: {action.description}</span>
              </Button>
              <MoveDue
                caseId={caseId}
                track={track}
                action={action}
                onConflict={onConflict}
                onMoved={(next) => {
                  onChanged(next);
                  onDone('moved');
                }}
              />
            </div>
          ) : null}
          <CaseFormFeedback formRef={form.ref} id={`action-${action.id}-errors`} errors={{}} ids={{}} message={() => undefined} failure={form.failure} failedHeading={t('cases.form.failed')} />
        </TableCell>
      ) : null}
    </TableRow>
  );
}

/**
 * "Termijn verzetten": a date field in the row, today or later, saved with the action's version.
 * Opening moves focus to the date, cancelling back to the button; a move is on the timeline with
 * the date it replaces.
 */
function MoveDue({ caseId, track, action, onMoved, onConflict }: { caseId: string; track: Track; action: TrackAction; onMoved(next: Case): void; onConflict(): void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [dueOn, setDueOn] = useState(action.dueOn);
  const form = useCaseForm<'dueOn'>(['dueOn']);
  const ids = { dueOn: `action-${action.id}-due` };
  const message = useFieldMessages(form.errors, { dueOn: t('cases.actions.newDue') });
  const { trigger, panel, keepFocus } = useInPlaceFocus<HTMLFormElement>(open);
  if (!open) {
    return (
      <Button
        ref={trigger}
        appearance="subtle-button"
        aria-expanded={false}
        onClick={() => {
          setDueOn(action.dueOn);
          setOpen(true);
        }}
        data-testid="action-move"
      >
        {t('cases.actions.move')}
        <span className="schakel-visually-hidden">: {action.description}</span>
      </Button>
    );
  }
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // The same date again changes nothing: nothing to save, no timeline entry.
    if (dueOn === action.dueOn) {
      setOpen(false);
      return;
    }
    const done = await form.submit(only({ dueOn: dateError(dueOn, todayInAmsterdam(), 'notBeforeToday') }), () => changeCase(caseId, actionPath(track, action), { version: action.version, dueOn }, 'PATCH'), onConflict);
    if (done) {
      keepFocus(); // the notice takes focus, not the button
      setOpen(false);
      onMoved(done.value);
    }
  };
  return (
    <form ref={panel} className="schakel-form schakel-case-action-move" noValidate onSubmit={(event) => void submit(event)} aria-label={`${t('cases.actions.move')}: ${action.description}`} data-testid="action-move-form">
      <CaseFormFeedback formRef={form.ref} id={`action-${action.id}-move-errors`} errors={form.errors} ids={ids} message={message} failure={form.failure} failedHeading={t('cases.form.failed')} />
      <DateField id={ids.dueOn} label={t('cases.actions.newDue')} description={t('cases.actions.dueHint')} value={dueOn} onValue={setDueOn} error={message('dueOn')} />
      <Button type="submit" appearance="primary-action-button" busy={form.busy} data-testid="action-move-submit">
        {t('cases.actions.moveSave')}
      </Button>
      <Button appearance="subtle-button" onClick={() => setOpen(false)}>
        {t('cases.form.cancel')}
      </Button>
    </form>
  );
}
