import { createHash } from 'node:crypto';
import { type AddressObject, type Attachment, simpleParser } from 'mailparser';

/**
 * MIME: from raw bytes to what a signal needs, within limits. Mail is untrusted input; a MIME
 * bomb (parts nested thousands deep, tens of thousands of parts, a body that decodes to more than
 * the process should hold) must end as a recorded parse error, not a crashed or stalled process.
 * The cheap structural scan below runs before mailparser buffers anything; mailparser's own
 * `maxChildNodes` is a second line. Base64 and quoted-printable never decode to more bytes than
 * they take, so the raw size limit also bounds the decoded size; the decoded total is checked too.
 */
export interface MimeLimits {
  maxMessageBytes: number;
  maxDepth: number;
  maxParts: number;
  maxDecodedBytes: number;
}

export const mimeErrorCodes = ['mime.too-large', 'mime.too-deep', 'mime.too-many-parts', 'mime.too-much-content', 'mime.no-headers', 'mime.unparseable'] as const;
export type MimeErrorCode = (typeof mimeErrorCodes)[number];

export class MimeError extends Error {
  constructor(
    readonly code: MimeErrorCode,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'MimeError';
  }
}

export interface MailAddress {
  name: string | null;
  email: string | null;
}

export interface ParsedAttachment {
  fileName: string | null;
  declaredType: string;
  content: Buffer;
}

export interface ParsedMail {
  messageId: string | null;
  subject: string | null;
  sentAt: Date | null;
  from: MailAddress | null;
  text: string;
  attachments: ParsedAttachment[];
  /** Attached messages (message/rfc822), still raw: a forward as attachment. */
  embedded: Buffer[];
}

const HEADER_SCAN_BYTES = 256 * 1024;

/** The header section (up to the first empty line), decoded byte for byte. */
export function headerSection(raw: Uint8Array): string {
  const buffer = Buffer.from(raw.buffer, raw.byteOffset, Math.min(raw.byteLength, HEADER_SCAN_BYTES));
  const crlf = buffer.indexOf('\r\n\r\n');
  const lf = buffer.indexOf('\n\n');
  const ends = [crlf, lf].filter((i) => i >= 0);
  const end = ends.length ? Math.min(...ends) : buffer.length;
  return buffer.subarray(0, end).toString('latin1');
}

const FIELD_LINE = /^[\x21-\x39\x3b-\x7e]+[ \t]*:/;

/** Whether the bytes start like a message: header field lines up to the first empty line. */
export function looksLikeMessage(raw: Uint8Array): boolean {
  const head = headerSection(raw);
  if (!head.trim()) return false;
  const lines = head.split(/\r?\n/);
  return FIELD_LINE.test(lines[0] ?? '') && lines.every((line) => line === '' || /^[ \t]/.test(line) || FIELD_LINE.test(line));
}

export function sha256Hex(raw: Uint8Array): string {
  return createHash('sha256').update(raw).digest('hex');
}

/**
 * The idempotency key of a message: its Message-ID without angle brackets, or — without one —
 * `sha256:` and the hash of the raw bytes. Read from the header section only, so even a message
 * that cannot be parsed gets its key.
 */
export function messageKeyOf(raw: Uint8Array): { messageKey: string; messageId: string | null; sha256: string } {
  const sha256 = sha256Hex(raw);
  const head = headerSection(raw).replace(/\r?\n[ \t]+/g, ' ');
  const match = /^message-id[ \t]*:[ \t]*(.*)$/im.exec(head);
  const value = match?.[1]?.trim() ?? '';
  const bracketed = /<([^<>\s]{1,900})>/.exec(value)?.[1];
  const messageId = bracketed ?? (/^[^\s<>]{3,900}$/.test(value) ? value : null);
  return { messageKey: messageId ?? `sha256:${sha256}`, messageId, sha256 };
}

function parameter(headerValue: string, name: string): string | undefined {
  const match = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(headerValue);
  return match ? (match[1] ?? match[2]) : undefined;
}

/**
 * A streaming structural scan: counts parts and the nesting depth of multiparts and embedded
 * messages, line by line, without decoding anything. Stops at the first limit crossed.
 */
