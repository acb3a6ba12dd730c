/**
 * The pieces scanMarkup (citations.ts) is made of: code spans, bracket and parenthesis pairing,
 * URLs, marker contents and the prose-skipping loop. Each is linear or bounded (see citations.ts).
 */
import type { Span } from './span';
import { isSuperscriptCode } from './superscript';

/** Inline code spans (CommonMark backtick runs), linear time. */
export function findCodeSpans(text: string): Span[] {
  if (text.indexOf('`') < 0) return [];
  const runsStart: number[] = [];
  const runsLen: number[] = [];
  const n = text.length;
  for (let i = 0; i < n; ) {
    if (text.charCodeAt(i) === 0x60 /* ` */) {
      let j = i;
      while (j < n && text.charCodeAt(j) === 0x60) j++;
      // A backslash-escaped backtick does not open a span.
      if (!(i > 0 && text.charCodeAt(i - 1) === 0x5c && j - i === 1)) {
        runsStart.push(i);
        runsLen.push(j - i);
      }
      i = j;
    } else {
      i++;
    }
  }
  const byLen = new Map<number, number[]>();
  for (let r = 0; r < runsStart.length; r++) {
    let list = byLen.get(runsLen[r]);
    if (!list) byLen.set(runsLen[r], (list = []));
    list.push(r);
  }
  const ptr = new Map<number, number>();
  const spans: Span[] = [];
  for (let r = 0; r < runsStart.length; r++) {
    const len = runsLen[r];
    const list = byLen.get(len)!;
    let p = ptr.get(len) ?? 0;
    while (p < list.length && list[p] <= r) p++;
    ptr.set(len, p);
    if (p < list.length) {
      const closing = list[p];
      spans.push({ start: runsStart[r], end: runsStart[closing] + len });
      r = closing; // runs in between are inside the code span
    }
  }
  return spans;
}

export function isAsciiAlnumCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * ASCII characters at which scanMarkup has something to look at: 1 always, 2 only at the start of a
 * word (the first letters of http, www., ftp://, doi:). Everything else is skipped in one step.
 */
export const SCAN_START = new Uint8Array(128);
for (const ch of '[^<$&{@') SCAN_START[ch.charCodeAt(0)] = 1;
for (const ch of 'hHwWfFdD') SCAN_START[ch.charCodeAt(0)] = 2;

export const NO_MATCHES = new Int32Array(0);

export function isAsciiDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isAsciiLetterCode(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Square/cube exponents after a unit (`500 km²`) are not note markers. */
export const EXPONENT_UNITS = new Set(['m', 'km', 'cm', 'mm', 'ft', 'mi', 'yd', 'in', 'sq']);

export function isUnitExponent(text: string, supStart: number, supText: string): boolean {
  if (supText !== '²' && supText !== '³' && supText !== '2' && supText !== '3') return false;
  let k = supStart;
  let letters = '';
  while (k > 0 && letters.length < 3 && isAsciiLetterCode(text.charCodeAt(k - 1))) {
    letters = text[k - 1] + letters;
    k--;
  }
  if (!EXPONENT_UNITS.has(letters.toLowerCase())) return false;
  if (k > 0 && text[k - 1] === ' ') k--;
  return k > 0 && isAsciiDigitCode(text.charCodeAt(k - 1));
}

/** Finds the next match of a global regex at or after `from`, caching monotonically. */
export class NextMatch {
  private pos = -2; // -2: not computed; -1: none
  private len = 0;
  constructor(
    private readonly text: string,
    private readonly re: RegExp,
  ) {}
  at(from: number): { index: number; length: number } | null {
    if (this.pos === -1) return null;
    if (this.pos < from) {
      this.re.lastIndex = from;
      const m = this.re.exec(this.text);
      if (!m) {
        this.pos = -1;
        return null;
      }
      this.pos = m.index;
      this.len = m[0].length;
    }
    return { index: this.pos, length: this.len };
  }
}

export const ORDINAL_SUP = new Set(['st', 'nd', 'rd', 'th', 'er', 'e', 're', 'o', 'a', 'tm', 'sm']);

export function isMarkerContent(inner: string): boolean {
  let s = inner.trim();
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1).trim();
  if (s.startsWith('(') && s.endsWith(')')) s = s.slice(1, -1).trim();
  if (s.length === 0 || s.length > 40) return false;
  if (/^[*†‡§¶]+$/.test(s)) return true;
  if (ORDINAL_SUP.has(s.toLowerCase())) return false;
  if (/^[a-z]$/.test(s)) return true; // table notes: <sup>a</sup>
  return isNumericList(s);
}

/** `12`, `2, 3`, `4–6`, `4-6`, `1; 3` */
export function isNumericList(s: string): boolean {
  let i = 0;
  const n = s.length;
  let groups = 0;
  while (i < n) {
    while (i < n && s[i] === ' ') i++;
    const d0 = i;
    while (i < n && isAsciiDigitCode(s.charCodeAt(i))) i++;
    if (i === d0) return false;
    groups++;
    while (i < n && s[i] === ' ') i++;
    if (i >= n) break;
    const c = s[i];
    if (c === ',' || c === ';' || c === '-' || c === '–' || c === '—' || c === '‐') {
      i++;
      continue;
    }
    return false;
  }
  return groups > 0;
}

export function stripTags(s: string): string {
  let out = '';
  let inTag = false;
  for (const ch of s) {
    if (ch === '<') inTag = true;
    else if (ch === '>') inTag = false;
    else if (!inTag) out += ch;
  }
  return out;
}

export const URL_STOP = new Set([' ', '\t', '\n', '\r', '<', '>', '"', '“', '”', '\u00a0']);

/**
 * Whether `text` has `lower` (lower-case ASCII) at `i`, ASCII letters compared without case: what
 * `text.slice(i, i + lower.length).toLowerCase() === lower` says, without making two strings
 * (this runs at every word that starts with h, w, f or d).
 */
export function hasAsciiAt(text: string, i: number, lower: string): boolean {
  if (i + lower.length > text.length) return false;
  for (let k = 0; k < lower.length; k++) {
    let c = text.charCodeAt(i + k);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== lower.charCodeAt(k)) return false;
  }
  return true;
}

