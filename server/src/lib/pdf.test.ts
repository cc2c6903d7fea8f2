import fs from 'node:fs';
import { createRequire } from 'node:module';
import zlib from 'node:zlib';
import { create as createFont, type Font } from 'fontkit';
import { extractText, extractTextItems, getDocumentProxy, getMeta } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { isRtl, layoutText, renderPdf, shapeRun, type LayoutLine, type PdfDocument } from './pdf';

const require = createRequire(import.meta.url);
const body = { size: 10 };

/** The texts of a line's runs from left to right, without the spaces around them. */
const visual = (line: LayoutLine | undefined) => (line?.runs ?? []).map((r) => r.text.trim()).filter(Boolean);

function loadFont(file: string): Font {
  return createFont(fs.readFileSync(require.resolve(file))) as Font;
}

/** The TrueType programs embedded in a PDF (fontkit's subsets start with the tag 'true'), read with fontkit. */
function embeddedFonts(pdf: Buffer): Font[] {
  const fonts: Font[] = [];
  for (const m of pdf.toString('latin1').matchAll(/<<([^<>]*?)>>\s*stream\r?\n/g)) {
    const dict = m[1] ?? '';
    const start = (m.index ?? 0) + m[0].length;
    const bytes = pdf.subarray(start, start + Number(/\/Length (\d+)/.exec(dict)?.[1]));
    const data = /FlateDecode/.test(dict) ? zlib.inflateSync(bytes) : bytes;
    if (data.length > 12 && data.toString('latin1', 0, 4) === 'true') fonts.push(createFont(data) as Font);
  }
  return fonts;
}

function outlines(font: Font): Set<string> {
  const paths = new Set<string>();
  for (let id = 0; id < font.numGlyphs; id++) paths.add(font.getGlyph(id).path.toSVG());
  return paths;
}

async function readPdf(pdf: Buffer) {
  const proxy = await getDocumentProxy(new Uint8Array(pdf));
  const { totalPages, text } = await extractText(proxy, { mergePages: false });
  const { info } = await getMeta(proxy);
  const { items } = await extractTextItems(proxy);
  // Lines wrap where they wrap: compare text with its white space collapsed.
  const all = text.join('\n').replace(/\s+/g, ' ');
  return { totalPages, pages: text, all, info, items };
}

function accessRows(n: number, name: string): string[][] {
  return Array.from({ length: n }, (_, i) => [
    `2026-11-${String((i % 28) + 1).padStart(2, '0')} 10:${String(i % 60).padStart(2, '0')}`,
    i % 3 === 0 ? name : 'Anna Schmidt',
    i % 2 ? 'Beratung / Akte gelesen' : 'قراءة الملف',
    `#${i + 1}`,
  ]);
}

const german: PdfDocument = {
  lang: 'de',
  title: 'Einwilligungserklärung',
  subtitle: 'Haus der Integration Wuppertal',
  footer: 'Lotse · Haus der Integration',
  blocks: [
    { kind: 'heading', text: 'Ihre Daten' },
    {
      kind: 'fields',
      rows: [
        ['Name', 'Mohammed Al-Hassan (محمد الحسن)'],
        ['Geburtsdatum', '1990-05-01'],
        ['Leer', ''],
      ],
    },
    {
      kind: 'paragraph',
      text: 'Herr محمد الحسن hat am 2026-11-21 zugestimmt. Türkçe: Şeyma Güneş, İstanbul. Українська: Ґанна Їжак. Русский: Ёжик.',
    },
    { kind: 'paragraph', text: '' },
    { kind: 'table', columns: ['Zeitpunkt', 'Wer', 'Was', 'Nr.'], rows: accessRows(200, 'محمد الحسن') },
    { kind: 'spacer' },
    { kind: 'signature', lines: ['Ort, Datum', 'Unterschrift'] },
  ],
};

const arabic: PdfDocument = {
  lang: 'ar',
  title: 'نموذج الموافقة',
  footer: 'لوتسه · بيت الاندماج',
  blocks: [
    { kind: 'heading', text: 'بياناتك' },
    {
      kind: 'fields',
      rows: [
        ['الاسم', 'Anna Schmidt'],
        ['تاريخ الميلاد', '1990-05-01'],
      ],
    },
    {
      kind: 'paragraph',
      text: 'أوافق على أن يعالج بيت الاندماج بياناتي. وقّعت Anna Schmidt في 2026-11-21 على 3 صفحات.',
    },
    { kind: 'table', columns: ['الوقت', 'من', 'ماذا', 'رقم'], rows: accessRows(200, 'محمد الحسن') },
    { kind: 'signature', lines: ['المكان، التاريخ', 'التوقيع'] },
  ],
};

const persian: PdfDocument = {
  lang: 'fa',
  title: 'فرم رضایت',
  blocks: [
    { kind: 'paragraph', text: 'اطلاعاتم پردازش شود. آقای Ali Rezaei در تاریخ 2026-11-21 امضا کرد.' },
    { kind: 'table', columns: ['زمان', 'چه کسی', 'چه'], rows: accessRows(200, 'علی رضایی') },
  ],
};

