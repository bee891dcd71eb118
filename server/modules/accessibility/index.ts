import type { SchakelModule } from '@server/core/module';
import { accessibilityRoutes } from './accessibility.routes';

export const accessibilityModule: SchakelModule = { name: 'accessibility', routes: accessibilityRoutes };
