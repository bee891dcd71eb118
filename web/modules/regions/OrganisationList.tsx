import type { Municipality, Organisation } from '@server/modules/regions/regions.schema';
import { Heading3, Paragraph, StatusBadge } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';

interface OrganisationListProps {
  organisations: readonly Organisation[];
  municipalities: readonly Municipality[];
}

export function OrganisationList({ organisations, municipalities }: OrganisationListProps) {
  const { t } = useTranslation();
  const municipalityName = new Map(municipalities.map((m) => [m.code, m.name]));
  return (
    <ul className="schakel-organisations" data-testid="organisations-list">
      {organisations.map((organisation) => (
        <li key={organisation.id} className="schakel-organisation">
          <div className="schakel-organisation__title">
            <Heading3 className="schakel-organisation__name">{organisation.name}</Heading3>
            {organisation.fictional ? (
              <StatusBadge status="warning" className="schakel-badge">
                {t('regions.organisations.fictional')}
              </StatusBadge>
            ) : null}
          </div>
          <dl className="schakel-facts">
            <div className="schakel-facts__item">
              <dt>{t('regions.organisations.type')}</dt>
              <dd>{t(`organisationTypes.${organisation.type}`)}</dd>
            </div>
            <div className="schakel-facts__item">
              <dt>{t('regions.organisations.municipality')}</dt>
              <dd>
                {organisation.municipality
                  ? (municipalityName.get(organisation.municipality) ?? organisation.municipality)
                  : t('regions.organisations.wholeRegion')}
              </dd>
            </div>
          </dl>
          {organisation.description ? (
            <Paragraph className="schakel-organisation__description" lang="nl">
              {organisation.description}
            </Paragraph>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
