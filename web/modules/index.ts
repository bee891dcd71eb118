import type { WebModule } from '@web/core/module';
import { accessibilityModule } from './accessibility';
import { identityModule } from './identity';
import { regionsModule } from './regions';
import { usersModule } from './users';

/** The web modules in navigation order; the same names as the server modules. */
export const modules: readonly WebModule[] = [regionsModule, usersModule, identityModule, accessibilityModule];
