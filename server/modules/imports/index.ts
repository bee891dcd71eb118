import type { SchakelModule } from '@server/core/module';
import { importRoutes } from './imports.routes';

export { importCommand, ImportUsageError, IMPORT_USAGE } from './imports.cli';
export { ImportMappingError, loadMapping, loadMappings } from './imports.mapping';
export type { ImportMapping, ImportSource } from './imports.mapping';

export const importsModule: SchakelModule = { name: 'imports', routes: importRoutes };
