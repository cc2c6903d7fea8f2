import chardet from 'chardet';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';

export type DecodedText = { text: string; encoding: string };

/**
 * Decodes a file whatever its encoding: a BOM decides first (UTF-8, UTF-16 LE/BE), then valid UTF-8, then
 * chardet's guess (Windows-1252 / ISO-8859-x exports of older agency systems), decoded by iconv-lite.
 */
export function decodeText(bytes: Buffer): DecodedText {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: bytes.subarray(3).toString('utf8'), encoding: 'UTF-8' };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: iconv.decode(bytes.subarray(2), 'utf16le'), encoding: 'UTF-16LE' };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: iconv.decode(bytes.subarray(2), 'utf16be'), encoding: 'UTF-16BE' };
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  try {
    return { text: utf8.decode(bytes), encoding: 'UTF-8' };
  } catch {
    // not UTF-8: guess below
  }
  const guess = chardet.detect(bytes) ?? 'windows-1252';
  const known = iconv.encodingExists(guess) && !/^UTF-8$/i.test(guess) ? guess : 'windows-1252';
  // ISO-8859-1 is read as Windows-1252, its superset that Windows exports actually use (€, „, “).
  const encoding = /^ISO-8859-1$/i.test(known) ? 'windows-1252' : known;
  return { text: iconv.decode(bytes, encoding), encoding };
}

/** The most frequent of `,`, `;` and tab in the header line. */
export function detectDelimiter(text: string): string {
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = [',', ';', '\t'].map((d) => [d, header.split(d).length - 1] as const);
  return counts.sort((a, b) => b[1] - a[1])[0]![1] > 0 ? counts[0]![0] : ',';
}

export type CsvTable = { columns: string[]; rows: { line: number; values: string[] }[]; delimiter: string };

/**
 * Parses CSV with a header line. Each row keeps its line number in the file (the header is line 1) so problems
 * can name it; fields are trimmed, quoted fields may span lines.
 */
export function parseCsv(text: string, delimiter = detectDelimiter(text)): CsvTable {
  const records = parse(text, {
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    trim: true,
    info: true,
    raw: true,
  }) as unknown as { record: string[]; info: { lines: number }; raw: string }[];
  const [head, ...body] = records;
  const columns = (head?.record ?? []).map((c) => c.trim());
  return {
    columns,
    // info.lines is where a record ends; a quoted field may span lines, so count back to where it starts.
    rows: body.map((r) => ({
      line: r.info.lines - (r.raw.replace(/\r?\n$/, '').match(/\n/g)?.length ?? 0),
      values: r.record,
    })),
    delimiter,
  };
}
