import { describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- a test (never bundled) holds the page to the server's own rules
import { followUpLookupSchema, publicSignalInputSchema } from '@server/modules/signals/signals.schema';
import type { Problem } from '@server/core/http/problem';
import type { ApiError } from '@web/core/api/client';
import {
  contentDisposition,
  emptyReport,
  fileErrorFrom,
  followUpProblemFrom,
  formatFollowUpCode,
  newSubmissionId,
  publicSignalInput,
  type ReportForm,
  reportErrorMessages,
  reportProblemFrom,
  roomForFiles,
  toggledForm,
  type Upload,
  uploadContentType,
} from './meldpunt.rules';

/** An ApiError as the client makes it (the real class needs a browser document for its i18n). */
function apiError(status: number, body?: Problem): ApiError {
  return { status, problem: body, language: 'en', invalidParams: body?.invalidParams ?? [], isNetworkError: status === 0 } as unknown as ApiError;
}
const noAnswer = apiError(0);

const problem = (code: string, status: number, invalidParams?: Problem['invalidParams']) =>
  apiError(status, {
    type: `urn:schakel:problem:${code}`,
    title: 'English title',
    status,
    detail: 'English detail',
    instance: 'urn:uuid:00000000-0000-4000-8000-000000000001',
    code,
    ...(invalidParams ? { invalidParams } : {}),
  });

/** What the server answers for a body: the schema's own issues, named as the server names them. */
function serverAnswer(body: unknown, schema: { safeParse(value: unknown): { success: boolean; error?: { issues: { path: PropertyKey[]; code: string; message: string }[] } } } = publicSignalInputSchema): ApiError {
  const result = schema.safeParse(body);
  if (result.success) throw new Error('the server would accept this body');
  return problem(
    'request.invalid',
    400,
    result.error!.issues.map((issue) => ({ name: ['body', ...issue.path.map(String)].join('.'), code: issue.code, reason: issue.message })),
  );
}

const envelope = {
  submissionId: '3f1c2a4e-8b7d-4c6e-9a1b-2d3e4f5a6b7c',
  challenge: { token: 'token-token-token', nonce: 'a1', expiresAt: '2030-01-01T00:00:00.000Z' },
  language: 'pl' as const,
  attachmentIds: [],
};
const report = (change: Partial<ReportForm>): ReportForm => ({ ...emptyReport, ...change });
const bodyOf = (change: Partial<ReportForm>) => publicSignalInput(report(change), envelope);

describe('publicSignalInput', () => {
  it('builds a body the server accepts, leaving out empty optional fields and contact details of an anonymous reporter', () => {
    const body = bodyOf({ description: 'Er werken mensen tot laat in de nacht.', contactEmail: 'vergeten@voorbeeld.nl', place: '  Hilversum ' });
    expect(publicSignalInputSchema.safeParse(body).success).toBe(true);
    expect(body).toMatchObject({ place: 'Hilversum', anonymous: true, language: 'pl' });
    expect(body).not.toHaveProperty('contact');
    expect(body).not.toHaveProperty('website');
    expect(body.periodFrom).toBeUndefined();
  });

  it('sends contact details only when the reporter gives them, and the honeypot only when filled', () => {
    const body = bodyOf({ description: 'Er werken mensen tot laat.', anonymous: false, contactName: 'A. Fictief', contactPhone: '06-12345678', website: 'x' });
    expect(body.contact).toEqual({ name: 'A. Fictief', email: undefined, phone: '06-12345678' });
    expect(body.website).toBe('x');
  });

  it('keeps the forms in the order of the page', () => {
    expect(toggledForm(toggledForm([], 'criminal', true), 'sexual', true)).toEqual(['sexual', 'criminal']);
    expect(toggledForm(['sexual', 'criminal'], 'sexual', false)).toEqual(['criminal']);
  });
});

describe('reportProblemFrom: the server’s own validation answers', () => {
  it('an empty description is "required", a short one "too short", a long one "too long"', () => {
    expect(reportProblemFrom(serverAnswer(bodyOf({ description: '' })), report({ description: '' })).fields).toEqual({ description: 'required' });
    expect(reportProblemFrom(serverAnswer(bodyOf({ description: 'kort' })), report({ description: 'kort' })).fields).toEqual({ description: 'tooShort' });
    const long = 'x'.repeat(10_001);
    expect(reportProblemFrom(serverAnswer(bodyOf({ description: long })), report({ description: long })).fields).toEqual({ description: 'tooLong' });
  });

  it('a named report without e-mail or phone, a bad e-mail address and a period the wrong way round land on their fields', () => {
    const form = report({ description: 'Er werken mensen tot laat.', anonymous: false, contactName: 'A. Fictief' });
    expect(reportProblemFrom(serverAnswer(publicSignalInput(form, envelope)), form)).toEqual({ fields: { contact: 'missing' } });
    const badEmail = report({ ...form, contactEmail: 'geen-adres' });
    expect(reportProblemFrom(serverAnswer(publicSignalInput(badEmail, envelope)), badEmail).fields).toEqual({ contactEmail: 'invalid' });
    const period = report({ description: 'Er werken mensen tot laat.', periodFrom: '2026-03-10', periodUntil: '2026-03-01' });
    expect(reportProblemFrom(serverAnswer(publicSignalInput(period, envelope)), period).fields).toEqual({ periodUntil: 'beforeFrom' });
    const place = report({ description: 'Er werken mensen tot laat.', place: 'p'.repeat(101), address: 'a'.repeat(301) });
    expect(reportProblemFrom(serverAnswer(publicSignalInput(place, envelope)), place).fields).toEqual({ place: 'tooLong', address: 'tooLong' });
  });

  it('lists the messages in page order, each with a text key', () => {
    expect(reportErrorMessages({ files: 'pending', description: 'required', contact: 'missing' })).toEqual([
      { field: 'description', key: 'errors.description.required' },
      { field: 'contact', key: 'errors.contact.missing' },
      { field: 'files', key: 'errors.files.pending' },
    ]);
  });

  it('a parameter that is no field of the form becomes a general message, never the server’s text', () => {
    const result = reportProblemFrom(problem('request.invalid', 400, [{ name: 'body.submissionId', code: 'invalid_format', reason: 'Invalid UUID' }]), report({}));
    expect(result).toEqual({ fields: {}, general: 'invalid' });
  });

  it('maps each stable code of the public endpoints, and no answer at all', () => {
    const form = report({ description: 'Er werken mensen tot laat.' });
    expect(reportProblemFrom(problem('public.challenge-invalid', 400), form).general).toBe('challenge');
    expect(reportProblemFrom(problem('public.honeypot', 400), form).general).toBe('honeypot');
    expect(reportProblemFrom(problem('request.rate-limited', 429), form).general).toBe('rateLimited');
    expect(reportProblemFrom(problem('signal.attachment-unknown', 400), form).fields).toEqual({ files: 'unknown' });
    expect(reportProblemFrom(noAnswer, form).general).toBe('network');
    expect(reportProblemFrom(problem('server.error', 500), form)).toEqual({ fields: {}, general: 'server', instance: 'urn:uuid:00000000-0000-4000-8000-000000000001' });
  });
});

describe('attachments', () => {
  it('maps upload problems by code', () => {
    expect(fileErrorFrom(problem('signal.attachment-type', 415))).toBe('type');
    expect(fileErrorFrom(problem('signal.attachment-too-large', 413))).toBe('tooLarge');
    expect(fileErrorFrom(problem('request.body-too-large', 413))).toBe('tooLarge');
    expect(fileErrorFrom(problem('signal.attachment-limit', 409))).toBe('limit');
    expect(fileErrorFrom(problem('request.invalid', 400, [{ name: 'body', code: 'empty', reason: 'the file is empty' }]))).toBe('empty');
    expect(fileErrorFrom(noAnswer)).toBe('failed');
  });

  it('counts room for five files, failed uploads not included', () => {
    const upload = (state: Upload['state']): Upload => ({ key: Math.random().toString(), name: 'foto.jpg', state, percent: 0 });
    expect(roomForFiles([])).toBe(5);
    expect(roomForFiles([upload('done'), upload('uploading'), upload('failed')])).toBe(3);
    expect(roomForFiles(Array.from({ length: 6 }, () => upload('done')))).toBe(0);
  });

  it('sends text and JSON files as octet-stream (the server would parse them), others with their own type', () => {
    expect(uploadContentType('image/jpeg')).toBe('image/jpeg');
    expect(uploadContentType('text/plain;charset=utf-8')).toBe('application/octet-stream');
    expect(uploadContentType('application/json')).toBe('application/octet-stream');
    expect(uploadContentType('')).toBe('application/octet-stream');
  });

  it('names the file in a header in a way the server decodes back to the same name', () => {
    const header = contentDisposition("Foto's van de kas (1) – Łódź.jpg");
    expect(header).toMatch(/^attachment; filename\*=UTF-8''[\x21-\x7e]+$/);
    // The server's own parsing (signals.routes.ts).
    const parsed = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(header)?.[1];
    expect(decodeURIComponent(parsed ?? '')).toBe("Foto's van de kas (1) – Łódź.jpg");
  });
});

describe('follow-up', () => {
  it('maps not found, missing and malformed values as the server answers them', () => {
    const values = { reference: '', code: 'abc' };
    expect(followUpProblemFrom(serverAnswer({ reference: values.reference, followUpCode: values.code }, followUpLookupSchema), values).fields).toEqual({ reference: 'required', code: 'invalid' });
    expect(followUpProblemFrom(problem('public.follow-up-not-found', 404), values).general).toBe('notFound');
    expect(followUpProblemFrom(problem('request.rate-limited', 429), values).general).toBe('rateLimited');
    const addition = { reference: 'MH-2026-000001', code: 'AAAA-BBBB-CCCC-DDDD-EEEE', text: 'ab' };
    expect(followUpProblemFrom(problem('request.invalid', 400, [{ name: 'body.text', code: 'too_small', reason: '' }]), addition).fields).toEqual({ text: 'tooShort' });
  });

  it('shows a code in five groups of four, however it was typed', () => {
    expect(formatFollowUpCode('abcd efgh jkmn pqrs tuvw')).toBe('ABCD-EFGH-JKMN-PQRS-TUVW');
    expect(formatFollowUpCode('ABCD-EFGH')).toBe('ABCD-EFGH');
  });
});

describe('newSubmissionId', () => {
  it('makes version 4 UUIDs the server accepts, different each time', () => {
    const ids = new Set(Array.from({ length: 50 }, () => newSubmissionId()));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newSubmissionId((bytes) => bytes.fill(0))).toBe('00000000-0000-4000-8000-000000000000');
  });
});
