import type {
  AccessibilityReportInput,
  AccessibilityReportReceipt,
} from '@server/modules/accessibility/accessibility.schema';
import { apiRequest, apiUrl } from '@web/core/api/client';

export async function submitAccessibilityReport(input: AccessibilityReportInput): Promise<AccessibilityReportReceipt> {
  return apiRequest<AccessibilityReportReceipt>(apiUrl('/accessibility-reports'), { method: 'POST', body: input });
}
