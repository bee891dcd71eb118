import './weegtafel.css';
import type { WebModule } from '@web/core/module';
import { LegalBasesPage } from './LegalBasesPage';
import { NewSessionPage } from './NewSessionPage';
import { SessionPage } from './SessionPage';
import { SessionsPage } from './SessionsPage';
import { canSeeLegalBases, canUseTable, isChair, legalBasesPath, newSessionPath, sessionsPath } from './weegtafel.rules';

const path = (absolute: string) => absolute.slice(1);

/**
 * The weeg- en monitortafel: sessions, their agenda, invitations on a legal basis, attendance,
 * decisions that open tracks, and minutes that are confirmed once and then only amended.
 * Chairs (ketenregisseur, procesregisseur) compose and record; invited partners read while
 * their invitation runs. The server decides again on every request.
 */
export const weegtafelModule: WebModule = {
  name: 'weegtafel',
  routes: [
    { path: path(sessionsPath), element: <SessionsPage />, access: canUseTable },
    { path: path(newSessionPath), element: <NewSessionPage />, access: isChair },
    { path: path(legalBasesPath), element: <LegalBasesPage />, access: canSeeLegalBases },
    { path: `${path(sessionsPath)}/:id`, element: <SessionPage />, access: canUseTable },
  ],
  navigation: [{ to: sessionsPath, labelKey: 'weegtafel.nav.sessions', descriptionKey: 'weegtafel.nav.summary', visible: canUseTable }],
};

// For the spoed-MDO screens, which invite partners on a legal basis in the same way.
export { useLegalBasisLabel, useOrganisations, useRegionLegalBases } from './useTableChoices';
export { casePath } from './weegtafel.rules';
