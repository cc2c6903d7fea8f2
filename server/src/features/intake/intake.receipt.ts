import type { DocumentLanguage, Intake } from '@lotse/common';
import { PDFDocument } from 'pdf-lib';
import { renderPdf, type PdfBlock } from '../../lib/pdf';
import { RECEIPT_TEXTS } from './intake.texts';

/** "1.2 MB", "340 KB": sizes as a person reads them. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** A time as the desk prints it: 21.11.2026, 09:41 in Germany's time zone. */
export function formatReceived(iso: string): string {
  return new Intl.DateTimeFormat('de-DE', {
    timeZone: 'Europe/Berlin',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

function part(intake: Intake, lang: DocumentLanguage, municipality: string): Promise<Buffer> {
  const t = RECEIPT_TEXTS[lang];
  const blocks: PdfBlock[] = [
    {
      kind: 'fields',
      rows: [
        [t.reference, intake.reference],
        [t.person, intake.personName ?? '—'],
        [t.received, formatReceived(intake.receivedAt)],
        [t.receivedBy, intake.receivedByName],
      ],
    },
    { kind: 'paragraph', text: t.intro },
    { kind: 'heading', text: t.documents },
    {
      kind: 'table',
      columns: [...t.columns],
      rows: intake.documents.map((d) => [
        String(d.position),
        t.classes[d.documentClass],
        d.fileName,
        formatSize(d.size),
        d.agencyName,
      ]),
    },
    { kind: 'paragraph', text: t.note },
  ];
  return renderPdf({
    lang,
    title: t.title,
    subtitle: `${municipality} · Haus der Integration`,
    blocks,
    footer: `${t.reference} ${intake.reference}`,
  });
}

/**
 * The receipt (Eingangsbestätigung) as one PDF: the German part, then the part in the person's language on its
 * own pages (laid out right to left for Arabic and Persian). Each part is rendered by lib/pdf in its own direction
 * and the pages are put together.
 */
export async function receiptPdf(intake: Intake, municipality: string): Promise<Buffer> {
  const languages: DocumentLanguage[] = intake.language === 'de' ? ['de'] : ['de', intake.language];
  const parts = await Promise.all(languages.map((l) => part(intake, l, municipality)));
  if (parts.length === 1) return parts[0]!;
  const out = await PDFDocument.create();
  for (const bytes of parts) {
    const source = await PDFDocument.load(bytes);
    for (const page of await out.copyPages(source, source.getPageIndices())) out.addPage(page);
  }
  out.setTitle(`${RECEIPT_TEXTS.de.title} ${intake.reference}`, { showInWindowTitleBar: true });
  out.setLanguage('de');
  out.setCreator('Lotse');
  out.setProducer('Lotse');
  return Buffer.from(await out.save());
}
