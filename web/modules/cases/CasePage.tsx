import { Alert, Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router';
import { toApiError } from '@web/core/api/client';
import { useResource } from '@web/core/api/useResource';
import { AppLink } from '@web/core/components/AppLink';
import { FormNotice } from '@web/core/components/FormFeedback';
import { PageHeading } from '@web/core/components/PageHeading';
import { ErrorState, LoadingState } from '@web/core/components/States';
import { AssessmentSection } from './AssessmentSection';
import { type Case, loadCase } from './cases.api';
import { casesPath, isUuid, myWorkPath } from './cases.rules';
import { CaseHeader } from './CaseHeader';
import { CaseTimeline } from './CaseTimeline';
import { CloseCaseSection } from './CloseCaseSection';
import { ConsultationsSection } from './ConsultationsSection';
import { EnrichmentSection } from './EnrichmentSection';
import { FactsSection, PersonsSection, PlacesSection } from './FactsSections';
import { HandoversSection } from './HandoversSection';
import { InterventionsSection } from './InterventionsSection';
import { TracksSection } from './TracksSection';

/** One case: its header, a section per part (each its own form), and the timeline. */
export function CasePage() {
  const { id = '' } = useParams();
  // Another case starts afresh: no notice, conflict or forms of the one before.
  return <CaseScreen key={id} id={id} />;
}

function CaseScreen({ id }: { id: string }) {
  const { t } = useTranslation();
  const valid = isUuid(id);
  const location = useLocation();
  const created = (location.state as { created?: boolean } | null)?.created === true;
  const joined = Number((location.state as { joined?: number } | null)?.joined ?? 0);
  const resource = useResource(valid ? `case:${id}` : null, (abort) => loadCase(id, abort));
  // The answer of a change (or a reload) replaces what was loaded; the sections stay mounted, so no form loses what was typed.
  const [current, setCurrent] = useState<Case>();
  const [conflict, setConflict] = useState(0);
  const [reloading, setReloading] = useState(false);
  const [reloaded, setReloaded] = useState(0);
  const [accessEnded, setAccessEnded] = useState(false);
  const item = current ?? (resource.status === 'ready' ? resource.data : undefined);
  const conflictRef = useRef<HTMLDivElement>(null);
  const reloadedRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (conflict > 0) conflictRef.current?.focus();
  }, [conflict]);
  useEffect(() => {
    if (reloaded > 0) reloadedRef.current?.focus();
  }, [reloaded]);

  const reload = async () => {
    setReloading(true);
    try {
      setCurrent(await loadCase(id));
      setConflict(0);
      setReloaded((n) => n + 1);
    } catch (caught) {
      toApiError(caught);
    } finally {
      setReloading(false);
    }
  };

  const back = (
    <p className="schakel-back">
      <AppLink to={casesPath}>{t('cases.backToList')}</AppLink>
    </p>
  );
  if (accessEnded) {
    return (
      <>
        <PageHeading title={t('cases.detail.accessEndedTitle')} />
        <FormNotice type="ok">
          <span data-testid="case-access-ended">{t('cases.detail.accessEnded')}</span>
        </FormNotice>
        <p className="schakel-back">
          <AppLink to={myWorkPath}>{t('cases.detail.toMyWork')}</AppLink>
        </p>
      </>
    );
  }
  // A case that does not exist and one the reader may not see answer the same (404): retrying cannot help.
  const notFound = !valid || (resource.status === 'error' && resource.error.status === 404);
  if (notFound || !item) {
    return (
      <>
        {back}
        <PageHeading title={notFound ? t('cases.detail.notFound') : t('cases.detail.loadingTitle')} />
        {notFound ? <Paragraph data-testid="case-not-found">{t('cases.detail.notFoundText')}</Paragraph> : null}
        {!notFound && resource.status === 'error' ? <ErrorState error={resource.error} onRetry={resource.retry} /> : null}
        {valid && resource.status === 'loading' ? <LoadingState /> : null}
      </>
    );
  }

  const sectionProps = {
    item,
    onChanged: (next: Case) => {
      setConflict(0);
      setCurrent(next);
    },
    onConflict: () => setConflict((n) => n + 1),
    onAccessEnded: () => setAccessEnded(true),
  };
  return (
    <>
      {back}
      <PageHeading title={t('cases.detail.title', { reference: item.reference })} />
      {created ? (
        <FormNotice type="ok">
          <span data-testid="case-created">{t('cases.detail.created', { reference: item.reference })}</span>
        </FormNotice>
      ) : null}
      {joined > 0 ? (
        <FormNotice type="ok">
          <span data-testid="case-joined">{t('cases.join.joined', { count: joined, reference: item.reference })}</span>
        </FormNotice>
      ) : null}
      {conflict > 0 ? (
        <div ref={conflictRef} tabIndex={-1} data-testid="version-conflict">
          <Alert type="error" role="alert" className="schakel-state">
            <Heading2 className="schakel-state__heading">{t('cases.conflict.heading')}</Heading2>
            <Paragraph>{t('cases.conflict.text')}</Paragraph>
            <Button appearance="secondary-action-button" busy={reloading} onClick={() => void reload()} data-testid="conflict-reload">
              {t('cases.conflict.reload')}
            </Button>
          </Alert>
        </div>
      ) : null}
      {reloaded > 0 && conflict === 0 ? (
        <FormNotice ref={reloadedRef} type="info">
          {t('cases.conflict.reloaded')}
        </FormNotice>
      ) : null}
      <CaseHeader {...sectionProps} />
      <FactsSection {...sectionProps} />
      <PersonsSection item={item} />
      <PlacesSection item={item} />
      <EnrichmentSection {...sectionProps} />
      <ConsultationsSection {...sectionProps} />
      <AssessmentSection {...sectionProps} />
      <HandoversSection {...sectionProps} />
      <TracksSection {...sectionProps} />
      <InterventionsSection {...sectionProps} />
      <CloseCaseSection {...sectionProps} />
      <CaseTimeline item={item} />
    </>
  );
}
