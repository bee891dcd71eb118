import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { Db } from '@server/core/db/database';
import { AppError } from '@server/core/errors';
import type { Config } from '@server/core/config';
import { sha256 } from '@server/core/auth/secrets';
import { recordSignal } from './signals.intake';
import * as repository from './signals.repository';
import type { PublicSignalInput } from './signals.schema';

/**
 * The public meldpunt: anonymous, no IP address stored, protected against floods by rate limits,
 * a honeypot field and a small proof of work (no third-party CAPTCHA). The follow-up code has
 * 100 bits of entropy, is stored as a SHA-256 hash, and — so a retried submission can show it
 * again — sealed with a key derived from the client's submissionId, which itself is stored only
 * as a hash. A copy of the database alone reveals neither.
 */

// --- proof of work --------------------------------------------------------------------------

let secretPromise: Promise<Buffer> | undefined;
function challengeSecret(db: Db): Promise<Buffer> {
  secretPromise ??= repository.installationSecret(db, 'public-challenge', randomBytes(32).toString('base64url')).then((s) => Buffer.from(s, 'base64url'));
  return secretPromise;
}

const CHALLENGE_MINUTES = 30;

export async function newChallenge(db: Db, bits: number, now = Date.now()) {
  const expires = now + CHALLENGE_MINUTES * 60_000;
  const body = `${expires}.${bits}.${randomBytes(12).toString('base64url')}`;
  const mac = createHmac('sha256', await challengeSecret(db)).update(body).digest('base64url');
  return { token: `${body}.${mac}`, difficulty: bits, expiresAt: new Date(expires).toISOString() };
}

export function leadingZeroBits(digest: Buffer): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    bits += Math.clz32(byte) - 24;
    break;
  }
  return bits;
}

/** Checks signature, expiry and work; returns the hash that marks the challenge as used. */
export async function verifyChallenge(db: Db, challenge: { token: string; nonce: string }, now = Date.now()): Promise<string> {
  const parts = challenge.token.split('.');
  if (parts.length !== 4) throw new AppError('public.challenge-invalid');
  const [expires, bits, random, mac] = parts as [string, string, string, string];
  const expected = createHmac('sha256', await challengeSecret(db)).update(`${expires}.${bits}.${random}`).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new AppError('public.challenge-invalid');
  if (Number(expires) < now) throw new AppError('public.challenge-invalid');
  const digest = createHash('sha256').update(`${challenge.token}:${challenge.nonce}`).digest();
  if (leadingZeroBits(digest) < Number(bits)) throw new AppError('public.challenge-invalid');
  return sha256(challenge.token);
}

/** What a client does (the web form does the same in the browser); used by tests and benchmarks. */
export function solveChallenge(token: string, difficulty: number): string {
  for (let n = 0; ; n++) {
    const nonce = n.toString(16);
    if (leadingZeroBits(createHash('sha256').update(`${token}:${nonce}`).digest()) >= difficulty) return nonce;
  }
}

// --- follow-up codes ------------------------------------------------------------------------

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // 32 symbols, no 0/O or 1/I
/** 20 symbols of 5 bits = 100 bits, shown as five groups of four. */
export function newFollowUpCode(): string {
  const bytes = randomBytes(20);
  const symbols = [...bytes].map((b) => ALPHABET[b & 31]!);
  return [0, 4, 8, 12, 16].map((i) => symbols.slice(i, i + 4).join('')).join('-');
}

export function normaliseFollowUpCode(code: string): string {
  const clean = code.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return clean.length === 20 ? [0, 4, 8, 12, 16].map((i) => clean.slice(i, i + 4)).join('-') : clean;
}

const sealKey = (submissionId: string) => createHash('sha256').update(`schakel-follow-up:${submissionId.toLowerCase()}`).digest();

export function sealFollowUpCode(code: string, submissionId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealKey(submissionId), iv);
  const sealed = Buffer.concat([cipher.update(code, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), sealed].map((b) => b.toString('base64url')).join('.');
}

export function openFollowUpCode(sealedValue: string, submissionId: string): string {
  const [iv, tag, sealed] = sealedValue.split('.').map((p) => Buffer.from(p, 'base64url')) as [Buffer, Buffer, Buffer];
  const decipher = createDecipheriv('aes-256-gcm', sealKey(submissionId), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed), decipher.final()]).toString('utf8');
}

export const submissionKeyOf = (submissionId: string) => sha256(`submission:${submissionId.toLowerCase()}`);

// --- submission -----------------------------------------------------------------------------

export interface PublicReceipt {
  reference: string;
  followUpCode: string;
  receivedAt: string;
  created: boolean;
}

