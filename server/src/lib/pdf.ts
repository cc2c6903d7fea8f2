/**
 * PDF documents the server prints: consent forms to sign, the "who accessed my data" list, the data export
 * (Art. 15 GDPR), in German, English, Turkish, Ukrainian, Russian, Arabic and Persian, including mixed scripts
 * in one line (a Latin name in an Arabic sentence, an Arabic name in a German table).
 *
 * Usage:
 *
 *   import { renderPdf } from '../lib/pdf';
 *
 *   const pdf: Buffer = await renderPdf({
 *     lang: 'fa',                                   // BCP 47; ar, fa, he, ur, … lay out right to left
 *     title: 'فرم رضایت',                           // first page heading and the PDF's Title
 *     subtitle: 'Haus der Integration Wuppertal',   // optional, below the title
 *     blocks: [
 *       { kind: 'heading', text: '…' },
 *       { kind: 'paragraph', text: '…' },            // '\n' starts a new line
 *       { kind: 'fields', rows: [['نام', 'Anna Schmidt'], ['تاریخ تولد', '1990-05-01']] },
 *       { kind: 'table', columns: ['تاریخ', 'کاربر'], rows: [['2026-11-21', 'Ali Rezaei']] },
 *       { kind: 'spacer' },
 *       { kind: 'signature', lines: ['مکان، تاریخ', 'امضا'] },
 *     ],
 *     footer: 'Lotse · Haus der Integration',       // optional, on every page next to "n / m"
 *   });
 *   reply.type('application/pdf').header('content-disposition', 'attachment; filename="x.pdf"').send(pdf);
 *
 * A4, 2 cm margins, page numbers "n / m" in the footer of every page. Tables size their columns to their
 * content, wrap cell text, flow over pages and repeat their header row. In a right-to-left document everything
 * mirrors: text is right-aligned, the first table column is the rightmost, labels stand right of their values.
 * The PDF has the Title and Lang entries set; its text is extractable (fonts are embedded with a ToUnicode map).
 *
 * How, and why these libraries:
 * - pdfkit draws the pages. It embeds and subsets TrueType fonts through fontkit, writes the ToUnicode map, and
 *   hands a run's OpenType script on to fontkit. fontkit shapes Arabic and Persian through the font's GSUB/GPOS
 *   tables (initial, medial, final forms, lam-alef, mark positioning) and returns the glyphs of a right-to-left
 *   run in visual order. pdfkit does no bidi reordering and no font fallback, so this module:
 * - picks a font per grapheme cluster: the Noto Sans subsets of @fontsource/noto-sans (Latin, Latin Extended for
 *   Turkish, Cyrillic for Russian and Ukrainian, Greek) and Vazirmatn (@fontsource/vazirmatn) for Arabic script;
 * - resolves the Unicode bidi embedding levels of each paragraph with bidi-js (base direction from the document's
 *   language; 'auto' for data such as names and table cells), wraps lines by measuring shaped words, orders the
 *   runs of each line visually (UAX #9 rules L1, L2), mirrors brackets in right-to-left runs, and draws the runs
 *   from left to right.
 * - Why Vazirmatn and not Noto Sans Arabic: Noto's Arabic fonts build dotted letters from a dotless skeleton glyph
 *   plus dot glyphs (ت = ٮ + two dots). A PDF maps each glyph to one text, so ت, ب, ن, ی, پ shared one mapping and
 *   copied or extracted text came out with wrong letters. Vazirmatn has one glyph per letter form.
 * - The fonts ship as WOFF 1.0 and are unpacked to plain TrueType in memory (woffToSfnt). fontkit 2.0.4 cannot
 *   subset WOFF2 at all (RangeError in its subsetter).
 *
 * Limits: no Hebrew, CJK or emoji font is bundled (such characters print as U+FFFD, the replacement character);
 * Urdu is set in Naskh style, not Nastaliq; digits print as given (no conversion to Arabic-Indic or Persian
 * digits); a zero-width non-joiner (Persian half-space) extracts from the PDF as a space.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import bidiFactory from 'bidi-js';
import { create as createFont, type Font } from 'fontkit';
import PDFDocument from 'pdfkit';

export type PdfBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'fields'; rows: Array<[label: string, value: string]> }
  | { kind: 'table'; columns: string[]; rows: string[][] }
  | { kind: 'signature'; lines: string[] }
  | { kind: 'spacer' };

export type PdfDocument = {
  lang: string;
  title: string;
  subtitle?: string;
  blocks: PdfBlock[];
  footer?: string;
};

const RTL_LANGUAGES = new Set(['ar', 'fa', 'he', 'iw', 'ur', 'ps', 'ckb', 'yi', 'dv', 'sd', 'ug']);

/** Whether a language (BCP 47 tag such as "fa", "ar-SY", "az-Arab") is written right to left. */
export function isRtl(lang: string): boolean {
  const [language = '', ...rest] = lang.trim().toLowerCase().split(/[-_]/);
  const script = rest.find((s) => s.length === 4);
  if (script === 'arab' || script === 'hebr' || script === 'thaa' || script === 'syrc') return true;
  if (script) return false;
  return RTL_LANGUAGES.has(language);
}

