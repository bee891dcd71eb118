import type { SchakelModule } from '@server/core/module';
import { regionDemo } from './regions.demo';
import { regionRoutes } from './regions.routes';

export { loadRegions, readRegionFiles, RegionConfigError } from './regions.service';
export type { CaseFieldGroup, Municipality, Organisation, OrganisationType, Region } from './regions.schema';
export { caseFieldGroups, caseFieldGroupSchema, regionSettingsSchema } from './regions.schema';

export const regionsModule: SchakelModule = {
  name: 'regions',
  routes: regionRoutes,
  demo: {
    sizes: { organisations: { default: 12, description: 'fictional partner organisations per region' } },
    run: regionDemo,
  },
};
