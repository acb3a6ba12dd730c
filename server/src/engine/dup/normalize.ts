/**
 * Text normalisation for duplicate detection.
 *
 * Pure functions, no I/O. The same folding is applied to whole paragraphs
 * (`normalizeParagraph`) and to single sentences (the detector normalises each
 * sentence separately and joins them; both give the same word sequence because
 * sentences are only split at whitespace outside note markers).
 */

/** Unicode superscript digits (note markers such as ¹²), possibly a list or range: ¹,², ¹⁻³, ¹–³. */
const SUPERSCRIPT_MARKER_RE = /[⁰¹²³⁴⁵⁶⁷⁸⁹]+(?:[,\u2013\u2014\u207B-][⁰¹²³⁴⁵⁶⁷⁸⁹]+)*/g;
/** GFM / Pandoc footnote reference: [^3], [^note-name] (labels have no spaces). */
const GFM_MARKER_RE = /\[\^[^\]\s]+\]/g;
/** Bracketed numeric endnote markers: [4], [4, 5], [4–6], [1; 3-5]. */
const BRACKET_MARKER_RE = /\[\s*\d+(?:\s*[-\u2013\u2014,;]\s*\d+)*\s*\]/g;
/** HTML superscripts (<sup>3</sup>, <sup><a href="#fn3">3</a></sup>, 21<sup>st</sup>). */
const HTML_SUP_RE = /<sup\b[^>]*>[\s\S]*?<\/sup>/gi;
/** Any other HTML tag or autolink (<b>, </a>, <https://…>). */
const HTML_TAG_RE = /<\/?[A-Za-z][^<>]*>/g;
/** Markdown link destination: keep the link text, drop `(url "title")`. */
const MD_LINK_DEST_RE = /\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:"[^"]*"|'[^']*'))?\)/g;

/**
 * Spans of Pandoc inline notes `^[ … ]` (with nested brackets), which may
 * contain whole sentences: they are removed from normalised text (and the
 * sentence splitter, text/sentences.ts, does not split inside them).
 */
function inlineNoteSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let from = 0;
  for (;;) {
    const at = text.indexOf('^[', from);
    if (at < 0) break;
    let depth = 0;
    let end = -1;
    for (let i = at + 1; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x5b /* [ */) depth++;
      else if (c === 0x5d /* ] */) {
        depth--;
        if (depth === 0) {
          end = i + 1;
          break;
        }
      }
    }
    if (end < 0) break; // unbalanced: leave the rest alone
    spans.push([at, end]);
    from = end;
  }
  return spans;
}

/** Remove note markers (and inline notes, HTML superscripts/tags, link destinations). */
export function stripMarkers(text: string): string {
  let s = text;
  if (s.includes('^[')) {
    const spans = inlineNoteSpans(s);
    if (spans.length > 0) {
      let out = '';
      let last = 0;
      for (const [a, b] of spans) {
        out += s.slice(last, a) + ' ';
        last = b;
      }
      s = out + s.slice(last);
    }
  }
  if (s.includes('<')) {
    s = s.replace(HTML_SUP_RE, '').replace(HTML_TAG_RE, ' ');
  }
  if (s.includes('[')) {
    s = s.replace(GFM_MARKER_RE, ' ').replace(BRACKET_MARKER_RE, ' ');
  }
  if (s.includes('](')) {
    s = s.replace(MD_LINK_DEST_RE, ']');
  }
  return s.replace(SUPERSCRIPT_MARKER_RE, '');
}

