import type { SchakelModule } from '@server/core/module';
import { healthRoutes } from './health.routes';

export const healthModule: SchakelModule = { name: 'health', routes: healthRoutes };
