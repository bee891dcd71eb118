import type { SchakelModule } from '@server/core/module';
import { grantRoutes } from './grants.routes';

export type { Grant } from './grants.schema';

export const grantsModule: SchakelModule = { name: 'grants', routes: grantRoutes };
