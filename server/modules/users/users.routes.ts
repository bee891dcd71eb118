import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readPersonalData, writeAccessLog } from '@server/core/access/access-log';
import { AppError } from '@server/core/errors';
import { offsetOf, pageOf, pageQuerySchema } from '@server/core/http/pagination';
import type { AppContext } from '@server/core/module';
import * as repository from './users.repository';
import { presentToken, presentUser } from './users.presenter';
import {
  apiTokenCreatedSchema,
  apiTokenCreateSchema,
  apiTokenListSchema,
  userCreatedSchema,
  userCreateSchema,
  userListSchema,
  userParamsSchema,
  userQuerySchema,
  userSchema,
  userUpdateSchema,
} from './users.schema';
import * as service from './users.service';

const tags = ['Accounts'];
/** Account administration: the functioneel beheerder only. */
const config = { access: { roles: ['functioneel-beheerder' as const] } };

export const userRoutes =
  ({ database }: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = database;

    app.get(
      '/users',
      { config, schema: { operationId: 'listUsers', summary: 'Accounts of your region', tags, querystring: userQuerySchema, response: { 200: userListSchema } } },
      async (request) => {
        const actor = request.actor!;
        const { rows, total } = await readPersonalData(
          db,
          request,
          { recordType: 'user', purpose: 'account administration' },
          () => repository.listUsers(db, actor.regionCode, request.query.search, request.query.pageSize, offsetOf(request.query)),
          (result) => ({ subjects: result.rows.map((r) => r.id) }),
        );
        return pageOf(request, 'users', rows.map(presentUser), total, request.query);
      },
    );

    app.post(
      '/users',
      { config, schema: { operationId: 'createUser', summary: 'Create an account (returns a one-time initial password)', tags, body: userCreateSchema, response: { 201: userCreatedSchema } } },
      async (request, reply) => reply.status(201).send(await service.createUser(db, request, request.actor!, request.body)),
    );

    app.get(
      '/users/:id',
      { config, schema: { operationId: 'getUser', summary: 'One account', tags, params: userParamsSchema, response: { 200: userSchema } } },
      async (request) => {
        const row = await readPersonalData(
          db,
          request,
          { recordType: 'user', purpose: 'account administration' },
          () => repository.findUser(db, request.actor!.regionCode, request.params.id),
          () => ({ recordId: request.params.id, subjects: [request.params.id] }),
        );
        if (!row) throw new AppError('route.not-found');
        return presentUser(row);
      },
    );

    app.patch(
      '/users/:id',
      { config, schema: { operationId: 'updateUser', summary: 'Change roles, scope, organisation, name or status', tags, params: userParamsSchema, body: userUpdateSchema, response: { 200: userSchema } } },
      async (request) => service.updateUser(db, request, request.actor!, request.params.id, request.body),
    );

    app.post(
      '/users/:id/second-factor-reset',
      { config, schema: { operationId: 'resetSecondFactor', summary: 'Reset the second factor (the user enrols again at the next log-in)', tags, params: userParamsSchema, response: { 204: z.undefined() } } },
      async (request, reply) => {
        await service.resetSecondFactor(db, request, request.actor!, request.params.id);
        return reply.status(204).send();
      },
    );

    app.get(
      '/api-tokens',
      { config, schema: { operationId: 'listApiTokens', summary: 'API tokens of system integrations in your region', tags, querystring: pageQuerySchema, response: { 200: apiTokenListSchema } } },
      async (request) => {
        const all = (await repository.listTokens(db, request.actor!.regionCode)).map(presentToken);
        const { page, pageSize } = request.query;
        return pageOf(request, 'apiTokens', all.slice((page - 1) * pageSize, page * pageSize), all.length, request.query);
      },
    );

    app.post(
      '/api-tokens',
      { config, schema: { operationId: 'createApiToken', summary: 'Create an API token (shown once)', tags, body: apiTokenCreateSchema, response: { 201: apiTokenCreatedSchema } } },
      async (request, reply) => {
        if (!(await repository.findUser(db, request.actor!.regionCode, request.body.userId))) {
          throw new AppError('request.invalid', { invalidParams: [{ name: 'body.userId', code: 'unknown', reason: 'No account of this region' }] });
        }
        const created = await service.createToken(db, { ...request.body, createdBy: request.actor!.userId });
        await writeAccessLog(db, request, { action: 'create', outcome: 'success', recordType: 'api-token', recordId: created.apiToken.id, subjects: [request.body.userId] });
        reply.header('Cache-Control', 'no-store');
        return reply.status(201).send(created);
      },
    );

    app.delete(
      '/api-tokens/:id',
      { config, schema: { operationId: 'revokeApiToken', summary: 'Revoke an API token', tags, params: userParamsSchema, response: { 204: z.undefined() } } },
      async (request, reply) => {
        if (!(await repository.revokeToken(db, request.actor!.regionCode, request.params.id))) throw new AppError('route.not-found');
        await writeAccessLog(db, request, { action: 'delete', outcome: 'success', recordType: 'api-token', recordId: request.params.id });
        return reply.status(204).send();
      },
    );
  };