const APOSTROPHE_IN_WORD_RE = /([\p{L}\p{N}])['\u2018\u2019\u02BC`\u00B4]+(?=[\p{L}\p{N}])/gu;
const DIGIT_SEPARATOR_RE = /(\d)[.,](?=\d)/g;
const MARKS_RE = /\p{M}+/gu;
const EMPHASIS_RE = /[*_]+/g;
const NON_WORD_RE = /[^\p{L}\p{N}]+/gu;

/**
 * Fold case, diacritics, compatibility forms (ligatures, full-width), quote
 * styles and punctuation. Apostrophes inside words are dropped (Pakistan’s →
 * pakistans), Markdown emphasis marks * and _ are dropped (so `**Note****s**`
 * and `Notes` agree), digit group separators are dropped (13,000 → 13000), every other
 * run of non-letter/non-digit characters (punctuation, dashes, quotes, Markdown
 * emphasis, whitespace) becomes one space.
 */
const COMMON_PUNCT: Record<string, string> = { '\u2018': "'", '\u2019': "'", '\u201c': '"', '\u201d': '"', '\u2013': '-', '\u2014': '-', '\u2026': '...', '\u00a0': ' ' };
const COMMON_PUNCT_RE = /[\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u00a0]/g;
const NON_ASCII_RE = /[^\x00-\x7f]/;

const isAlnum = (c: number) => (c >= 48 && c <= 57) || (c >= 97 && c <= 122);
const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * foldText for lower-case ASCII in one pass (the regular expressions below, without their cost):
 * emphasis marks vanish, apostrophes inside words and digit separators inside numbers are dropped,
 * every other run of non-alphanumerics becomes one space.
 */
let FOLD_BUF = new Uint8Array(4096);
/** Decodes the folded bytes (ASCII only) into a one-byte string, faster than String.fromCharCode. */
const ASCII = new TextDecoder('latin1');

function foldAscii(s: string): string {
  // The result is built as bytes: a string made from them is stored one byte per character even
  // when the brief's text (and so `s`) is stored two bytes per character, which halves the memory
  // of the duplicate index's normalised texts.
  const n = s.length;
  if (FOLD_BUF.length < n) FOLD_BUF = new Uint8Array(Math.max(n, 2 * FOLD_BUF.length));
  const buf = FOLD_BUF;
  let w = 0;
  let space = false;
  let last = 0; // last character kept (0 at the start or after a space)
  const nextKept = (from: number) => {
    let k = from;
    while (k < n && (s.charCodeAt(k) === 42 || s.charCodeAt(k) === 95)) k++;
    return k < n ? s.charCodeAt(k) : 0;
  };
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (isAlnum(c)) {
      if (space && w > 0) buf[w++] = 32;
      space = false;
      buf[w++] = c;
      last = c;
      continue;
    }
    if (c === 42 || c === 95) continue;
    if (!space && (c === 39 || c === 96) && isAlnum(last)) {
      let k = i;
      while (k < n && (s.charCodeAt(k) === 39 || s.charCodeAt(k) === 96 || s.charCodeAt(k) === 42 || s.charCodeAt(k) === 95)) k++;
      if (isAlnum(nextKept(k))) {
        i = k - 1;
        continue;
      }
    }
    if (!space && (c === 46 || c === 44) && isDigit(last) && isDigit(nextKept(i + 1))) continue;
    space = true;
    last = 0;
  }
  const out = ASCII.decode(buf.subarray(0, w));
  if (FOLD_BUF.length > 1 << 20) FOLD_BUF = new Uint8Array(4096); // not kept at the size of a huge paragraph
  return out;
}

export function foldText(text: string): string {
  // Curly quotes, dashes and no-break spaces are the usual non-ASCII in briefs: map them first so
  // that the costly NFKD pass runs only on text that still needs it (accents, ligatures, full width).
  let s = text.toLowerCase().replace(COMMON_PUNCT_RE, (c) => COMMON_PUNCT[c]);
  if (!NON_ASCII_RE.test(s)) return foldAscii(s);
  s = s.normalize('NFKD').replace(MARKS_RE, '');
  s = s.replace(EMPHASIS_RE, '');
  s = s.replace(APOSTROPHE_IN_WORD_RE, '$1');
  s = s.replace(DIGIT_SEPARATOR_RE, '$1');
  s = s.replace(NON_WORD_RE, ' ');
  return s.trim();
}

/**
 * Normalised form of a paragraph: case, whitespace, punctuation and quote
 * styles folded, note markers removed (¹², [^x], [n], [n, m], [n–m], <sup>n</sup>,
 * ^[inline notes]). Words are separated by single spaces.
 */
export function normalizeParagraph(text: string): string {
  return foldText(stripMarkers(text));
}

/** Words of a normalised string ('' → []). */
export function wordsOf(normalized: string): string[] {
  return normalized.length === 0 ? [] : normalized.split(' ');
}
