import type { Municipality, OrganisationType } from '@server/modules/regions/regions.schema';
import { Button, FormField, FormLabel, Select, SelectOption } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { hasActiveFilters, isOrganisationType, type OrganisationFilters, organisationTypes, sortByName } from './regions.rules';

interface OrganisationFilterFormProps {
  filters: OrganisationFilters;
  municipalities: readonly Municipality[];
  locale: string;
  onApply(filters: OrganisationFilters): void;
}

/** Filters apply on submit, not on change: a select never moves the page under the reader. */
export function OrganisationFilterForm({ filters, municipalities, locale, onApply }: OrganisationFilterFormProps) {
  const { t } = useTranslation();
  const [type, setType] = useState<OrganisationType | ''>(filters.type ?? '');
  const [municipality, setMunicipality] = useState(filters.municipality ?? '');

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply({ page: 1, ...(type ? { type } : {}), ...(municipality ? { municipality } : {}) });
  };

  const typeOptions = sortByName(
    organisationTypes.map((value) => ({ value, name: t(`organisationTypes.${value}`) })),
    locale,
  );

  return (
    <form className="schakel-filters" onSubmit={submit} aria-label={t('regions.organisations.filters.label')}>
      <FormField className="schakel-filters__field">
        <FormLabel htmlFor="filter-type">{t('regions.organisations.filters.type')}</FormLabel>
        <Select
          id="filter-type"
          value={type}
          onChange={(event) => setType(isOrganisationType(event.target.value) ? event.target.value : '')}
        >
          <SelectOption value="">{t('regions.organisations.filters.allTypes')}</SelectOption>
          {typeOptions.map((option) => (
            <SelectOption key={option.value} value={option.value}>
              {option.name}
            </SelectOption>
          ))}
        </Select>
      </FormField>
      <FormField className="schakel-filters__field">
        <FormLabel htmlFor="filter-municipality">{t('regions.organisations.filters.municipality')}</FormLabel>
        <Select id="filter-municipality" value={municipality} onChange={(event) => setMunicipality(event.target.value)}>
          <SelectOption value="">{t('regions.organisations.filters.allMunicipalities')}</SelectOption>
          {municipalities.map((option) => (
            <SelectOption key={option.code} value={option.code}>
              {option.name}
            </SelectOption>
          ))}
        </Select>
      </FormField>
      <div className="schakel-filters__actions">
        <Button type="submit" appearance="primary-action-button">
          {t('regions.organisations.filters.apply')}
        </Button>
        {hasActiveFilters(filters) ? (
          <Link to={{ search: '' }} className="utrecht-link utrecht-link--html-a schakel-filters__clear">
            {t('regions.organisations.filters.clear')}
          </Link>
        ) : null}
      </div>
    </form>
  );
}
