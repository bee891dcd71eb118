import { describe, expect, it } from 'vitest';
import {
  hasActiveFilters,
  isOrganisationType,
  organisationFiltersSearch,
  organisationTypes,
  parseOrganisationFilters,
  totalInhabitants,
} from './regions.rules';

describe('organisation filters in the URL', () => {
  it('reads type, municipality and page', () => {
    const filters = parseOrganisationFilters(new URLSearchParams('soort=police&gemeente=GM0402&pagina=3'));
    expect(filters).toEqual({ type: 'police', municipality: 'GM0402', page: 3 });
    expect(hasActiveFilters(filters)).toBe(true);
  });

  it('ignores unknown or malformed values instead of sending them to the API', () => {
    expect(parseOrganisationFilters(new URLSearchParams('soort=spy&gemeente=Hilversum&pagina=-2'))).toEqual({ page: 1 });
    expect(parseOrganisationFilters(new URLSearchParams('pagina=1.5'))).toEqual({ page: 1 });
    expect(hasActiveFilters({ page: 4 })).toBe(false);
  });

  it('writes a search string that reads back the same, leaving out defaults', () => {
    const filters = { type: 'shelter', municipality: 'GM1942', page: 2 } as const;
    const search = organisationFiltersSearch(filters);
    expect(search).toBe('?soort=shelter&gemeente=GM1942&pagina=2');
    expect(parseOrganisationFilters(new URLSearchParams(search))).toEqual(filters);
    expect(organisationFiltersSearch({ page: 1 })).toBe('');
  });
});

describe('organisation types', () => {
  it('lists each type once', () => {
    expect(new Set(organisationTypes).size).toBe(organisationTypes.length);
    expect(organisationTypes[0]).toBe('police');
    expect(organisationTypes.every(isOrganisationType)).toBe(true);
    expect(isOrganisationType('toString')).toBe(false);
  });
});

describe('totalInhabitants', () => {
  it('adds up the municipalities', () => {
    const municipality = (inhabitants: number) => ({ code: 'GM0001', name: 'x', inhabitants, region: 'r' });
    expect(totalInhabitants([municipality(94426), municipality(41205)])).toBe(135631);
    expect(totalInhabitants([])).toBe(0);
  });
});
