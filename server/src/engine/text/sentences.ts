/**
 * Sentence splitting for one paragraph of prose.
 *
 * Pure text module: no I/O, no LSP or vscode imports. Offsets are UTF-16
 * indices into the given string, `end` exclusive. Linear time: one scan with
 * bounded look-behind/look-ahead and precomputed arrays.
 */
import { scanMarkup, type Citation, type MarkupScan } from './citations';
import type { Span } from './span';

export type { Span } from './span';

/** Words that, followed by a period, never end a sentence (case-sensitive). */
const NEVER_FINAL = new Set([
  // titles
  'Mr', 'Mrs', 'Ms', 'Mx', 'Dr', 'Prof', 'St', 'Gen', 'Lt', 'Col', 'Capt', 'Maj', 'Sgt', 'Cpl', 'Pvt', 'Gov', 'Sen',
  'Rep', 'Hon', 'Amb', 'Pres', 'Adm', 'Cmdr', 'Brig', 'Fr', 'Rev', 'Mt', 'Ft', 'Messrs', 'Mme', 'Mlle', 'Supt', 'Insp',
  // reference abbreviations
  'Art', 'Arts', 'Fig', 'Figs', 'Vol', 'Vols', 'Ch', 'Chap', 'Para', 'Paras', 'Sec', 'Secs', 'Sect', 'Pt',
  'Eq', 'Ex', 'Exh', 'App', 'Tab', 'Cl', 'Res', 'Ref', 'Refs', 'Pub', 'Ed', 'Eds', 'Trans', 'Repr', 'Doc',
  'p', 'pp', 'para', 'paras', 'fig', 'figs', 'vol', 'vols', 'ch', 'chap', 'sec', 'art', 'eq', 'ref', 'ed', 'eds', 'ff',
  'approx', 'Approx', 'ca', 'cf', 'Cf', 'vs', 'viz', 'resp', 'incl', 'excl', 'est', 'Est', 'esp', 'op', 'cit', 'loc',
  'e.g', 'i.e', 'E.g', 'I.e', 'et', 'seq', 'c', 'v',
  // months (abbreviated)
  'Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec',
  // misc
  'Dept', 'Univ', 'Inst', 'Assoc', 'Natl', 'Intl', 'Govt.', 'Min', 'Mins', 'Amt',
]);

/** Lower-case forms that are abbreviations only when a digit follows (`no. 5`). */
const BEFORE_DIGIT = new Set(['no', 'nos', 'n', 'r', 's', 'l', 'tel', 'ph', 'ext', 'pg', 'pgs', 'line', 'ln', 'v', 'ver']);

/** Abbreviations that may or may not end a sentence (`… in the U.S. The …`). */
const MAYBE_FINAL = new Set([
  'etc', 'Inc', 'Ltd', 'Co', 'Corp', 'Jr', 'Sr', 'al', 'Bros', 'Ibid', 'ibid', 'Govt', 'govt', 'Esq', 'PLC', 'LLC',
  'Ltda', 'Cie', 'Pty', 'Plc',
]);

/** Capitalised words that typically start a sentence. */
const STARTERS = new Set(
  (
    'The This That These Those It Its In On At As But And Or However Meanwhile Moreover Furthermore He She They We I ' +
    'You Our Their His Her A An According While When Since After Before Although Though Despite If For With Such Some ' +
    'Many Most Other Others One Two There Here What Why How Yet Still Also Thus Therefore Hence Nonetheless ' +
    'Nevertheless Instead Similarly Likewise Finally First Second Third Overall Now Today Last Next By From To Under ' +
    'Given During Both Each All No Not Only Even Further Additionally Consequently Ultimately Again Officials ' +
    'Analysts Experts Critics Where Whether Once Unlike Like Because Indeed In Against Among Between Beyond Within ' +
    'Without Following Earlier Later Recently Currently Then So Neither Nor Every Several Few Much More Less Over ' +
    'Nearly Almost About Around Approximately Roughly Just Although Whereas'
  ).split(/\s+/),
);

/** Words after which a single capital + '.' is a label (`Annex B.`), not an initial. */
const LETTER_LABEL = new Set(
  (
    'Annex Annexure Appendix Plan Part Schedule Group Class Type Category Option Section Vitamin vitamin Grade Tier ' +
    'Level Phase Stage Block Item Point Exhibit Figure Table Chart Box Model Track Team Article Chapter Title Scenario ' +
    'Column Row Zone Sector Area Unit Wing Division Building Gate Terminal Camp Site Line Route Series Form Note'
  ).split(/\s+/),
);

