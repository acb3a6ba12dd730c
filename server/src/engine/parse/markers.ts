import type { Marker, Span, UrlRef } from '../model';
import { isSuperscriptCode } from '../text/superscript';

export { isSuperscriptDigit } from '../text/superscript';

const SUPERSCRIPT_DIGITS: Record<string, number> = {
  '⁰': 0, '¹': 1, '²': 2, '³': 3, '⁴': 4, '⁵': 5, '⁶': 6, '⁷': 7, '⁸': 8, '⁹': 9,
};

/** Value of a run of superscript digits, or undefined when it is too long to be a note number. */
export function superscriptValue(run: string): number | undefined {
  if (run.length > 6) return undefined;
  let n = 0;
  for (const ch of run) n = n * 10 + SUPERSCRIPT_DIGITS[ch];
  return n;
}

/** `km²`, `m³`, `sq ft²`: a square or cube of a unit, not a note marker. */
const UNIT_BEFORE = /(?:^|[^\p{L}])(?:k?m|cm|mm|µm|ft|in|mi|yd|dm|hm)$/u;

function isUnitPower(text: string, at: number, run: string): boolean {
  if (run !== '²' && run !== '³') return false;
  return followsUnit(text, at);
}

/** Whether `text[at]` comes right after a unit of length (`km`, `m`, `ft` …), where ² and ³ read as powers. */
export function followsUnit(text: string, at: number): boolean {
  return UNIT_BEFORE.test(text.slice(Math.max(0, at - 4), at));
}

export interface ScanOptions {
  footnote: boolean;
  superscript: boolean;
  bracket: boolean;
}

/** Largest bracket range expanded into single markers (`[4–6]` → 4, 5, 6). */
const MAX_RANGE = 50;

/** ASCII characters at which scanMarkers has something to look at. */
const MARKER_START = new Uint8Array(128);
for (const ch of '`<hH[]') MARKER_START[ch.charCodeAt(0)] = 1;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Finds citation markers in `text[start, end)`, skipping inline code, HTML comments, URLs and
 * Markdown link destinations. One linear pass.
 */
export function scanMarkers(text: string, start: number, end: number, opts: ScanOptions, out: Marker[]): void {
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    // Fast skip: only these characters can start something this scan looks for.
    if (c < 128 ? MARKER_START[c] === 0 : !isSuperscriptCode(c)) {
      i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
      continue;
    }
    const ch = text[i];
    if (ch === '`') {
      // Inline code: skip to the matching run of backticks, when there is one.
      let run = 0;
      while (i + run < end && text[i + run] === '`') run++;
      const fence = '`'.repeat(run);
      const close = text.indexOf(fence, i + run);
      i = close >= 0 && close < end ? close + run : i + run;
      continue;
    }
    if (ch === '<' && text.startsWith('<!--', i)) {
      const close = text.indexOf('-->', i + 4);
      i = close >= 0 && close < end ? close + 3 : end;
      continue;
    }
    if ((ch === 'h' || ch === 'H') && (text.startsWith('http://', i) || text.startsWith('https://', i))) {
      i = urlEnd(text, i, end);
      continue;
    }
    if (ch === ']' && text[i + 1] === '(') {
      const close = text.indexOf(')', i + 2);
      i = close >= 0 && close < end ? close + 1 : i + 2;
      continue;
    }
    if (opts.superscript && SUPERSCRIPT_DIGITS[ch] !== undefined) {
      let j = i + 1;
      while (j < end && SUPERSCRIPT_DIGITS[text[j]] !== undefined) j++;
      const run = text.slice(i, j);
      const value = superscriptValue(run);
      if (value !== undefined && value > 0 && !isUnitPower(text, i, run)) {
        out.push({ key: `n:${value}`, label: String(value), number: value, style: 'superscript', span: { start: i, end: j } });
      }
      i = j;
      continue;
    }
    if (ch === '[') {
      if (opts.footnote && text[i + 1] === '^') {
        let j = i + 2;
        // As GFM reads a label: up to the first unescaped `]`, no whitespace (then it is no note).
        while (j < end && j - i < 1000) {
          const cj = text[j];
          if (cj === '\\' && j + 1 < end && text[j + 1] !== '\n') {
            j += 2;
            continue;
          }
          if (cj === ']' || cj === '[' || cj === ' ' || cj === '\t' || cj === '\n' || cj === '\r') break;
          j++;
        }
        if (j < end && text[j] === ']' && j > i + 2) {
          const label = text.slice(i + 2, j);
          const num = /^\d{1,6}$/.test(label) ? Number(label) : undefined;
          out.push({ key: `fn:${label.toLowerCase()}`, label, number: num, style: 'footnote', span: { start: i, end: j + 1 } });
          i = j + 1;
          continue;
        }
      }
      if (opts.bracket && isDigit(text.charCodeAt(i + 1)) && text[i - 1] !== ']' && text[i - 1] !== '!' && text[i - 1] !== '\\') {
        const group = scanBracketGroup(text, i, end);
        if (group) {
          out.push(...group);
          i = group[0].group!.end;
          continue;
        }
      }
    }
    i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
  }
}

