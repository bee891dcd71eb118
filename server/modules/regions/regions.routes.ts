import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pageOf, pageQuerySchema } from '@server/core/http/pagination';
import type { AppContext } from '@server/core/module';
import {
  municipalityListSchema,
  municipalityParamsSchema,
  municipalityQuerySchema,
  municipalitySchema,
  organisationListSchema,
  organisationParamsSchema,
  organisationQuerySchema,
  organisationSchema,
  regionListSchema,
  regionParamsSchema,
  regionSchema,
} from './regions.schema';
import * as service from './regions.service';

const tags = ['Reference data'];
/** Public reference data: no log-in needed, no personal data. */
const config = { access: { public: true as const } };

export const regionRoutes =
  ({ config: settings, database }: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = database;

    app.get(
      '/regions',
      {
        config,
        schema: {
          operationId: 'listRegions',
          summary: 'List the regions of this installation',
          tags,
          querystring: pageQuerySchema,
          response: { 200: regionListSchema },
        },
      },
      async (request) => {
        const all = await service.listRegions(db, settings.SCHAKEL_REGION);
        const { page, pageSize } = request.query;
        return pageOf(request, 'regions', all.slice((page - 1) * pageSize, page * pageSize), all.length, request.query);
      },
    );

    app.get(
      '/regions/:code',
      {
        config,
        schema: {
          operationId: 'getRegion',
          summary: 'One region, with its settings',
          tags,
          params: regionParamsSchema,
          response: { 200: regionSchema },
        },
      },
      async (request) => service.getRegion(db, request.params.code, settings.SCHAKEL_REGION),
    );

    app.get(
      '/municipalities',
      {
        config,
        schema: {
          operationId: 'listMunicipalities',
          summary: 'List municipalities with CBS code and inhabitants',
          tags,
          querystring: municipalityQuerySchema,
          response: { 200: municipalityListSchema },
        },
      },
      async (request) => {
        const { items, total } = await service.listMunicipalities(db, request.query);
        return pageOf(request, 'municipalities', items, total, request.query);
      },
    );

    app.get(
      '/municipalities/:code',
      {
        config,
        schema: {
          operationId: 'getMunicipality',
          summary: 'One municipality by CBS code',
          tags,
          params: municipalityParamsSchema,
          response: { 200: municipalitySchema },
        },
      },
      async (request) => service.getMunicipality(db, request.params.code),
    );

    app.get(
      '/organisations',
      {
        config,
        schema: {
          operationId: 'listOrganisations',
          summary: 'List partner organisations',
          tags,
          querystring: organisationQuerySchema,
          response: { 200: organisationListSchema },
        },
      },
      async (request) => {
        const { items, total } = await service.listOrganisations(db, request.query);
        return pageOf(request, 'organisations', items, total, request.query);
      },
    );

    app.get(
      '/organisations/:id',
      {
        config,
        schema: {
          operationId: 'getOrganisation',
          summary: 'One partner organisation',
          tags,
          params: organisationParamsSchema,
          response: { 200: organisationSchema },
        },
      },
      async (request) => service.getOrganisation(db, request.params.id),
    );
  };
