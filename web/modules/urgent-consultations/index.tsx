import './urgent-consultations.css';
import type { WebModule } from '@web/core/module';
import { CaseConsultationsPage } from './CaseConsultationsPage';
import { ConsultationPage } from './ConsultationPage';
import { MyConsultationsPage } from './MyConsultationsPage';
import { canUseConsultations, myConsultationsPath } from './urgent-consultations.rules';

const path = (absolute: string) => absolute.slice(1);

/**
 * The spoed-MDO: a digital urgent consultation on a case with invited partners (each on a legal
 * basis, with a grant for a few days), a thread of contributions and an advice recorded once.
 */
export const urgentConsultationsModule: WebModule = {
  name: 'urgent-consultations',
  routes: [
    { path: path(myConsultationsPath), element: <MyConsultationsPage />, access: canUseConsultations },
    { path: `${path(myConsultationsPath)}/:id`, element: <ConsultationPage />, access: canUseConsultations },
    { path: 'casussen/:id/spoed-mdo', element: <CaseConsultationsPage />, access: canUseConsultations },
  ],
  navigation: [{ to: myConsultationsPath, labelKey: 'urgentConsultations.nav', descriptionKey: 'urgentConsultations.summary', visible: canUseConsultations }],
};

export { caseConsultationsPath } from './urgent-consultations.rules';
