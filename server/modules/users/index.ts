import type { SchakelModule } from '@server/core/module';
import { userRoutes } from './users.routes';

export { createToken } from './users.service';
export type { User } from './users.schema';

export const usersModule: SchakelModule = { name: 'users', routes: userRoutes };
