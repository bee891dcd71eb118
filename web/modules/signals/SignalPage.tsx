import type { Signal } from '@server/modules/signals/signals.schema';
import { Alert, Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type Resource, useResource } from '@web/core/api/useResource';
import { AppLink } from '@web/core/components/AppLink';
import { FormNotice } from '@web/core/components/FormFeedback';
import { PageHeading } from '@web/core/components/PageHeading';
import { ErrorState, LoadingState } from '@web/core/components/States';
import { useSession } from '@web/core/session';
import { canStartCaseFrom, newCaseFromSignals } from '@web/modules/cases';
import { DuplicatesPanel } from './DuplicatesPanel';
import { loadSignal } from './signals.api';
import { canTriage, isUuid, signalPath, signalsPath } from './signals.rules';
import { SignalFacts } from './SignalFacts';
import { AcuteMark, StatusBadge } from './SignalMarks';
import { Timeline } from './Timeline';
import { TriageForm } from './TriageForm';
import { useMunicipalities } from './useMunicipalities';

/** One signal: what was reported, who and what is involved, its links and timeline, and its triage. */
export function SignalPage() {
  const { id = '' } = useParams();
  // A new signal starts afresh: no notice, conflict or change of the one before.
  return <SignalScreen key={id} id={id} />;
}

function SignalScreen({ id }: { id: string }) {
  const valid = isUuid(id);
  const resource = useResource(valid ? `signal:${id}` : null, (abort) => loadSignal(id, abort));
  // The answer of a change replaces what was loaded, until the next reload.
  const [changed, setChanged] = useState<Signal>();
  const [conflict, setConflict] = useState(false);
  const [notice, setNotice] = useState<{ kind: Notice; n: number }>();
  const signal = changed?.id === id ? changed : resource.status === 'ready' ? resource.data : undefined;

  const reload = () => {
    setChanged(undefined);
    setConflict(false);
    setNotice(undefined);
    resource.retry();
  };

  return (
    <SignalView
      valid={valid}
      signal={signal}
      resource={resource}
      conflict={conflict}
      notice={notice}
      onConflict={() => {
        setNotice(undefined);
        setConflict(true);
      }}
      onChanged={(next, what) => {
        setConflict(false);
        setNotice((previous) => ({ kind: what, n: (previous?.n ?? 0) + 1 }));
        setChanged(next);
      }}
      onReload={reload}
    />
  );
}

type Notice = 'saved' | 'linked' | 'merged';

interface SignalViewProps {
  valid: boolean;
  signal: Signal | undefined;
  resource: Resource<Signal>;
  conflict: boolean;
  notice: { kind: Notice; n: number } | undefined;
  onConflict(): void;
  onChanged(signal: Signal, notice: Notice): void;
  onReload(): void;
}

function SignalView({ valid, signal, resource, conflict, notice, onConflict, onChanged, onReload }: SignalViewProps) {
  const { t } = useTranslation();
  const { me } = useSession();
  const municipalities = useMunicipalities(me?.region ?? '');
  const conflictRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (conflict) conflictRef.current?.focus();
  }, [conflict]);
  // After a change the form that was used is gone (it starts again from the new version): focus goes to what was done.
  const noticeRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  const back = (
    <p className="schakel-back">
      <AppLink to={signalsPath}>{t('signals.backToList')}</AppLink>
    </p>
  );
  if (!valid) {
    return (
      <>
        {back}
        <PageHeading title={t('signals.detail.notFound')} />
        <Paragraph>{t('signals.detail.notFoundText')}</Paragraph>
      </>
    );
  }
  if (!signal) {
    return (
      <>
        {back}
        <PageHeading title={t('signals.detail.loadingTitle')} />
        {resource.status === 'error' ? <ErrorState error={resource.error} onRetry={resource.retry} /> : <LoadingState />}
      </>
    );
  }

  const triage = canTriage(signal);
  return (
    <>
      {back}
      <PageHeading title={t('signals.detail.title', { reference: signal.reference })} />
      <div className="schakel-signal-marks" data-testid="signal-marks" data-version={signal.version} data-status={signal.status}>
        <StatusBadge status={signal.status} />
        {signal.acute ? <AcuteMark /> : null}
      </div>
      {canStartCaseFrom(signal, me) ? (
        <p>
          <Link to={newCaseFromSignals([signal.id])} className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" data-testid="start-case">
            {t('cases.new.title')}
          </Link>
        </p>
      ) : null}
      {conflict ? (
        <div ref={conflictRef} tabIndex={-1} data-testid="version-conflict">
          <Alert type="error" role="alert" className="schakel-state">
            <Heading2 className="schakel-state__heading">{t('signals.conflict.heading')}</Heading2>
            <Paragraph>{t('signals.conflict.text')}</Paragraph>
            <Button appearance="secondary-action-button" onClick={onReload}>
              {t('signals.conflict.reload')}
            </Button>
          </Alert>
        </div>
      ) : null}
      {notice ? (
        <FormNotice ref={noticeRef} type="ok">
          {t(`signals.notices.${notice.kind}`)}
        </FormNotice>
      ) : null}
      {signal.mergedInto ? (
        <Alert type="info" className="schakel-notice">
          <Paragraph>
            {t('signals.detail.mergedInto')} <AppLink to={signalPath(signal.mergedInto.id)}>{signal.mergedInto.reference}</AppLink>
          </Paragraph>
        </Alert>
      ) : null}
      <SignalFacts signal={signal} />
      <DuplicatesPanel key={`d${signal.version}:${signal.links.length}`} signal={signal} onChanged={onChanged} onConflict={onConflict} />
      {triage && municipalities.status === 'ready' ? (
        <TriageForm key={signal.version} signal={signal} municipalities={municipalities.data} onChanged={(next) => onChanged(next, 'saved')} onConflict={onConflict} />
      ) : null}
      <Timeline key={`t${signal.version}:${signal.links.length}`} signal={signal} municipalities={municipalities.status === 'ready' ? municipalities.data : []} />
    </>
  );
}
