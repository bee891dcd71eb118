import './accessibility.css';
import type { WebModule } from '@web/core/module';
import { AccessibilityPage } from './AccessibilityPage';

const statement = { to: '/toegankelijkheid', labelKey: 'nav.accessibility', descriptionKey: 'accessibility.summary' } as const;

export const accessibilityModule: WebModule = {
  name: 'accessibility',
  routes: [{ path: 'toegankelijkheid', element: <AccessibilityPage /> }],
  navigation: [statement],
  footer: [{ to: statement.to, labelKey: 'footer.accessibility' }],
};
