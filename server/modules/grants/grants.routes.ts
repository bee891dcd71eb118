import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pageOf } from '@server/core/http/pagination';
import type { AppContext } from '@server/core/module';
import * as repository from './grants.repository';
import { grantCreateSchema, grantListSchema, grantParamsSchema, grantQuerySchema, grantSchema, legalBasisListSchema } from './grants.schema';
import * as service from './grants.service';

const tags = ['Access'];
/** Granting need-to-know access: the chain director and the process director; the FG may look. */
const grantors = { access: { roles: ['ketenregisseur' as const, 'procesregisseur' as const] } };
const viewers = { access: { roles: ['ketenregisseur' as const, 'procesregisseur' as const, 'privacy-officer' as const] } };

export const grantRoutes =
  ({ database }: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = database;

    app.get(
      '/legal-bases',
      { config: { access: { roles: 'any' } }, schema: { operationId: 'listLegalBases', summary: 'Legal bases that can be recorded on a grant', tags, response: { 200: legalBasisListSchema } } },
      async (request) => ({ _embedded: { legalBases: await service.legalBases(db, request.actor!.regionCode) } }),
    );

    app.get(
      '/grants',
      { config: viewers, schema: { operationId: 'listGrants', summary: 'Grants on one record', tags, querystring: grantQuerySchema, response: { 200: grantListSchema } } },
      async (request) => {
        const rows = await repository.listGrants(db, request.actor!.regionCode, request.query.recordType, request.query.recordId);
        const grants = rows.map((r) => service.presentGrant(r));
        return pageOf(request, 'grants', grants, grants.length, { page: 1, pageSize: Math.max(1, grants.length) });
      },
    );

    app.post(
      '/grants',
      { config: grantors, schema: { operationId: 'createGrant', summary: 'Give need-to-know access to one record', tags, body: grantCreateSchema, response: { 201: grantSchema } } },
      async (request, reply) => reply.status(201).send(await service.createGrant(db, request, request.actor!, request.body)),
    );

    app.delete(
      '/grants/:id',
      { config: grantors, schema: { operationId: 'revokeGrant', summary: 'Revoke a grant (it stops working at once)', tags, params: grantParamsSchema, response: { 200: grantSchema } } },
      async (request) => service.revokeGrant(db, request, request.actor!, request.params.id),
    );
  };