describe('isRtl', () => {
  it('knows the right-to-left languages', () => {
    for (const lang of ['ar', 'fa', 'he', 'ur', 'ar-SY', 'fa_IR', 'az-Arab']) expect(isRtl(lang)).toBe(true);
    for (const lang of ['de', 'en', 'tr', 'uk', 'ru', 'sr-Latn', 'ku-Latn', '', 'xx'])
      expect(isRtl(lang)).toBe(false);
  });
});

describe('text layout', () => {
  it('orders an Arabic sentence with a Latin name, a date and a number visually, right to left', () => {
    const [line, more] = layoutText('وقّعت Anna Schmidt في 2026-11-21 على 3 صفحات.', 1000, body, 'rtl');
    expect(more).toBeUndefined();
    // Left to right on the page: the sentence's end first, the Latin name and the date each in reading order.
    expect(visual(line)).toEqual(['.', 'صفحات', '3', 'على', '2026-11-21', 'في', 'Anna Schmidt', 'وقّعت']);
    const name = line?.runs.find((r) => r.text.includes('Anna'));
    expect(name).toMatchObject({ rtl: false, script: 'latn' });
    expect(line?.runs.find((r) => r.text.includes('وقّعت'))).toMatchObject({ rtl: true, script: 'arab' });
  });

  it('keeps an Arabic name in a German sentence whole, right to left', () => {
    const [line] = layoutText('Herr محمد الحسن hat am 2026-11-21 zugestimmt.', 1000, body, 'ltr');
    expect(visual(line)).toEqual(['Herr', 'محمد الحسن', 'hat am', '2026-11-21', 'zugestimmt.']);
  });

  it('mirrors brackets in right-to-left text', () => {
    const [line] = layoutText('الاسم (Anna)', 1000, body, 'rtl');
    expect(visual(line)).toEqual(['(', 'Anna', ')', 'الاسم']);
  });

  it('lays data out left to right when it has no right-to-left letter (dir auto)', () => {
    expect(visual(layoutText('+49 202 123456', 1000, body, 'auto')[0])).toEqual(['+49 202 123456']);
    expect(visual(layoutText('+49 202 123456', 1000, body, 'rtl')[0])).not.toEqual(['+49 202 123456']);
  });

  it('picks a font per script: Latin, Latin Extended, Cyrillic, Arabic', () => {
    const [line] = layoutText('Ab Şe Ёж عل', 1000, body, 'ltr');
    expect(line?.runs.map((r) => r.font)).toEqual([
      'noto-sans-latin-400',
      'noto-sans-latin-ext-400',
      'noto-sans-latin-400',
      'noto-sans-cyrillic-400',
      'vazirmatn-arabic-400',
    ]);
  });

  it('wraps at spaces, cuts words longer than a line, and leaves nothing out', () => {
    const text =
      'Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungsanstalt und eine kurze Zeile danach';
    const lines = layoutText(text, 120, body, 'ltr');
    expect(lines.length).toBeGreaterThan(3);
    for (const l of lines) expect(l.width).toBeLessThanOrEqual(120.01);
    const texts = lines.map((l) => l.runs.map((r) => r.text).join(''));
    expect(texts.join('').replaceAll(' ', '')).toBe(text.replaceAll(' ', ''));
    expect(texts[0]).toMatch(/^Donaudampf/);
    expect(texts.at(-1)).toMatch(/danach$/);
    expect(layoutText('', 100, body, 'ltr')).toEqual([]);
  });

  it('shapes Arabic: joined letter forms, not the isolated ones, in visual order', () => {
    const [line] = layoutText('سلام', 1000, body, 'rtl');
    const run = line?.runs[0];
    expect(run).toMatchObject({ text: 'سلام', script: 'arab', rtl: true });
    const font = loadFont('@fontsource/vazirmatn/files/vazirmatn-arabic-400-normal.woff');
    const isolated = [...'سلام'].map((ch) => font.glyphForCodePoint(ch.codePointAt(0) ?? 0).id);
    const shaped = shapeRun(run as NonNullable<typeof run>);
    // meem (isolated after alef), lam-alef ligature (final), seen (initial): three glyphs for four letters.
    expect(shaped.map((g) => g.name)).toEqual(['uni0645', 'uniFEFC', 'uniFEB3']);
    expect(shaped.map((g) => g.id)).not.toEqual([...isolated].reverse());
    expect(shaped[2]?.id).not.toBe(isolated[0]);
  });
});

