import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageOf } from '@server/core/http/pagination';
import type { AppContext } from '@server/core/module';
import { dutyRoles, rosterManagers } from './alerts.policy';
import { alertSettingsOf, configureAlerts } from './alerts.raise';
import * as roster from './alerts.roster';
import {
  alertAcknowledgementSchema,
  alertListSchema,
  alertQuerySchema,
  idParamsSchema,
  onCallCandidateListSchema,
  onCallCandidateQuerySchema,
  onCallGapListSchema,
  onCallGapQuerySchema,
  onCallNowSchema,
  onCallShiftCreateSchema,
  onCallShiftListSchema,
  onCallShiftQuerySchema,
  onCallShiftSchema,
  onCallShiftUpdateSchema,
} from './alerts.schema';
import * as service from './alerts.service';

const rosterTags = ['Reachability roster'];
const alertTags = ['Alerts'];
const managers = { access: { roles: rosterManagers } };
const onDuty = { access: { roles: dutyRoles } };

export const alertRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = context.database;
    // The signal hook raises alerts wherever signals are recorded; it takes its settings from here.
    configureAlerts(alertSettingsOf(context.config));

    app.get(
      '/on-call-shifts',
      { config: managers, schema: { operationId: 'listOnCallShifts', summary: 'The reachability roster: shifts in a period', tags: rosterTags, querystring: onCallShiftQuerySchema, response: { 200: onCallShiftListSchema } } },
      async (request) => {
        const { shifts, total } = await roster.listShifts(db, request, request.actor!, request.query);
        return pageOf(request, 'onCallShifts', shifts, total, request.query);
      },
    );

    app.get(
      '/on-call-shifts/current',
      { config: { access: { roles: 'any' } }, schema: { operationId: 'getOnCallNow', summary: 'Who is on call now', tags: rosterTags, response: { 200: onCallNowSchema } } },
      async (request) => roster.onCallNow(db, request, request.actor!),
    );

    app.post(
      '/on-call-shifts',
      { config: managers, schema: { operationId: 'createOnCallShift', summary: 'Put someone on call for a period', tags: rosterTags, body: onCallShiftCreateSchema, response: { 201: onCallShiftSchema } } },
      async (request, reply) => reply.status(201).send(await roster.createShift(db, request, request.actor!, request.body)),
    );

    app.get(
      '/on-call-shifts/:id',
      { config: managers, schema: { operationId: 'getOnCallShift', summary: 'One shift', tags: rosterTags, params: idParamsSchema, response: { 200: onCallShiftSchema } } },
      async (request) => roster.getShift(db, request, request.actor!, request.params.id),
    );

    app.patch(
      '/on-call-shifts/:id',
      { config: managers, schema: { operationId: 'updateOnCallShift', summary: 'Change a shift (only the fields sent)', tags: rosterTags, params: idParamsSchema, body: onCallShiftUpdateSchema, response: { 200: onCallShiftSchema } } },
      async (request) => roster.updateShift(db, request, request.actor!, request.params.id, request.body),
    );

    app.delete(
      '/on-call-shifts/:id',
      { config: managers, schema: { operationId: 'deleteOnCallShift', summary: 'Remove a shift (alerts already sent keep their recipients)', tags: rosterTags, params: idParamsSchema, response: { 204: z.undefined() } } },
      async (request, reply) => {
        await roster.deleteShift(db, request, request.actor!, request.params.id);
        return reply.status(204).send();
      },
    );

    app.get(
      '/on-call-gaps',
      { config: managers, schema: { operationId: 'listOnCallGaps', summary: 'Periods in which nobody is on call (at most 92 days)', tags: rosterTags, querystring: onCallGapQuerySchema, response: { 200: onCallGapListSchema } } },
      async (request) => {
        const from = new Date(request.query.from);
        const until = new Date(request.query.until);
        return { from: from.toISOString(), until: until.toISOString(), _embedded: { gaps: await roster.gaps(db, request.actor!, from, until) } };
      },
    );

    app.get(
      '/on-call-candidates',
      { config: managers, schema: { operationId: 'listOnCallCandidates', summary: 'Accounts that can be put on call (active, with a duty role)', tags: rosterTags, querystring: onCallCandidateQuerySchema, response: { 200: onCallCandidateListSchema } } },
      async (request) => {
        const { rows, total } = await roster.candidates(db, request, request.actor!, request.query);
        const people = rows.map((r) => ({ id: r.id, displayName: r.display_name, email: r.email, organisation: { id: r.organisation_id, name: r.organisation_name }, roles: r.roles as (typeof dutyRoles)[number][] }));
        return pageOf(request, 'people', people, total, request.query);
      },
    );

    app.get(
      '/alerts',
      { config: onDuty, schema: { operationId: 'listAlerts', summary: 'Acute alerts: open ones (default) or all, newest first', tags: alertTags, querystring: alertQuerySchema, response: { 200: alertListSchema } } },
      async (request) => {
        const { alerts, total } = await service.listAlerts(db, request, request.actor!, request.query);
        return pageOf(request, 'alerts', alerts, total, request.query);
      },
    );

    app.post(
      '/alerts/:id/acknowledgements',
      {
        config: onDuty,
        schema: {
          operationId: 'acknowledgeAlert',
          summary: '“I’m on it”: acknowledge an alert (201; 200 when you already had)',
          tags: alertTags,
          params: idParamsSchema,
          response: { 200: alertAcknowledgementSchema, 201: alertAcknowledgementSchema },
        },
      },
      async (request, reply) => {
        const { acknowledgement, created } = await service.acknowledge(db, request, request.actor!, request.params.id);
        return reply.status(created ? 201 : 200).send(acknowledgement);
      },
    );
  };