// ---------------------------------------------------------------------------------------------------------------
// Fonts

type Weight = 400 | 700;
type FaceName = 'latin' | 'latin-ext' | 'cyrillic' | 'cyrillic-ext' | 'greek' | 'arabic';
type Face = { key: string; name: FaceName; font: Font; data: Buffer };

const FACE_NAMES: FaceName[] = ['latin', 'latin-ext', 'cyrillic', 'cyrillic-ext', 'greek', 'arabic'];
/**
 * Fallback order: the first face that has a character draws it. Arabic comes last: Vazirmatn's Arabic subset also
 * has a few Latin characters (A, the space), and a Latin word must not take them from it.
 */
const ORDER = [0, 1, 2, 3, 4, 5];
const LATIN = 0;
const ARABIC = 5;
const FACE_SCRIPT: Record<FaceName, string> = {
  latin: 'latn',
  'latin-ext': 'latn',
  cyrillic: 'cyrl',
  'cyrillic-ext': 'cyrl',
  greek: 'grek',
  arabic: 'arab',
};

const requireFromHere = createRequire(import.meta.url);
const faces = new Map<string, Face>();
const facesByWeight: Record<Weight, Face[]> = { 400: [], 700: [] };

function face(index: number, weight: Weight): Face {
  let f = facesByWeight[weight][index];
  if (!f) {
    const name = FACE_NAMES[index] ?? 'latin';
    const key = `${name === 'arabic' ? 'vazirmatn' : 'noto-sans'}-${name}-${weight}`;
    const file =
      name === 'arabic'
        ? `@fontsource/vazirmatn/files/vazirmatn-arabic-${weight}-normal.woff`
        : `@fontsource/noto-sans/files/noto-sans-${name}-${weight}-normal.woff`;
    const data = woffToSfnt(fs.readFileSync(requireFromHere.resolve(file)));
    const font = createFont(data);
    if (!('layout' in font)) throw new Error(`${file} is a font collection`);
    f = { key, name, font, data };
    faces.set(key, f);
    facesByWeight[weight][index] = f;
  }
  return f;
}

/**
 * Unpacks a WOFF 1.0 font into the TrueType/OpenType file it wraps (its tables are zlib-compressed one by one).
 * fontkit reads WOFF directly but inflates a table on every access, and pdfkit's subsetter reads the glyf table
 * once per glyph: unpacked once here, embedding takes milliseconds instead of seconds.
 */
function woffToSfnt(woff: Buffer): Buffer {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') return woff;
  const flavor = woff.readUInt32BE(4);
  const numTables = woff.readUInt16BE(12);
  const tables: Array<{ tag: number; checksum: number; data: Buffer }> = [];
  for (let i = 0; i < numTables; i++) {
    const entry = 44 + i * 20;
    const offset = woff.readUInt32BE(entry + 4);
    const compLength = woff.readUInt32BE(entry + 8);
    const origLength = woff.readUInt32BE(entry + 12);
    const raw = woff.subarray(offset, offset + compLength);
    const data = compLength < origLength ? zlib.inflateSync(raw) : Buffer.from(raw);
    if (data.length !== origLength) throw new Error('corrupt WOFF table');
    tables.push({ tag: woff.readUInt32BE(entry), checksum: woff.readUInt32BE(entry + 16), data });
  }
  const pad = (n: number) => (n + 3) & ~3;
  const headerLength = 12 + 16 * numTables;
  const out = Buffer.alloc(headerLength + tables.reduce((s, t) => s + pad(t.data.length), 0));
  const entrySelector = Math.floor(Math.log2(numTables));
  out.writeUInt32BE(flavor, 0);
  out.writeUInt16BE(numTables, 4);
  out.writeUInt16BE(16 * 2 ** entrySelector, 6);
  out.writeUInt16BE(entrySelector, 8);
  out.writeUInt16BE(16 * numTables - 16 * 2 ** entrySelector, 10);
  let offset = headerLength;
  tables.forEach((t, i) => {
    out.writeUInt32BE(t.tag, 12 + 16 * i);
    out.writeUInt32BE(t.checksum, 16 + 16 * i);
    out.writeUInt32BE(offset, 20 + 16 * i);
    out.writeUInt32BE(t.data.length, 24 + 16 * i);
    t.data.copy(out, offset);
    offset += pad(t.data.length);
  });
  return out;
}

/**
 * A fontkit font for pdfkit to embed, one per document. pdfkit maps each glyph to the characters it stands for
 * (the ToUnicode map). PDF readers and text extractors read a right-to-left run in visual order and reverse it,
 * characters included: a lam-alef ligature mapped to "لا" would come out as "ال" ("الاسم" as "االسم"). So the
 * characters of a ligature glyph in a right-to-left run are mapped in reverse, and come out right.
 */
