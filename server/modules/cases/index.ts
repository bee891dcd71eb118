import type { SchakelModule } from '@server/core/module';
import { caseRoutes } from './cases.routes';

/** What other modules may use of cases (never the repositories). */
export { authorizedCase, groupsFor, settingsOf } from './cases.access';
export type { AuthorizedCase, RegionSettings } from './cases.access';
export { caseRef, caseRules, extendCaseAccess, findCaseRefs, grantCaseAccess, recordCaseEvent, revokeCaseAccess, touchCaseFromTable } from './cases.grants';
export type { CaseGrantInput } from './cases.grants';
export { openTrack } from './cases.tracks';
export { getCase, CASE_PURPOSE } from './cases.service';
export type { OpenTrackInput } from './cases.tracks';
export { caseRoles, caseWorkerRoles, caseGranteeRoles, trackKinds } from './cases.catalogue';

export const casesModule: SchakelModule = { name: 'cases', routes: caseRoutes };
