import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readPersonalData } from '@server/core/access/access-log';
import { AppError } from '@server/core/errors';
import { pageOf } from '@server/core/http/pagination';
import type { AppContext } from '@server/core/module';
import { exploitationForms, formLabels, indicators } from './signals.catalogue';
import { queueRoles, reporterRoles } from './signals.policy';
import * as publicService from './signals.public';
import {
  attachmentParamsSchema,
  attachmentReceiptSchema,
  challengeResponseSchema,
  duplicateListSchema,
  followUpAdditionSchema,
  followUpLookupSchema,
  followUpStatusSchema,
  indicatorListSchema,
  publicReceiptSchema,
  publicSignalInputSchema,
  signalInputSchema,
  signalLinkInputSchema,
  signalListSchema,
  signalParamsSchema,
  signalQuerySchema,
  signalSchema,
  signalUpdateSchema,
} from './signals.schema';
import * as service from './signals.service';

const tags = ['Signals'];
const publicTags = ['Public meldpunt'];

const createdSchema = z
  .object({ id: z.uuid(), reference: z.string(), receivedAt: z.iso.datetime({ offset: true }) })
  .meta({ id: 'SignalCreated' });
const timelineSchema = z
  .object({
    _embedded: z.object({
      events: z.array(z.object({ id: z.string(), at: z.iso.datetime({ offset: true }), kind: z.string(), actor: z.string().nullable(), detail: z.record(z.string(), z.unknown()) })),
    }),
  })
  .meta({ id: 'SignalTimeline', 'x-personal-data': true });