export async function submitPublicSignal(db: Db, regionCode: string, input: PublicSignalInput): Promise<PublicReceipt> {
  if (input.website) throw new AppError('public.honeypot');
  const submissionKey = submissionKeyOf(input.submissionId);
  // One look-up for both: a retry of a committed request (same reference and code, nothing new),
  // and a challenge that was used before.
  const seen = await repository.findSubmissionOrChallenge(db, submissionKey, sha256(input.challenge.token));
  const earlier = seen.find((row) => row.submission_key === submissionKey);
  if (earlier?.follow_up_sealed) {
    return { reference: earlier.reference, followUpCode: openFollowUpCode(earlier.follow_up_sealed, input.submissionId), receivedAt: earlier.received_at.toISOString(), created: false };
  }
  const challengeHash = await verifyChallenge(db, input.challenge);
  if (seen.some((row) => row.challenge_hash === challengeHash)) throw new AppError('public.challenge-invalid');

  const followUpCode = newFollowUpCode();
  const contact = input.anonymous ? null : input.contact;
  const recorded = await recordSignal(db, {
    regionCode,
    channel: 'public-form',
    submissionKey,
    acute: input.acute,
    forms: input.forms,
    summary: input.description,
    periodFrom: input.periodFrom,
    periodUntil: input.periodUntil,
    anonymous: input.anonymous,
    reporter: contact ? { name: contact.name, email: contact.email, phone: contact.phone } : null,
    language: input.language,
    followUpHash: sha256(followUpCode),
    followUpSealed: sealFollowUpCode(followUpCode, input.submissionId),
    challengeHash,
    locations: input.place || input.address ? [{ description: input.address ?? null, place: input.place ?? null }] : [],
    attachmentIds: input.attachmentIds,
  });
  if (!recorded.created) {
    // Lost a race with a concurrent retry of the same submission: answer with the winner's code.
    const winner = await repository.findBySubmissionKey(db, submissionKey);
    return { reference: recorded.reference, followUpCode: openFollowUpCode(winner!.follow_up_sealed!, input.submissionId), receivedAt: recorded.receivedAt.toISOString(), created: false };
  }
  return { reference: recorded.reference, followUpCode, receivedAt: recorded.receivedAt.toISOString(), created: true };
}

// --- attachments ----------------------------------------------------------------------------

const ALLOWED_TYPES = new Set([
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/heic',
  'image/heif',
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.oasis.opendocument.text',
]);

/** The media type by content (magic numbers), or undefined when the file may not be accepted. */
export async function acceptedMediaType(content: Uint8Array): Promise<string | undefined> {
  const detected = await fileTypeFromBuffer(content);
  if (detected) return ALLOWED_TYPES.has(detected.mime) ? detected.mime : undefined;
  // No magic number: plain text is fine when it is valid UTF-8 without control characters.
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(content);
    const control = [...text].some((c) => {
      const code = c.charCodeAt(0);
      return code < 0x09 || (code > 0x0d && code < 0x20);
    });
    return control ? undefined : 'text/plain';
  } catch {
    return undefined;
  }
}

export function safeFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[^\p{L}\p{N} ._()-]/gu, '_').trim().slice(0, 120);
  return clean || 'bijlage';
}

export async function uploadAttachment(
  db: Db,
  config: Pick<Config, 'ATTACHMENT_MAX_BYTES' | 'ATTACHMENT_MAX_COUNT'>,
  regionCode: string,
  submissionId: string,
  fileName: string | undefined,
  content: Uint8Array,
) {
  if (content.byteLength === 0) throw new AppError('request.invalid', { invalidParams: [{ name: 'body', code: 'empty', reason: 'the file is empty' }] });
  if (content.byteLength > config.ATTACHMENT_MAX_BYTES) throw new AppError('signal.attachment-too-large');
  const mediaType = await acceptedMediaType(content);
  if (!mediaType) throw new AppError('signal.attachment-type');
  const submissionKey = submissionKeyOf(submissionId);
  if ((await repository.countPendingAttachments(db, submissionKey)) >= config.ATTACHMENT_MAX_COUNT) throw new AppError('signal.attachment-limit');
  const [row] = await repository.insertAttachments(
    db,
    regionCode,
    null,
    [{ fileName: safeFileName(fileName), mediaType, content, sha256: createHash('sha256').update(content).digest('hex') }],
    submissionKey,
  );
  return { id: row!.id, fileName: row!.file_name, mediaType: row!.media_type, sizeBytes: row!.size_bytes, sha256: row!.sha256 };
}

// --- follow-up ------------------------------------------------------------------------------

/** What a reporter may know: received, being handled, handled — never content or names. */
const publicStatus = (status: string) => (status === 'new' ? 'received' : status === 'closed' ? 'handled' : 'in-progress');

async function findFollowUp(db: Db, reference: string, code: string) {
  const row = await repository.findByFollowUp(db, reference.trim().toUpperCase(), sha256(normaliseFollowUpCode(code)));
  if (!row) throw new AppError('public.follow-up-not-found');
  return row;
}

export async function followUpStatus(db: Db, reference: string, code: string) {
  const row = await findFollowUp(db, reference, code);
  return {
    reference: row.reference,
    status: publicStatus(row.status) as 'received' | 'in-progress' | 'handled',
    receivedAt: row.received_at.toISOString(),
    lastChangedAt: row.updated_at.toISOString(),
    additions: row.additions,
  };
}

export async function addFollowUp(db: Db, reference: string, code: string, text: string) {
  const row = await findFollowUp(db, reference, code);
  await repository.insertAddition(db, row.id, row.region_code, text);
  return followUpStatus(db, reference, code);
}