function fontForPdf(f: Face): Font {
  const font = createFont(f.data) as Font;
  const layout = font.layout.bind(font);
  const reversed = new WeakSet<object>();
  font.layout = (...args: Parameters<Font['layout']>) => {
    const run = layout(...args);
    if (run.direction === 'rtl') {
      for (const glyph of run.glyphs) {
        if (glyph.codePoints.length > 1 && !reversed.has(glyph)) {
          glyph.codePoints = [...glyph.codePoints].reverse();
          reversed.add(glyph);
        }
      }
    }
    return run;
  };
  return font;
}

/** fontkit's script tag for a run: Arabic only where the run is right to left (digits in it stay in order). */
function scriptOf(faceIndex: number, level: number): string {
  if (faceIndex === ARABIC) return level % 2 === 1 ? 'arab' : 'DFLT';
  return FACE_SCRIPT[FACE_NAMES[faceIndex] ?? 'latin'];
}

/** fontkit reverses the glyphs of a run itself when its script is written right to left. */
function shaperReverses(script: string): boolean {
  return script === 'arab';
}

const widthCache = new Map<string, number>();

/**
 * Whether a run goes to pdfkit with its script. Runs in the Arabic font must (see drawLine); the others go without,
 * and pdfkit lays them out word by word, with a cache: much faster for long tables.
 */
function needsScript(f: Face): boolean {
  return f.name === 'arabic';
}

/** The advance width of a run, in ems, measured as pdfkit lays it out. */
function measureEm(f: Face, script: string, text: string): number {
  if (!text) return 0;
  if (!needsScript(f) && text.length > 1 && /[ \t]./.test(text)) {
    // pdfkit's EmbeddedFont.layout without features: pieces that end after each space, laid out one by one.
    return text.split(/(?<=[ \t])/).reduce((sum, piece) => sum + measureEm(f, script, piece), 0);
  }
  const key = `${f.key}\u0000${script}\u0000${text}`;
  let w = widthCache.get(key);
  if (w === undefined) {
    const run = needsScript(f) ? f.font.layout(text, [], script) : f.font.layout(text);
    w = run.advanceWidth / f.font.unitsPerEm;
    if (text.length <= 200) {
      if (widthCache.size > 50_000) widthCache.clear();
      widthCache.set(key, w);
    }
  }
  return w;
}

// ---------------------------------------------------------------------------------------------------------------
// Text layout: clusters, fonts, bidi levels, line breaking, visual order

export type TextStyle = { size: number; bold?: boolean };
/** Base direction of a paragraph; 'auto' takes the first strong character's (ltr where there is none). */
export type TextDirection = 'ltr' | 'rtl' | 'auto';
/** One run of a laid-out line, in visual order: drawn from left to right. */
export type LayoutRun = { text: string; font: string; script: string; width: number; rtl: boolean };
export type LayoutLine = { runs: LayoutRun[]; width: number };

type Cluster = { text: string; face: number; level: number; space: boolean; breakAfter: boolean };

const bidi = bidiFactory();
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });
const BIDI_CONTROLS = /^[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]+$/u;
const IGNORABLE = /^\p{Default_Ignorable_Code_Point}$/u;
const NEUTRAL = /^[\s\p{P}\p{S}\p{M}]+$/u;
const LETTER = /\p{L}/u;

/** Line breaks to '\n', tabs to spaces, other control characters and lone surrogates dropped or replaced. */
function cleanText(text: string): string {
  let out = '';
  for (const ch of text.replace(/\r\n?/g, '\n')) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '\n') out += ch;
    else if (ch === '\t') out += ' ';
    else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) continue;
    else if (cp >= 0xd800 && cp <= 0xdfff) out += '\uFFFD';
    else out += ch;
  }
  return out;
}

const faceChoices = new Map<string, number>();

function pickFace(cluster: string, previous: number): number {
  const key = `${previous}\u0000${cluster}`;
  let choice = faceChoices.get(key);
  if (choice === undefined) {
    choice = chooseFace(cluster, previous);
    if (faceChoices.size > 20_000) faceChoices.clear();
    faceChoices.set(key, choice);
  }
  return choice;
}

function chooseFace(cluster: string, previous: number): number {
  const cps: number[] = [];
  for (const ch of cluster) if (!IGNORABLE.test(ch)) cps.push(ch.codePointAt(0) ?? 0);
  if (cps.length === 0) return previous >= 0 ? previous : LATIN;
  const has = (i: number) => cps.every((cp) => face(i, 400).font.hasGlyphForCodePoint(cp));
  if (previous >= 0 && NEUTRAL.test(cluster) && has(previous)) return previous;
  for (const i of ORDER) if (has(i)) return i;
  const base = cps[0] ?? 0;
  for (const i of ORDER) if (face(i, 400).font.hasGlyphForCodePoint(base)) return i;
  return -1;
}