/** `[1]`, `[2, 3]`, `[4–6]`, `[4-6, 9]`: numbers only, not followed by `(`, `[` or `:` (Markdown links). */
function scanBracketGroup(text: string, open: number, end: number): Marker[] | undefined {
  const items: { n: number; span: Span; rangeTo?: number }[] = [];
  let j = open + 1;
  for (;;) {
    const numStart = j;
    while (j < end && isDigit(text.charCodeAt(j)) && j - numStart < 5) j++;
    if (j === numStart || isDigit(text.charCodeAt(j))) return undefined;
    const n = Number(text.slice(numStart, j));
    const item: { n: number; span: Span; rangeTo?: number } = { n, span: { start: numStart, end: j } };
    items.push(item);
    while (text[j] === ' ') j++;
    const sep = text[j];
    if (sep === '–' || sep === '-' || sep === '—') {
      j++;
      while (text[j] === ' ') j++;
      const toStart = j;
      while (j < end && isDigit(text.charCodeAt(j)) && j - toStart < 5) j++;
      if (j === toStart) return undefined;
      item.rangeTo = Number(text.slice(toStart, j));
      item.span = { start: numStart, end: j };
      while (text[j] === ' ') j++;
    }
    if (text[j] === ',' || text[j] === ';') {
      j++;
      while (text[j] === ' ') j++;
      continue;
    }
    if (text[j] === ']') break;
    return undefined;
  }
  const close = j + 1;
  const after = text[close];
  if (after === '(' || after === '[' || after === ':') return undefined;
  const group = { start: open, end: close };
  const out: Marker[] = [];
  for (const it of items) {
    if (it.n === 0) return undefined;
    if (it.rangeTo !== undefined) {
      if (it.rangeTo < it.n || it.rangeTo - it.n > MAX_RANGE) return undefined;
      for (let n = it.n; n <= it.rangeTo; n++) {
        out.push({ key: `n:${n}`, label: String(n), number: n, style: 'bracket', span: it.span, group });
      }
    } else {
      out.push({ key: `n:${it.n}`, label: String(it.n), number: it.n, style: 'bracket', span: it.span, group });
    }
  }
  return out;
}

function urlEnd(text: string, i: number, end: number): number {
  let j = i;
  while (j < end) {
    const ch = text[j];
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '>' || ch === '<' || ch === '"' || ch === '”') break;
    j++;
  }
  return j;
}

/** URLs in a note: `<https://…>`, Markdown link destinations and bare URLs, without trailing punctuation. */
export function findUrls(text: string, start: number, end: number): UrlRef[] {
  const out: UrlRef[] = [];
  let i = start;
  while (i < end) {
    const a = text.indexOf('http', i);
    if (a < 0 || a >= end) break;
    if (!text.startsWith('http://', a) && !text.startsWith('https://', a)) {
      i = a + 4;
      continue;
    }
    const prev = text[a - 1];
    if (prev !== undefined && /[\w/]/.test(prev)) {
      i = a + 4;
      continue;
    }
    let j = urlEnd(text, a, end);
    if (prev === '(') {
      // Markdown link destination: stop at the closing parenthesis.
      const close = text.indexOf(')', a);
      if (close >= 0 && close < j) j = close;
    }
    while (j > a && /[.,;:!?)\]'’*_]/.test(text[j - 1])) {
      if (text[j - 1] === ')' && text.slice(a, j).includes('(')) break;
      j--;
    }
    if (j > a + 8) out.push({ url: text.slice(a, j), span: { start: a, end: j } });
    i = Math.max(j, a + 4);
  }
  return out;
}