export function scanStructure(raw: Uint8Array, limits: Pick<MimeLimits, 'maxDepth' | 'maxParts'>): { parts: number; depth: number } {
  const buffer = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const boundaries: { boundary: string; depth: number }[] = [];
  let parts = 1;
  let maxDepth = 1;
  let inHeaders = true;
  let header = '';
  let currentDepth = 1;
  const endHeaders = () => {
    const unfolded = header.replace(/\r?\n[ \t]+/g, ' ');
    const contentType = /^content-type[ \t]*:[ \t]*(.*)$/im.exec(unfolded)?.[1] ?? '';
    const encoding = (/^content-transfer-encoding[ \t]*:[ \t]*(\S*)/im.exec(unfolded)?.[1] ?? '7bit').toLowerCase();
    header = '';
    const type = contentType.split(';')[0]!.trim().toLowerCase();
    if (type.startsWith('multipart/')) {
      const boundary = parameter(contentType, 'boundary');
      if (boundary) {
        boundaries.push({ boundary: `--${boundary}`, depth: currentDepth + 1 });
        maxDepth = Math.max(maxDepth, currentDepth + 1);
      }
      inHeaders = false;
    } else if (type === 'message/rfc822' && ['7bit', '8bit', 'binary'].includes(encoding)) {
      // The body is a message of its own: its header section follows, one level deeper.
      currentDepth += 1;
      maxDepth = Math.max(maxDepth, currentDepth);
      inHeaders = true;
      return;
    } else {
      inHeaders = false;
    }
    if (maxDepth > limits.maxDepth) throw new MimeError('mime.too-deep', `nested deeper than ${limits.maxDepth} levels`);
  };

  let start = 0;
  while (start < buffer.length) {
    let end = buffer.indexOf(0x0a, start);
    if (end < 0) end = buffer.length;
    if (inHeaders) {
      const line = buffer.toString('latin1', start, end).replace(/\r$/, '');
      if (line === '') endHeaders();
      else if (header.length < 64 * 1024) header += `${line}\n`;
    } else if (buffer[start] === 0x2d && buffer[start + 1] === 0x2d && boundaries.length > 0) {
      const line = buffer.toString('latin1', start, Math.min(end, start + 1100)).replace(/[ \t\r]+$/, '');
      for (let i = boundaries.length - 1; i >= 0; i--) {
        const { boundary, depth: level } = boundaries[i]!;
        if (line === boundary || line === `${boundary}--`) {
          boundaries.length = line === boundary ? i + 1 : i;
          if (line === boundary) {
            parts += 1;
            if (parts > limits.maxParts) throw new MimeError('mime.too-many-parts', `more than ${limits.maxParts} parts`);
            currentDepth = level;
            inHeaders = true;
          }
          break;
        }
      }
    }
    start = end + 1;
  }
  if (maxDepth > limits.maxDepth) throw new MimeError('mime.too-deep', `nested deeper than ${limits.maxDepth} levels`);
  return { parts, depth: maxDepth };
}

function firstAddress(value: AddressObject | AddressObject[] | undefined): MailAddress | null {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  for (const object of list) {
    for (const entry of object.value) {
      const mailbox = entry.group?.[0] ?? entry;
      if (mailbox.address || mailbox.name) return { name: mailbox.name?.trim() || null, email: mailbox.address?.trim().toLowerCase() || null };
    }
  }
  return null;
}

/** Text from HTML that mailparser could not convert: tags out, entities of the common kind decoded. */
function roughText(html: string): string {
  return html
    .slice(0, 1_000_000)
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<br\s*\/?>|<\/(p|div|li|tr|h\d)>/gi, '\n')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n\s*\n+/g, '\n\n')
    .trim();
}

/** Control characters other than tab and line breaks are dropped; HTML is never kept as HTML. */
export function cleanText(text: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
}

/** Parses a message within the limits; throws MimeError when it cannot or may not be parsed. */
export async function parseMail(raw: Uint8Array, limits: MimeLimits): Promise<ParsedMail> {
  if (raw.byteLength > limits.maxMessageBytes) throw new MimeError('mime.too-large', `${raw.byteLength} bytes, more than ${limits.maxMessageBytes}`);
  if (!looksLikeMessage(raw)) throw new MimeError('mime.no-headers', 'no header section: this is not an e-mail message');
  scanStructure(raw, limits);
  let parsed;
  try {
    parsed = await simpleParser(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength), {
      skipTextToHtml: true,
      skipImageLinks: true,
      skipTextLinks: true,
      maxHtmlLengthToParse: 2_000_000,
      // A forward as attachment stays an attachment: its headers name the original sender.
      ignoreEmbedded: true,
      maxChildNodes: limits.maxParts,
    });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'EMAXLEN') throw new MimeError('mime.too-many-parts', (error as Error).message.slice(0, 200));
    throw new MimeError('mime.unparseable', (error as Error).message?.slice(0, 200) ?? 'parser failed');
  }
  const attachments: Attachment[] = parsed.attachments ?? [];
  const decoded = attachments.reduce((sum, a) => sum + a.size, 0) + (parsed.text?.length ?? 0) + (typeof parsed.html === 'string' ? parsed.html.length : 0);
  if (decoded > limits.maxDecodedBytes) throw new MimeError('mime.too-much-content', `${decoded} bytes decoded, more than ${limits.maxDecodedBytes}`);

  let text = parsed.text ?? '';
  if (!text.trim() && typeof parsed.html === 'string') text = roughText(parsed.html);
  const messageId = parsed.messageId?.replace(/^<|>$/g, '').trim() || null;
  return {
    messageId,
    subject: parsed.subject ? cleanText(parsed.subject).slice(0, 998) : null,
    sentAt: parsed.headers.has('date') && parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date : null,
    from: firstAddress(parsed.from),
    text: cleanText(text),
    attachments: attachments
      .filter((a) => a.contentType !== 'message/rfc822')
      .map((a) => ({ fileName: a.filename ?? null, declaredType: a.contentType, content: a.content })),
    embedded: attachments.filter((a) => a.contentType === 'message/rfc822').map((a) => a.content),
  };
}
