import type { SchakelModule } from '@server/core/module';
import { caseRoutes } from './cases.routes';
import { casesDemo } from './cases.demo';

/** What other modules may use of cases (never the repositories). */
export { authorizedCase, groupsFor, settingsOf } from './cases.access';
export type { AuthorizedCase, RegionSettings } from './cases.access';
export { caseRef, caseRules, extendCaseAccess, findCaseRefs, grantCaseAccess, recordCaseEvent, revokeCaseAccess, touchCaseFromTable } from './cases.grants';
export type { CaseGrantInput } from './cases.grants';
export { openTrack } from './cases.tracks';
export type { OpenTrackInput } from './cases.tracks';
export { caseRoles, caseWorkerRoles, trackKinds } from './cases.catalogue';

export const casesModule: SchakelModule = {
  name: 'cases',
  routes: caseRoutes,
  demo: {
    sizes: {
      cases: { default: 40, description: 'fictional cases per region with sessions, tracks and actions; from 1000 up the total over all regions, 40 per region told in full and the rest made in bulk (benchmark)' },
      'access-log': { default: 0, description: 'fictional access-log rows, sealed into the hash chain as they are written (benchmark)' },
    },
    run: casesDemo,
  },
};
