/**
 * A small sentence splitter for duplicate detection (private to the dup module).
 *
 * Splits after '.', '!', '?' or '…' (plus closing quotes/brackets/emphasis and
 * note markers such as ¹², [^3], [4]) when followed by whitespace and then an
 * uppercase letter or an opening quote/bracket. A single '.' does not end a
 * sentence after known abbreviations (p., No., Mr., Fig., e.g., i.e., U.S.,
 * single-letter initials) and never inside a number (7.1), an inline note
 * `^[…]` or an HTML superscript.
 */
import { MARKER_AT_RE, isSuperscriptDigit, protectedSpans } from './normalize';

export interface Span {
  /** offset of the first character */
  start: number;
  /** offset after the last character (exclusive) */
  end: number;
}

const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'mt', 'ft',
  'no', 'nos', 'p', 'pp', 'para', 'paras', 'vol', 'vols', 'ch', 'chap', 'sec', 'art', 'arts',
  'fig', 'figs', 'eq', 'eqs', 'ed', 'eds', 'rev', 'cf', 'vs', 'v', 'al', 'approx', 'ca', 'est',
  'gen', 'col', 'lt', 'maj', 'capt', 'cmdr', 'adm', 'sgt', 'sen', 'rep', 'gov', 'pres', 'hon', 'amb',
  'inc', 'ltd', 'co', 'corp', 'dept', 'univ', 'assn', 'bros',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'e.g', 'i.e', 'viz', 'op', 'loc', 'resp', 'incl', 'min', 'max', 'govt',
]);

const TERMINATORS = '.!?…';
/** characters that may close a sentence after its terminator */
const CLOSERS = '"\'”’»)]*_';
/** characters that may open the next sentence */
const OPENERS = '"\'“‘«([';

const UPPER_RE = /\p{Lu}/u;
const SPACE_RE = /\s/;
const INITIALISM_RE = /^(?:\p{L}\.)+\p{L}$/u;
const SINGLE_LETTER_RE = /^\p{L}$/u;
const TOKEN_BREAK = ' \t\n\r([{"“‘\'«—–/';

function isAbbreviationBefore(text: string, dot: number): boolean {
  let ts = dot;
  while (ts > 0 && !TOKEN_BREAK.includes(text[ts - 1]!)) ts--;
  const tok = text.slice(ts, dot);
  if (tok.length === 0) return false;
  if (SINGLE_LETTER_RE.test(tok) || INITIALISM_RE.test(tok)) return true;
  return ABBREVIATIONS.has(tok.toLowerCase());
}

/** Split `text` into trimmed sentence spans (offsets into `text`). */
export function splitSentences(text: string): Span[] {
  const spans: Span[] = [];
  const len = text.length;
  const masks = protectedSpans(text);
  let maskIdx = 0;
  let start = 0;

  const push = (a: number, b: number) => {
    while (a < b && SPACE_RE.test(text[a]!)) a++;
    while (b > a && SPACE_RE.test(text[b - 1]!)) b--;
    if (b > a) spans.push({ start: a, end: b });
  };

  let i = 0;
  while (i < len) {
    const code = text.charCodeAt(i);
    if (code !== 46 /* . */ && code !== 33 /* ! */ && code !== 63 /* ? */ && code !== 0x2026 /* … */) {
      i++;
      continue;
    }
    // a terminator inside a masked region (inline note, HTML superscript) ends nothing
    while (maskIdx < masks.length && masks[maskIdx]![1] <= i) maskIdx++;
    if (maskIdx < masks.length && masks[maskIdx]![0] <= i) {
      i = masks[maskIdx]![1];
      continue;
    }
    const ch = text[i]!;
    let e = i;
    while (e < len && TERMINATORS.includes(text[e]!)) e++;
    const runLen = e - i;
    const termAt = i;
    i = e;
    if (ch === '.' && runLen === 1) {
      // decimal or abbreviation?
      if (e < len && /\d/.test(text[e]!)) continue;
      if (isAbbreviationBefore(text, termAt)) continue;
    }
    // closers and note markers after the terminator
    for (;;) {
      if (e >= len) break;
      const c = text[e]!;
      if (CLOSERS.includes(c) || isSuperscriptDigit(c)) {
        e++;
        continue;
      }
      if (c === '[' || c === '<') {
        MARKER_AT_RE.lastIndex = e;
        const m = MARKER_AT_RE.exec(text);
        if (m) {
          e += m[0].length;
          continue;
        }
      }
      break;
    }
    if (e >= len) break;
    if (!SPACE_RE.test(text[e]!)) continue;
    let q = e;
    while (q < len && SPACE_RE.test(text[q]!)) q++;
    if (q >= len) break;
    let r = q;
    while (r < len && (text[r] === '*' || text[r] === '_')) r++;
    const next = text[r] ?? '';
    if (!(UPPER_RE.test(next) || (r === q && OPENERS.includes(next)))) continue;
    push(start, e);
    start = q;
    i = q;
  }
  push(start, len);
  return spans;
}
