import type { Organisation } from '@server/modules/regions/regions.schema';
import { Button, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '@web/core/session';
import { type Case, changeCase } from './cases.api';
import { SelectField, TextAreaField } from '@web/core/components/FormParts';
import { CaseFormFeedback, Disclosure, DoneNotice, useFieldMessages } from './CaseFormParts';
import { canChange, only, textError, type TrackKind, trackKinds, type TrackMeasure, trackMeasures } from './cases.rules';
import { CaseSection } from './FactsSections';
import { TrackItem } from './TrackItem';
import { type CaseSectionProps, useCaseForm } from './useCaseForm';
import { useOrganisations } from './useCaseData';

type Field = 'kind' | 'ownerOrganisationId' | 'measure' | 'note';
const ids: Record<Field, string> = { kind: 'track-kind', ownerOrganisationId: 'track-owner', measure: 'track-measure', note: 'track-note' };

/** The tracks that run in parallel, each with its owner, status and actions; the case closes when all are closed. */
export function TracksSection({ item, onChanged, onConflict, onAccessEnded }: CaseSectionProps) {
  const { t } = useTranslation();
  const { me } = useSession();
  const tracks = item.tracks ?? [];
  const mayWork = canChange(item) || tracks.some((track) => track.canUpdate);
  const organisations = useOrganisations(mayWork ? (me?.region ?? '') : '');
  const [opened, setOpened] = useState(0);
  const list = organisations.status === 'ready' ? organisations.data : [];
  return (
    <CaseSection id="case-tracks" title={t('cases.tracks.heading')} item={item} group="tracks">
      {tracks.length === 0 ? <Paragraph>{t('cases.tracks.empty')}</Paragraph> : null}
      <div className="schakel-case-tracks" data-testid="tracks">
        {tracks.map((track) => (
          <TrackItem key={track.id} item={item} track={track} organisations={list} onChanged={onChanged} onConflict={onConflict} {...(onAccessEnded ? { onAccessEnded } : {})} />
        ))}
      </div>
      <DoneNotice n={opened}>{t('cases.tracks.opened')}</DoneNotice>
      {canChange(item) && organisations.status === 'ready' ? (
        <Disclosure label={t('cases.tracks.open')} testId="open-track">
          {(close) => (
            <OpenTrackForm
              organisations={list}
              onSave={(body) => changeCase(item.id, '/tracks', body)}
              onDone={(next) => {
                onChanged(next);
                setOpened((n) => n + 1);
                close();
              }}
              onConflict={onConflict}
            />
          )}
        </Disclosure>
      ) : null}
    </CaseSection>
  );
}

function OpenTrackForm({ organisations, onSave, onDone, onConflict }: { organisations: Organisation[]; onSave(body: unknown): Promise<Case>; onDone(next: Case): void; onConflict(): void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<TrackKind | ''>('');
  const [owner, setOwner] = useState('');
  const [measure, setMeasure] = useState<TrackMeasure | ''>('');
  const [note, setNote] = useState('');
  const form = useCaseForm<Field>(['kind', 'ownerOrganisationId', 'measure', 'note']);
  const message = useFieldMessages(form.errors, { kind: t('cases.tracks.kind'), ownerOrganisationId: t('cases.tracks.owner'), measure: t('cases.tracks.measure'), note: t('cases.tracks.note') });
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const local = only({
      kind: kind ? undefined : 'required',
      ownerOrganisationId: owner ? undefined : 'required',
      measure: kind === 'administrative' && !measure ? 'required' : undefined,
      note: textError(note, 0, 2000),
    });
    const body = { kind, ownerOrganisationId: owner, note: note.trim(), ...(kind === 'administrative' ? { measure } : {}) };
    const done = await form.submit(local, () => onSave(body), onConflict);
    if (done) onDone(done.value);
  };
  return (
    <form className="schakel-form" noValidate onSubmit={(event) => void submit(event)} aria-label={t('cases.tracks.open')}>
      <CaseFormFeedback formRef={form.ref} id="track-errors" errors={form.errors} ids={ids} message={message} failure={form.failure} failedHeading={t('cases.form.failed')} />
      <SelectField
        id={ids.kind}
        label={t('cases.tracks.kind')}
        value={kind}
        onValue={(value) => setKind(value as TrackKind | '')}
        placeholder={t('cases.form.choose')}
        choices={trackKinds.map((value) => ({ value, label: t(`cases.trackKinds.${value}`) }))}
        error={message('kind')}
      />
      {kind === 'administrative' ? (
        <SelectField
          id={ids.measure}
          label={t('cases.tracks.measure')}
          value={measure}
          onValue={(value) => setMeasure(value as TrackMeasure | '')}
          placeholder={t('cases.form.choose')}
          choices={trackMeasures.map((value) => ({ value, label: t(`cases.trackMeasures.${value}`) }))}
          error={message('measure')}
        />
      ) : null}
      <SelectField
        id={ids.ownerOrganisationId}
        label={t('cases.tracks.owner')}
        description={t('cases.tracks.ownerHint')}
        value={owner}
        onValue={setOwner}
        placeholder={t('cases.form.choose')}
        choices={organisations.map((o) => ({ value: o.id, label: o.name }))}
        error={message('ownerOrganisationId')}
      />
      <TextAreaField id={ids.note} label={t('cases.tracks.note')} value={note} onValue={setNote} error={message('note')} />
      <Button type="submit" appearance="primary-action-button" busy={form.busy} data-testid="track-submit">
        {t('cases.tracks.openSubmit')}
      </Button>
    </form>
  );
}
