import type { Config } from '@server/core/config';
import { ConfigError } from '@server/core/config';
import type { Db } from '@server/core/db/database';
import type { MailboxSource } from '@server/db/schema';
import { acceptedMediaType, type NewSignal, recordSignal, safeFileName } from '@server/modules/signals';
import { findInlineForward, isForwardSubject, stripForwardPrefix } from './mailbox.forward';
import { cleanText, headerSection, type MailAddress, messageKeyOf, MimeError, type MimeLimits, parseMail, type ParsedMail, sha256Hex } from './mailbox.parse';
import * as repository from './mailbox.repository';

/**
 * The mailbox's use cases: store a message raw (durably, idempotent on its Message-ID), then
 * parse it and record the signal it becomes. Storing comes first, so whatever happens while
 * parsing, the message is kept; a message that cannot be parsed waits with a parse error.
 */
export interface MailboxSettings {
  regionCode: string;
  limits: MimeLimits;
  attachmentMaxBytes: number;
  imap?: { host: string; port: number; secure: boolean; user: string; password: string; folder: string; idle: boolean };
  pollSeconds: number;
  dropDir?: string;
}

/** The mailbox part of the configuration; throws ConfigError for an incomplete IMAP account. */
export function mailboxSettings(config: Config): MailboxSettings {
  const problems: string[] = [];
  if (config.MAILBOX_IMAP_HOST && (!config.MAILBOX_IMAP_USER || !config.MAILBOX_IMAP_PASSWORD)) {
    problems.push('MAILBOX_IMAP_USER and MAILBOX_IMAP_PASSWORD: required when MAILBOX_IMAP_HOST is set');
  }
  if (problems.length) throw new ConfigError(problems);
  return {
    regionCode: config.MAILBOX_REGION ?? config.SCHAKEL_REGION,
    limits: {
      maxMessageBytes: config.MAILBOX_MAX_MESSAGE_BYTES,
      maxDepth: config.MAILBOX_MAX_MIME_DEPTH,
      maxParts: config.MAILBOX_MAX_MIME_PARTS,
      maxDecodedBytes: config.MAILBOX_MAX_DECODED_BYTES,
    },
    attachmentMaxBytes: config.ATTACHMENT_MAX_BYTES,
    pollSeconds: config.MAILBOX_POLL_SECONDS,
    ...(config.MAILBOX_IMAP_HOST
      ? {
          imap: {
            host: config.MAILBOX_IMAP_HOST,
            port: config.MAILBOX_IMAP_PORT,
            secure: config.MAILBOX_IMAP_SECURE,
            user: config.MAILBOX_IMAP_USER!,
            password: config.MAILBOX_IMAP_PASSWORD!,
            folder: config.MAILBOX_FOLDER,
            idle: config.MAILBOX_IDLE,
          },
        }
      : {}),
    ...(config.MAILBOX_DROP_DIR ? { dropDir: config.MAILBOX_DROP_DIR } : {}),
  };
}

export const mailboxEnabled = (config: Config) => Boolean(config.MAILBOX_IMAP_HOST || config.MAILBOX_DROP_DIR);

/** MAILBOX_REGION must name a region of this installation (checked at start, after the regions load). */
export async function checkMailboxRegion(db: Db, settings: MailboxSettings): Promise<void> {
  const region = await db.selectFrom('region').select('code').where('code', '=', settings.regionCode).executeTakeFirst();
  if (!region) throw new ConfigError([`MAILBOX_REGION=${JSON.stringify(settings.regionCode)}: not a region of this installation (see SCHAKEL_REGIONS_DIR)`]);
}

/** What is kept of a message too large to parse: its header section and the start of its body. */
const TRUNCATED_KEEP_BYTES = 64 * 1024;

export interface ReceiveOrigin {
  source: MailboxSource;
  regionCode?: string;
  uploadedBy?: string | null;
  imapUid?: number | null;
  /** The real size when `raw` is only the start of a message too large to fetch whole. */
  fullSize?: number;
}

export interface Received {
  id: string;
  /** False when this message (same Message-ID, or same bytes without one) was there already. */
  created: boolean;
  status: 'pending' | 'recorded' | 'parse-error';
}

