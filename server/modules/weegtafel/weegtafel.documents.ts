import type { FastifyRequest } from 'fastify';
import PDFDocument from 'pdfkit';
import type { Db } from '@server/core/db/database';
import { loadSession } from './weegtafel.access';
import * as repository from './weegtafel.repository';
import { type ItemView, type SessionView, sessionView } from './weegtafel.view';

export const CONFIDENTIAL = 'Vertrouwelijk — alleen voor genodigden van de weeg- en monitortafel';
export const WITHHELD = '(niet gedeeld met uw organisatie)';

const kindLabels = { discussion: 'bespreking', monitoring: 'monitoring' } as const;
const trackLabels: Record<string, string> = { care: 'zorg', 'care-criminal': 'zorg en strafrecht', undermining: 'ondermijning (RIEC)', administrative: 'bestuurlijk', 'local-help': 'reguliere lokale hulp' };
const statusLabels: Record<string, string> = { enrichment: 'verrijking', 'put-forward': 'ingebracht', monitoring: 'monitoring', closed: 'gesloten' };

interface Recipient {
  name: string;
  organisation: string;
}

/**
 * The agenda and minutes as PDF, made for one recipient from what they may see: a case they may
 * not read shows only its reference; within a case only the parts shared with their
 * organisation. Each page carries the confidentiality mark, the recipient and the time made.
 */
export async function sessionDocument(db: Db, request: FastifyRequest, id: string, which: 'agenda' | 'minutes'): Promise<{ reference: string; pdf: Buffer }> {
  const loaded = await loadSession(db, request, id, 'read');
  const view = await sessionView(db, request, loaded, 'print');
  const actor = request.actor!;
  const organisation = await repository.organisationOf(db, actor.organisationId);
  const recipient = { name: actor.displayName, organisation: organisation?.name ?? '' };
  const pdf = await render(view, recipient, which);
  return { reference: loaded.session.reference, pdf };
}

function formatter(timeZone: string) {
  const f = new Intl.DateTimeFormat('nl-NL', { timeZone, dateStyle: 'long', timeStyle: 'short' });
  return (d: Date | string) => f.format(new Date(d));
}

function render(view: SessionView, recipient: Recipient, which: 'agenda' | 'minutes'): Promise<Buffer> {
  const { session } = view.loaded;
  const at = formatter(view.timezone);
  const generated = at(new Date());
  const doc = new PDFDocument({ size: 'A4', margins: { top: 72, bottom: 72, left: 60, right: 60 }, bufferPages: true, info: { Title: `${which === 'agenda' ? 'Agenda' : 'Verslag'} ${session.reference}`, Author: 'Schakel' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(16).text(`${which === 'agenda' ? 'Agenda' : 'Verslag'} weeg- en monitortafel ${session.reference}`);
  doc.moveDown(0.5).font('Helvetica').fontSize(10);
  doc.text(`Datum: ${at(session.starts_at)} tot ${at(session.ends_at)}`);
  if (session.location) doc.text(`Locatie: ${session.location}`);
  if (session.chair_name) doc.text(`Voorzitter: ${session.chair_name}`);
  if (session.status === 'cancelled') doc.font('Helvetica-Bold').text('GEANNULEERD').font('Helvetica');

  if (which === 'minutes') {
    doc.moveDown().font('Helvetica-Bold').fontSize(11).text(session.minutes_confirmed_at ? `Vastgesteld op ${at(session.minutes_confirmed_at)}${session.confirmed_by_name ? ` door ${session.confirmed_by_name}` : ''}` : 'CONCEPT — niet vastgesteld');
    doc.moveDown(0.5).fontSize(12).text('Aanwezigheid');
    doc.font('Helvetica').fontSize(10);
    if (view.attendance.length === 0) doc.text('Nog niet vastgelegd.');
    for (const a of view.attendance) doc.text(`• ${a.organisation_name}: ${a.present ? 'aanwezig' : 'afwezig'}`);
  }

  doc.moveDown().font('Helvetica-Bold').fontSize(12).text(which === 'agenda' ? 'Agendapunten' : 'Besproken casussen');
  if (view.items.length === 0) doc.font('Helvetica').fontSize(10).text('Geen agendapunten.');
  for (const item of view.items) writeItem(doc, item, which, at);

  if (which === 'minutes') {
    doc.moveDown().font('Helvetica-Bold').fontSize(12).text('Wijzigingen na vaststelling');
    doc.font('Helvetica').fontSize(10);
    if (view.amendments.length === 0) doc.text('Geen.');
    for (const m of view.amendments) {
      doc.font('Helvetica-Bold').text(`${at(m.amended_at)} — ${m.amended_by_name ?? 'onbekend'}`).font('Helvetica').text(m.text).moveDown(0.3);
    }
  }

  // The mark on every page, in the margins (no automatic page breaks there).
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const { margins } = doc.page;
    const bottom = margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('Helvetica-Bold').fontSize(8).text(CONFIDENTIAL, margins.left, 30, { width: doc.page.width - margins.left - margins.right, align: 'center', lineBreak: false });
    doc
      .font('Helvetica')
      .fontSize(8)
      .text(`Voor: ${recipient.name}, ${recipient.organisation} · gemaakt ${generated} · pagina ${i + 1} van ${range.count}`, margins.left, doc.page.height - 45, {
        width: doc.page.width - margins.left - margins.right,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

function writeItem(doc: PDFKit.PDFDocument, { item, view, tracks, decisions }: ItemView, which: 'agenda' | 'minutes', at: (d: Date | string) => string): void {
  const visible = Boolean(view?.decision.allowed);
  const groups = view?.groups ?? [];
  doc.moveDown(0.6).font('Helvetica-Bold').fontSize(10).text(`${item.position}. ${item.reference} (${kindLabels[item.kind]})`);
  doc.font('Helvetica');
  if (!visible) {
    doc.text(WITHHELD);
    return;
  }
  doc.text(groups.includes('facts') ? item.title : `Inhoud: ${WITHHELD}`);
  doc.text(`Status: ${statusLabels[item.status] ?? item.status} · gemeenten: ${item.municipalities.join(', ')}`);
  if (tracks) {
    for (const t of tracks) doc.text(`  Spoor ${trackLabels[t.kind] ?? t.kind} (${t.owner}): ${t.done}/${t.actions} acties gereed${Number(t.overdue) > 0 ? `, ${t.overdue} over de termijn` : ''}`);
  }
  if (which === 'minutes') {
    if (!groups.includes('table')) {
      doc.text(`Bespreking: ${WITHHELD}`);
      return;
    }
    doc.text(`Samenvatting: ${item.summary || '—'}`);
    for (const d of decisions ?? []) doc.text(`  Besluit (${at(d.recorded_at)}): ${d.text}${d.track_ids.length ? ` — ${d.track_ids.length} spoor/sporen geopend` : ''}`);
  }
}
