import { Alert, Button, Heading3, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, toApiError } from '@web/core/api/client';
import { changeCase } from './cases.api';
import { SelectField, TextAreaField } from '@web/core/components/FormParts';
import { CaseFormFeedback, Disclosure, useFieldMessages } from './CaseFormParts';
import { canChange, closeReasonCodes, only, openTracksOf, textError, type Track } from './cases.rules';
import { CaseSection } from './FactsSections';
import { type CaseSectionProps, useCaseForm } from './useCaseForm';

type Field = 'reasonCode' | 'reason';
const ids: Record<Field, string> = { reasonCode: 'close-case-code', reason: 'close-case-reason' };

/** Close the case with a reason; the server refuses while a track is open and names them. */
export function CloseCaseSection({ item, onChanged, onConflict }: CaseSectionProps) {
  const { t } = useTranslation();
  if (!canChange(item)) return null;
  return (
    <CaseSection id="case-close" title={t('cases.close.heading')} item={item}>
      <Paragraph>{t('cases.close.intro')}</Paragraph>
      <Disclosure label={t('cases.close.open')} testId="close-case">
        {() => <CloseCaseForm item={item} onChanged={onChanged} onConflict={onConflict} />}
      </Disclosure>
    </CaseSection>
  );
}

function CloseCaseForm({ item, onChanged, onConflict }: CaseSectionProps) {
  const { t } = useTranslation();
  const [reasonCode, setReasonCode] = useState('');
  const [reason, setReason] = useState('');
  const [blocked, setBlocked] = useState<{ tracks: Track[]; n: number }>();
  const form = useCaseForm<Field>(['reasonCode', 'reason']);
  const message = useFieldMessages(form.errors, { reasonCode: t('cases.close.reasonCode'), reason: t('cases.close.reason') });

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBlocked(undefined);
    let refusal: ApiError | undefined;
    const done = await form.submit(
      only({ reasonCode: reasonCode ? undefined : 'required', reason: textError(reason, 1, 5000) }),
      async () => {
        try {
          return await changeCase(item.id, '/closures', { version: item.version, reasonCode, reason: reason.trim() });
        } catch (caught) {
          refusal = toApiError(caught);
          if (refusal.problem?.code === 'case.open-tracks') return undefined;
          throw caught;
        }
      },
      onConflict,
    );
    if (refusal?.problem?.code === 'case.open-tracks') {
      setBlocked((previous) => ({ tracks: openTracksOf(refusal, item.tracks), n: (previous?.n ?? 0) + 1 }));
      return;
    }
    if (done?.value) onChanged(done.value);
  };

  return (
    <form className="schakel-form" noValidate onSubmit={(event) => void submit(event)} aria-label={t('cases.close.heading')} data-testid="close-case-form">
      <CaseFormFeedback formRef={form.ref} id="close-case-errors" errors={form.errors} ids={ids} message={message} failure={form.failure} failedHeading={t('cases.close.failed')} />
      {blocked ? <OpenTracksProblem key={blocked.n} tracks={blocked.tracks} /> : null}
      <SelectField
        id={ids.reasonCode}
        label={t('cases.close.reasonCode')}
        value={reasonCode}
        onValue={setReasonCode}
        placeholder={t('cases.form.choose')}
        choices={closeReasonCodes.map((code) => ({ value: code, label: t(`cases.closeReasons.${code}`) }))}
        error={message('reasonCode')}
      />
      <TextAreaField id={ids.reason} label={t('cases.close.reason')} value={reason} onValue={setReason} error={message('reason')} />
      <Button type="submit" appearance="primary-action-button" hint="danger" busy={form.busy} data-testid="close-case-submit">
        {t('cases.close.submit')}
      </Button>
    </form>
  );
}

/** 409 case.open-tracks: which tracks are still open, each a link to its place on the page. */
function OpenTracksProblem({ tracks }: { tracks: Track[] }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} tabIndex={-1} data-testid="open-tracks-problem">
      <Alert type="error" role="alert" className="schakel-state">
        <Heading3>{t('cases.close.openTracks.heading')}</Heading3>
        <Paragraph>{t('cases.close.openTracks.text')}</Paragraph>
        <ul>
          {tracks.map((track) => (
            <li key={track.id}>
              <a href={`#track-${track.id}`} className="utrecht-link utrecht-link--html-a">
                {t(`cases.trackKinds.${track.kind}`)} — {track.owner.name}
              </a>
            </li>
          ))}
        </ul>
      </Alert>
    </div>
  );
}
