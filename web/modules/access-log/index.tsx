import './access-log.css';
import { visibleWhen } from '@web/core/access';
import type { WebModule } from '@web/core/module';
import { AccessLogPage } from './AccessLogPage';

const accessLogPath = '/privacy/toegangslog';

/** The access log: the privacy officer (FG) only (the server checks every request). */
export const accessLogModule: WebModule = {
  name: 'access-log',
  routes: [{ path: accessLogPath.slice(1), element: <AccessLogPage />, access: visibleWhen.readAccessLog }],
  navigation: [{ to: accessLogPath, labelKey: 'nav.accessLog', descriptionKey: 'accessLog.summary', visible: visibleWhen.readAccessLog }],
};
