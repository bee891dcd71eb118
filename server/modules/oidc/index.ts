import type { SchakelModule } from '@server/core/module';
import { oidcRoutes } from './oidc.routes';

export type { OidcConfiguration } from './oidc.schema';

export const oidcModule: SchakelModule = {
  name: 'oidc',
  routes: oidcRoutes,
};
