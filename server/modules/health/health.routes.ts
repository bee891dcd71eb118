import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { databaseAnswers } from '@server/core/db/database';
import { AppError } from '@server/core/errors';
import { problemSchema } from '@server/core/http/problem';
import type { AppContext } from '@server/core/module';

const healthSchema = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });

export const healthRoutes =
  ({ database }: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/health',
      {
        config: { rateLimit: false, access: { public: true } },
        schema: {
          operationId: 'getHealth',
          summary: 'Whether this server and its database answer (for load balancers)',
          tags: ['Platform'],
          response: {
            200: healthSchema,
            503: {
              description: 'The database does not answer',
              content: { 'application/problem+json': { schema: problemSchema } },
            },
          },
        },
      },
      async (_request, reply) => {
        if (!(await databaseAnswers(database.db))) throw new AppError('service.unavailable');
        reply.header('Cache-Control', 'no-store');
        return { status: 'ok' as const };
      },
    );
  };