const CLOSERS = new Set(['"', '”', '’', "'", ')', ']', '»', '›', '*', '_', '}']);

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\u00a0' || ch === '\u202f' || ch === '\u2009';
}
function isLetter(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true;
  if (c < 0xc0) return false;
  return /\p{L}/u.test(ch);
}
function isLower(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  if (c >= 97 && c <= 122) return true;
  if (c < 0xc0) return false;
  return /\p{Ll}/u.test(ch);
}
function isUpper(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  if (c >= 65 && c <= 90) return true;
  if (c < 0xc0) return false;
  return /\p{Lu}/u.test(ch);
}

/** The letters-and-dots word ending right before index `end` (bounded). */
function wordBefore(text: string, end: number): { word: string; start: number } {
  let k = end;
  while (k > 0 && end - k < 24 && (isLetter(text[k - 1]) || (text[k - 1] === '.' && k - 1 > 0 && isLetter(text[k - 2])))) k--;
  return { word: text.slice(k, end), start: k };
}

function wordAt(text: string, start: number): string {
  let k = start;
  while (k < text.length && k - start < 24 && isLetter(text[k])) k++;
  return text.slice(start, k);
}

/**
 * Splits one paragraph into sentences. A note marker right after the closing
 * punctuation (¹²,  [^3], [4], [2, 3], <sup>5</sup>, also after a closing
 * quote: .”¹⁷ ) belongs to the sentence before it. Survives abbreviations
 * (U.S., U.K., p., pp., No., approx., e.g., i.e., etc., Mr., Dr., Jan., vs.,
 * Rev.1, St.), initials (J. Smith), decimals (3.5), ellipses, quotes, and
 * parentheses.
 */
export function splitSentences(text: string): Span[] {
  return splitWith(text, text.length, scanMarkup(text));
}

/** @internal Used by figures/uncited.ts to avoid scanning the markup twice. */
export function splitSentencesScanned(text: string, scan: MarkupScan): Span[] {
  return splitWith(text, text.length, scan);
}

const NO_SPANS: Span[] = [];
const NO_CITATIONS: ReadonlyMap<number, Citation> = new Map();

function splitWith(text: string, n: number, scan: MarkupScan): Span[] {
  const spans: Span[] = [];
  if (n === 0) return spans;
  const citations = scan.citations;

  // Regions where no boundary can occur (citations, code, URLs, tags, HTML superscripts).
  // (Most paragraphs have neither: then nothing is allocated.)
  const regions: Span[] =
    citations.length + scan.nonProse.length + scan.unsplit.length === 0
      ? NO_SPANS
      : [...citations, ...scan.nonProse, ...scan.unsplit].sort((a, b) => a.start - b.start);
  let citeAt = NO_CITATIONS;
  if (citations.length > 0) {
    const byStart = new Map<number, Citation>();
    for (const c of citations) byStart.set(c.start, c);
    citeAt = byStart;
  }

  // Paren depth (none to track without an opening parenthesis: the usual case).
  const depth = text.indexOf('(') >= 0 ? parenDepth(text, n) : undefined;

  let sentStart = 0;
  while (sentStart < n && isSpace(text[sentStart])) sentStart++;
  let r = 0;
  let i = sentStart;
  while (i < n) {
    // Only at a terminator can a sentence end: skip to the next one (by char code, no strings).
    let code = text.charCodeAt(i);
    while (code !== 46 /* . */ && code !== 33 /* ! */ && code !== 63 /* ? */ && code !== 0x2026 /* … */) {
      if (++i >= n) break;
      code = text.charCodeAt(i);
    }
    if (i >= n) break;
    // Skip non-prose regions.
    while (r < regions.length && regions[r].end <= i) r++;
    if (r < regions.length && regions[r].start <= i) {
      i = regions[r].end;
      continue;
    }
    // Terminal run.
    let j = i;
    let hasBang = false;
    let dots = 0;
    while (j < n && (text[j] === '.' || text[j] === '!' || text[j] === '?' || text[j] === '…')) {
      if (text[j] === '!' || text[j] === '?') hasBang = true;
      if (text[j] === '.') dots++;
      if (text[j] === '…') dots += 3;
      j++;
    }
    const termEnd = j;
    // Decimal point / identifier dot: "3.5", "Rev.1", "U.S.-led", "example.com".
    if (j < n && !isSpace(text[j]) && !CLOSERS.has(text[j]) && !citeAt.has(j) && text[j] !== '<') {
      i = termEnd;
      continue;
    }
    // Closers and markers belong to this sentence.
    let k = termEnd;
    for (;;) {
      if (k >= n) break;
      const c = text[k];
      if (CLOSERS.has(c)) {
        // A straight quote followed by a letter opens the next sentence.
        if ((c === '"' || c === "'") && isLetter(text[k + 1])) break;
        k++;
        continue;
      }
      const cite = citeAt.get(k);
      if (cite) {
        k = cite.end;
        continue;
      }
      if (isSpace(c)) {
        // A bracketed / superscript marker after a space still closes this sentence: "end. [12]".
        let m = k;
        while (m < n && m - k < 3 && isSpace(text[m])) m++;
        const c2 = citeAt.get(m);
        if (c2 && c2.kind !== 'link') {
          k = c2.end;
          continue;
        }
      }
      break;
    }
    const sentEnd = k;
    let m = k;
    while (m < n && isSpace(text[m])) m++;
    if (m >= n) {
      i = n;
      break;
    }
    if (m === k) {
      // No space after the closers: "end.”Then" or a marker glued to a word.
      i = termEnd;
      continue;
    }
    const afterRegion = r > 0 && regions[r - 1].end === i;
    if (afterRegion ? !isLower(text[m]) && (depth === undefined || depth[m] === 0) : isBoundary(text, i, m, hasBang, dots, depth)) {
      spans.push({ start: sentStart, end: sentEnd });
      sentStart = m;
      i = m;
    } else {
      i = termEnd;
    }
  }
  let end = n;
  while (end > sentStart && isSpace(text[end - 1])) end--;
  if (end > sentStart) spans.push({ start: sentStart, end });
  return spans;
}