/** Stores a message raw, then parses and records it. Idempotent on the message key. */
export async function receiveMessage(db: Db, settings: MailboxSettings, raw: Uint8Array, origin: ReceiveOrigin): Promise<Received> {
  const regionCode = origin.regionCode ?? settings.regionCode;
  const tooLarge = origin.fullSize !== undefined || raw.byteLength > settings.limits.maxMessageBytes;
  const { messageKey, messageId, sha256 } = messageKeyOf(raw);
  const kept = tooLarge ? raw.subarray(0, TRUNCATED_KEEP_BYTES) : raw;
  const inserted = await repository.insertMessage(db, {
    region_code: regionCode,
    message_key: messageKey,
    message_id: messageId,
    source: origin.source,
    raw: kept,
    raw_sha256: tooLarge ? sha256Hex(kept) : sha256,
    size_bytes: origin.fullSize ?? raw.byteLength,
    raw_truncated: tooLarge,
    uploaded_by: origin.uploadedBy ?? null,
    imap_uid: origin.imapUid ?? null,
  });
  if (!inserted) {
    const existing = await repository.findByKey(db, regionCode, messageKey);
    return { id: existing!.id, created: false, status: existing!.status };
  }
  const status = await processMessage(db, settings, inserted.id);
  return { id: inserted.id, created: true, status };
}

const subjectOf = (raw: Uint8Array) => {
  const match = /^subject[ \t]*:[ \t]*(.*)$/im.exec(headerSection(raw).replace(/\r?\n[ \t]+/g, ' '));
  return match?.[1] ? cleanText(match[1]).slice(0, 300) : null;
};

/**
 * Parses a stored message and records its signal. A MimeError ends as a parse error on the
 * message; a failure to record (the database) leaves it pending, to be tried again.
 */
export async function processMessage(db: Db, settings: MailboxSettings, id: string): Promise<Received['status']> {
  const row = await repository.loadForParse(db, id);
  if (!row) throw new Error(`mailbox message ${id} not found`);
  if (row.status === 'recorded' && row.signal_id) return 'recorded';
  const raw = row.raw;
  if (row.raw_truncated) {
    await repository.markParseError(db, id, 'mime.too-large', `${row.size_bytes} bytes, more than ${settings.limits.maxMessageBytes}; only the start is kept`, subjectOf(raw));
    return 'parse-error';
  }
  let input: Awaited<ReturnType<typeof signalInput>>;
  try {
    const parsed = await parseMail(raw, settings.limits);
    input = await signalInput(parsed, settings, { regionCode: row.region_code, messageKey: row.message_key, mailboxMessageId: id, source: row.source });
  } catch (error) {
    const code = error instanceof MimeError ? error.code : 'mime.unparseable';
    const detail = error instanceof MimeError ? error.detail : String((error as Error)?.message ?? error).slice(0, 200);
    await repository.markParseError(db, id, code, detail, subjectOf(raw));
    return 'parse-error';
  }
  const recorded = await recordSignal(db, input.signal);
  await repository.markRecorded(db, id, { signalId: recorded.id, subject: input.subject, sentAt: input.sentAt, forwarded: input.forwarded, skippedAttachments: input.skipped });
  return 'recorded';
}

const SUMMARY_MAX = 50_000;
const describe = (a: MailAddress | null) => (a ? [a.name, a.email ? `<${a.email}>` : null].filter(Boolean).join(' ') : 'onbekend');

interface Original {
  from: MailAddress | null;
  subject: string | null;
  text: string;
  note: string;
  attachments: ParsedMail['attachments'];
}