function mirror(text: string): string {
  let out = '';
  for (const ch of text) out += bidi.getMirroredCharacter(ch) ?? ch;
  return out;
}

const clusterCache = new Map<string, Cluster[]>();

/** Clusters of a paragraph, remembered for a while: table cells are laid out twice (width, then lines). */
function clustersOf(paragraph: string, rtl: boolean): Cluster[] {
  const key = `${rtl ? 'r' : 'l'}${paragraph}`;
  let clusters = clusterCache.get(key);
  if (!clusters) {
    clusters = makeClusters(paragraph, rtl);
    if (clusterCache.size > 5_000) clusterCache.clear();
    if (paragraph.length <= 500) clusterCache.set(key, clusters);
  }
  return clusters;
}

function makeClusters(paragraph: string, rtl: boolean): Cluster[] {
  const { levels } = bidi.getEmbeddingLevels(paragraph, rtl ? 'rtl' : 'ltr');
  const clusters: Cluster[] = [];
  let previous = -1;
  for (const { segment, index } of graphemes.segment(paragraph)) {
    const level = levels[index] ?? (rtl ? 1 : 0);
    if (BIDI_CONTROLS.test(segment)) continue; // they steer the levels, they draw nothing
    let f = pickFace(segment, previous);
    let text = level % 2 === 1 ? mirror(segment) : segment;
    if (f < 0) {
      f = LATIN;
      text = '\uFFFD';
    }
    clusters.push({ text, face: f, level, space: /^\s+$/u.test(segment), breakAfter: false });
    previous = f;
  }
  // Break opportunities: after spaces, and after a hyphen or slash between letters.
  for (let i = 0; i + 1 < clusters.length; i++) {
    const c = clusters[i] as Cluster;
    const next = clusters[i + 1] as Cluster;
    const prev = clusters[i - 1];
    if (c.space && !next.space) c.breakAfter = true;
    else if (/^[-\u2010/]$/.test(c.text) && prev && LETTER.test(prev.text) && LETTER.test(next.text))
      c.breakAfter = true;
  }
  return clusters;
}

/** Width of clusters [from, to) in ems, measured per run of one face and one script. */
function widthOf(clusters: Cluster[], from: number, to: number, weight: Weight): number {
  let w = 0;
  let i = from;
  while (i < to) {
    const first = clusters[i] as Cluster;
    const script = scriptOf(first.face, first.level);
    let text = '';
    let j = i;
    for (; j < to; j++) {
      const c = clusters[j] as Cluster;
      if (c.face !== first.face || scriptOf(c.face, c.level) !== script) break;
      text += c.text;
    }
    w += measureEm(face(first.face, weight), script, text);
    i = j;
  }
  return w;
}

/** The largest end in (from, to) whose clusters [from, end) fit into maxEm, at least from + 1; [from, to) does not. */
function fitClusters(clusters: Cluster[], from: number, to: number, maxEm: number, weight: Weight): number {
  let good = from + 1;
  let bad = to;
  // Gallop, then bisect: the cost follows the length of the piece, not of the whole word.
  for (let step = 1; good + step < bad; step *= 2) {
    if (widthOf(clusters, from, good + step, weight) > maxEm) {
      bad = good + step;
      break;
    }
    good += step;
  }
  while (bad - good > 1) {
    const mid = Math.floor((good + bad) / 2);
    if (widthOf(clusters, from, mid, weight) <= maxEm) good = mid;
    else bad = mid;
  }
  return good;
}

/** Splits a paragraph's clusters into lines, as [from, to) ranges, by greedy filling of measured words. */
function breakLines(clusters: Cluster[], maxEm: number, weight: Weight): Array<[number, number]> {
  const lines: Array<[number, number]> = [];
  let lineStart = 0;
  let lineEm = 0; // width of the words on the line so far, their trailing spaces included
  let i = 0;
  while (i < clusters.length) {
    let end = i;
    while (end < clusters.length && !(clusters[end] as Cluster).breakAfter) end++;
    end = Math.min(end + 1, clusters.length); // the word [i, end), its trailing spaces included
    let contentEnd = end;
    while (contentEnd > i && (clusters[contentEnd - 1] as Cluster).space) contentEnd--;
    const contentEm = widthOf(clusters, i, contentEnd, weight);
    if (lineStart < i && lineEm + contentEm > maxEm) {
      lines.push([lineStart, i]);
      lineStart = i;
      lineEm = 0;
    }
    if (contentEm > maxEm) {
      // A word longer than the line: cut it between grapheme clusters.
      let from = i;
      while (widthOf(clusters, from, contentEnd, weight) > maxEm) {
        const cut = fitClusters(clusters, from, contentEnd, maxEm, weight);
        lines.push([from, cut]);
        from = cut;
      }
      lineStart = from;
      lineEm = widthOf(clusters, from, end, weight);
    } else {
      lineEm += widthOf(clusters, i, end, weight);
    }
    i = end;
  }
  if (lineStart < clusters.length || lines.length === 0) lines.push([lineStart, clusters.length]);
  return lines;
}

