import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { offsetOf, pageOf } from '@server/core/http/pagination';
import type { AppContext } from '@server/core/module';
import { consultationRoles } from './urgent-consultations.policy';
import * as read from './urgent-consultations.read';
import {
  adviceCreateSchema,
  caseConsultationListSchema,
  caseParamsSchema,
  consultationCreateSchema,
  consultationListQuerySchema,
  consultationParamsSchema,
  consultationSchema,
  contributionCreateSchema,
  myConsultationListSchema,
} from './urgent-consultations.schema';
import * as service from './urgent-consultations.service';

const tags = ['Spoed-MDO'];

/**
 * The spoed-MDO (seed 002, §2.2): a digital urgent consultation on a case with invited partners.
 * Every route is for the roles of the case flow; the case policy and the consultation's need to
 * know decide per record (urgent-consultations.policy.ts), and every refusal is logged.
 */
export const urgentConsultationRoutes =
  ({ config, database }: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = database;
    const access = { access: { roles: consultationRoles } };

    app.post(
      '/cases/:id/urgent-consultations',
      {
        config: access,
        schema: {
          operationId: 'openUrgentConsultation',
          summary: 'Open a spoed-MDO on a case: invited partners get a time-boxed grant and a notice (in the app and by e-mail)',
          tags,
          params: caseParamsSchema,
          body: consultationCreateSchema,
          response: { 201: consultationSchema },
        },
      },
      async (request, reply) => {
        const id = await service.openConsultation(db, config, request, request.params.id, request.body);
        return reply.status(201).header('location', `/api/v1/urgent-consultations/${id}`).send(await read.consultationDetail(db, request, id));
      },
    );

    app.get(
      '/cases/:id/urgent-consultations',
      {
        config: access,
        schema: { operationId: 'listCaseUrgentConsultations', summary: "A case's spoed-MDOs (those the reader may see)", tags, params: caseParamsSchema, response: { 200: caseConsultationListSchema } },
      },
      async (request) => read.consultationsOfCase(db, request, request.params.id),
    );

    app.get(
      '/urgent-consultations',
      {
        config: access,
        schema: {
          operationId: 'listMyUrgentConsultations',
          summary: 'My spoed-MDOs: opened by me, or my organisation invited while its grant runs; open ones first',
          tags,
          querystring: consultationListQuerySchema,
          response: { 200: myConsultationListSchema },
        },
      },
      async (request) => {
        const { items, total } = await read.myConsultations(db, request.actor!, request.query.pageSize, offsetOf(request.query));
        request.noPersonalData = true;
        return pageOf(request, 'consultations', items, total, request.query);
      },
    );

    app.get(
      '/urgent-consultations/:id',
      {
        config: access,
        schema: { operationId: 'getUrgentConsultation', summary: 'One spoed-MDO: question, invitees, the thread, the advice and what I may do', tags, params: consultationParamsSchema, response: { 200: consultationSchema } },
      },
      async (request) => read.consultationDetail(db, request, request.params.id),
    );

    app.post(
      '/urgent-consultations/:id/contributions',
      {
        config: access,
        schema: {
          operationId: 'addUrgentConsultationContribution',
          summary: 'Add to the thread of an open spoed-MDO (append-only)',
          tags,
          params: consultationParamsSchema,
          body: contributionCreateSchema,
          response: { 201: consultationSchema },
        },
      },
      async (request, reply) => {
        await service.contribute(db, request, request.params.id, request.body);
        return reply.status(201).send(await read.consultationDetail(db, request, request.params.id));
      },
    );

    app.post(
      '/urgent-consultations/:id/advice',
      {
        config: access,
        schema: {
          operationId: 'recordUrgentConsultationAdvice',
          summary: 'Record the advice of a spoed-MDO (once; the thread closes)',
          tags,
          params: consultationParamsSchema,
          body: adviceCreateSchema,
          response: { 201: consultationSchema },
        },
      },
      async (request, reply) => {
        await service.advise(db, request, request.params.id, request.body);
        return reply.status(201).send(await read.consultationDetail(db, request, request.params.id));
      },
    );

    app.post(
      '/urgent-consultations/:id/closure',
      {
        config: access,
        schema: {
          operationId: 'closeUrgentConsultationSharing',
          summary: "End the invited partners' access to the case now instead of at grantUntil",
          tags,
          params: consultationParamsSchema,
          response: { 200: consultationSchema },
        },
      },
      async (request) => {
        await service.closeSharing(db, request, request.params.id);
        return read.consultationDetail(db, request, request.params.id);
      },
    );
  };