/** Turns a parsed message into a NewSignal: the original sender as reporter, the forwarder noted. */
export async function signalInput(
  parsed: ParsedMail,
  settings: MailboxSettings,
  context: { regionCode: string; messageKey: string; mailboxMessageId: string; source: string },
) {
  let original: Original | null = null;
  const [embedded, ...moreEmbedded] = parsed.embedded;
  let embeddedUsed = false;
  if (embedded) {
    try {
      const inner = await parseMail(embedded, settings.limits);
      original = { from: inner.from, subject: inner.subject, text: inner.text, note: parsed.text, attachments: inner.attachments };
      embeddedUsed = true;
    } catch {
      // The outer message still becomes a signal; the attachment stays in the raw message.
    }
  }
  if (!original) {
    const inline = findInlineForward(parsed.text, isForwardSubject(parsed.subject));
    if (inline?.from) original = { from: inline.from, subject: inline.subject, text: inline.body, note: inline.note, attachments: [] };
  }
  const reporter = original ? original.from : parsed.from;
  const forwardedBy = original ? parsed.from : null;
  const subject = original ? (original.subject ?? (parsed.subject ? stripForwardPrefix(parsed.subject) : null)) : parsed.subject;

  const attachments: NonNullable<NewSignal['attachments']> = [];
  const skipped: { fileName: string; reason: string }[] = moreEmbedded.map(() => ({ fileName: 'doorgestuurd bericht (.eml)', reason: 'bericht als bijlage' }));
  if (embedded && !embeddedUsed) skipped.push({ fileName: 'doorgestuurd bericht (.eml)', reason: 'bericht als bijlage' });
  for (const attachment of [...parsed.attachments, ...(original?.attachments ?? [])]) {
    const fileName = safeFileName(attachment.fileName ?? undefined);
    if (attachment.content.byteLength === 0) continue;
    if (attachment.content.byteLength > settings.attachmentMaxBytes) {
      skipped.push({ fileName, reason: 'te groot' });
      continue;
    }
    const mediaType = await acceptedMediaType(attachment.content);
    if (!mediaType) {
      skipped.push({ fileName, reason: 'soort bestand niet toegestaan' });
      continue;
    }
    attachments.push({ fileName, mediaType, content: attachment.content, sha256: sha256Hex(attachment.content) });
  }

  const lines = [subject ? `Onderwerp: ${subject}` : null];
  if (forwardedBy) {
    lines.push(`Doorgestuurd door ${describe(forwardedBy)}${original?.note ? ` met de opmerking:\n${original.note}` : '.'}`);
  }
  lines.push((original ? original.text : parsed.text) || '(geen tekst)');
  if (skipped.length) {
    lines.push(`[Niet als bijlage overgenomen, wel bewaard in het oorspronkelijke bericht: ${skipped.map((s) => `${s.fileName} (${s.reason})`).join('; ')}]`);
  }
  let summary = lines.filter(Boolean).join('\n\n');
  if (summary.length > SUMMARY_MAX) summary = `${summary.slice(0, SUMMARY_MAX)}\n\n[… ingekort; de volledige tekst staat in het oorspronkelijke bericht]`;

  // The Date header, when it is believable (not in the future, not from before e-mail reached the meldpunt).
  const now = new Date();
  const receivedAt = parsed.sentAt && parsed.sentAt < now && parsed.sentAt.getUTCFullYear() >= 2000 ? parsed.sentAt : now;
  const signal: NewSignal = {
    regionCode: context.regionCode,
    channel: 'mailbox',
    sourceId: context.messageKey,
    summary,
    anonymous: !reporter,
    reporter: reporter ? { name: reporter.name, email: reporter.email } : null,
    receivedAt,
    attachments,
    eventDetail: {
      mailboxMessageId: context.mailboxMessageId,
      via: context.source,
      ...(forwardedBy ? { forwardedBy: { name: forwardedBy.name, email: forwardedBy.email } } : {}),
      ...(skipped.length ? { skippedAttachments: skipped } : {}),
    },
  };
  return { signal, subject: parsed.subject, sentAt: parsed.sentAt, forwarded: Boolean(forwardedBy), skipped: skipped.length };
}

/** Parses a message again (after a parser fix or a changed limit); a recorded one is left alone. */
export async function retryParse(db: Db, settings: MailboxSettings, regionCode: string, id: string) {
  const row = await repository.findMessage(db, regionCode, id);
  if (!row) return undefined;
  if (row.status !== 'recorded') await processMessage(db, settings, id);
  return repository.findMessage(db, regionCode, id);
}

/** Finishes messages left pending by a crash or an outage (of every region: uploads go to the uploader's). */
export async function finishPending(db: Db, settings: MailboxSettings, olderThanMs = 60_000): Promise<number> {
  const ids = await repository.stalePending(db, new Date(Date.now() - olderThanMs));
  for (const id of ids) await processMessage(db, settings, id);
  return ids.length;
}