/** Runs of one line in visual order (UAX #9 L1: trailing spaces dropped; L2: reversal by levels). */
function visualLine(clusters: Cluster[], from: number, to: number, style: TextStyle): LayoutLine {
  const weight: Weight = style.bold ? 700 : 400;
  let end = to;
  while (end > from && (clusters[end - 1] as Cluster).space) end--;
  type Logical = { face: number; level: number; parts: string[] };
  const logical: Logical[] = [];
  for (let i = from; i < end; i++) {
    const c = clusters[i] as Cluster;
    const last = logical[logical.length - 1];
    if (last && last.face === c.face && last.level === c.level) last.parts.push(c.text);
    else logical.push({ face: c.face, level: c.level, parts: [c.text] });
  }
  if (logical.length > 0) {
    const maxLevel = Math.max(...logical.map((r) => r.level));
    const minLevel = Math.min(...logical.map((r) => r.level));
    const lowestOdd = minLevel % 2 === 1 ? minLevel : minLevel + 1;
    for (let level = maxLevel; level >= lowestOdd; level--) {
      for (let i = 0; i < logical.length; i++) {
        if ((logical[i] as Logical).level < level) continue;
        let j = i;
        while (j < logical.length && (logical[j] as Logical).level >= level) j++;
        logical.splice(i, j - i, ...logical.slice(i, j).reverse());
        i = j;
      }
    }
  }
  const runs = logical.map((r): LayoutRun => {
    const script = scriptOf(r.face, r.level);
    const rtl = r.level % 2 === 1;
    // Right-to-left runs that fontkit does not reverse (brackets, punctuation): reverse their clusters here.
    const text = rtl && !shaperReverses(script) ? [...r.parts].reverse().join('') : r.parts.join('');
    const f = face(r.face, weight);
    return { text, font: f.key, script, width: measureEm(f, script, text) * style.size, rtl };
  });
  return { runs, width: runs.reduce((s, r) => s + r.width, 0) };
}

function firstStrongDirection(text: string): 'ltr' | 'rtl' | null {
  for (const ch of text) {
    const type = bidi.getBidiCharTypeName(ch);
    if (type === 'L') return 'ltr';
    if (type === 'R' || type === 'AL') return 'rtl';
  }
  return null;
}

/**
 * Numbers with separators (dates 2026-11-21, times 10:30, 1.234,56) are set apart as left-to-right isolates.
 * Without that, UAX #9 turns digits after Arabic letters into Arabic numbers (rule W2), whose hyphens stay
 * neutral: "في 2026-11-21" would show as "21-11-2026".
 */
function isolateNumbers(text: string): string {
  return text.replace(/\+?\d+(?:[-\u2010\u2013./:,]\d+)+/g, '\u2066$&\u2069');
}

/**
 * Lays out text in lines no wider than maxWidth (points): font fallback, bidi levels, line breaks, runs in
 * visual order. '\n' starts a new paragraph; empty text has no lines.
 */
export function layoutText(
  text: string,
  maxWidth: number,
  style: TextStyle,
  dir: TextDirection,
): LayoutLine[] {
  const clean = cleanText(text);
  if (clean === '') return [];
  const weight: Weight = style.bold ? 700 : 400;
  const maxEm = Math.max(maxWidth, 1) / style.size;
  const lines: LayoutLine[] = [];
  for (const paragraph of clean.split('\n')) {
    const base = dir === 'auto' ? (firstStrongDirection(paragraph) ?? 'ltr') : dir;
    const clusters = clustersOf(isolateNumbers(paragraph), base === 'rtl');
    for (const [from, to] of breakLines(clusters, maxEm, weight))
      lines.push(visualLine(clusters, from, to, style));
  }
  return lines;
}

/**
 * The glyphs fontkit gives for a run, as pdfkit embeds them (visual order): what shaping made of the text. For
 * tests and debugging.
 */
export function shapeRun(
  run: Pick<LayoutRun, 'text' | 'font' | 'script'>,
): Array<{ id: number; name: string }> {
  const f = faces.get(run.font);
  if (!f) throw new Error(`unknown font ${run.font}`);
  const glyphs = needsScript(f)
    ? f.font.layout(run.text, [], run.script).glyphs
    : f.font.layout(run.text).glyphs;
  return glyphs.map((g) => ({ id: g.id, name: g.name }));
}

// ---------------------------------------------------------------------------------------------------------------
// Pages

const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const MARGIN_X = 56.7; // 2 cm
const MARGIN_TOP = 56.7;
const CONTENT_BOTTOM = PAGE_HEIGHT - 72;
const FOOTER_RULE = PAGE_HEIGHT - 54;
const LINE_FACTOR = 1.5;

