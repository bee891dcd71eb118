import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '@server/core/module';
import { accessibilityReportInputSchema, accessibilityReportReceiptSchema } from './accessibility.schema';
import { reportProblem } from './accessibility.service';

export const accessibilityRoutes =
  ({ config, database }: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/accessibility-reports',
      {
        config: { rateLimit: { max: 10, timeWindow: '1 minute' }, access: { public: true } },
        schema: {
          operationId: 'createAccessibilityReport',
          summary: 'Report an accessibility problem (anonymous; no IP address is stored)',
          tags: ['Accessibility'],
          body: accessibilityReportInputSchema,
          response: { 201: accessibilityReportReceiptSchema },
        },
      },
      async (request, reply) => {
        const receipt = await reportProblem(database.db, config.SCHAKEL_REGION, request.body);
        return reply.status(201).send(receipt);
      },
    );
  };