export const signalRoutes =
  ({ config, database }: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = database;
    // Record routes: any account gets to the central policy, which decides per signal (and logs every refusal with its id).
    const recordAccess = { access: { roles: 'any' as const } };
    const publicLimit = { rateLimit: { max: config.PUBLIC_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' }, access: { public: true as const } };

    // --- public: no account, no IP address stored ---------------------------------------------

    app.post(
      '/public/challenges',
      {
        config: { rateLimit: { max: config.PUBLIC_RATE_LIMIT_PER_MINUTE * 6, timeWindow: '1 minute' }, access: { public: true } },
        schema: { operationId: 'createChallenge', summary: 'A small proof-of-work puzzle to solve before sending a report', tags: publicTags, response: { 201: challengeResponseSchema } },
      },
      async (_request, reply) => reply.status(201).send(await publicService.newChallenge(db, config.PUBLIC_PROOF_OF_WORK_BITS)),
    );

    app.post(
      '/public/signals',
      {
        config: publicLimit,
        schema: {
          operationId: 'createPublicSignal',
          summary: 'Report a situation (anonymously or with contact details); idempotent on submissionId',
          tags: publicTags,
          body: publicSignalInputSchema,
          response: { 200: publicReceiptSchema, 201: publicReceiptSchema },
        },
      },
      async (request, reply) => {
        const { created, ...receipt } = await publicService.submitPublicSignal(db, config.SCHAKEL_REGION, request.body);
        return reply.status(created ? 201 : 200).header('cache-control', 'no-store').send(receipt);
      },
    );

    // Attachments arrive as the raw file (the body), before the report that claims them.
    await app.register(async (upload) => {
      upload.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: config.ATTACHMENT_MAX_BYTES + 1 }, (_request, body, done) => done(null, body));
      upload.post(
        '/public/attachments',
        {
          config: publicLimit,
          bodyLimit: config.ATTACHMENT_MAX_BYTES + 1,
          schema: {
            operationId: 'uploadPublicAttachment',
            summary: 'Upload one file for a report that is being written (checked by content, size-limited)',
            description: 'Send the file as the body with its own Content-Type; name it in Content-Disposition (filename=…). Header Submission-Id is the submissionId of the report.',
            tags: publicTags,
            headers: z.object({
              'submission-id': z.uuid().describe('The submissionId of the report this file belongs to'),
              'content-disposition': z.string().max(500).optional(),
            }),
            response: { 201: attachmentReceiptSchema },
          },
        },
        async (request, reply) => {
          const body = request.body as Buffer | undefined;
          if (!Buffer.isBuffer(body)) throw new AppError('request.invalid', { invalidParams: [{ name: 'body', code: 'empty', reason: 'send the file as the body' }] });
          const disposition = request.headers['content-disposition'];
          const fileName = disposition ? /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1] : undefined;
          const receipt = await publicService.uploadAttachment(db, config, config.SCHAKEL_REGION, String(request.headers['submission-id']), fileName ? decodeURIComponent(fileName) : undefined, body);
          return reply.status(201).send(receipt);
        },
      );
    });

    app.post(
      '/public/follow-ups',
      {
        config: publicLimit,
        schema: {
          operationId: 'lookUpFollowUp',
          summary: 'The status of a report, for its reporter (reference + follow-up code in the body, never in the URL)',
          tags: publicTags,
          body: followUpLookupSchema,
          response: { 200: followUpStatusSchema },
        },
      },
      async (request, reply) => reply.header('cache-control', 'no-store').send(await publicService.followUpStatus(db, request.body.reference, request.body.followUpCode)),
    );

    app.post(
      '/public/follow-up-additions',
      {
        config: publicLimit,
        schema: { operationId: 'addToReport', summary: 'Add information to an earlier report', tags: publicTags, body: followUpAdditionSchema, response: { 201: followUpStatusSchema } },
      },
      async (request, reply) => reply.status(201).send(await publicService.addFollowUp(db, request.body.reference, request.body.followUpCode, request.body.text)),
    );

    // --- staff --------------------------------------------------------------------------------

    app.get(
      '/signal-indicators',
      { config: { access: { public: true } }, schema: { operationId: 'listSignalIndicators', summary: 'Forms of exploitation and the indicators of the signal cards', tags, response: { 200: indicatorListSchema } } },
      async () => ({ _embedded: { forms: exploitationForms.map((code) => ({ code, label: formLabels[code] })), indicators } }),
    );

    app.get(
      '/signals',
      {
        config: { access: { roles: [...queueRoles] } },
        schema: { operationId: 'listSignals', summary: 'The triage queue: acute first, then oldest; only what the user may see', tags, querystring: signalQuerySchema, response: { 200: signalListSchema } },
      },
      async (request) => {
        const { items, total } = await service.listQueue(db, request.actor!, request.query);
        return pageOf(request, 'signals', items, total, request.query);
      },
    );

    app.post(
      '/signals',
      {
        config: { access: { roles: [...reporterRoles] } },
        schema: { operationId: 'createSignal', summary: 'Report a signal as a professional; idempotent on submissionId', tags, body: signalInputSchema, response: { 200: createdSchema, 201: createdSchema } },
      },
      async (request, reply) => {
        const recorded = await service.createProfessionalSignal(db, request, request.actor!, request.body);
        return reply.status(recorded.created ? 201 : 200).send({ id: recorded.id, reference: recorded.reference, receivedAt: recorded.receivedAt.toISOString() });
      },
    );

    app.get(
      '/signals/:id',
      { config: recordAccess, schema: { operationId: 'getSignal', summary: 'One signal with what the user may do with it', tags, params: signalParamsSchema, response: { 200: signalSchema } } },
      async (request) => service.getSignal(db, request, request.params.id),
    );

    app.patch(
      '/signals/:id',
      {
        config: recordAccess,
        schema: {
          operationId: 'updateSignal',
          summary: 'Triage: status, municipalities, acute, forms (optimistic concurrency on version)',
          tags,
          params: signalParamsSchema,
          body: signalUpdateSchema,
          response: { 200: signalSchema },
        },
      },
      async (request) => service.changeSignal(db, request, request.params.id, request.body),
    );

    app.get(
      '/signals/:id/duplicates',
      {
        config: recordAccess,
        schema: { operationId: 'listSignalDuplicates', summary: 'Likely duplicates: signals sharing a phone, address, person, business or vehicle', tags, params: signalParamsSchema, response: { 200: duplicateListSchema } },
      },
      async (request) => service.duplicatesOf(db, request, request.params.id),
    );

    app.post(
      '/signals/:id/links',
      {
        config: recordAccess,
        schema: { operationId: 'linkSignal', summary: 'Link a signal to another, or merge it into another, with a reason', tags, params: signalParamsSchema, body: signalLinkInputSchema, response: { 201: signalSchema } },
      },
      async (request, reply) => reply.status(201).send(await service.linkSignals(db, request, request.params.id, request.body)),
    );

    app.get(
      '/signals/:id/events',
      { config: recordAccess, schema: { operationId: 'listSignalEvents', summary: 'The timeline of a signal', tags, params: signalParamsSchema, response: { 200: timelineSchema } } },
      async (request) =>
        readPersonalData(
          db,
          request,
          { recordType: 'signal-timeline', purpose: 'triage of signals (meldpunt)' },
          () => service.timelineOf(db, request, request.params.id),
          () => ({ recordId: request.params.id, subjects: [] }),
        ),
    );

    app.get(
      '/signals/:id/attachments/:attachmentId',
      {
        config: recordAccess,
        schema: { operationId: 'downloadSignalAttachment', summary: 'Download an attachment (always as a download, never shown inline)', tags, params: attachmentParamsSchema },
      },
      async (request, reply) => {
        const file = await service.attachmentOf(db, request, request.params.id, request.params.attachmentId);
        return reply
          .header('content-type', file.media_type)
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.file_name)}`)
          .header('content-security-policy', "default-src 'none'; sandbox")
          .header('cross-origin-resource-policy', 'same-origin')
          .header('cache-control', 'private, no-store')
          .header('digest', `sha-256=${Buffer.from(file.sha256, 'hex').toString('base64')}`)
          .send(Buffer.from(file.content));
      },
    );
  };
