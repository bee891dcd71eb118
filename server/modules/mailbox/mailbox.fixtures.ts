import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';

/**
 * Fictional e-mail messages for the mailbox tests and the benchmark, composed with nodemailer's
 * MIME composer so they look like what real mail clients send. Every name and address is made up
 * (example.test).
 */
export function compose(options: Mail.Options): Promise<Buffer> {
  return new MailComposer({ to: 'meldpunt@regio.example.test', date: new Date('2026-03-02T09:15:00Z'), ...options }).compile().build();
}

/** A 1×1 PNG: an attachment every check accepts. */
export const tinyPng = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** A Windows executable named as a photo: must not become a signal attachment. */
export const disguisedExecutable = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00', 'latin1'), Buffer.alloc(512, 0x41)]);

const firstNames = ['Anouk', 'Bram', 'Chantal', 'Daan', 'Esra', 'Fleur', 'Gijs', 'Hanna', 'Iris', 'Joost'];
const lastNames = ['de Vries', 'Jansen', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'de Groot', 'Bos'];
const places = ['Hilversum', 'Huizen', 'Bussum', 'Laren', 'Weesp', 'Naarden', 'Blaricum', 'Eemnes'];

/** Citizen report number `n`: fictional sender, a short description, sometimes a photo. */
export function citizenReport(n: number, options: { withPhoto?: boolean } = {}): Promise<Buffer> {
  const first = firstNames[n % firstNames.length]!;
  const last = lastNames[Math.floor(n / firstNames.length) % lastNames.length]!;
  const place = places[n % places.length]!;
  return compose({
    from: `${first} ${last} <${first.toLowerCase()}.${n}@burger.example.test>`,
    subject: `Melding over een nagelstudio in ${place} (${n})`,
    messageId: `<report-${n}@burger.example.test>`,
    text: `Goedemiddag,\n\nIn de nagelstudio aan de Dorpsstraat in ${place} werken steeds andere jonge vrouwen, ook 's avonds laat. Ze lijken geen Nederlands te spreken en worden met een busje gebracht en gehaald.\n\nMet vriendelijke groet,\n${first} ${last}`,
    ...(options.withPhoto ? { attachments: [{ filename: `foto-${n}.png`, content: tinyPng, contentType: 'image/png' }] } : {}),
  });
}

/** Nested multipart/mixed `depth` levels deep: a MIME bomb by depth. */
export function deepMessage(depth: number): Buffer {
  let head = 'From: bom@afzender.example.test\r\nTo: meldpunt@regio.example.test\r\nSubject: diep\r\nMessage-ID: <deep-' + depth + '@afzender.example.test>\r\nMIME-Version: 1.0\r\n';
  let body = '';
  const tails: string[] = [];
  for (let level = 0; level < depth; level++) {
    body += `${level === 0 ? head : ''}Content-Type: multipart/mixed; boundary="b${level}"\r\n\r\n--b${level}\r\n`;
    head = '';
    tails.unshift(`\r\n--b${level}--\r\n`);
  }
  return Buffer.from(`${body}Content-Type: text/plain\r\n\r\nbinnenin\r\n${tails.join('')}`);
}

/** One multipart with `parts` tiny parts: a MIME bomb by count. */
export function wideMessage(parts: number): Buffer {
  const lines = ['From: bom@afzender.example.test', 'To: meldpunt@regio.example.test', 'Subject: breed', `Message-ID: <wide-${parts}@afzender.example.test>`, 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="w"', ''];
  for (let i = 0; i < parts; i++) lines.push('--w', 'Content-Type: text/plain', '', `deel ${i}`);
  lines.push('--w--', '');
  return Buffer.from(lines.join('\r\n'));
}
