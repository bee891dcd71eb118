import { z } from 'zod';

export const accessibilityReportInputSchema = z
  .strictObject({
    description: z
      .string()
      .trim()
      .min(10, 'Describe the problem in at least 10 characters')
      .max(5000)
      .describe('What did not work, and how you use the site (e.g. screen reader, keyboard, zoom)'),
    pagePath: z
      .string()
      .regex(/^\/[^\s?#]*$/, 'A path within Schakel, such as /regio')
      .max(300)
      .optional()
      .describe('The page where it happened (path only, no query string)'),
  })
  .meta({
    id: 'AccessibilityReport',
    examples: [{ description: 'De taalkeuze is met alleen het toetsenbord niet te bereiken.', pagePath: '/regio' }],
  });
export type AccessibilityReportInput = z.infer<typeof accessibilityReportInputSchema>;

export const accessibilityReportReceiptSchema = z
  .object({
    reference: z.string().describe('Quote this reference when you contact us about your report'),
    receivedAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'AccessibilityReportReceipt' });
export type AccessibilityReportReceipt = z.infer<typeof accessibilityReportReceiptSchema>;
