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
import {
  NO_MATCHES,
  isAsciiDigitCode,
  isAsciiLetterCode,
  isUnitExponent,
  NextMatch,
  isMarkerContent,
  isNumericList,
  stripTags,
  isUrlStart,
  urlEnd,
  isWordChar,
  PANDOC_KEY,
  looksPandoc,
  nextScanStart,
  BRACKET_PAIRS,
  PAREN_PAIRS,
  matchPairs,
  findCodeSpans,
} from './markupParts';

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

export { findCodeSpans } from './markupParts';

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
