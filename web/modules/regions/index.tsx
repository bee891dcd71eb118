import './regions.css';
import type { WebModule } from '@web/core/module';
import { RegionPage } from './RegionPage';

export const regionsModule: WebModule = {
  name: 'regions',
  routes: [{ path: 'regio', element: <RegionPage /> }],
  navigation: [{ to: '/regio', labelKey: 'nav.region', descriptionKey: 'regions.summary' }],
};

/** For other modules: the region's municipalities and organisations (e.g. for choices in a form). */
export { loadAllOrganisations, loadMunicipalities } from './regions.api';
