import './cases.css';
import type { WebModule } from '@web/core/module';
import { CasePage } from './CasePage';
import { CasesPage } from './CasesPage';
import { MyWorkCount } from './MyWorkCount';
import { canUseCases, casesPath, myWorkPath, newCasePath, worksCases } from './cases.rules';
import { MyWorkPage } from './MyWorkPage';
import { NewCasePage } from './NewCasePage';

const path = (absolute: string) => absolute.slice(1);

/**
 * Cases (issue #6): the work list with search and bulk actions, starting a case from signals,
 * the case page with its enrichment, assessment, hand-overs, tracks and interventions, and My
 * work. Partners with a grant see only their granted cases; the server decides on every request.
 */
export const casesModule: WebModule = {
  name: 'cases',
  routes: [
    { path: path(casesPath), element: <CasesPage />, access: canUseCases },
    { path: path(newCasePath), element: <NewCasePage />, access: worksCases },
    { path: `${path(casesPath)}/:id`, element: <CasePage />, access: canUseCases },
    { path: path(myWorkPath), element: <MyWorkPage />, access: canUseCases },
  ],
  navigation: [
    { to: casesPath, labelKey: 'cases.nav.cases', descriptionKey: 'cases.list.summary', visible: canUseCases },
    { to: myWorkPath, labelKey: 'cases.nav.myWork', descriptionKey: 'cases.myWork.summaryNav', visible: canUseCases, badge: MyWorkCount },
  ],
};

export { canStartCaseFrom, newCaseFromSignals } from './cases.rules';
export { MyWorkCount } from './MyWorkCount';
