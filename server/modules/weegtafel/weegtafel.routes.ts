import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageOf } from '@server/core/http/pagination';
import type { AppContext } from '@server/core/module';
import { loadSession } from './weegtafel.access';
import * as agenda from './weegtafel.agenda';
import { sessionDocument } from './weegtafel.documents';
import * as invitations from './weegtafel.invitations';
import { chairRoles, legalBasisRoles, tableRoles } from './weegtafel.policy';
import {
  agendaBulkSchema,
  agendaItemCreateSchema,
  agendaItemUpdateSchema,
  amendmentCreateSchema,
  attendanceSchema,
  bulkResultSchema,
  candidateListSchema,
  createdSchema,
  decisionCreatedSchema,
  decisionCreateSchema,
  invitationCreateSchema,
  invitationParamsSchema,
  itemParamsSchema,
  legalBasisListSchema,
  legalBasisUpdateSchema,
  minutesConfirmationSchema,
  organisationParamsSchema,
  sessionCreatedSchema,
  sessionCreateSchema,
  sessionListSchema,
  sessionParamsSchema,
  sessionQuerySchema,
  sessionSchema,
  sessionUpdateSchema,
} from './weegtafel.schema';
import * as sessions from './weegtafel.sessions';
import { presentSession, presentSessionSummary } from './weegtafel.presenter';
import { sessionView } from './weegtafel.view';

const tags = ['Weeg- en monitortafel'];
const chairs = { access: { roles: chairRoles } };
const members = { access: { roles: tableRoles } };
const pdf = { 200: { description: 'A PDF for this recipient: only what they may see, marked confidential on every page', content: { 'application/pdf': { schema: z.custom<Buffer>((v) => Buffer.isBuffer(v)).describe('The PDF document (binary)') } } } };