export function isUrlStart(text: string, i: number): number {
  // returns length of scheme prefix if a URL starts here, else 0
  if (i > 0 && isAsciiAlnumCode(text.charCodeAt(i - 1))) return 0;
  const c = text.charCodeAt(i) | 0x20; // lower case for ASCII letters (only letters are compared)
  if (c === 0x68 /* h */) {
    if (hasAsciiAt(text, i, 'https://')) return 8;
    if (hasAsciiAt(text, i, 'http://')) return 7;
  } else if (c === 0x77 /* w */) {
    if (hasAsciiAt(text, i, 'www.') && i + 4 < text.length && isAsciiLetterCode(text.charCodeAt(i + 4))) return 4;
  } else if (c === 0x66 /* f */) {
    if (hasAsciiAt(text, i, 'ftp://')) return 6;
  } else if (c === 0x64 /* d */) {
    if (hasAsciiAt(text, i, 'doi:') && isAsciiDigitCode(text.charCodeAt(i + 4))) return 4;
  }
  return 0;
}

/** End of a bare URL starting at i (trailing punctuation trimmed). */
export function urlEnd(text: string, i: number): number {
  const n = text.length;
  let j = i;
  let depth = 0;
  while (j < n && !URL_STOP.has(text[j])) {
    const c = text[j];
    if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) break;
      depth--;
    } else if (c === ']' || c === '[') break;
    j++;
  }
  while (j > i && '.,;:!?\'’*_'.includes(text[j - 1])) j--;
  return j;
}

export function isWordChar(c: number): boolean {
  return isAsciiLetterCode(c) || isAsciiDigitCode(c) || c === 95;
}

/**
 * A Pandoc citation key after `@`: letters, digits and `_`, with single internal punctuation
 * (`wfp:sahel-2025`, `doe.2020`), or any text in braces (`{Doe 2020}`).
 */
export const PANDOC_KEY = /\{[^{}\n]{1,200}\}|[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_])){0,200}/uy;

export function looksPandoc(content: string): boolean {
  for (let k = 0; k < content.length; k++) {
    if (content[k] !== '@') continue;
    const before = k === 0 ? ' ' : content[k - 1];
    if (!(before === ' ' || before === ';' || before === '-' || before === '\t')) continue;
    const after = content.charCodeAt(k + 1);
    if (isWordChar(after) || content[k + 1] === '{') return true;
  }
  return false;
}

/** The next index at or after `i` where scanMarkup has something to look at (or `n`). */
export function nextScanStart(text: string, i: number, n: number): number {
  for (; i < n; i++) {
    const cc = text.charCodeAt(i);
    if (cc < 128) {
      const k = SCAN_START[cc];
      // A letter that can start a URL matters only where one starts (the only use scanMarkup has for it).
      if (k === 0 || (k === 2 && isUrlStart(text, i) === 0)) continue;
      return i;
    }
    if (isSuperscriptCode(cc)) return i;
  }
  return n;
}

/**
 * matchPairs' result arrays, reused from paragraph to paragraph (a new array of the paragraph's
 * length per call was most of its cost). scanMarkup reads an entry only at an opening character,
 * and matchPairs writes the entry of every opening character of the paragraph, so what an earlier
 * paragraph left elsewhere is never read.
 */
export class PairScratch {
  private buf = new Int32Array(1024);

  take(n: number): Int32Array {
    if (this.buf.length < n) this.buf = new Int32Array(Math.max(n, 2 * this.buf.length));
    return this.buf;
  }

  /** After a huge paragraph, back to the usual size rather than staying that big. */
  release(): void {
    if (this.buf.length > 1 << 18) this.buf = new Int32Array(1024);
  }
}
export const BRACKET_PAIRS = new PairScratch();
export const PAREN_PAIRS = new PairScratch();

/**
 * For each opening character, the index of its matching closing one (−1 when unmatched), by a
 * stack, in `out` (entries at other positions are left as they were). With `escapes`, a backslash before either character makes it plain text; positions
 * inside inline code (`skip`) are ignored.
 */
export function matchPairs(text: string, open: number, close: number, skip: Uint8Array | undefined, escapes: boolean, out: Int32Array): Int32Array {
  const stack: number[] = [];
  // Visits only the two characters, in order, found by indexOf (brackets are sparse in prose).
  const openCh = String.fromCharCode(open);
  const closeCh = String.fromCharCode(close);
  let nextOpen = text.indexOf(openCh);
  let nextClose = text.indexOf(closeCh);
  while (nextOpen >= 0 || nextClose >= 0) {
    let i: number;
    if (nextClose < 0 || (nextOpen >= 0 && nextOpen < nextClose)) {
      i = nextOpen;
      nextOpen = text.indexOf(openCh, i + 1);
    } else {
      i = nextClose;
      nextClose = text.indexOf(closeCh, i + 1);
    }
    const c = text.charCodeAt(i);
    if (c === open) out[i] = -1; // every opening character's entry is written (see PairScratch)
    if (skip !== undefined && skip[i] === 1) continue;
    if (escapes && i > 0 && text.charCodeAt(i - 1) === 0x5c) continue;
    if (c === open) stack.push(i);
    else {
      const o = stack.pop();
      if (o !== undefined) out[o] = i;
    }
  }
  return out;
}

