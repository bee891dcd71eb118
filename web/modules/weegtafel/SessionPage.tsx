import { Paragraph } from '@utrecht/component-library-react';
import type { ParseKeys } from 'i18next';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router';
import { type ApiError, toApiError } from '@web/core/api/client';
import { useResource } from '@web/core/api/useResource';
import { AppLink } from '@web/core/components/AppLink';
import { FormNotice } from '@web/core/components/FormFeedback';
import { PageHeading } from '@web/core/components/PageHeading';
import { ErrorState, LoadingState } from '@web/core/components/States';
import { useSession } from '@web/core/session';
import { AgendaSection } from './AgendaSection';
import { AttendanceSection } from './AttendanceSection';
import { CandidatesSection } from './CandidatesSection';
import { ConflictAlert } from './ConflictAlert';
import { InvitationsSection } from './InvitationsSection';
import { MinutesSection } from './MinutesSection';
import { ScheduleSection } from './ScheduleSection';
import { SessionDetails } from './SessionDetails';
import { useCaseCatalogue, useOrganisations, usePartnerLegalBases, useRegionLegalBases } from './useTableChoices';
import { loadSession, type Session } from './weegtafel.api';
import { isChair, isSessionClosed, isUuid, isVersionConflict, sessionActions, sessionsPath } from './weegtafel.rules';

/** What a section of the page gets to report back: a change was saved, or the session changed under it. */
export interface SessionChanges {
  /** Reloads the session and says what was done (focus goes to that notice). */
  done(notice: NoticeKind): Promise<void>;
  /** True when the error was a conflict (shown at the top of the page); the form shows anything else itself. */
  conflict(error: ApiError): boolean;
  /** Counts reloads, so forms start afresh after each change. */
  revision: number;
}

export type NoticeKind =
  | 'created'
  | 'added'
  | 'removed'
  | 'invited'
  | 'withdrawn'
  | 'attendance'
  | 'summary'
  | 'decision'
  | 'held'
  | 'confirmed'
  | 'amended'
  | 'partlyAdded'
  | 'moved'
  | 'cancelled';

export function SessionPage() {
  const { id = '' } = useParams();
  return <SessionScreen key={id} id={id} />;
}

function SessionScreen({ id }: { id: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  const valid = isUuid(id);
  const resource = useResource(valid ? `table-session:${id}` : null, (signal) => loadSession(id, signal));
  const [changed, setChanged] = useState<Session>();
  const [revision, setRevision] = useState(0);
  const [conflict, setConflict] = useState<'version' | 'closed'>();
  const created = (location.state as { created?: boolean } | null)?.created === true;
  const [notice, setNotice] = useState<{ kind: NoticeKind; n: number } | undefined>(created ? { kind: 'created', n: 0 } : undefined);
  const noticeRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (notice && notice.n > 0) noticeRef.current?.focus();
  }, [notice]);
  const session = changed ?? (resource.status === 'ready' ? resource.data : undefined);

  const changes: SessionChanges = {
    revision,
    async done(kind) {
      setConflict(undefined);
      try {
        setChanged(await loadSession(id));
      } catch (caught) {
        // Saved, but the reload failed: the page still says what was done and offers a reload.
        void toApiError(caught);
      }
      setRevision((n) => n + 1);
      setNotice((previous) => ({ kind, n: (previous?.n ?? 0) + 1 }));
    },
    conflict(error) {
      const kind = isVersionConflict(error) ? 'version' : isSessionClosed(error) ? 'closed' : undefined;
      if (!kind) return false;
      setNotice(undefined);
      setConflict(kind);
      return true;
    },
  };
  const reload = async () => {
    setNotice(undefined);
    try {
      setChanged(await loadSession(id));
      setConflict(undefined);
      setRevision((n) => n + 1);
    } catch {
      resource.retry();
    }
  };

  const back = (
    <p className="schakel-back">
      <AppLink to={sessionsPath}>{t('weegtafel.backToList')}</AppLink>
    </p>
  );
  if (!valid || (!session && resource.status === 'error' && resource.error.status === 404)) {
    return (
      <>
        {back}
        <PageHeading title={t('weegtafel.session.notFound')} />
        <Paragraph>{t('weegtafel.session.notFoundText')}</Paragraph>
      </>
    );
  }
  if (!session) {
    return (
      <>
        {back}
        <PageHeading title={t('weegtafel.session.loadingTitle')} />
        {resource.status === 'error' ? <ErrorState error={resource.error} onRetry={resource.retry} /> : <LoadingState />}
      </>
    );
  }
  return (
    <>
      {back}
      <PageHeading title={t('weegtafel.session.title', { reference: session.reference })} />
      {conflict ? <ConflictAlert kind={conflict} onReload={() => void reload()} /> : null}
      {notice ? (
        <FormNotice ref={noticeRef} type="ok">
          {t(`weegtafel.notices.${notice.kind}` as ParseKeys)}
        </FormNotice>
      ) : null}
      <SessionBody session={session} changes={changes} />
    </>
  );
}

function SessionBody({ session, changes }: { session: Session; changes: SessionChanges }) {
  const { me } = useSession();
  const region = me?.region ?? '';
  const chair = isChair(me) && session.permissions.update;
  const actions = sessionActions(session);
  const organisations = useOrganisations(chair ? region : '');
  const legalBases = useRegionLegalBases(region);
  const recorded = usePartnerLegalBases(chair);
  const catalogue = useCaseCatalogue(chair);
  const options = legalBases.status === 'ready' ? legalBases.data : undefined;
  const orgs = organisations.status === 'ready' ? organisations.data : [];
  return (
    <div data-testid="session" data-version={session.version} data-status={session.status}>
      <SessionDetails session={session} />
      {chair && actions.reschedule ? <ScheduleSection key={`s${changes.revision}`} session={session} changes={changes} /> : null}
      <AgendaSection
        session={session}
        changes={changes}
        actions={actions}
        organisations={orgs}
        trackKinds={catalogue.status === 'ready' ? catalogue.data.trackKinds : []}
        trackMeasures={catalogue.status === 'ready' ? catalogue.data.trackMeasures : []}
      />
      {actions.composeAgenda ? <CandidatesSection key={`c${changes.revision}`} session={session} changes={changes} /> : null}
      <InvitationsSection
        session={session}
        changes={changes}
        canInvite={actions.invite}
        organisations={orgs}
        options={options}
        recorded={recorded.status === 'ready' ? recorded.data._embedded.legalBases : []}
      />
      {actions.recordAttendance || session.attendance.length > 0 ? <AttendanceSection key={`a${changes.revision}`} session={session} changes={changes} canRecord={actions.recordAttendance} /> : null}
      <MinutesSection key={`m${changes.revision}`} session={session} changes={changes} actions={actions} />
    </div>
  );
}
