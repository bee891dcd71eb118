import type { SchakelModule } from '@server/core/module';
import { weegtafelRoutes } from './weegtafel.routes';

/** The regional weeg- en monitortafel (issue #6): sessions, agenda, invitations with time-boxed grants, decisions, minutes. */
export { CONFIDENTIAL, WITHHELD } from './weegtafel.documents';
export const weegtafelModule: SchakelModule = { name: 'weegtafel', routes: weegtafelRoutes };
