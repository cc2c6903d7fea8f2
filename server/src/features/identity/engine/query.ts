import { parseBirthDate, type ParsedDate } from './dates';
import { compareRecords, explain, fieldWeights, posterior, type Model } from './model';
import { cleanText, nameTokens, skeleton } from './normalise';
import { normaliseIdentifier, prepare, type PreparedRecord } from './record';
import type { PairScore } from './linkage';

/** What staff typed into the search box, taken apart. */
export type ParsedQuery = { text: string; nameTokens: string[]; dates: ParsedDate[]; identifiers: string[] };

const ID_PREFIX =
  /^(azr|azr-nr|azr-nummer|kdnr|kd-nr|kundennummer|knr|bg|bg-nr|bg-nummer|az|aktenzeichen|id|nr)[.:]?$/i;
const DATE_LIKE = /^(\d{1,2}[./]\d{1,2}[./]\d{4}|\d{4}-\d{1,2}-\d{1,2}|\d{8}|\d{4})$/;

/**
 * Splits a query into name tokens, dates (DD.MM.YYYY, YYYY-MM-DD, YYYYMMDD, a bare year) and identifiers
 * ("AZR 123456789", bare digit strings of five or more digits, tokens that mix letters and digits).
 */
export function parseQuery(q: string): ParsedQuery {
  const text = cleanText(q).slice(0, 300);
  const raw = text.split(/[\s,;]+/).filter(Boolean);
  const names: string[] = [];
  const dates: ParsedDate[] = [];
  const identifiers: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i]!;
    if (ID_PREFIX.test(t) && i + 1 < raw.length && /\d/.test(raw[i + 1]!)) {
      const value = raw[++i]!;
      const prefix = t.replace(/[.:]$/, '');
      identifiers.push(normaliseIdentifier(value), normaliseIdentifier(prefix + value));
      continue;
    }
    if (DATE_LIKE.test(t)) {
      const d = parseBirthDate(t);
      if (d.year !== null || d.digits !== null) {
        dates.push(d);
        continue;
      }
    }
    if (/\d/.test(t)) {
      if (/^\d{1,4}$/.test(t)) continue; // a house number or a stray number, not a name
      identifiers.push(normaliseIdentifier(t));
      continue;
    }
    names.push(t);
  }
  return { text, nameTokens: nameTokens(names.join(' ')), dates, identifiers: [...new Set(identifiers)] };
}

/**
 * Keys to look up among the stored blockingKeys(): each pair of name tokens in either order, the name split in
 * two at each point, each token with each year, the token alone for a one-word query, exact dates, identifiers.
 */
export function queryKeys(q: ParsedQuery): string[] {
  const keys = new Set<string>();
  const t = q.nameTokens.slice(0, 6);
  const s = t.map(skeleton);
  const pair = (a: string, b: string) => (a < b ? `n:${a}|${b}` : `n:${b}|${a}`);
  for (let i = 0; i < s.length; i++) for (let j = i + 1; j < s.length; j++) keys.add(pair(s[i]!, s[j]!));
  for (let k = 1; k < t.length; k++) {
    if (k === 1 && t.length === 2) continue;
    keys.add(pair(skeleton(t.slice(0, k).join('')), skeleton(t.slice(k).join(''))));
  }
  const years = [...new Set(q.dates.map((d) => d.year).filter((y): y is number => y !== null))];
  const singles = [...new Set([...s, t.length > 1 ? skeleton(t.join('')) : ''])].filter(Boolean);
  for (const x of singles) for (const y of years) keys.add(`fy:${x}|${y}`);
  if (t.length === 1) keys.add(`f:${s[0]}`);
  for (const d of q.dates) if (d.certainty === 'exact' && d.digits) keys.add(`d:${d.digits}`);
  for (const id of q.identifiers) keys.add(`id:${id}`);
  return [...keys];
}

/** The query as a record of unknown name order; the first exact date, else the first year. */
export function queryRecord(q: ParsedQuery): PreparedRecord {
  const date = q.dates.find((d) => d.certainty === 'exact') ?? q.dates.find((d) => d.year !== null);
  return prepare({
    id: 'query',
    fullName: q.nameTokens.join(' ') || null,
    dateOfBirth: date ? (date.value ?? String(date.year)) : null,
    identifiers: q.identifiers,
  });
}

/**
 * Prior for a search: the person sought is taken to be one of about a hundred candidates that the keys
 * retrieve. It sets the scale of the score, not the order of the results.
 */
export const QUERY_PRIOR = 0.01;

const prepared = new WeakMap<ParsedQuery, PreparedRecord>();

/**
 * Scores a stored record against a query: only what the query says is compared, so a family name alone ranks.
 * The query is prepared once (it must not change while its candidates are scored); `reasons: false` skips the
 * reasons, for ranking many candidates of which few are shown.
 */
export function scoreQuery(
  model: Model,
  q: ParsedQuery,
  candidate: PreparedRecord,
  opts: { reasons?: boolean } = {},
): PairScore {
  // The query is prepared once for all its candidates.
  let query = prepared.get(q);
  if (!query) prepared.set(q, (query = queryRecord(q)));
  const c = compareRecords(model, query, candidate);
  const weights = fieldWeights(model, query, candidate, c);
  const weight = weights.reduce((s, w) => s + w, 0);
  if (opts.reasons === false) return { score: posterior(weight, QUERY_PRIOR), weight, reasons: [] };
  // A query has no name order and no division into given and family names, so "swapped" and "split" say nothing.
  const reasons = explain(model, query, candidate, c, weights).filter(
    (r) => r.code !== 'swapped_order' && r.code !== 'split_differently',
  );
  return { score: posterior(weight, QUERY_PRIOR), weight, reasons };
}