const COLORS = { text: '#1a1a1a', muted: '#5c5c5c', rule: '#b8b8b8', headerFill: '#ececec' };

const BODY: TextStyle = { size: 10 };
const TABLE: TextStyle = { size: 9 };
const TABLE_HEAD: TextStyle = { size: 9, bold: true };
const HEADING: TextStyle = { size: 13, bold: true };
const TITLE: TextStyle = { size: 18, bold: true };
const SUBTITLE: TextStyle = { size: 11 };
const SMALL: TextStyle = { size: 8 };

type Align = 'start' | 'end';
type Cell = { x: number; width: number; lines: LayoutLine[]; style: TextStyle; color: string; align?: Align };

const lineHeight = (style: TextStyle) => style.size * LINE_FACTOR;

class Renderer {
  readonly doc: PDFKit.PDFDocument;
  readonly rtl: boolean;
  y = MARGIN_TOP;
  private readonly registered = new Set<string>();
  /** Where content starts on the current page (below a repeated table header). */
  private pageContentTop = MARGIN_TOP;

  constructor(doc: PDFKit.PDFDocument, rtl: boolean) {
    this.doc = doc;
    this.rtl = rtl;
  }

  get contentWidth(): number {
    return PAGE_WIDTH - 2 * MARGIN_X;
  }

  /** Text in the document's direction; data (names, values) with 'auto', as HTML's dir="auto". */
  layout(text: string, width: number, style: TextStyle, dir?: TextDirection): LayoutLine[] {
    return layoutText(text, width, style, dir ?? (this.rtl ? 'rtl' : 'ltr'));
  }

  newPage(): void {
    this.doc.addPage();
    this.y = MARGIN_TOP;
    this.pageContentTop = MARGIN_TOP;
  }

  /** Starts a new page unless height fits below the cursor. */
  ensure(height: number): void {
    if (this.y + height > CONTENT_BOTTOM && this.y > this.pageContentTop + 0.01) this.newPage();
  }

  /** Draws one line with its top at top, in a box [x, x + width], aligned to the text direction's start or end. */
  drawLine(
    line: LayoutLine,
    x: number,
    width: number,
    top: number,
    style: TextStyle,
    color: string,
    align: Align,
  ) {
    const right = (align === 'start') === this.rtl;
    let cx = right ? x + width - line.width : x;
    const baseline = top + style.size * 1.12;
    for (const run of line.runs) {
      const f = faces.get(run.font);
      if (!this.registered.has(run.font)) {
        // pdfkit takes a fontkit font object as well as font bytes (PDFFontFactory.open); its types know only bytes.
        if (f) this.doc.registerFont(run.font, fontForPdf(f) as unknown as Buffer);
        this.registered.add(run.font);
      }
      this.doc
        .font(run.font)
        .fontSize(style.size)
        .fillColor(color)
        .text(run.text, cx, baseline, {
          lineBreak: false,
          baseline: 'alphabetic',
          // pdfkit passes `features` on to fontkit's font.layout(text, features), which takes a string there as
          // the OpenType script: it selects the shaper and, for 'arab', right-to-left glyph order. Without it,
          // fontkit guesses the script from the text (Arabic-Indic digits would come out reversed).
          ...(f && needsScript(f)
            ? { features: run.script as unknown as PDFKit.Mixins.OpenTypeFeatures[] }
            : {}),
        });
      cx += run.width;
    }
  }

  /** Text lines across the content width, flowing over pages. */
  flowLines(lines: LayoutLine[], style: TextStyle, color: string, x = MARGIN_X, width = this.contentWidth) {
    const lh = lineHeight(style);
    for (const line of lines) {
      if (this.y + lh > CONTENT_BOTTOM) this.newPage();
      this.drawLine(line, x, width, this.y, style, color, 'start');
      this.y += lh;
    }
  }

  /**
   * A row of cells side by side. A row that does not fit moves to the next page (calling onNewPage, e.g. to
   * repeat a table header); a row taller than a page is split between lines.
   */
  flowRow(
    cells: Cell[],
    opts: { padY: number; rule?: boolean; fill?: string; onNewPage?: () => void },
  ): void {
    const lh = Math.max(...cells.map((c) => lineHeight(c.style)));
    const total = Math.max(1, ...cells.map((c) => c.lines.length));
    let from = 0;
    while (from < total) {
      const remaining = total - from;
      const room = Math.floor((CONTENT_BOTTOM - this.y - 2 * opts.padY) / lh);
      const fresh = this.y <= this.pageContentTop + 0.01;
      const capacity = Math.floor((CONTENT_BOTTOM - this.pageContentTop - 2 * opts.padY) / lh);
      if (room < remaining && !fresh && (from === 0 ? remaining <= capacity || room < 1 : room < 1)) {
        this.newPage();
        opts.onNewPage?.();
        continue;
      }
      const count = Math.max(1, Math.min(room, remaining));
      const height = count * lh + 2 * opts.padY;
      if (opts.fill) {
        this.doc.save().rect(MARGIN_X, this.y, this.contentWidth, height).fill(opts.fill).restore();
      }
      for (const c of cells) {
        c.lines.slice(from, from + count).forEach((line, k) => {
          this.drawLine(
            line,
            c.x,
            c.width,
            this.y + opts.padY + k * lh,
            c.style,
            c.color,
            c.align ?? 'start',
          );
        });
      }
      this.y += height;
      if (opts.rule) this.rule(this.y, 0.4);
      from += count;
      if (from < total) {
        this.newPage();
        opts.onNewPage?.();
      }
    }
  }

