import type { WebModule } from '@web/core/module';
import { accessibilityModule } from './accessibility';
import { regionsModule } from './regions';

/** The web modules in navigation order; the same names as the server modules. */
export const modules: readonly WebModule[] = [regionsModule, accessibilityModule];
