import './meldpunt-public.css';
import { visibleWhen } from '@web/core/access';
import type { WebModule } from '@web/core/module';
import { FollowUpPage } from './FollowUpPage';
import { ReportPage } from './ReportPage';

/**
 * The public meldpunt: report exploitation without an account (in seven languages), and follow
 * a report with its reference and follow-up code. The staff side lives in the signals module.
 */
export const meldpuntPublicModule: WebModule = {
  name: 'meldpunt-public',
  routes: [
    { path: 'melden', element: <ReportPage /> },
    { path: 'melden/volgen', element: <FollowUpPage /> },
  ],
  navigation: [{ to: '/melden', labelKey: 'nav.report', descriptionKey: 'home.report.summary', visible: visibleWhen.signedOut }],
};
