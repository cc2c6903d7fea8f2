import anyAscii from 'any-ascii';

/** Longest text the engine looks at in one field; the rest of a longer value is ignored (names of 1,000 characters). */
export const MAX_FIELD_CHARS = 200;
/** Most tokens compared per name field. */
export const MAX_TOKENS = 8;

// Bidi marks and isolates, zero-width characters, the BOM, C0/C1 control characters.
const INVISIBLE = /[\u200E\u200F\u202A-\u202E\u2066-\u2069\u061C\u200B-\u200D\u2060\uFEFF\u00AD]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** NFC, without bidi marks, zero-width and control characters, with single spaces and no outer whitespace. */
export function cleanText(s: string): string {
  return s.normalize('NFC').replace(INVISIBLE, '').replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
}

const SCRIPTS: [string, RegExp][] = [
  ['latin', /\p{Script=Latin}/u],
  ['arabic', /\p{Script=Arabic}/u],
  ['cyrillic', /\p{Script=Cyrillic}/u],
  ['ethiopic', /\p{Script=Ethiopic}/u],
  ['greek', /\p{Script=Greek}/u],
  ['armenian', /\p{Script=Armenian}/u],
  ['georgian', /\p{Script=Georgian}/u],
  ['hebrew', /\p{Script=Hebrew}/u],
  ['devanagari', /\p{Script=Devanagari}/u],
  ['han', /\p{Script=Han}/u],
  [
    'other',
    /[^\p{Script=Latin}\p{Script=Arabic}\p{Script=Cyrillic}\p{Script=Ethiopic}\p{Script=Greek}\p{Script=Armenian}\p{Script=Georgian}\p{Script=Hebrew}\p{Script=Devanagari}\p{Script=Han}\p{Script=Common}\p{Script=Inherited}]/u,
  ],
];

/** The scripts the letters of a text are written in, sorted; more than one for mixed text. */
export function detectScripts(s: string): string[] {
  const found: string[] = [];
  for (const [name, re] of SCRIPTS) if (re.test(s)) found.push(name);
  return found.sort();
}

/** True when the text has letters outside the Latin script. */
export function hasNonLatin(s: string): boolean {
  return /[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]/u.test(s);
}

// Arabic and Persian letters as German and English offices usually write them. any-ascii writes ض as "d" and
// ذ as "dh", ث as "th"; the Levantine and Persian pronunciation that offices hear is z, z, s.
const ARABIC: Record<string, string> = {
  ا: 'a',
  أ: 'a',
  إ: 'i',
  آ: 'a',
  ٱ: 'a',
  ء: '',
  ؤ: 'u',
  ئ: 'i',
  ب: 'b',
  ت: 't',
  ث: 's',
  ج: 'dj', // as French and German write it; keeps it apart from the glide j (Tatjana) in skeleton()
  ح: 'h',
  خ: 'kh',
  د: 'd',
  ذ: 'z',
  ر: 'r',
  ز: 'z',
  س: 's',
  ش: 'sh',
  ص: 's',
  ض: 'z',
  ط: 't',
  ظ: 'z',
  غ: 'gh',
  ف: 'f',
  ق: 'q',
  ك: 'k',
  ک: 'k',
  ل: 'l',
  م: 'm',
  ن: 'n',
  ه: 'h',
  ة: 'a',
  ى: 'a',
  پ: 'p',
  چ: 'ch',
  ژ: 'zh',
  گ: 'g',
  ـ: '',
};

// Two letters whose Latin forms would read as one sound (ز + ه is z-h, not the zh of ж; ت + ز is t-z, not tz):
// the script leaves the short vowel between them unwritten, and it is written here.
const DIGRAPH = /(?:[sztdkgcp]h|t[sz])$/;

