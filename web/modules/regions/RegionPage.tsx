import type { Region } from '@server/modules/regions/regions.schema';
import { Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { useResource } from '@web/core/api/useResource';
import { PageHeading } from '@web/core/components/PageHeading';
import { EmptyState, ErrorState, LoadingState } from '@web/core/components/States';
import { useDefaultRegion } from '@web/core/installation';
import { MunicipalitiesSection } from './MunicipalitiesSection';
import { OrganisationsSection } from './OrganisationsSection';
import { loadMunicipalities } from './regions.api';

function RegionContent({ region }: { region: Region }) {
  const municipalities = useResource(`municipalities:${region.code}`, (signal) => loadMunicipalities(region.code, signal));
  return (
    <>
      <MunicipalitiesSection region={region} municipalities={municipalities} />
      <OrganisationsSection region={region} municipalities={municipalities.status === 'ready' ? municipalities.data : []} />
    </>
  );
}

export function RegionPage() {
  const { t } = useTranslation();
  const region = useDefaultRegion();
  return (
    <>
      {region.status === 'ready' && region.data ? (
        <p className="schakel-pre-heading">{t('header.region', { name: region.data.name })}</p>
      ) : null}
      <PageHeading title={t('regions.title')} />
      <Paragraph appearance="lead" className="schakel-lead">
        {t('regions.lead')}
      </Paragraph>
      {region.status === 'loading' ? <LoadingState /> : null}
      {region.status === 'error' ? <ErrorState error={region.error} onRetry={region.retry} /> : null}
      {region.status === 'ready' ? (
        region.data ? (
          <RegionContent region={region.data} />
        ) : (
          <EmptyState>
            <Paragraph>{t('regions.noRegion')}</Paragraph>
          </EmptyState>
        )
      ) : null}
    </>
  );
}