  rule(y: number, width: number, x = MARGIN_X, length = this.contentWidth, color = COLORS.rule): void {
    this.doc
      .save()
      .moveTo(x, y)
      .lineTo(x + length, y)
      .lineWidth(width)
      .strokeColor(color)
      .stroke()
      .restore();
  }

  /** x of a column box that starts `offset` points from the start edge (left, or right in RTL). */
  boxX(offset: number, width: number): number {
    return this.rtl ? MARGIN_X + this.contentWidth - offset - width : MARGIN_X + offset;
  }

  title(title: string, subtitle: string | undefined): void {
    this.flowLines(this.layout(title, this.contentWidth, TITLE), TITLE, COLORS.text);
    if (subtitle) {
      this.y += 2;
      this.flowLines(this.layout(subtitle, this.contentWidth, SUBTITLE), SUBTITLE, COLORS.muted);
    }
    this.y += 6;
    this.rule(this.y, 0.8, MARGIN_X, this.contentWidth, COLORS.text);
    this.y += 14;
  }

  heading(text: string): void {
    const lines = this.layout(text, this.contentWidth, HEADING);
    if (lines.length === 0) return;
    if (this.y > this.pageContentTop + 0.01) this.y += 10;
    // Keep the heading with at least two lines of what follows.
    this.ensure(lines.length * lineHeight(HEADING) + 2 * lineHeight(BODY) + 4);
    this.flowLines(lines, HEADING, COLORS.text);
    this.y += 4;
  }

  paragraph(text: string): void {
    const lines = this.layout(text, this.contentWidth, BODY);
    if (lines.length === 0) return;
    this.flowLines(lines, BODY, COLORS.text);
    this.y += 6;
  }

  fields(rows: Array<[string, string]>): void {
    const gap = 12;
    const labelWidth = Math.round(this.contentWidth * 0.34);
    const valueWidth = this.contentWidth - labelWidth - gap;
    for (const [label, value] of rows) {
      this.flowRow(
        [
          {
            x: this.boxX(0, labelWidth),
            width: labelWidth,
            lines: this.layout(label, labelWidth, BODY),
            style: BODY,
            color: COLORS.muted,
          },
          {
            x: this.boxX(labelWidth + gap, valueWidth),
            width: valueWidth,
            lines: this.layout(value, valueWidth, BODY, 'auto'),
            style: BODY,
            color: COLORS.text,
          },
        ],
        { padY: 2.5 },
      );
    }
    this.y += 6;
  }

  table(columns: string[], rows: string[][]): void {
    const n = Math.max(columns.length, ...rows.map((r) => r.length));
    if (n === 0) return;
    const padX = 4;
    const padY = 3;
    const widths = this.columnWidths(columns, rows, n, padX);
    const offsets = widths.map((_, i) => widths.slice(0, i).reduce((s, w) => s + w, 0));
    const cellsOf = (texts: string[], style: TextStyle, dir?: TextDirection): Cell[] =>
      widths.map((w, i) => ({
        x: this.boxX((offsets[i] ?? 0) + padX, w - 2 * padX),
        width: w - 2 * padX,
        lines: this.layout(texts[i] ?? '', w - 2 * padX, style, dir),
        style,
        color: COLORS.text,
      }));
    const header = columns.length > 0 ? cellsOf(columns, TABLE_HEAD) : null;
    const drawHeader = () => {
      if (!header) return;
      this.flowRow(header, { padY, fill: COLORS.headerFill });
      this.pageContentTop = this.y;
    };
    const firstRowLines = rows[0]
      ? Math.max(1, ...cellsOf(rows[0], TABLE, 'auto').map((c) => c.lines.length))
      : 0;
    const headerLines = header ? Math.max(1, ...header.map((c) => c.lines.length)) : 0;
    this.ensure((headerLines + Math.min(firstRowLines, 3)) * lineHeight(TABLE) + 4 * padY);
    drawHeader();
    for (const row of rows)
      this.flowRow(cellsOf(row, TABLE, 'auto'), { padY, rule: true, onNewPage: drawHeader });
    this.pageContentTop = MARGIN_TOP;
    this.y += 10;
  }