function arabicToLatin(text: string): string {
  const s = text.replace(/الله/g, 'الاه'); // Allah: the doubled l and the long a that the script leaves unwritten
  let out = '';
  const chars = [...s];
  const wordStart = (i: number) => i === 0 || /[\s\-،,]/.test(chars[i - 1]!);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    // After the article a letter is read as at the start of a word (العلي al-Ali, الوليد al-Walid).
    const atStart =
      wordStart(i) || (i >= 2 && chars[i - 2] === 'ا' && chars[i - 1] === 'ل' && wordStart(i - 2));
    const before = out.length;
    if (c === 'ع')
      out += atStart ? 'a' : ''; // a word-initial ع carries the vowel that follows it (عمر Omar)
    else if (c === 'و') out += atStart ? 'w' : 'u';
    else if (c === 'ي' || c === 'ی' || c === 'ې') out += atStart ? 'y' : 'i';
    else if (c >= '\u064B' && c <= '\u065F')
      out += ''; // short-vowel marks (harakat)
    else if (c === '\u0670') out += 'a';
    else if (c >= '\u0660' && c <= '\u0669') out += String(c.charCodeAt(0) - 0x0660);
    else if (c >= '\u06F0' && c <= '\u06F9') out += String(c.charCodeAt(0) - 0x06f0);
    else out += ARABIC[c] ?? c;
    if (out.length > before && before > 0 && DIGRAPH.test(out.slice(before - 1, before + 1)))
      out = `${out.slice(0, before)}a${out.slice(before)}`;
  }
  return out;
}

// Ukrainian is recognised by its own letters; its Г is an h (Сергій Serhii), Russian Г a g (Сергей Sergei).
const UKRAINIAN = /[іїєґІЇЄҐ]/;

const LATIN_FOLD: Record<string, string> = { ç: 'ch', Ç: 'ch', ş: 'sh', Ş: 'sh', ß: 'ss', ı: 'i', İ: 'i' };

/**
 * Lower-case ASCII Latin for text in any script: Arabic and Persian letters mapped as offices write them, then
 * any-ascii. Umlauts are folded to the plain vowel (ä -> a); "ae" written for ä is matched by {@link skeleton}.
 */
