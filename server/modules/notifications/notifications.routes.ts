import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { offsetOf, pageOf, pageQuerySchema } from '@server/core/http/pagination';
import type { AppContext } from '@server/core/module';
import { notificationListSchema, notificationParamsSchema, notificationSchema, notificationUpdateSchema } from './notifications.schema';
import * as service from './notifications.service';

const tags = ['Notifications'];

/** Every staff account has its own notices; nobody reads another's (the query is by the session's user). */
export const notificationRoutes =
  ({ database }: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = database;
    app.get(
      '/notifications',
      {
        config: { access: { roles: 'any' } },
        schema: { operationId: 'listNotifications', summary: 'My notices: newest first, with the number unread', tags, querystring: pageQuerySchema, response: { 200: notificationListSchema } },
      },
      async (request) => {
        const { items, total, unread } = await service.myNotifications(db, request.actor!.userId, request.query.pageSize, offsetOf(request.query));
        request.noPersonalData = true;
        return { ...pageOf(request, 'notifications', items, total, request.query), unread };
      },
    );
    app.patch(
      '/notifications/:id',
      {
        config: { access: { roles: 'any' } },
        schema: { operationId: 'markNotificationRead', summary: 'Mark one of my notices as read', tags, params: notificationParamsSchema, body: notificationUpdateSchema, response: { 200: notificationSchema } },
      },
      async (request) => service.markRead(db, request.actor!.userId, request.params.id),
    );
  };
