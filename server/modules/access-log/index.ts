import type { SchakelModule } from '@server/core/module';
import { accessLogRoutes } from './access-log.routes';

export const accessLogModule: SchakelModule = { name: 'access-log', routes: accessLogRoutes };