  /** Column widths from their content: each gets what it needs up to a fair share, the rest goes to the wide. */
  columnWidths(columns: string[], rows: string[][], n: number, padX: number): number[] {
    const total = this.contentWidth;
    const natural = new Array<number>(n).fill(0);
    const measure = (texts: string[], style: TextStyle, dir?: TextDirection) => {
      for (let i = 0; i < n; i++) {
        for (const line of this.layout(texts[i] ?? '', 10_000, style, dir))
          natural[i] = Math.max(natural[i] ?? 0, line.width);
      }
    };
    measure(columns, TABLE_HEAD);
    for (const row of rows) measure(row, TABLE, 'auto');
    const want = natural.map((w) => Math.min(total, Math.max(w + 2 * padX, 28)));
    const sum = want.reduce((s, w) => s + w, 0);
    if (sum <= total) return want.map((w) => w + ((total - sum) * w) / sum);
    const widths = new Array<number>(n).fill(0);
    let open = want.map((_, i) => i);
    let left = total;
    // Give every column that wants less than a fair share of what is left its width, then split the rest.
    for (;;) {
      const share = left / open.length;
      const small = open.filter((i) => (want[i] ?? 0) <= share);
      if (small.length === 0) break;
      for (const i of small) {
        widths[i] = want[i] ?? 0;
        left -= widths[i] ?? 0;
      }
      open = open.filter((i) => !small.includes(i));
      if (open.length === 0) break;
    }
    const openWant = open.reduce((s, i) => s + (want[i] ?? 0), 0);
    for (const i of open) widths[i] = (left * (want[i] ?? 0)) / openWant;
    return widths;
  }

  signature(captions: string[]): void {
    if (captions.length === 0) return;
    const gap = 28;
    const slot = (this.contentWidth - gap) / 2;
    const writingSpace = 40;
    const rows: string[][] = [];
    for (let i = 0; i < captions.length; i += 2) rows.push(captions.slice(i, i + 2));
    const layouts = rows.map((row) => row.map((c) => this.layout(c, slot, SMALL)));
    const rowHeight = (ls: LayoutLine[][]) =>
      writingSpace + 4 + Math.max(1, ...ls.map((l) => l.length)) * lineHeight(SMALL) + 8;
    this.ensure(layouts.reduce((s, ls) => s + rowHeight(ls), 0));
    for (const ls of layouts) {
      this.ensure(rowHeight(ls));
      const lineY = this.y + writingSpace;
      ls.forEach((lines, k) => {
        const x = this.boxX(k * (slot + gap), slot);
        this.rule(lineY, 0.7, x, slot, COLORS.text);
        lines.forEach((line, j) =>
          this.drawLine(line, x, slot, lineY + 3 + j * lineHeight(SMALL), SMALL, COLORS.muted, 'start'),
        );
      });
      this.y += rowHeight(ls);
    }
  }

  footers(footer: string | undefined): void {
    const { start, count } = this.doc.bufferedPageRange();
    const numberWidth = 60;
    const footerLines = this.layout(footer ?? '', this.contentWidth - numberWidth - 10, SMALL).slice(0, 2);
    for (let i = start; i < start + count; i++) {
      this.doc.switchToPage(i);
      this.rule(FOOTER_RULE, 0.4);
      const top = FOOTER_RULE + 5;
      footerLines.forEach((line, k) =>
        this.drawLine(
          line,
          this.boxX(0, this.contentWidth - numberWidth),
          this.contentWidth - numberWidth,
          top + k * lineHeight(SMALL),
          SMALL,
          COLORS.muted,
          'start',
        ),
      );
      // "n / m" reads left to right in every language, as "n/m" would by the bidi rules.
      const [number] = this.layout(`${i - start + 1} / ${count}`, numberWidth, SMALL, 'ltr');
      if (number)
        this.drawLine(
          number,
          this.boxX(this.contentWidth - numberWidth, numberWidth),
          numberWidth,
          top,
          SMALL,
          COLORS.muted,
          'end',
        );
    }
  }
}

/** Renders a document to PDF bytes. Pure: no database, no network, fonts from node_modules. */
export async function renderPdf(doc: PdfDocument): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
    bufferPages: true,
    pdfVersion: '1.7',
    lang: doc.lang,
    displayTitle: true,
    info: { Title: doc.title, ...(doc.subtitle ? { Subject: doc.subtitle } : {}), Creator: 'Lotse' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const r = new Renderer(pdf, isRtl(doc.lang));
  r.title(doc.title, doc.subtitle);
  for (const block of doc.blocks) {
    switch (block.kind) {
      case 'heading':
        r.heading(block.text);
        break;
      case 'paragraph':
        r.paragraph(block.text);
        break;
      case 'fields':
        r.fields(block.rows);
        break;
      case 'table':
        r.table(block.columns, block.rows);
        break;
      case 'signature':
        r.signature(block.lines);
        break;
      case 'spacer':
        r.y += 14;
        break;
    }
  }
  r.footers(doc.footer);
  pdf.end();
  return done;
}
