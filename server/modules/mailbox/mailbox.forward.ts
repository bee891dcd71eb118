import type { MailAddress } from './mailbox.parse';

/**
 * Forwarded messages keep their original sender. Staff often forward a citizen's e-mail to the
 * regional mailbox: then the reporter is the person who wrote the original, and the staff member
 * is recorded as the one who forwarded it. Three shapes are recognised: the original attached as
 * message/rfc822 (handled by the service), an inline block after a marker line such as
 * "---------- Forwarded message ---------" or "-------- Doorgestuurd bericht --------", and
 * Outlook's header block ("Van: … / Verzonden: … / Onderwerp: …") under a Fwd:/Doorst:/FW:/WG: subject.
 */

const FORWARD_SUBJECT = /^\s*(?:(?:fwd?|fw|doorst|wg|tr|rv|enc)\s*:\s*)+/i;

export function isForwardSubject(subject: string | null | undefined): boolean {
  return FORWARD_SUBJECT.test(subject ?? '');
}

export function stripForwardPrefix(subject: string): string {
  return subject.replace(FORWARD_SUBJECT, '').trim();
}

const MARKERS = [
  /^-{2,}\s*forwarded message\s*-{2,}\s*$/i,
  /^-{2,}\s*doorgestuurd bericht\s*-{2,}\s*$/i,
  /^-{2,}\s*original message\s*-{2,}\s*$/i,
  /^-{2,}\s*oorspronkelijk bericht\s*-{2,}\s*$/i,
  /^-{2,}\s*origineel bericht\s*-{2,}\s*$/i,
  /^begin (forwarded message|doorgestuurd bericht)\s*:\s*$/i,
];

const FIELD = /^\s*\**(from|van|sent|verzonden|date|datum|to|aan|cc|subject|onderwerp|reply-to)\**\s*:\s*\**(.*?)\**\s*$/i;
const FROM_FIELD = /^(from|van)$/i;
const SUBJECT_FIELD = /^(subject|onderwerp)$/i;
const DATE_FIELD = /^(sent|verzonden|date|datum)$/i;
const EMAIL = /[^\s<>[\]"'():;,]+@[^\s<>[\]"'():;,]+\.[^\s<>[\]"'():;,]{2,}/;

/** "Jan Jansen <jan@example.test>", "jan@example.test", "Jansen, Jan [mailto:jan@example.test]". */
export function parseAddressText(value: string): MailAddress | null {
  const email = EMAIL.exec(value)?.[0]?.replace(/^mailto:/i, '').toLowerCase() ?? null;
  const name =
    value
      .replace(/\[mailto:[^\]]*\]|<[^>]*>|\([^)]*@[^)]*\)/gi, ' ')
      .replace(EMAIL, ' ')
      .replace(/["'*]/g, '')
      .replace(/\s+/g, ' ')
      .trim() || null;
  if (!email && !name) return null;
  return { name: name && name !== email ? name.slice(0, 200) : null, email };
}

export interface InlineForward {
  /** What the forwarder wrote above the forwarded message. */
  note: string;
  from: MailAddress | null;
  subject: string | null;
  sentAt: string | null;
  /** The forwarded message's own text. */
  body: string;
}

/** Reads a header block of "Name: value" lines starting at `index`; stops at the first other line. */
function readBlock(lines: string[], index: number) {
  const fields: { name: string; value: string }[] = [];
  let i = index;
  while (i < lines.length && lines[i]!.trim() === '') i++;
  for (; i < lines.length && fields.length < 12; i++) {
    const line = lines[i]!.replace(/^>\s?/, '');
    const match = FIELD.exec(line);
    if (match) {
      fields.push({ name: match[1]!, value: match[2]! });
      continue;
    }
    // A folded value (a long To: list) continues on an indented line.
    if (fields.length > 0 && /^\s+\S/.test(line) && !/^\s*$/.test(line)) {
      fields[fields.length - 1]!.value += ` ${line.trim()}`;
      continue;
    }
    break;
  }
  return { fields, end: i };
}

function toForward(lines: string[], noteEnd: number, blockStart: number): InlineForward | null {
  const { fields, end } = readBlock(lines, blockStart);
  const from = fields.find((f) => FROM_FIELD.test(f.name));
  if (!from) return null;
  return {
    note: lines.slice(0, noteEnd).join('\n').trim(),
    from: parseAddressText(from.value),
    subject: fields.find((f) => SUBJECT_FIELD.test(f.name))?.value.trim() || null,
    sentAt: fields.find((f) => DATE_FIELD.test(f.name))?.value.trim() || null,
    body: lines
      .slice(end)
      .map((l) => l.replace(/^>\s?/, ''))
      .join('\n')
      .trim(),
  };
}

/** Finds an inline forwarded message in a text body; `forwardSubject` allows Outlook's marker-less block. */
export function findInlineForward(text: string, forwardSubject: boolean): InlineForward | null {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/^>\s?/, '').trim();
    if (MARKERS.some((marker) => marker.test(line))) {
      const found = toForward(lines, i, i + 1);
      if (found) return found;
    }
  }
  if (!forwardSubject) return null;
  // Outlook: no marker, but a block that starts with From:/Van: and names a subject or date.
  for (let i = 0; i < lines.length; i++) {
    const match = FIELD.exec(lines[i]!.replace(/^>\s?/, ''));
    if (!match || !FROM_FIELD.test(match[1]!)) continue;
    const { fields } = readBlock(lines, i);
    if (fields.some((f) => SUBJECT_FIELD.test(f.name) || DATE_FIELD.test(f.name))) {
      const found = toForward(lines, i, i);
      if (found) return found;
    }
  }
  return null;
}
