import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readPersonalData, writeAccessLog } from '@server/core/access/access-log';
import { AppError } from '@server/core/errors';
import { offsetOf, pageOf } from '@server/core/http/pagination';
import { sendProblem, toAppError } from '@server/core/http/problem';
import type { AppContext } from '@server/core/module';
import { presentMessage } from './mailbox.presenter';
import * as repository from './mailbox.repository';
import {
  mailboxMessageListSchema,
  mailboxMessageParamsSchema,
  mailboxMessageQuerySchema,
  mailboxMessageSchema,
  mailboxReceiptSchema,
  mailboxStatusReportSchema,
} from './mailbox.schema';
import { mailboxEnabled, mailboxSettings, receiveMessage, retryParse } from './mailbox.service';

const tags = ['Mailbox'];
/** Message content (subject, raw message) is for the ketenregisseur, who triages the meldpunt. */
const content = { access: { roles: ['ketenregisseur' as const] } };
/** The technical state without content: also for the functioneel beheerder, who runs the installation. */
const technical = { access: { roles: ['ketenregisseur' as const, 'functioneel-beheerder' as const] } };
const recordType = 'mailbox-message';
const purpose = 'meldpunt: regional mailbox';

export const mailboxRoutes =
  ({ config, database }: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = database;
    const settings = mailboxSettings(config);

    app.get(
      '/mailbox/messages',
      {
        config: content,
        schema: { operationId: 'listMailboxMessages', summary: 'Messages of the regional mailbox, newest first (filter status=parse-error for the ones that need a look)', tags, querystring: mailboxMessageQuerySchema, response: { 200: mailboxMessageListSchema } },
      },
      async (request) => {
        const { rows, total } = await readPersonalData(
          db,
          request,
          { recordType, purpose },
          () => repository.listMessages(db, request.actor!.regionCode, request.query.status, request.query.pageSize, offsetOf(request.query)),
          () => ({ subjects: [] }),
        );
        return pageOf(request, 'messages', rows.map(presentMessage), total, request.query);
      },
    );

    app.get(
      '/mailbox/messages/:id',
      { config: content, schema: { operationId: 'getMailboxMessage', summary: 'One message of the regional mailbox', tags, params: mailboxMessageParamsSchema, response: { 200: mailboxMessageSchema } } },
      async (request) => {
        const row = await readPersonalData(
          db,
          request,
          { recordType, purpose },
          () => repository.findMessage(db, request.actor!.regionCode, request.params.id),
          () => ({ recordId: request.params.id, subjects: [] }),
        );
        if (!row) throw new AppError('mailbox.message-not-found');
        return presentMessage(row);
      },
    );

    app.get(
      '/mailbox/messages/:id/raw',
      {
        config: content,
        schema: {
          operationId: 'downloadMailboxMessage',
          summary: 'The message exactly as received (.eml), as a download',
          tags,
          params: mailboxMessageParamsSchema,
          response: { 200: { description: 'The raw message (RFC 5322)', content: { 'message/rfc822': { schema: z.string() } } } },
        },
      },
      async (request, reply) => {
        const row = await repository.findRaw(db, request.actor!.regionCode, request.params.id);
        if (!row) throw new AppError('mailbox.message-not-found');
        await writeAccessLog(db, request, { action: 'export', outcome: 'success', recordType, recordId: row.id, purpose });
        return reply
          .type('message/rfc822')
          .header('Content-Disposition', `attachment; filename="bericht-${row.id}${row.raw_truncated ? '-begin' : ''}.eml"`)
          .header('Cache-Control', 'no-store')
          // Bytes as they came: Fastify sends a Buffer untouched (the schema documents it as a string).
          .send(Buffer.from(row.raw) as unknown as string);
      },
    );

    app.post(
      '/mailbox/messages/:id/parse',
      {
        config: content,
        schema: {
          operationId: 'retryMailboxMessage',
          summary: 'Parse a message again (after a limit was raised or the parser improved); a recorded message is left as it is',
          tags,
          params: mailboxMessageParamsSchema,
          response: { 200: mailboxMessageSchema },
        },
      },
      async (request) => {
        const row = await retryParse(db, settings, request.actor!.regionCode, request.params.id);
        if (!row) throw new AppError('mailbox.message-not-found');
        await writeAccessLog(db, request, { action: 'update', outcome: 'success', recordType, recordId: row.id, purpose });
        await writeAccessLog(db, request, { action: 'read', outcome: 'success', recordType, recordId: row.id, purpose });
        return presentMessage(row);
      },
    );

    // An .eml arrives as the raw body (message/rfc822), up to MAILBOX_MAX_MESSAGE_BYTES.
    await app.register(async (upload) => {
      upload.addContentTypeParser(['message/rfc822', 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: config.MAILBOX_MAX_MESSAGE_BYTES }, (_request, body, done) => done(null, body));
      upload.setErrorHandler((error, request, reply) => {
        const code = (error as { code?: string }).code;
        const problem = code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? new AppError('mailbox.message-too-large') : code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? new AppError('mailbox.upload-type') : toAppError(error);
        if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
        return sendProblem(reply, request, problem);
      });
      upload.post(
        '/mailbox/messages',
        {
          config: content,
          bodyLimit: config.MAILBOX_MAX_MESSAGE_BYTES,
          schema: {
            operationId: 'uploadMailboxMessage',
            summary: 'Upload an e-mail message (.eml) as the body, Content-Type message/rfc822; idempotent on its Message-ID',
            description: 'The message is stored as it is, then parsed into a signal. One that cannot be parsed is kept with a parse error (status parse-error).',
            tags,
            response: { 200: mailboxReceiptSchema, 201: mailboxReceiptSchema },
          },
        },
        async (request, reply) => {
          const body = request.body;
          if (!Buffer.isBuffer(body) || body.byteLength === 0) throw new AppError('mailbox.upload-type');
          const actor = request.actor!;
          const received = await receiveMessage(db, settings, body, { source: 'upload', regionCode: actor.regionCode, uploadedBy: actor.userId });
          const row = await repository.findMessage(db, actor.regionCode, received.id);
          if (received.created) await writeAccessLog(db, request, { action: 'create', outcome: 'success', recordType, recordId: received.id, purpose });
          await writeAccessLog(db, request, { action: 'read', outcome: 'success', recordType, recordId: received.id, purpose });
          return reply.status(received.created ? 201 : 200).send({ message: presentMessage(row!), created: received.created });
        },
      );
    });

    app.get(
      '/mailbox/status',
      { config: technical, schema: { operationId: 'getMailboxStatus', summary: 'Whether the mailbox is read, when last, the last error, and counts (no content)', tags, response: { 200: mailboxStatusReportSchema } } },
      async (request) => {
        const region = request.actor!.regionCode;
        const [poller, counts] = await Promise.all([repository.pollerState(db, region), repository.countsByStatus(db, region)]);
        const count = (status: string) => counts.find((c) => c.status === status)?.count ?? 0;
        const last = counts.reduce<Date | null>((latest, c) => (c.last && (!latest || c.last > latest) ? c.last : latest), null);
        const ours = settings.regionCode === region;
        const iso = (value: Date | null | undefined) => (value ? new Date(value).toISOString() : null);
        return {
          enabled: ours && mailboxEnabled(config),
          region,
          imap: ours && settings.imap ? { host: settings.imap.host, port: settings.imap.port, secure: settings.imap.secure, folder: settings.imap.folder, idle: settings.imap.idle, pollSeconds: settings.pollSeconds } : null,
          dropFolder: ours && Boolean(settings.dropDir),
          lastPollAt: iso(poller?.last_poll_at),
          lastSuccessAt: iso(poller?.last_success_at),
          lastError: poller?.last_error && poller.last_error_at ? { at: iso(poller.last_error_at)!, message: poller.last_error } : null,
          leaseHeld: Boolean(poller?.holder && poller.lease_until && new Date(poller.lease_until) > new Date()),
          counts: { pending: count('pending'), recorded: count('recorded'), parseError: count('parse-error') },
          lastReceivedAt: iso(last),
        };
      },
    );
  };
