import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { writeAccessLog } from '@server/core/access/access-log';
import { AppError } from '@server/core/errors';
import { offsetOf, pageOf } from '@server/core/http/pagination';
import { sendProblem, toAppError } from '@server/core/http/problem';
import type { AppContext } from '@server/core/module';
import { ImportFileError } from './imports.decode';
import { loadMappings } from './imports.mapping';
import { presentBatch } from './imports.presenter';
import * as repository from './imports.repository';
import { importAnalysedSchema, importBatchSchema, importListSchema, importParamsSchema, importQuerySchema, importReportSchema, importUploadQuerySchema } from './imports.schema';
import * as service from './imports.service';

const tags = ['Imports'];
/** Importing the anonymous-line exports is the ketenregisseur's task. */
const config = { access: { roles: ['ketenregisseur' as const] } };
const recordType = 'signal-import';
const purpose = 'import of an anonymous-line export';

export const importRoutes =
  ({ config: settings, database }: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = database;
    // Fail fast: an invalid mapping stops the start-up with the file and the problem named.
    const mappings = loadMappings(settings.SCHAKEL_IMPORTS_DIR);

    app.get(
      '/imports',
      { config, schema: { operationId: 'listImports', summary: 'Import history: who imported which file (sha256) when, with what result', tags, querystring: importQuerySchema, response: { 200: importListSchema } } },
      async (request) => {
        const { rows, total } = await repository.listBatches(db, request.actor!.regionCode, request.query.pageSize, offsetOf(request.query));
        return pageOf(request, 'imports', rows.map((r) => presentBatch(r)), total, request.query);
      },
    );

    // The export file arrives as the raw body (text/csv), up to IMPORT_MAX_BYTES.
    await app.register(async (plugin) => {
      const upload = plugin.withTypeProvider<ZodTypeProvider>();
      upload.addContentTypeParser(['text/csv', 'application/octet-stream', 'application/vnd.ms-excel'], { parseAs: 'buffer', bodyLimit: settings.IMPORT_MAX_BYTES }, (_request, body, done) =>
        done(null, body),
      );
      upload.setErrorHandler((error, request, reply) => {
        const code = (error as { code?: string }).code;
        const problem = code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? new AppError('import.file-too-large') : error instanceof ImportFileError ? service.fileProblem(error) : toAppError(error);
        if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
        return sendProblem(reply, request, problem);
      });
      upload.post(
        '/imports',
        {
          config,
          bodyLimit: settings.IMPORT_MAX_BYTES,
          schema: {
            operationId: 'createImport',
            summary: 'Upload an export file: answers with the dry-run (nothing is imported until it is confirmed)',
            description:
              'Send the file as the body (Content-Type text/csv); name it in Content-Disposition (filename=…). The file is kept with the import until it is confirmed, for at most a day. A file that cannot be read at all (wrong header, encoding, broken quoting) is refused with 422 and recorded in the history.',
            tags,
            querystring: importUploadQuerySchema,
            headers: z.object({ 'content-disposition': z.string().max(500).optional() }),
            response: { 201: importAnalysedSchema },
          },
        },
        async (request, reply) => {
          const body = request.body;
          if (!Buffer.isBuffer(body) || body.byteLength === 0) throw new ImportFileError('empty', 'The file is empty.');
          const actor = request.actor!;
          const disposition = request.headers['content-disposition'];
          const named = disposition ? /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1] : undefined;
          const fileName = (named ? safeDecode(named) : `${request.query.source}-export.csv`).replace(/[/\\]/g, '_').slice(0, 200);
          const mapping = mappings[request.query.source];
          const { batchId, report } = await service.analyseUpload(db, { regionCode: actor.regionCode, mapping, fileName, bytes: new Uint8Array(body), origin: 'web', createdBy: actor.userId });
          const { counts } = report;
          await writeAccessLog(db, request, { action: 'create', outcome: 'success', recordType, recordId: batchId, purpose, reason: `dry-run ${mapping.source}: ${counts.created} to create, ${counts.updated} to update, ${counts.unchanged} unchanged, ${counts.rejected} rejected` });
          await writeAccessLog(db, request, { action: 'read', outcome: 'success', recordType, recordId: batchId, purpose });
          const row = await repository.findBatch(db, actor.regionCode, batchId);
          return reply.status(201).send({ import: presentBatch(row!), report });
        },
      );
    });

    app.get(
      '/imports/:id',
      { config, schema: { operationId: 'getImport', summary: 'One import: status, progress and counts (poll this while it runs)', tags, params: importParamsSchema, response: { 200: importBatchSchema } } },
      async (request) => {
        const row = await repository.findBatch(db, request.actor!.regionCode, request.params.id);
        if (!row) throw new AppError('route.not-found');
        return presentBatch(row);
      },
    );

    app.get(
      '/imports/:id/report',
      { config, schema: { operationId: 'getImportReport', summary: 'The dry-run or import result: rejected lines with reasons, updates, warnings, a sample', tags, params: importParamsSchema, response: { 200: importReportSchema } } },
      async (request) => {
        const row = await repository.findBatch(db, request.actor!.regionCode, request.params.id);
        if (!row || !('counts' in row.report)) throw new AppError('route.not-found');
        await writeAccessLog(db, request, { action: 'read', outcome: 'success', recordType, recordId: row.id, purpose });
        return row.report as z.infer<typeof importReportSchema>;
      },
    );

    app.post(
      '/imports/:id/confirmation',
      {
        config,
        schema: {
          operationId: 'confirmImport',
          summary: 'Import the analysed file (in the background, in one transaction); poll GET /imports/{id} for progress',
          tags,
          params: importParamsSchema,
          response: { 202: importBatchSchema },
        },
      },
      async (request, reply) => {
        const actor = request.actor!;
        const row = await repository.findBatch(db, actor.regionCode, request.params.id);
        if (!row) throw new AppError('route.not-found');
        if (!(await repository.claimBatch(db, row.id, new Date(Date.now() - service.STALE_AFTER_MS)))) throw new AppError('import.not-confirmable');
        await writeAccessLog(db, request, { action: 'create', outcome: 'success', recordType, recordId: row.id, purpose, reason: `import ${row.source} started` });
        // Read before the import starts: on PGlite the import holds the only connection until it commits.
        const started = await repository.findBatch(db, actor.regionCode, row.id);
        service.startInBackground(database, { id: row.id, regionCode: actor.regionCode, mapping: mappings[row.source], actorUserId: actor.userId }, async (outcome) => {
          const reason =
            outcome.ok
              ? `imported ${row.source}: ${outcome.counts.created} created, ${outcome.counts.updated} updated, ${outcome.counts.unchanged} unchanged, ${outcome.counts.rejected} rejected`
              : `import ${row.source} failed; nothing imported`;
          await writeAccessLog(db, request, { action: 'create', outcome: outcome.ok ? 'success' : 'failure', recordType, recordId: row.id, purpose, reason });
        });
        return reply.status(202).send(presentBatch(started!));
      },
    );
  };

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