export const weegtafelRoutes =
  ({ database }: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = database;

    app.get(
      '/table-sessions',
      { config: members, schema: { operationId: 'listTableSessions', summary: 'Sessions of the table: chairs see all of the region, partners those their organisation is invited to (while the invitation runs)', tags, querystring: sessionQuerySchema, response: { 200: sessionListSchema } } },
      async (request) => {
        const { rows, total } = await sessions.listSessions(db, request, request.query);
        return pageOf(request, 'sessions', rows.map(presentSessionSummary), total, request.query);
      },
    );

    app.post(
      '/table-sessions',
      { config: chairs, schema: { operationId: 'createTableSession', summary: 'Plan a session of the table', tags, body: sessionCreateSchema, response: { 201: sessionCreatedSchema } } },
      async (request, reply) => reply.status(201).send(await sessions.createSession(db, request, request.body)),
    );

    app.get(
      '/table-sessions/:id',
      { config: members, schema: { operationId: 'getTableSession', summary: 'A session with its agenda (per case only what you may see), open tracks, invitations, attendance, decisions and amendments', tags, params: sessionParamsSchema, response: { 200: sessionSchema } } },
      async (request, reply) => {
        const loaded = await loadSession(db, request, request.params.id, 'read');
        return reply.header('cache-control', 'private, no-store').send(presentSession(await sessionView(db, request, loaded, 'read')));
      },
    );

    app.patch(
      '/table-sessions/:id',
      { config: chairs, schema: { operationId: 'updateTableSession', summary: 'Move, rename, mark held or cancel a session (grants move or end with it)', tags, params: sessionParamsSchema, body: sessionUpdateSchema, response: { 204: z.undefined() } } },
      async (request, reply) => {
        await sessions.updateSession(db, request, request.params.id, request.body);
        return reply.status(204).send();
      },
    );

    app.get(
      '/table-sessions/:id/agenda-candidates',
      { config: chairs, schema: { operationId: 'listAgendaCandidates', summary: 'Cases put forward or under monitoring that are not on this agenda yet, with overdue actions', tags, params: sessionParamsSchema, response: { 200: candidateListSchema } } },
      async (request) => agenda.agendaCandidates(db, request, request.params.id),
    );

    app.post(
      '/table-sessions/:id/agenda-items',
      { config: chairs, schema: { operationId: 'addAgendaItem', summary: 'Put a case on the agenda (the invited partners get a grant on it)', tags, params: sessionParamsSchema, body: agendaItemCreateSchema, response: { 201: createdSchema } } },
      async (request, reply) => reply.status(201).send({ id: await agenda.addAgendaItem(db, request, request.params.id, request.body.caseId, request.body.kind) }),
    );

    app.post(
      '/table-sessions/:id/agenda-items/_bulk',
      { config: chairs, schema: { operationId: 'addAgendaItems', summary: 'Put several cases on the agenda; each authorized and logged on its own', tags, params: sessionParamsSchema, body: agendaBulkSchema, response: { 200: bulkResultSchema } } },
      async (request) => agenda.addAgendaItems(db, request, request.params.id, request.body.caseIds, request.body.kind),
    );

    app.patch(
      '/table-sessions/:id/agenda-items/:itemId',
      { config: chairs, schema: { operationId: 'updateAgendaItem', summary: 'Record the discussion summary of a case (not after the minutes are confirmed)', tags, params: itemParamsSchema, body: agendaItemUpdateSchema, response: { 204: z.undefined() } } },
      async (request, reply) => {
        await agenda.updateSummary(db, request, request.params.id, request.params.itemId, request.body.summary);
        return reply.status(204).send();
      },
    );

    app.delete(
      '/table-sessions/:id/agenda-items/:itemId',
      { config: chairs, schema: { operationId: 'removeAgendaItem', summary: 'Take a case off the agenda (the grants the invitations gave on it end)', tags, params: itemParamsSchema, response: { 204: z.undefined() } } },
      async (request, reply) => {
        await agenda.removeAgendaItem(db, request, request.params.id, request.params.itemId);
        return reply.status(204).send();
      },
    );

    app.post(
      '/table-sessions/:id/invitations',
      { config: chairs, schema: { operationId: 'inviteToTableSession', summary: 'Invite an organisation: a time-boxed grant on the agenda’s cases, on its legal basis', tags, params: sessionParamsSchema, body: invitationCreateSchema, response: { 201: createdSchema } } },
      async (request, reply) => reply.status(201).send({ id: await invitations.invite(db, request, request.params.id, request.body) }),
    );

    app.delete(
      '/table-sessions/:id/invitations/:invitationId',
      { config: chairs, schema: { operationId: 'withdrawTableInvitation', summary: 'Withdraw an invitation; its grants end now', tags, params: invitationParamsSchema, response: { 204: z.undefined() } } },
      async (request, reply) => {
        await invitations.uninvite(db, request, request.params.id, request.params.invitationId);
        return reply.status(204).send();
      },
    );

    app.put(
      '/table-sessions/:id/attendance',
      { config: chairs, schema: { operationId: 'recordTableAttendance', summary: 'Record which organisations attended', tags, params: sessionParamsSchema, body: attendanceSchema, response: { 204: z.undefined() } } },
      async (request, reply) => {
        await sessions.recordAttendance(db, request, request.params.id, request.body.entries);
        return reply.status(204).send();
      },
    );

    app.post(
      '/table-sessions/:id/decisions',
      { config: chairs, schema: { operationId: 'recordTableDecision', summary: 'Record a decision on a case (append-only), opening its tracks in the same transaction', tags, params: sessionParamsSchema, body: decisionCreateSchema, response: { 201: decisionCreatedSchema } } },
      async (request, reply) => reply.status(201).send(await agenda.recordDecision(db, request, request.params.id, request.body)),
    );

    app.post(
      '/table-sessions/:id/minutes-confirmation',
      { config: chairs, schema: { operationId: 'confirmTableMinutes', summary: 'Confirm the minutes (after the session, with attendance); from then on only amendments', tags, params: sessionParamsSchema, body: minutesConfirmationSchema, response: { 204: z.undefined() } } },
      async (request, reply) => {
        await sessions.confirmMinutes(db, request, request.params.id, request.body.version);
        return reply.status(204).send();
      },
    );

    app.post(
      '/table-sessions/:id/amendments',
      { config: chairs, schema: { operationId: 'amendTableMinutes', summary: 'Add a visible amendment to confirmed minutes (append-only)', tags, params: sessionParamsSchema, body: amendmentCreateSchema, response: { 201: createdSchema } } },
      async (request, reply) => reply.status(201).send({ id: await sessions.addAmendment(db, request, request.params.id, request.body.text) }),
    );

    for (const which of ['agenda', 'minutes'] as const) {
      app.get(
        `/table-sessions/:id/${which}-document`,
        {
          config: { ...members, produces: ['application/pdf'] },
          schema: { operationId: which === 'agenda' ? 'getTableAgendaDocument' : 'getTableMinutesDocument', summary: `The ${which} as PDF, for you: only what you may see`, tags, params: sessionParamsSchema, response: pdf },
        },
        async (request, reply) => {
          const { reference, pdf: body } = await sessionDocument(db, request, request.params.id, which);
          return reply
            .type('application/pdf')
            .header('Content-Disposition', `attachment; filename="${which === 'agenda' ? 'agenda' : 'verslag'}-${reference}.pdf"`)
            .header('Cache-Control', 'private, no-store')
            .send(body);
        },
      );
    }

    app.get(
      '/partner-legal-bases',
      { config: { access: { roles: legalBasisRoles } }, schema: { operationId: 'listPartnerLegalBases', summary: 'The legal bases the organisations of the region recorded for sharing at the table', tags, response: { 200: legalBasisListSchema } } },
      async (request) => invitations.listLegalBases(db, request),
    );

    app.put(
      '/partner-legal-bases/:organisationId',
      {
        config: { access: { roles: legalBasisRoles } },
        schema: { operationId: 'recordPartnerLegalBasis', summary: 'Record the legal basis of an organisation (your own; the ketenregisseur: any of the region)', tags, params: organisationParamsSchema, body: legalBasisUpdateSchema, response: { 204: z.undefined() } },
      },
      async (request, reply) => {
        await invitations.recordLegalBasis(db, request, request.params.organisationId, request.body);
        return reply.status(204).send();
      },
    );
  };
