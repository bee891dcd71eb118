import './imports.css';
import type { WebModule } from '@web/core/module';
import { ImportsPage } from './ImportsPage';
import { canImport, importsPath } from './imports.rules';

/** Imports of the anonymous-line exports: the ketenregisseur only (the server checks every request). */
export const importsModule: WebModule = {
  name: 'imports',
  routes: [{ path: importsPath.slice(1), element: <ImportsPage />, access: canImport }],
  navigation: [{ to: importsPath, labelKey: 'nav.imports', descriptionKey: 'imports.summary', visible: canImport }],
};
