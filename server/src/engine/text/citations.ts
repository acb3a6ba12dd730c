/**
 * Citation markers in one paragraph of prose.
 *
 * Pure text module: no I/O, no LSP or vscode imports. Offsets are UTF-16
 * indices into the given string, `end` exclusive.
 *
 * Everything here is a single left-to-right scan (plus a few precomputed
 * arrays) so the cost is linear in the paragraph length whatever the input:
 * no regular expression with nested quantifiers is used, and every forward
 * search either advances monotonically or is bounded by a small constant.
 */
import type { Span } from './span';
import { isSuperscriptCode } from './superscript';

export type CitationKind = 'superscript' | 'footnote' | 'bracket' | 'pandoc' | 'link' | 'html-sup';

export interface Citation extends Span {
  kind: CitationKind;
}

/** What a scan of the paragraph's markup found. */
export interface MarkupScan {
  /** All citations, sorted by start, never overlapping. */
  citations: Citation[];
  /**
   * Regions that are not prose: inline code, HTML tags and entities, URLs,
   * e-mail addresses, Markdown link/image destinations. Sorted by start;
   * may overlap each other but never overlap the text of a `link` citation.
   */
  nonProse: Span[];
  /** Inline code spans only (a subset of nonProse). */
  code: Span[];
  /**
   * HTML superscripts that are not note markers (`21<sup>st</sup>`, a note written out in
   * `<sup>…</sup>`): prose, but no sentence ends inside one. Sorted by start.
   */
  unsplit: Span[];
}

/**
 * Every citation in a paragraph: Unicode superscript digit runs (¹ … ²⁶),
 * [^label] (and Pandoc inline notes ^[…]), bracket numeric markers [1] [2, 3]
 * [4–6] [4-6] (not when they are Markdown link text: followed by ( or [ or
 * preceded by ]), Pandoc [@key] / [see @key, p. 3], Markdown inline links
 * [text](http…) (also bare and <autolink> URLs, and [12](#fn12) anchors), and
 * <sup>N</sup> / <sup><a …>N</a></sup>. Inline `code` is ignored.
 */
export function findCitations(text: string): Citation[] {
  return scanMarkup(text).citations;
}

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

function isAsciiAlnumCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * ASCII characters at which scanMarkup has something to look at: 1 always, 2 only at the start of a
 * word (the first letters of http, www., ftp://, doi:). Everything else is skipped in one step.
 */
const SCAN_START = new Uint8Array(128);
for (const ch of '[^<$&{@') SCAN_START[ch.charCodeAt(0)] = 1;
for (const ch of 'hHwWfFdD') SCAN_START[ch.charCodeAt(0)] = 2;

const NO_MATCHES = new Int32Array(0);

function isAsciiDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isAsciiLetterCode(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Square/cube exponents after a unit (`500 km²`) are not note markers. */
const EXPONENT_UNITS = new Set(['m', 'km', 'cm', 'mm', 'ft', 'mi', 'yd', 'in', 'sq']);

function isUnitExponent(text: string, supStart: number, supText: string): boolean {
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
class NextMatch {
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

const ORDINAL_SUP = new Set(['st', 'nd', 'rd', 'th', 'er', 'e', 're', 'o', 'a', 'tm', 'sm']);

function isMarkerContent(inner: string): boolean {
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
function isNumericList(s: string): boolean {
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

function stripTags(s: string): string {
  let out = '';
  let inTag = false;
  for (const ch of s) {
    if (ch === '<') inTag = true;
    else if (ch === '>') inTag = false;
    else if (!inTag) out += ch;
  }
  return out;
}

const URL_STOP = new Set([' ', '\t', '\n', '\r', '<', '>', '"', '“', '”', '\u00a0']);

/**
 * Whether `text` has `lower` (lower-case ASCII) at `i`, ASCII letters compared without case: what
 * `text.slice(i, i + lower.length).toLowerCase() === lower` says, without making two strings
 * (this runs at every word that starts with h, w, f or d).
 */
function hasAsciiAt(text: string, i: number, lower: string): boolean {
  if (i + lower.length > text.length) return false;
  for (let k = 0; k < lower.length; k++) {
    let c = text.charCodeAt(i + k);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== lower.charCodeAt(k)) return false;
  }
  return true;
}

function isUrlStart(text: string, i: number): number {
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
function urlEnd(text: string, i: number): number {
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

function isWordChar(c: number): boolean {
  return isAsciiLetterCode(c) || isAsciiDigitCode(c) || c === 95;
}

/**
 * A Pandoc citation key after `@`: letters, digits and `_`, with single internal punctuation
 * (`wfp:sahel-2025`, `doe.2020`), or any text in braces (`{Doe 2020}`).
 */
const PANDOC_KEY = /\{[^{}\n]{1,200}\}|[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_])){0,200}/uy;

function looksPandoc(content: string): boolean {
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
function nextScanStart(text: string, i: number, n: number): number {
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
class PairScratch {
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
const BRACKET_PAIRS = new PairScratch();
const PAREN_PAIRS = new PairScratch();

/**
 * For each opening character, the index of its matching closing one (−1 when unmatched), by a
 * stack, in `out` (entries at other positions are left as they were). With `escapes`, a backslash before either character makes it plain text; positions
 * inside inline code (`skip`) are ignored.
 */
function matchPairs(text: string, open: number, close: number, skip: Uint8Array | undefined, escapes: boolean, out: Int32Array): Int32Array {
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

/**
 * One linear scan over the paragraph collecting citations and non-prose
 * regions. Shared by sentences.ts and figures/.
 */
export function scanMarkup(text: string): MarkupScan {
  const n = text.length;
  const code = findCodeSpans(text);
  const nonProse: Span[] = code.slice();
  const citations: Citation[] = [];
  const unsplit: Span[] = [];

  // inCode[i] === 1 when i is inside inline code (no array when there is none: the usual case).
  const inCode = code.length > 0 ? new Uint8Array(n) : undefined;
  if (inCode) for (const s of code) inCode.fill(1, s.start, s.end);
  const hasBracket = text.indexOf('[') >= 0;

  const matchClose = hasBracket ? matchPairs(text, 0x5b, 0x5d, inCode, true, BRACKET_PAIRS.take(n)) : NO_MATCHES;
  const parenClose = hasBracket && text.indexOf('(') >= 0 ? matchPairs(text, 0x28, 0x29, undefined, false, PAREN_PAIRS.take(n)) : NO_MATCHES;

  const supClose = new NextMatch(text, /<\/sup\s*>/gi);
  const tagClose = new NextMatch(text, />/g);
  const braceClose = new NextMatch(text, /\}/g);
  const dollar = new NextMatch(text, /(?<!\\)\$/g);

  let i = 0;
  while (i < n) {
    // Plain prose is skipped in one small loop (compiled on its own, early).
    i = nextScanStart(text, i, n);
    if (i >= n) break;
    const cc = text.charCodeAt(i);
    if (inCode !== undefined && inCode[i]) {
      i++;
      continue;
    }
    const ch = text[i];

    // Superscript digit runs.
    if (cc >= 128) {
      let j = i + 1;
      while (j < n) {
        if (isSuperscriptCode(text.charCodeAt(j))) j++;
        else if ((text[j] === ',' || text[j] === '⁻' || text[j] === '˒') && j + 1 < n && isSuperscriptCode(text.charCodeAt(j + 1))) j += 2;
        else break;
      }
      const sup = text.slice(i, j);
      if (!isUnitExponent(text, i, sup)) citations.push({ start: i, end: j, kind: 'superscript' });
      i = j;
      continue;
    }

    // Pandoc inline note ^[…]
    if (ch === '^' && i + 1 < n && text[i + 1] === '[' && matchClose[i + 1] > 0) {
      const close = matchClose[i + 1];
      citations.push({ start: i, end: close + 1, kind: 'footnote' });
      i = close + 1;
      continue;
    }

    if (ch === '[' && matchClose[i] > 0 && !(i > 0 && text[i - 1] === '\\')) {
      const close = matchClose[i];
      // Only short innermost pairs (no '[' inside) can be markers; long ones may still be link text.
      // (Bounded so that deeply nested brackets stay linear.)
      const content = close - i <= 512 ? text.slice(i + 1, close) : '[';
      const innermost = !content.includes('[');
      const next = close + 1 < n ? text[close + 1] : '';
      const prev = i > 0 ? text[i - 1] : '';
      const isImage = prev === '!';
      if (next === '(' && parenClose[close + 1] > 0) {
        // Markdown inline link or image.
        const destStart = close + 2;
        const destEnd = parenClose[close + 1];
        let d = destStart;
        while (d < destEnd && text[d] === ' ') d++;
        if (text[d] === '<') d++;
        const dest = text.slice(d, Math.min(destEnd, d + 12)).toLowerCase();
        nonProse.push({ start: close + 1, end: destEnd + 1 });
        const external = dest.startsWith('http://') || dest.startsWith('https://') || dest.startsWith('www.') || dest.startsWith('doi:') || dest.startsWith('ftp://');
        const anchorMarker = dest.startsWith('#') && (isMarkerContent(content) || content.startsWith('^'));
        if (!isImage && (external || anchorMarker)) {
          citations.push({ start: i, end: destEnd + 1, kind: 'link' });
        } else if (isImage) {
          nonProse.push({ start: i - 1, end: destEnd + 1 });
        }
        // Link text stays prose; scanning continues inside it.
        i++;
        continue;
      }
      if (innermost) {
        if (content.length > 1 && content[0] === '^' && !/\s/.test(content)) {
          citations.push({ start: i, end: close + 1, kind: 'footnote' });
          i = close + 1;
          continue;
        }
        if (prev !== ']' && next !== '[' && next !== '(' && isNumericList(content)) {
          citations.push({ start: i, end: close + 1, kind: 'bracket' });
          i = close + 1;
          continue;
        }
        if (looksPandoc(content)) {
          citations.push({ start: i, end: close + 1, kind: 'pandoc' });
          i = close + 1;
          continue;
        }
      }
      i++;
      continue;
    }

    if (ch === '<') {
      // <sup>…</sup>
      const head = text.slice(i, i + 5).toLowerCase();
      if (head === '<sup>' || head === '<sup ') {
        const m = supClose.at(i + 4);
        if (m && m.index - i <= 400) {
          const inner = stripTags(text.slice(text.indexOf('>', i) + 1, m.index));
          const end = m.index + m.length;
          if (isMarkerContent(inner) && !isUnitExponent(text, i, inner.trim())) {
            citations.push({ start: i, end, kind: 'html-sup' });
            i = end;
            continue;
          }
        }
        if (m) unsplit.push({ start: i, end: m.index + m.length });
      }
      // Autolink <http://…>
      if (isUrlStart(text, i + 1) > 0) {
        const m = tagClose.at(i + 1);
        if (m && m.index - i <= 2000) {
          citations.push({ start: i, end: m.index + 1, kind: 'link' });
          nonProse.push({ start: i, end: m.index + 1 });
          i = m.index + 1;
          continue;
        }
      }
      // Any other HTML tag / comment.
      const nx = text.charCodeAt(i + 1);
      if (isAsciiLetterCode(nx) || nx === 0x2f /* / */ || nx === 0x21 /* ! */) {
        const m = tagClose.at(i + 1);
        if (m && m.index - i <= 1000) {
          nonProse.push({ start: i, end: m.index + 1 });
          i = m.index + 1;
          continue;
        }
      }
      i++;
      continue;
    }

    // Inline TeX math: $\frac{1}{4}$, $352649 + 82703$ (never money: a closing $ is not followed by a digit).
    if (ch === '$' && !(i > 0 && text[i - 1] === '\\') && i + 1 < n && !/\s/.test(text[i + 1])) {
      const m = dollar.at(i + 1);
      if (m && m.index - i <= 300 && m.index > i + 1 && !/\s/.test(text[m.index - 1]) && !isAsciiDigitCode(text.charCodeAt(m.index + 1))) {
        const body = text.slice(i + 1, m.index);
        if (/[\\^_{}=+]/.test(body)) {
          nonProse.push({ start: i, end: m.index + 1 });
          i = m.index + 1;
          continue;
        }
      }
    }

    // Attribute lists and templates: {:start="3"}, {#id .class}, {{ site.baseurl }}, {% … %}
    if (ch === '{') {
      const nx = text[i + 1];
      if (nx === ':' || nx === '{' || nx === '%' || nx === '#' || nx === '.') {
        const m = braceClose.at(i + 1);
        if (m && m.index - i <= 300) {
          let end = m.index + 1;
          if (nx === '{' && text[end] === '}') end++;
          nonProse.push({ start: i, end });
          i = end;
          continue;
        }
      }
    }

    // HTML entities &#123; &#x1F; &amp;
    if (ch === '&') {
      let j = i + 1;
      if (text[j] === '#') {
        j++;
        if (text[j] === 'x' || text[j] === 'X') j++;
        const d0 = j;
        while (j < n && j - d0 < 8 && /[0-9a-fA-F]/.test(text[j])) j++;
        if (j > d0 && text[j] === ';') {
          nonProse.push({ start: i, end: j + 1 });
          i = j + 1;
          continue;
        }
      } else {
        const d0 = j;
        while (j < n && j - d0 < 10 && isAsciiLetterCode(text.charCodeAt(j))) j++;
        if (j > d0 && text[j] === ';') {
          nonProse.push({ start: i, end: j + 1 });
          i = j + 1;
          continue;
        }
      }
      i++;
      continue;
    }

    // Bare URLs.
    const schemeLen = isUrlStart(text, i);
    if (schemeLen > 0) {
      const end = urlEnd(text, i + schemeLen);
      if (end > i + schemeLen) {
        citations.push({ start: i, end, kind: 'link' });
        nonProse.push({ start: i, end });
        i = end;
        continue;
      }
    }

    // Pandoc's in-text citation: `@key`, `-@key`, `@{Doe 2020}`, with an optional locator right
    // after it (`@key [p. 33]`), whose numbers are not figures.
    if (ch === '@' && (i === 0 || !isWordChar(text.charCodeAt(i - 1)))) {
      PANDOC_KEY.lastIndex = i + 1;
      const m = PANDOC_KEY.exec(text);
      if (m) {
        let end = i + 1 + m[0].length;
        const locator = /^ ?\[[^\[\]\n]{1,120}\]/.exec(text.slice(end, end + 124));
        if (locator && !(inCode !== undefined && inCode[end])) end += locator[0].length;
        citations.push({ start: i > 0 && text[i - 1] === '-' ? i - 1 : i, end, kind: 'pandoc' });
        i = end;
        continue;
      }
    }

    // E-mail addresses (digits inside must not become figures).
    if (ch === '@' && i > 0 && isWordChar(text.charCodeAt(i - 1))) {
      let a = i;
      while (a > 0 && i - a < 64 && /[A-Za-z0-9._%+-]/.test(text[a - 1])) a--;
      let b = i + 1;
      let dot = false;
      while (b < n && b - i < 255 && /[A-Za-z0-9.-]/.test(text[b])) {
        if (text[b] === '.') dot = true;
        b++;
      }
      while (b > i + 1 && text[b - 1] === '.') b--;
      if (dot && b > i + 1) {
        nonProse.push({ start: a, end: b });
        i = b;
        continue;
      }
    }
    i++;
  }

  citations.sort((a, b) => a.start - b.start);
  // Drop citations nested inside an earlier one (e.g. a bracket marker inside link text).
  const out: Citation[] = [];
  for (const ct of citations) {
    const last = out[out.length - 1];
    if (last && ct.start < last.end) continue;
    out.push(ct);
  }
  nonProse.sort((a, b) => a.start - b.start);
  BRACKET_PAIRS.release();
  PAREN_PAIRS.release();
  return { citations: out, nonProse, code, unsplit };
}