/** Paren depth at each position, over short matched pairs only (no split inside "(… e.g. …)"). */
function parenDepth(text: string, n: number): Int32Array {
  // Differences first (+1 after an opening, −1 at its closing), then summed in place.
  const depth = new Int32Array(n + 1);
  const stack: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 /* ( */) stack.push(i);
    else if (c === 41 /* ) */) {
      const o = stack.pop();
      if (o !== undefined && i - o <= 400) {
        depth[o + 1]++;
        depth[i]--;
      }
    }
  }
  let d = 0;
  for (let i = 0; i <= n; i++) {
    d += depth[i];
    depth[i] = d;
  }
  return depth;
}

function isBoundary(
  text: string,
  i: number,
  m: number,
  hasBang: boolean,
  dots: number,
  depth: Int32Array | undefined,
): boolean {
  const next = text[m];
  if (isLower(next)) return false;
  // Still inside a parenthesis that closes later.
  if (depth !== undefined && depth[m] > 0) return false;
  if (hasBang) return true;
  if (dots >= 2) {
    // Ellipsis: a boundary only before a capital, a digit or an opening quote.
    return isUpper(next) || '“"‘\'(['.includes(next);
  }
  // Single period.
  const { word, start: wStart } = wordBefore(text, i);
  // List number at paragraph start: "1. The …"
  if (word === '') {
    let k = i;
    while (k > 0 && isDigit(text.charCodeAt(k - 1))) k--;
    let b = k;
    while (b > 0 && (isSpace(text[b - 1]) || text[b - 1] === '>')) b--;
    if (k < i && b === 0) return false;
    // A list number after a sentence end: "… first. 2. Second …"
    if (k < i && i - k <= 2 && b < k && '.!?'.includes(text[b - 1] ?? '')) return false;
    return true;
  }
  if (NEVER_FINAL.has(word)) return false;
  const nextIsDigit = isDigit(next.charCodeAt(0));
  if (nextIsDigit && BEFORE_DIGIT.has(word.toLowerCase())) return false;
  if (nextIsDigit && /^[A-Z]/.test(word) && NEVER_FINAL.has(word.toLowerCase())) return false;
  const dotted = word.includes('.');
  if (dotted || MAYBE_FINAL.has(word)) {
    const w = wordAt(text, m);
    return STARTERS.has(w);
  }
  // Single capital letter: an initial unless it labels something (Annex B.).
  if (word.length === 1 && isUpper(word)) {
    let k = wStart;
    while (k > 0 && isSpace(text[k - 1])) k--;
    if (k === 0) return false; // "J. Smith" at paragraph start
    if ('.!?'.includes(text[k - 1]) || CLOSERS.has(text[k - 1]) || /\p{No}/u.test(text[k - 1])) return false; // "… attacks. A. Khan …"
    const prev = wordBefore(text, k);
    if (prev.word === '') return !isUpper(next) || STARTERS.has(wordAt(text, m));
    if (LETTER_LABEL.has(prev.word)) return true;
    // After a lower-case word: a label (`plan B.`, `A, B and C.`), except between two names
    // (`Dr. Ali and J. Smith`: a capitalised word before, a capitalised non-starter after).
    if (isLower(prev.word[0])) return !(isUpper(next) && !STARTERS.has(wordAt(text, m)) && followsName(text, prev.start));
    // Previous word capitalised or an initial: part of a name.
    return false;
  }
  return true;
}

/** Whether a capitalised word of two letters or more ends (before spaces) right before `start`. */
function followsName(text: string, start: number): boolean {
  let k = start;
  while (k > 0 && isSpace(text[k - 1])) k--;
  const w = wordBefore(text, k).word;
  return w.length >= 2 && isUpper(w[0]) && !w.includes('.');
}
