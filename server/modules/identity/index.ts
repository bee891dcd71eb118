import type { SchakelModule } from '@server/core/module';
import { identityDemo } from './identity.demo';
import { identityRoutes } from './identity.routes';

export type { CurrentSession, Me, SessionState, SessionStatus, UserSession } from './identity.schema';

export const identityModule: SchakelModule = {
  name: 'identity',
  routes: identityRoutes,
  demo: { sizes: {}, run: identityDemo },
};
