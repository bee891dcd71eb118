import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageOf, pageQuerySchema } from '@server/core/http/pagination';
import type { AppContext } from '@server/core/module';
import { mayRead, settingsOf } from './cases.access';
import * as bulk from './cases.bulk';
import { actionStatuses, caseAssessments, caseRoles, caseStatuses, caseWorkerRoles, closeReasonCodes, interventionAuthorities, trackKinds, trackMeasures } from './cases.catalogue';
import * as lists from './cases.lists';
import {
  actionCreateSchema,
  actionParamsSchema,
  actionUpdateSchema,
  assessmentCreateSchema,
  bulkResultSchema,
  caseAssigneesSchema,
  caseBulkSchema,
  caseCatalogueSchema,
  caseCreateSchema,
  caseExportSchema,
  caseListSchema,
  caseParamsSchema,
  caseQuerySchema,
  caseSchema,
  caseSearchSchema,
  caseSignalJoinSchema,
  caseTimelineSchema,
  caseUpdateSchema,
  closureCreateSchema,
  consultationCreateSchema,
  handoverCreateSchema,
  handoverDecisionSchema,
  handoverParamsSchema,
  interventionCreateSchema,
  myWorkCountsSchema,
  myWorkSchema,
  sourceCheckCreateSchema,
  trackCloseSchema,
  trackCreateSchema,
  trackParamsSchema,
} from './cases.schema';
import * as service from './cases.service';
import * as tracks from './cases.tracks';
import * as work from './cases.work';

const tags = ['Cases'];
const createdSchema = z.object({ id: z.uuid(), reference: z.string() }).meta({ id: 'CaseCreated' });

