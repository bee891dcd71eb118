import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readPersonalData, writeAccessLog } from '@server/core/access/access-log';
import { AppError } from '@server/core/errors';
import { offsetOf, type PageQuery, pageOf, pageQuerySchema } from '@server/core/http/pagination';
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
  type UserFilter,
  userQuerySchema,
  userSchema,
  userSearchSchema,
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

    /** The list and the search answer alike: one page, every account on it logged as read. */
    const listUsers = async (request: FastifyRequest, filter: UserFilter, page: PageQuery) => {
      const { rows, total } = await readPersonalData(
        db,
        request,
        { recordType: 'user', purpose: 'account administration' },
        () => repository.listUsers(db, request.actor!.regionCode, filter, page.pageSize, offsetOf(page)),
        (result) => ({ subjects: result.rows.map((r) => r.id) }),
      );
      return pageOf(request, 'users', rows.map(presentUser), total, page);
    };

    app.get(
      '/users',
      {
        config,
        schema: { operationId: 'listUsers', summary: 'Accounts of your region, by role, municipality and status', tags, querystring: userQuerySchema, response: { 200: userListSchema } },
      },
      async (request) => {
        const { page, pageSize, ...filter } = request.query;
        return listUsers(request, filter, { page, pageSize });
      },
    );

    app.post(
      '/users/_search',
      {
        config,
        schema: {
          operationId: 'searchUsers',
          summary: 'Search the accounts of your region by name or e-mail address (the search text stays out of the URL)',
          tags,
          querystring: pageQuerySchema,
          body: userSearchSchema,
          response: { 200: userListSchema },
        },
      },
      async (request) => listUsers(request, request.body, request.query),
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
