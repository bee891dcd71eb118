import type { Municipality } from '@server/modules/regions/regions.schema';
import { Button } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CheckField, SelectField } from '@web/core/components/FormParts';
import { type AssignedFilter, type CaseSort, caseSorts, hasActiveFilters, type StatusFilter, statusFilters, type WorkListFilters } from './cases.rules';

interface CaseFilterFormProps {
  filters: WorkListFilters;
  municipalities: readonly Municipality[];
  onApply(filters: WorkListFilters): void;
}

/** Filters apply on submit and land in the URL as codes (status, CBS code, mine, overdue, sort). */
export function CaseFilterForm({ filters, municipalities, onApply }: CaseFilterFormProps) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<string>(filters.status ?? 'open');
  const [municipality, setMunicipality] = useState(filters.municipality ?? '');
  const [assigned, setAssigned] = useState<string>(filters.assigned ?? '');
  const [overdue, setOverdue] = useState(filters.overdue === true);
  const [sort, setSort] = useState<string>(filters.sort ?? 'due');

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next: WorkListFilters = { page: 1 };
    if (status !== 'open') next.status = status as StatusFilter;
    if (municipality) next.municipality = municipality;
    if (assigned) next.assigned = assigned as AssignedFilter;
    if (overdue) next.overdue = true;
    if (sort !== 'due') next.sort = sort as CaseSort;
    onApply(next);
  };

  return (
    <form className="schakel-filters schakel-case-filters" noValidate onSubmit={submit} aria-label={t('cases.list.filters.label')}>
      <SelectField
        id="cases-status"
        label={t('cases.list.filters.status')}
        value={status}
        onValue={setStatus}
        choices={statusFilters.map((value) => ({ value, label: value === 'open' || value === 'all' ? t(`cases.list.filters.statuses.${value}`) : t(`cases.statuses.${value}`) }))}
      />
      <SelectField
        id="cases-municipality"
        label={t('cases.list.filters.municipality')}
        value={municipality}
        onValue={setMunicipality}
        placeholder={t('cases.list.filters.allMunicipalities')}
        choices={municipalities.map((m) => ({ value: m.code, label: m.name }))}
      />
      <SelectField
        id="cases-assigned"
        label={t('cases.list.filters.assigned')}
        value={assigned}
        onValue={setAssigned}
        placeholder={t('cases.list.filters.assignedAny')}
        choices={[
          { value: 'me', label: t('cases.list.filters.assignedMe') },
          { value: 'none', label: t('cases.list.filters.assignedNone') },
        ]}
      />
      <SelectField id="cases-sort" label={t('cases.list.filters.sort')} value={sort} onValue={setSort} choices={caseSorts.map((value) => ({ value, label: t(`cases.list.sorts.${value}`) }))} />
      <div className="schakel-case-filters__check">
        <CheckField id="cases-overdue" label={t('cases.list.filters.overdue')} checked={overdue} onToggle={setOverdue} />
      </div>
      <div className="schakel-filters__actions schakel-case-filters__actions">
        <Button type="submit" appearance="primary-action-button">
          {t('cases.list.filters.apply')}
        </Button>
        {hasActiveFilters(filters) || filters.sort ? (
          <Link to={{ search: '' }} className="utrecht-link utrecht-link--html-a">
            {t('cases.list.filters.clear')}
          </Link>
        ) : null}
      </div>
    </form>
  );
}