export const caseRoutes =
  ({ config, database }: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = database;
    // Record routes: any account reaches the central policy, which decides per case and logs every refusal with its id.
    const recordAccess = { access: { roles: 'any' as const } };
    const listAccess = { access: { roles: [...caseRoles] } };
    const get = (request: Parameters<typeof service.getCase>[1], id: string) => service.getCase(db, request, id);

    app.get(
      '/case-catalogue',
      { config: listAccess, schema: { operationId: 'getCaseCatalogue', summary: 'Statuses, decisions, track kinds, close reasons, the region’s sources and deadlines', tags, response: { 200: caseCatalogueSchema } } },
      async (request) => {
        const settings = await settingsOf(db, request.actor!.regionCode);
        return {
          statuses: [...caseStatuses],
          assessments: [...caseAssessments],
          closeReasonCodes: [...closeReasonCodes],
          trackKinds: [...trackKinds],
          trackMeasures: [...trackMeasures],
          interventionAuthorities: [...interventionAuthorities],
          sources: settings.caseSources,
          deadlines: settings.caseDeadlines,
          actionStatuses: [...actionStatuses],
        };
      },
    );

    app.get(
      '/cases',
      { config: listAccess, schema: { operationId: 'listCases', summary: 'The work list: cases the user may see, nearest deadline first', tags, querystring: caseQuerySchema, response: { 200: caseListSchema } } },
      async (request) => {
        const { items, total } = await lists.workList(db, request, request.query);
        return pageOf(request, 'cases', items, total, request.query);
      },
    );

    app.post(
      '/cases/_search',
      {
        config: listAccess,
        schema: { operationId: 'searchCases', summary: 'Search cases by reference, title and filters (the text in the body, never in a URL)', tags, querystring: pageQuerySchema, body: caseSearchSchema, response: { 200: caseListSchema } },
      },
      async (request) => {
        const { items, total, capped } = await lists.searchCases(db, request, request.body, request.query);
        return pageOf(request, 'cases', items, total, request.query, { capped });
      },
    );

    app.post(
      '/cases',
      { config: { access: { roles: [...caseWorkerRoles] } }, schema: { operationId: 'createCase', summary: 'Start a case from one or more signals', tags, body: caseCreateSchema, response: { 201: createdSchema } } },
      async (request, reply) => reply.status(201).send(await service.createCase(db, request, request.body)),
    );

    app.post(
      '/cases/_bulk',
      { config: { access: { roles: [...caseWorkerRoles] } }, schema: { operationId: 'bulkCaseAction', summary: 'Assign or close selected cases; each authorized and logged on its own', tags, body: caseBulkSchema, response: { 200: bulkResultSchema } } },
      async (request) => bulk.bulkAction(db, request, request.body),
    );

    app.post(
      '/cases/_export',
      {
        config: { access: { roles: [...caseWorkerRoles] }, produces: ['text/csv'] },
        schema: {
          operationId: 'exportCases',
          summary: 'The selected cases as CSV (semicolon, UTF-8); each authorized for export and logged on its own',
          tags,
          description: 'Answers text/csv (a download) with X-Exported-Count and X-Refused-Count.',
          body: caseExportSchema,
        },
      },
      async (request, reply) => {
        const { csv, exported, refused } = await bulk.exportCases(db, request, request.body);
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="casussen-${new Date().toISOString().slice(0, 10)}.csv"`)
          .header('cache-control', 'private, no-store')
          .header('x-exported-count', String(exported))
          .header('x-refused-count', String(refused.length))
          .send(csv);
      },
    );

    app.get(
      '/cases/:id',
      { config: recordAccess, schema: { operationId: 'getCase', summary: 'One case: the parts the user may see, and what they may do', tags, params: caseParamsSchema, response: { 200: caseSchema } } },
      async (request) => get(request, request.params.id),
    );

    app.patch(
      '/cases/:id',
      { config: recordAccess, schema: { operationId: 'updateCase', summary: 'Change title, summary, forms, involved municipalities or assignee (optimistic concurrency)', tags, params: caseParamsSchema, body: caseUpdateSchema, response: { 200: caseSchema } } },
      async (request) => {
        await service.changeCase(db, request, request.params.id, request.body);
        return get(request, request.params.id);
      },
    );

    const sub = <B extends z.ZodType>(path: string, operationId: string, summary: string, body: B, run: (request: never, id: string, body: z.infer<B>) => Promise<unknown>, params: z.ZodType = caseParamsSchema) =>
      app.post(path, { config: recordAccess, schema: { operationId, summary, tags, params, body, response: { 201: caseSchema } } }, async (request, reply) => {
        const { id } = request.params as { id: string };
        await run(request as never, id, request.body as z.infer<B>);
        return reply.status(201).send(await get(request, id));
      });

    sub('/cases/:id/signals', 'joinCaseSignal', 'Join another signal to the case', caseSignalJoinSchema, (request, id, body) => service.joinSignal(db, request, id, body));
    sub('/cases/:id/assessments', 'assessCase', 'Decide after enrichment: local help, acute care, the regional table, or close', assessmentCreateSchema, (request, id, body) => service.assessCase(db, request, id, body));
    sub('/cases/:id/closures', 'closeCase', 'Close the case with a reason (only when every track is closed)', closureCreateSchema, (request, id, body) => service.closeCase(db, request, id, body));
    sub('/cases/:id/source-checks', 'addCaseSourceCheck', 'Record a source consulted for enrichment and what was found', sourceCheckCreateSchema, (request, id, body) => work.addSourceCheck(db, request, id, body));
    sub('/cases/:id/consultations', 'addCaseConsultation', 'Record a consultation with a partner', consultationCreateSchema, (request, id, body) => work.addConsultation(db, request, id, body));
    sub('/cases/:id/handovers', 'requestCaseHandover', 'Ask another municipality to take over the lead', handoverCreateSchema, (request, id, body) => work.requestHandover(db, config, request, id, body));
    sub('/cases/:id/tracks', 'openCaseTrack', 'Open a track (care, care-and-criminal, undermining, administrative, local help)', trackCreateSchema, (request, id, body) => tracks.addTrack(db, request, id, body));
    sub('/cases/:id/interventions', 'recordIntervention', 'Report an acute intervention; the municipality and table members are notified at once', interventionCreateSchema, (request, id, body) => tracks.recordIntervention(db, config, request, id, body));
    sub(
      '/cases/:id/tracks/:trackId/actions',
      'addTrackAction',
      'Add an action with an owner and a due date to a track',
      actionCreateSchema,
      (request: { params: { trackId: string } }, id, body) => tracks.addAction(db, request as never, id, request.params.trackId, body),
      trackParamsSchema,
    );

    app.patch(
      '/cases/:id/handovers/:handoverId',
      { config: recordAccess, schema: { operationId: 'decideCaseHandover', summary: 'Accept or decline a hand-over (receiving municipality), or withdraw it', tags, params: handoverParamsSchema, body: handoverDecisionSchema, response: { 200: caseSchema } } },
      async (request) => {
        await work.decideHandover(db, config, request, request.params.id, request.params.handoverId, request.body);
        return get(request, request.params.id);
      },
    );

    app.patch(
      '/cases/:id/tracks/:trackId',
      {
        config: recordAccess,
        schema: {
          operationId: 'closeCaseTrack',
          summary: 'Close a track with a reason',
          description: 'Answers the case (200), or 204 when the caller saw the case only through this track: closing it ended their access.',
          tags,
          params: trackParamsSchema,
          body: trackCloseSchema,
          response: { 200: caseSchema, 204: z.undefined() },
        },
      },
      async (request, reply) => {
        await tracks.closeTrack(db, request, request.params.id, request.params.trackId, request.body);
        // The owner's grant ends with its track: the track is closed, there is just nothing left to show them.
        if (!(await mayRead(db, request, request.params.id))) {
          request.noPersonalData = true;
          return reply.status(204).send();
        }
        return get(request, request.params.id);
      },
    );

    app.patch(
      '/cases/:id/tracks/:trackId/actions/:actionId',
      { config: recordAccess, schema: { operationId: 'updateTrackAction', summary: 'Mark an action done or cancelled, or move its due date', tags, params: actionParamsSchema, body: actionUpdateSchema, response: { 200: caseSchema } } },
      async (request) => {
        await tracks.changeAction(db, request, request.params.id, request.params.trackId, request.params.actionId, request.body);
        return get(request, request.params.id);
      },
    );

    app.get(
      '/cases/:id/assignees',
      { config: recordAccess, schema: { operationId: 'listCaseAssignees', summary: 'Whom the case can be assigned to (for those who may change it)', tags, params: caseParamsSchema, response: { 200: caseAssigneesSchema } } },
      async (request) => service.assigneesOf(db, request, request.params.id),
    );

    app.get(
      '/cases/:id/events',
      { config: recordAccess, schema: { operationId: 'listCaseEvents', summary: 'The timeline of a case: what the user may see of it', tags, params: caseParamsSchema, response: { 200: caseTimelineSchema } } },
      async (request) => service.timelineOf(db, request, request.params.id),
    );

    app.get(
      '/my-work',
      { config: listAccess, schema: { operationId: 'getMyWork', summary: 'My work: my cases, actions and hand-overs, with deadlines', tags, response: { 200: myWorkSchema } } },
      async (request) => lists.myWork(db, request),
    );

    app.get(
      '/my-work/counts',
      { config: listAccess, schema: { operationId: 'getMyWorkCounts', summary: 'How much work waits for me (for the navigation)', tags, response: { 200: myWorkCountsSchema } } },
      async (request) => lists.myWorkCounts(db, request),
    );
  };