describe('renderPdf', () => {
  let de: Awaited<ReturnType<typeof readPdf>>;
  let ar: Awaited<ReturnType<typeof readPdf>>;
  let fa: Awaited<ReturnType<typeof readPdf>>;

  beforeAll(async () => {
    const [a, b, c] = await Promise.all([renderPdf(german), renderPdf(arabic), renderPdf(persian)]);
    for (const pdf of [a, b, c]) expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    [de, ar, fa] = await Promise.all([readPdf(a), readPdf(b), readPdf(c)]);
  });

  it('sets Title and Lang', () => {
    expect(de.info).toMatchObject({ Title: 'Einwilligungserklärung', Language: 'de' });
    expect(ar.info).toMatchObject({ Title: 'نموذج الموافقة', Language: 'ar' });
    expect(fa.info).toMatchObject({ Title: 'فرم رضایت', Language: 'fa' });
  });

  it('flows a 200-row table over pages, repeating its header, with "n / m" on every page', () => {
    for (const [doc, header] of [
      [de, 'Zeitpunkt'],
      [ar, 'الوقت'],
      [fa, 'زمان'],
    ] as const) {
      expect(doc.totalPages).toBeGreaterThan(3);
      const tablePages = doc.pages.filter((p) => p.includes('2026-11-'));
      expect(tablePages.length).toBeGreaterThan(3);
      for (const page of tablePages) expect(page).toContain(header);
      doc.pages.forEach((page, i) => expect(page).toMatch(new RegExp(`${i + 1}\\s*/\\s*${doc.totalPages}`)));
    }
    expect(de.all).toContain('#200');
    expect(de.pages.at(-1)).toContain('Unterschrift');
    expect(de.pages[0]).toContain('Lotse · Haus der Integration');
  });

  it('extracts German, Turkish, Ukrainian and Russian text, and an Arabic name in one piece', () => {
    for (const s of [
      'Einwilligungserklärung',
      'Şeyma Güneş, İstanbul',
      'Ґанна Їжак',
      'Ёжик',
      'Mohammed Al-Hassan',
    ])
      expect(de.all).toContain(s);
    expect(de.all).toContain('محمد الحسن');
    expect(de.all).toContain('2026-11-21');
  });

  it('extracts Arabic words in logical order, the Latin name unbroken, the date in order', () => {
    for (const s of [
      'نموذج الموافقة',
      'بياناتك',
      'الاسم',
      'تاريخ الميلاد',
      'أوافق على أن يعالج بيت الاندماج بياناتي',
    ])
      expect(ar.all).toContain(s);
    expect(ar.all).toContain('Anna Schmidt');
    expect(ar.all).toContain('2026-11-21');
    expect(ar.all).toContain('محمد الحسن');
  });

  it('places the runs of a right-to-left line from right to left on the page', () => {
    const x = (s: string) => {
      const item = ar.items[0]?.find((i) => i.str.includes(s));
      expect(item, s).toBeDefined();
      return item?.x ?? 0;
    };
    // وقّعت Anna Schmidt في 2026-11-21: each later in the sentence, further left.
    expect(x('وقّعت')).toBeGreaterThan(x('Anna Schmidt'));
    expect(x('Anna Schmidt')).toBeGreaterThan(x('2026-11-21'));
    // Labels stand right of their values; the table's first column is the rightmost.
    expect(x('الاسم')).toBeGreaterThan(x('Anna Schmidt'));
    expect(x('الوقت')).toBeGreaterThan(x('رقم'));
  });

  it('extracts Persian words and the Latin name', () => {
    for (const s of ['فرم رضایت', 'اطلاعاتم پردازش شود', 'در تاریخ', 'امضا کرد', 'علی رضایی', 'Ali Rezaei'])
      expect(fa.all).toContain(s);
  });

  it('embeds the joined Arabic letter forms', async () => {
    const pdf = await renderPdf({ lang: 'ar', title: 'Test', blocks: [{ kind: 'paragraph', text: 'سلام' }] });
    const font = loadFont('@fontsource/vazirmatn/files/vazirmatn-arabic-400-normal.woff');
    const embedded = new Set(embeddedFonts(pdf).flatMap((f) => [...outlines(f)]));
    const path = (ch: string) => font.glyphForCodePoint(ch.codePointAt(0) ?? 0).path.toSVG();
    const seenInitial = font.layout('سل', [], 'arab').glyphs[1];
    expect(seenInitial?.name).toBe('uniFEB3');
    expect(embedded).toContain(seenInitial?.path.toSVG());
    expect(embedded).not.toContain(path('س'));
    expect(embedded).not.toContain(path('ل'));
  });

  it('renders empty documents and empty strings', async () => {
    const pdf = await renderPdf({
      lang: 'en',
      title: '',
      blocks: [
        { kind: 'heading', text: '' },
        { kind: 'paragraph', text: '' },
        { kind: 'fields', rows: [['', '']] },
        { kind: 'table', columns: [], rows: [] },
        { kind: 'table', columns: ['A'], rows: [[''], []] },
        { kind: 'signature', lines: [] },
        { kind: 'spacer' },
      ],
    });
    expect((await readPdf(pdf)).totalPages).toBe(1);
  });
});