export function toLatin(s: string): string {
  let t = cleanText(s);
  if (/\p{Script=Arabic}/u.test(t)) t = arabicToLatin(t);
  if (UKRAINIAN.test(t)) t = t.replace(/Г/g, 'H').replace(/г/g, 'h');
  t = t.replace(/[çÇşŞßıİ]/g, (c) => LATIN_FOLD[c] ?? c);
  t = anyAscii(t).toLowerCase();
  return t
    .replace(/['`´’ʿʾ]/g, '')
    .replace(/[^a-z0-9,\- ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

// Particles that belong to the word after them: the Arabic article and its assimilated forms, Arabic and
// Persian kinship words, European nobiliary and Dutch particles.
const ARTICLES = new Set(['al', 'el', 'ul', 'il']);
const GLUED = new Set([
  'abu',
  'abou',
  'bin',
  'bint',
  'ibn',
  'von',
  'van',
  'de',
  'der',
  'zu',
  'ter',
  'abd',
  'abdul',
  'abdel',
  'abdal',
  'abdol',
]);

function normaliseToken(t: string): string {
  let w = t.replace(/^(el|ul|il)(?=[bcdfghjklmnpqrstvwxyz]{1,2}[aeiouy])/, 'al');
  // Abd al-Rahman, Abdel Rahman, Abdurrahman, Abdulrahman: one form.
  const abd = /^abd[aeiou]?l?(?=[a-z]{2})/.exec(w);
  if (abd) w = 'abdul' + w.slice(abd[0].length);
  return w;
}

/**
 * Latin name tokens: particles glued to the word they belong to (al-Hassan, El Hassan, Alhasan -> one token;
 * von der Leyen -> one token), other hyphenated parts split; at most {@link MAX_TOKENS}.
 */
export function nameTokens(s: string): string[] {
  const latin = toLatin(s.slice(0, MAX_FIELD_CHARS * 2)).slice(0, MAX_FIELD_CHARS);
  const raw = latin
    .replace(/\b(al|el|ul|an|as|ad|ar|at|az|ash)-/g, 'al ')
    .split(/[\s,-]+/)
    .filter((t) => t.length > 0);
  const out: string[] = [];
  let pending = '';
  for (const t of raw) {
    if ((ARTICLES.has(t) || GLUED.has(t)) && out.length + 1 < MAX_TOKENS) {
      pending += ARTICLES.has(t) ? 'al' : t;
      continue;
    }
    out.push(normaliseToken(pending + t));
    pending = '';
    if (out.length >= MAX_TOKENS) break;
  }
  if (pending && out.length < MAX_TOKENS) out.push(pending);
  return out;
}

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);
const isVowel = (c: string | undefined) => c !== undefined && VOWELS.has(c);
const skeletonCache = new Map<string, string>();

/**
 * A key that stays the same across transliterations of one name: consonant classes without vowels, the first
 * letter kept as a vowel mark. Mohammed / Muhammad / Mohamad / محمد -> "mhmt"; Yuriy / Jurij / Iurii -> "jr";
 * Alhasan / Al-Hassan / الحسن -> "hsn". A key, not a spelling: equal skeletons suggest, not prove, one name.
 */
export function skeleton(token: string): string {
  const cached = skeletonCache.get(token);
  if (cached !== undefined) return cached;
  let s = toLatin(token)
    .replace(/[^a-z]/g, '')
    .slice(0, 64)
    .replace(/([a-z])\1+/g, '$1');
  // The Arabic article, when a consonant follows (Alhasan, but not Alina or Alexander).
  const art = /^(al|el|ul)(?=[bcdfghjklmnpqrstvwxyz])/.exec(s);
  if (art && s.length - 2 >= 3) s = s.slice(2);
  // Upper-case letters mark sound classes written with several letters: C kh/ch/tsch (Khalid, Chalid, Ч),
  // X sh/sch/zh, J dj/dzh.
  s = s
    .replace(/x/g, 'ks')
    .replace(/shch|schtsch/g, 'XC')
    .replace(/tsch|tch/g, 'C')
    .replace(/dsch|dzh|dj/g, 'J')
    .replace(/sch|sh|zh/g, 'X')
    .replace(/kh|ch/g, 'C')
    .replace(/ph/g, 'f')
    .replace(/th/g, 't')
    .replace(/dh/g, 'd')
    .replace(/gh/g, 'g')
    .replace(/ck|qu/g, 'k')
    .replace(/ts|tz/g, 's');
  let out = '';
  let gap = false; // a vowel was left out since the last letter kept: Tatjana keeps both t
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const prev = s[i - 1];
    const next = s[i + 1];
    let k: string;
    if (i === 0) {
      if (c === 'y' || c === 'j' || (c === 'i' && isVowel(next))) k = 'j';
      else if (isVowel(c)) k = 'a';
      else if (c === 'w' || c === 'v') k = 'v';
      else k = CONSONANT[c] ?? c;
    } else if (isVowel(c) || c === 'y' || c === 'w' || c === 'v') {
      gap = true;
      continue;
    } else if (c === 'h') {
      if (next === undefined && isVowel(prev)) continue; // Fatimah, Abdullah
      k = 'h';
    } else if (c === 'j') {
      // A glide (Tatjana, Natalija, Sergej, Jurij), not the Arabic ج (Najib).
      if (prev === 'i' || !isVowel(prev) || !isVowel(next)) continue;
      k = 'j';
    } else k = CONSONANT[c] ?? c;
    if (gap || out[out.length - 1] !== k) out += k;
    gap = false;
  }
  out = out.toLowerCase();
  if (skeletonCache.size > 500_000) skeletonCache.clear();
  skeletonCache.set(token, out);
  return out;
}

const CONSONANT: Record<string, string> = { q: 'k', c: 'k', z: 's', d: 't', b: 'p' };
