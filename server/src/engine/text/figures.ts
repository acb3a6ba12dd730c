/**
 * Figures (numbers stating a quantity) in one paragraph of prose, and the
 * ones with no citation behind them.
 *
 * Pure text module: no I/O, no LSP or vscode imports. Offsets are UTF-16
 * indices into the given string, `end` exclusive.
 *
 * The scanner is hand-written and linear: every number is parsed once (at
 * most twice when a range look-ahead rejects it), every look-behind and
 * look-ahead around it is bounded by a small constant, and the only regular
 * expressions used run on bounded slices or single characters.
 *
 * Decisions on ambiguous cases (precision first: writers must be able to
 * leave the check on):
 *  - Compound adjectives of size (`137-page report`, `6-year high`,
 *    `10-point plan`, `30-day`, `two-day`, `2,640-km border`) are NOT figures:
 *    they describe a document, a plan or a period. Exceptions that do state a
 *    quantity: `25-percent`, `10-fold`, `6,000-strong`, `200-odd`, `500-plus`,
 *    `$5-billion`.
 *  - `1 in 4`, `1 out of 4`, `3:1` (not a time), `2/3` (denominator ≤ 10,
 *    numerator smaller) and `3x` are ratios. `9/11`, `24/7`, `50/50` are not.
 *  - Durations are not figures (`90 days`, `0–6 months`, `over 20 years`,
 *    `30 calendar days`), nor ages (`aged 15`), nor denominators (`per 100,000`).
 *  - A bare four-digit number 1900–2100 is a year unless a quantity qualifier
 *    precedes it (`nearly 2000`) or it is followed by `in <year>`; 1000–1899 is
 *    a year only after a temporal word (`in`, `since`, `the` …) or before a
 *    capitalised word / AD / BC. Writers who mean counts write `2,000`.
 *  - A number right after a capitalised word that does not start the
 *    sentence is an identifier (`Section 508`, `Python 3`, `S&P 500`,
 *    `Resolution 2593`), except after months, weekdays and possessives
 *    (`the TTP's 6,000 fighters`).
 *  - `from X to Y` / `X–Y` with Y > X and compatible units is ONE range
 *    figure; `between X and Y` includes `between` in the span.
 *  - Spelled-out numbers (only with spelledOut: true) skip `one` on its own,
 *    `zero`, numbers after a determiner (`the two countries`), compound
 *    adjectives (`two-day`) and durations (`four days later`).
 */
import { scanMarkup, type Citation, type MarkupScan } from './citations';
import { splitSentencesScanned } from './sentences';
import type { Span } from './span';
import { isSuperscriptDigit } from './superscript';

export type FigureKind = 'count' | 'percent' | 'money' | 'range' | 'ratio' | 'decimal' | 'spelled';

export interface Figure extends Span {
  kind: FigureKind;
  text: string;
}

export interface FigureOptions {
  /** Spelled-out numbers ("five Chinese nationals", "thousands of") only when true. */
  spelledOut: boolean;
}

export interface UncitedOptions extends FigureOptions {
  citationScope: 'sentence' | 'paragraph';
}

// ---------------------------------------------------------------------------
// Word lists

function set(words: string): Set<string> {
  return new Set(words.split(/\s+/).filter(Boolean));
}

const MONTHS = set(
  'January February March April May June July August September October November December ' +
    'Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec',
);
const MONTH_ABBREV = set('Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec');
const WEEKDAYS = set('Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mon Tue Tues Wed Thu Thurs Fri Sat Sun');

/** Capitalised words that do not make the following number an identifier. */
const ALLOWED_CAP = set(
  'The A An Of In On By Over Nearly About With From For To At Some Only Just Around Almost Approximately Roughly ' +
    'Between Among All Another Each These Those Its Their Our His Her Total And But Yet Since Until After Before ' +
    'During Under Above Below Up Less Fewer More Estimated Additional Exactly Fully Well Perhaps Maybe Probably ' +
    'Reportedly Barely Scarcely Upwards Least Most Than As Like Unlike Including Excluding Plus Minus Even Still ' +
    'Already Also Thus So Then Now Today Yesterday Some Another Every Where When While Whereas Although Though ' +
    'If Or Nor Both Either Neither Around Close Near Towards Toward Against Across Through Throughout Within ' +
    'Without Via Per Circa Approx Est Whereby Which That This What Who Whom Whose We They He She It You I ' +
    'There Here Last Next First Second Third Final Latest Recent Official Overall Average Median Roughly ' +
    'Respectively Nationwide Globally Worldwide Annually Monthly Weekly Daily Yearly Altogether Collectively ' +
    'Combined Together Additionally However Moreover Furthermore Meanwhile Currently Recently Previously Initially ' +
    'Originally Eventually Finally Ultimately Precisely Merely Further Since Once Whereas Besides Beyond Despite ' +
    'Almost Exactly Barely Nearly Roughly Approximately Around About Over Under Only Just Another Some Of',
);

/** Lower-case words after which a number is an identifier / reference (verbs such as "release" left out). */
const IDENT_KEYWORDS = set(
  'page pages pg pgs para paras paragraph paragraphs section sections subsection subsections sec article articles ' +
    'art chapter chapters title titles part parts clause clauses subclause annex annexes annexure appendix appendices ' +
    'exhibit figure fig table tables chart charts box volume vol number no nr nos resolution resolutions rule ' +
    'regulation regulations directive item items line lines row rows column columns step steps phase tier version ' +
    'versions footnote footnotes endnote endnotes route flight room unit code grade class category type model option ' +
    'scenario recommendation recommendations goal goals indicator principle pillar priority round wave session law ' +
    'bill amendment protocol platform gate terminal sector ward district precinct zone verse verses psalm slide ' +
    'exercise objective outcome activity component serial id ref reference tab sheet folio docket edition episode ' +
    'season rev revision port ports suite floor ext extension tel telephone phone fax mobile whatsapp pin zip ' +
    'postcode kernel cvss sdg sdgs act acts ordinance iso rfc cve bulletin circular memorandum memo decision decree ' +
    'numbered level layer layers cohort batch stanza surah sura ayah requirement requirements ' +
    'aged age ages week day weeks days year years size',
);
/** Identifier keywords after which a list ("Articles 1 and 2") stays an identifier. */
const NO_LIST_KEYWORDS = set('week day weeks days year years size');

/** Keywords that make the number an identifier when followed by a colon: "Number: 11". */
const IDENT_KEYWORDS_COLON = set(
  'number no nos page pages issue volume vol tel telephone phone fax mobile ref reference id code serial version ' +
    'release edition file case docket item step phase level',
);

/** Abbreviations (word before a period) after which a number is an identifier. */
const IDENT_ABBREV_DOT = set(
  'No Nos no nos Nr nr p pp P PP para paras Para Paras Art art Arts arts Sec sec Secs secs Sect sect Fig fig Figs ' +
    'figs Vol vol Vols vols Ch ch Chap chap Rev rev Res res Pub L S H R E O Cl cl Tab tab App app Ex Exh Ver ver v V ' +
    'Pt pt Sch Sched Reg Regs Dir Ord Doc Ref ref Ed ed Edn edn Iss iss Pg pg Ln ln Tel tel Ph ph Ext ext Mob Fax ' +
    'fax Sr Sl Nº Stat Supp Ser Art Amdt Const Cf cf n nn',
);

const CURRENCY_SYMBOLS = new Set([
  '$', '€', '£', '¥', '₹', '₨', '₩', '₽', '₺', '₦', '₱', '₪', '₴', '₸', '฿', '₫', '₡', '₲', '₵', '₭', '₮', '₼', '₾',
  '﷼', '৳', '؋', '¢',
]);
const DOLLAR_PREFIX = set('US U.S. A AU C CA NZ HK S SG NT R Z J M BZ TT EC FJ Mex NZ');
const CURRENCY_CODES = set(
  'USD EUR GBP JPY CNY RMB INR PKR AFN BDT LKR NPR IRR TRY RUB UAH KZT UZS TJS KGS TMT EGP NGN KES ZAR BRL MXN HKD ' +
    'SGD KRW AUD CAD NZD CHF SEK NOK DKK PLN ILS QAR KWD OMR BHD AED SAR IQD SYP LBP JOD XOF XAF ETB GHS MAD DZD ' +
    'TND IDR MYR THB VND Rs Rp Tk Dh Dhs SR QR RM Ksh KSh Tsh',
);
const MONEY_WORDS = set(
  'dollar dollars euro euros pound pounds sterling rupee rupees yuan renminbi yen rouble roubles ruble rubles ' +
    'afghani afghanis riyal riyals rial rials dirham dirhams lira liras taka naira rand franc francs won peso pesos ' +
    'shilling shillings dinar dinars tenge som somoni manat lari hryvnia baht ringgit rupiah',
);
const SCALE_WORDS = new Map<string, number>([
  ['thousand', 1e3], ['million', 1e6], ['billion', 1e9], ['trillion', 1e12], ['crore', 1e7], ['crores', 1e7],
  ['lakh', 1e5], ['lakhs', 1e5], ['lac', 1e5], ['lacs', 1e5], ['mn', 1e6], ['mln', 1e6], ['bn', 1e9], ['tn', 1e12],
  ['trn', 1e12], ['millions', 1e6], ['billions', 1e9], ['thousands', 1e3],
]);
const SCALE_SUFFIX = new Map<string, number>([
  ['k', 1e3], ['m', 1e6], ['mn', 1e6], ['mln', 1e6], ['bn', 1e9], ['b', 1e9], ['tn', 1e12], ['trn', 1e12], ['tr', 1e12],
  ['cr', 1e7], ['crore', 1e7], ['lakh', 1e5],
]);
const UNIT_SUFFIX = set(
  'km kms kg kgs cm mw gw kw kwh mwh gwh twh mt kt bpd mph kph kmh ha sqkm lb lbs mbps gbps gb tb mb kbps mtoe ' +
    'bcm tcf mmbtu mtpa tpa',
);
const DURATION_WORDS = set(
  'second seconds sec secs minute minutes min mins hour hours hr hrs day days night nights week weeks wk wks ' +
    'month months mo mos year years yr yrs decade decades century centuries fortnight fortnights weekend weekends ' +
    'quarter quarters semester semesters millennium millennia',
);
const DURATION_MODS = set('calendar business working consecutive straight full more additional long whole successive');
const DURATION_SUFFIX = set('h hr hrs yr yrs min mins d wk wks mo mos sec secs y');
const ORDINAL_SUFFIX = set('st nd rd th d');
const ORDINAL_NOUNS = set('congress parliament session amendment century anniversary birthday dynasty legislature plenum');
const TIME_WORDS = set("am pm a.m. p.m. AM PM A.M. P.M. o'clock o’clock GMT UTC PST PDT EST EDT CET CEST BST IST PKT AFT hrs");
const YEAR_PREPS = set(
  'in since until till before after during circa ca c of the year early late mid by from between and to fiscal ' +
    'calendar through',
);

/** Qualifier phrases (lower case) that belong to the figure's span. */
const QUALIFIERS = set(
  [
    'over', 'nearly', 'almost', 'around', 'about', 'approximately', 'approx', 'approx.', 'roughly', 'some',
    'estimated', 'circa', 'ca.', 'c.', 'under', 'below', 'above',
  ].join(' '),
);
const QUALIFIERS_2 = new Set([
  'more than', 'less than', 'fewer than', 'greater than', 'at least', 'at most', 'up to', 'an estimated',
  'just over', 'just under', 'close to', 'well over', 'well under', 'well above', 'well below', 'upwards of',
  'upward of', 'a mere', 'a reported', 'slightly over', 'slightly under', 'almost exactly',
]);
const QUALIFIERS_3 = new Set([
  'as many as', 'as much as', 'as few as', 'as little as', 'no fewer than', 'no less than', 'no more than',
  'not more than', 'not less than', 'a little over', 'a little under', 'slightly more than', 'slightly less than',
  'just more than', 'just less than', 'a total of', 'in excess of', 'an average of', 'a maximum of',
  'a minimum of', 'well over a', 'more or less',
]);
/** Qualifiers that turn a year-looking number into a count (`nearly 2000`); not temporal ones like "over", "less than". */
const STRONG_QUALIFIERS = new Set([
  'nearly', 'almost', 'approximately', 'approx', 'approx.', 'roughly', 'some', 'estimated', 'more than',
  'fewer than', 'at least', 'an estimated', 'upwards of', 'in excess of', 'as many as', 'as much as',
  'no fewer than', 'a total of',
]);
/** Determiners before which a spelled-out number refers to known things ("the two countries"). */
const DETERMINERS = set(
  'the these those both all its their his her our my your whose first last next other every each any which what ' +
    'no another such either neither',
);

// Spelled-out numbers
const SP_UNITS = new Map<string, number>([
  ['zero', 0], ['one', 1], ['two', 2], ['three', 3], ['four', 4], ['five', 5], ['six', 6], ['seven', 7], ['eight', 8],
  ['nine', 9], ['ten', 10], ['eleven', 11], ['twelve', 12], ['thirteen', 13], ['fourteen', 14], ['fifteen', 15],
  ['sixteen', 16], ['seventeen', 17], ['eighteen', 18], ['nineteen', 19], ['twenty', 20], ['thirty', 30],
  ['forty', 40], ['fifty', 50], ['sixty', 60], ['seventy', 70], ['eighty', 80], ['ninety', 90],
]);
const SP_SCALES = new Map<string, number>([
  ['hundred', 100], ['thousand', 1e3], ['million', 1e6], ['billion', 1e9], ['trillion', 1e12], ['dozen', 12],
]);
const SP_PLURALS = set('dozens hundreds thousands millions billions scores tens');
const SP_FRACTIONS = set(
  'half halves third thirds quarter quarters fourth fourths fifth fifths sixth sixths seventh sevenths eighth ' +
    'eighths ninth ninths tenth tenths',
);

// ---------------------------------------------------------------------------
// Character helpers

function isDigitAt(t: string, i: number): boolean {
  const c = t.charCodeAt(i);
  return c >= 48 && c <= 57;
}
function isLetterCh(ch: string | undefined): boolean {
  if (!ch) return false;
  const c = ch.charCodeAt(0);
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true;
  if (c < 0xc0) return false;
  return /\p{L}/u.test(ch);
}
function isAlnumCh(ch: string | undefined): boolean {
  if (!ch) return false;
  const c = ch.charCodeAt(0);
  return (c >= 48 && c <= 57) || isLetterCh(ch);
}
function isUpperCh(ch: string | undefined): boolean {
  if (!ch) return false;
  const c = ch.charCodeAt(0);
  if (c >= 65 && c <= 90) return true;
  if (c < 0xc0) return false;
  return /\p{Lu}/u.test(ch);
}
function isSpaceCh(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\u00a0' || ch === '\u202f' || ch === '\u2009' || ch === '\t' || ch === '\n' || ch === '\r';
}
const HYPHENS = new Set(['-', '‐', '‑', '‒', '–', '−']);
const CHAIN_SEPS = new Set(['-', '‐', '‑', '‒', '–', '−', '/', ':', '.']);
const THIN_SPACES = new Set(['\u00a0', '\u202f', '\u2009']);

// ---------------------------------------------------------------------------
// Numbers

interface Num {
  start: number;
  end: number;
  value: number;
  intDigits: number;
  hasComma: boolean;
  irregular: boolean;
  hasDecimal: boolean;
  leadingZero: boolean;
}

interface Chain {
  start: number;
  end: number;
  parts: Num[];
  seps: string[];
}

function parseNum(t: string, i: number): Num {
  const n = t.length;
  let j = i;
  let value = 0;
  while (j < n && isDigitAt(t, j)) {
    value = value * 10 + (t.charCodeAt(j) - 48);
    j++;
  }
  const intDigits = j - i;
  let hasComma = false;
  let irregular = false;
  // Thousands groups: ",ddd" (regular) or any other digit run after a comma (irregular: "1,2").
  while (j < n && t[j] === ',' && isDigitAt(t, j + 1)) {
    let k = j + 1;
    while (k < n && isDigitAt(t, k)) {
      value = value * 10 + (t.charCodeAt(k) - 48);
      k++;
    }
    if (k - (j + 1) !== 3 || intDigits > 3) irregular = true;
    hasComma = true;
    j = k;
  }
  // Thin-space / NBSP thousands groups: "4 000"
  if (!hasComma && intDigits <= 3) {
    while (j < n && THIN_SPACES.has(t[j]) && isDigitAt(t, j + 1) && isDigitAt(t, j + 2) && isDigitAt(t, j + 3) && !isDigitAt(t, j + 4)) {
      value = value * 1000 + Number(t.slice(j + 1, j + 4));
      j += 4;
      hasComma = true;
    }
  }
  let hasDecimal = false;
  if (j < n && t[j] === '.' && isDigitAt(t, j + 1)) {
    hasDecimal = true;
    let k = j + 1;
    let scale = 0.1;
    while (k < n && isDigitAt(t, k)) {
      value += (t.charCodeAt(k) - 48) * scale;
      scale /= 10;
      k++;
    }
    j = k;
  }
  return {
    start: i,
    end: j,
    value,
    intDigits,
    hasComma,
    irregular,
    hasDecimal,
    leadingZero: intDigits > 1 && t[i] === '0',
  };
}

function parseChain(t: string, i: number, masked: Uint8Array): Chain {
  const parts = [parseNum(t, i)];
  const seps: string[] = [];
  let end = parts[0].end;
  while (end < t.length && CHAIN_SEPS.has(t[end]) && isDigitAt(t, end + 1) && !masked[end + 1]) {
    seps.push(t[end]);
    const p = parseNum(t, end + 1);
    parts.push(p);
    end = p.end;
  }
  return { start: i, end, parts, seps };
}

function isPlainInt(p: Num): boolean {
  return !p.hasComma && !p.hasDecimal && !p.irregular;
}
function yearLike(p: Num): boolean {
  return isPlainInt(p) && p.intDigits === 4 && p.value >= 1000 && p.value <= 2100;
}

// ---------------------------------------------------------------------------
// Context helpers (all bounded)

interface WordInfo {
  word: string;
  start: number;
  end: number;
  /** '.' or ':' when the word is followed by that punctuation before the gap. */
  punct: string;
  /** Whether whitespace separates the word from the position asked about. */
  spaced: boolean;
}

/** The word before `pos`, across at most 3 spaces and one '.' or ':'. */
function prevWord(t: string, pos: number): WordInfo | null {
  let k = pos;
  let spaces = 0;
  while (k > 0 && spaces < 3 && isSpaceCh(t[k - 1])) {
    k--;
    spaces++;
  }
  let punct = '';
  // "**Version:** 2": emphasis closers between the label and the number.
  let em = 0;
  while (k > 0 && em < 3 && (t[k - 1] === '*' || t[k - 1] === '_')) {
    k--;
    em++;
  }
  if (k > 0 && (t[k - 1] === '.' || t[k - 1] === ':')) {
    punct = t[k - 1];
    k--;
  } else if (em > 0) return null;
  const end = k;
  while (
    k > 0 &&
    end - k < 30 &&
    (isLetterCh(t[k - 1]) ||
      ((t[k - 1] === '.' || t[k - 1] === '&' || t[k - 1] === '’' || t[k - 1] === "'") && k - 1 > 0 && isLetterCh(t[k - 2])))
  )
    k--;
  if (k === end) return null;
  return { word: t.slice(k, end), start: k, end, punct, spaced: spaces > 0 };
}

/** The word starting at `pos` after at most 2 spaces: letters, with inner/trailing dots for "a.m." style words. */
function nextWord(t: string, pos: number, allowDots = false): WordInfo | null {
  let k = pos;
  let spaces = 0;
  while (k < t.length && spaces < 2 && isSpaceCh(t[k])) {
    k++;
    spaces++;
  }
  const start = k;
  while (
    k < t.length &&
    k - start < 30 &&
    (isLetterCh(t[k]) || (allowDots && t[k] === '.' && k > start) || ((t[k] === '’' || t[k] === "'") && isLetterCh(t[k + 1]) && k > start))
  )
    k++;
  if (k === start) return null;
  return { word: t.slice(start, k), start, end: k, punct: '', spaced: spaces > 0 };
}

function isPossessive(w: string): boolean {
  return /['’]s$/.test(w) || /s['’]$/.test(w);
}

function atSentenceStart(t: string, wordStart: number): boolean {
  let k = wordStart;
  let steps = 0;
  while (k > 0 && steps < 6 && (isSpaceCh(t[k - 1]) || '“"‘\'([*_'.includes(t[k - 1]))) {
    k--;
    steps++;
  }
  if (k === 0) return true;
  const c = t[k - 1];
  return '.!?:;…”"’|\n\t]>'.includes(c) || isSuperscriptDigit(c);
}

/** Only whitespace, blockquote markers or non-prose markup ({:start="3"}) before `pos` (bounded). */
function onlySpaceBefore(t: string, pos: number, masked: Uint8Array): boolean {
  for (let k = pos - 1; k >= 0; k--) {
    if (!isSpaceCh(t[k]) && t[k] !== '>' && !masked[k]) return false;
    if (pos - k > 300) return false;
  }
  return true;
}

/** Start of a qualifier phrase ending right before `pos` (or `pos`), and the phrase. */
function matchQualifier(t: string, pos: number): { start: number; phrase: string } {
  // Symbol qualifiers: ~600, ≈ 600, <5%, >50%
  let k = pos;
  if (k > 0 && t[k - 1] === ' ' && k > 1 && '~≈<>≤≥'.includes(t[k - 2])) k--;
  if (k > 0 && '~≈<>≤≥'.includes(t[k - 1]) && !(k > 1 && isAlnumCh(t[k - 2]))) return { start: k - 1, phrase: t[k - 1] };
  const words: { w: string; start: number }[] = [];
  k = pos;
  for (let idx = 0; idx < 3; idx++) {
    let s = 0;
    while (k > 0 && s < 2 && isSpaceCh(t[k - 1])) {
      k--;
      s++;
    }
    if (s === 0) break;
    const end = k;
    if (k > 0 && t[k - 1] === '.') k--; // approx. / c. / ca.
    while (k > 0 && end - k < 16 && isLetterCh(t[k - 1])) k--;
    if (k === end || (k === end - 1 && t[k] === '.')) break;
    words.push({ w: t.slice(k, end).toLowerCase(), start: k });
  }
  if (words.length >= 3) {
    const p = `${words[2].w} ${words[1].w} ${words[0].w}`;
    if (QUALIFIERS_3.has(p)) return { start: words[2].start, phrase: p };
  }
  if (words.length >= 2) {
    const p = `${words[1].w} ${words[0].w}`;
    if (QUALIFIERS_2.has(p)) return { start: words[1].start, phrase: p };
  }
  if (words.length >= 1 && QUALIFIERS.has(words[0].w)) return { start: words[0].start, phrase: words[0].w };
  return { start: pos, phrase: '' };
}

// ---------------------------------------------------------------------------
// Classification

/** 'list': skipped as the head of a duration/date/time list ("6 or 12 months"). */
type SkipReason = 'ident' | 'year' | 'date' | 'time' | 'duration' | 'ordinal' | 'list' | 'other';

interface Classified {
  fig: Figure | null;
  /** Where scanning resumes. */
  end: number;
  reason?: SkipReason;
  /** For range building. */
  unit?: 'percent' | 'money' | 'none';
  scale?: number;
  value?: number;
  moneyPrefix?: boolean;
}

interface Ctx {
  t: string;
  n: number;
  masked: Uint8Array;
  /** End of the last identifier number (for "resolutions 1526 (2004) and 2253"). */
  identEnd: number;
  /** Furthest position a spelled-out phrase parse has read (keeps the word scan linear). */
  spReach: number;
}

const skip = (end: number, reason: SkipReason): Classified => ({ fig: null, end, reason });

function gapIsListConnector(t: string, from: number, to: number): boolean {
  if (to < from || to - from > 14) return false;
  const gap = t.slice(from, to);
  return /^[\s(),;&]*(?:and|or|to|through|-|–)?[\s(),;&]*$/.test(gap);
}

/** Right-hand units of a number ending at `e`. */
interface Units {
  end: number;
  percent: boolean;
  money: boolean;
  scale: number;
  ratio: boolean;
  plus: boolean;
  skip?: SkipReason;
}

function readUnits(ctx: Ctx, e: number, firstPart: Num): Units {
  const t = ctx.t;
  const u: Units = { end: e, percent: false, money: false, scale: 1, ratio: false, plus: false };
  const a = t[e];
  if (a === '^') return { ...u, skip: 'ident' }; // "[5^]" broken note labels, exponents
  if (a === '%' || a === '٪' || a === '％') {
    u.percent = true;
    u.end = e + 1;
    return u;
  }
  if (a === '\\' && t[e + 1] === '%') {
    u.percent = true;
    u.end = e + 2;
    return u;
  }
  if (isLetterCh(a)) {
    let k = e;
    while (k < ctx.n && k - e < 8 && isLetterCh(t[k])) k++;
    const suffix = t.slice(e, k);
    const lower = suffix.toLowerCase();
    const after = t[k];
    if (isDigitAt(t, k) || isLetterCh(after)) return { ...u, skip: 'ident' };
    if (ORDINAL_SUFFIX.has(lower)) return { ...u, skip: 'ordinal' };
    if (lower === 's') return { ...u, skip: 'year' }; // 1990s, 20s
    if ((lower === 'a' || lower === 'p') && t[k] === '.' && (t[k + 1] === 'm' || t[k + 1] === 'M')) return { ...u, skip: 'time' };
    if (lower === 'am' || lower === 'pm') return { ...u, skip: 'time' };
    if (DURATION_SUFFIX.has(lower)) return { ...u, skip: 'duration' };
    if (lower === 'pc' || lower === 'pct') return { ...u, percent: true, end: k };
    if (SCALE_SUFFIX.has(lower)) {
      u.scale = SCALE_SUFFIX.get(lower)!;
      u.end = k;
      return readMoneyWord(ctx, u);
    }
    if (UNIT_SUFFIX.has(lower)) return { ...u, end: k };
    if (lower === 'x') return { ...u, ratio: true, end: k };
    return { ...u, skip: 'ident' };
  }
  if (a === '×' && !isAlnumCh(t[e + 1])) return { ...u, ratio: true, end: e + 1 };
  // "3.a", "1.a-e", "3(a)", "2(4)": subdivisions of an identifier.
  if (a === '.' && isLetterCh(t[e + 1]) && !isLetterCh(t[e + 2])) return { ...u, skip: 'ident' };
  if (a === '(' && isAlnumCh(t[e + 1]) && (t[e + 2] === ')' || (isAlnumCh(t[e + 2]) && t[e + 3] === ')'))) {
    return { ...u, skip: 'ident' };
  }
  if (a === '<' && /^<sup>\s*(?:st|nd|rd|th)\s*<\/sup>/i.test(t.slice(e, e + 20))) return { ...u, skip: 'ordinal' };
  if (HYPHENS.has(a) && isLetterCh(t[e + 1])) {
    const w = nextWord(t, e + 1);
    const lower = w ? w.word.toLowerCase() : '';
    const wEnd = w ? w.end : e + 1;
    if (lower === 'percent' || lower === 'pc') return { ...u, percent: true, end: wEnd };
    if (lower === 'per' && HYPHENS.has(t[wEnd]) && t.slice(wEnd + 1, wEnd + 5).toLowerCase() === 'cent') {
      return { ...u, percent: true, end: wEnd + 5 };
    }
    if (lower === 'fold') return { ...u, ratio: true, end: wEnd };
    if (lower === 'strong' || lower === 'odd' || lower === 'plus') return { ...u, end: wEnd };
    if (SCALE_WORDS.has(lower)) {
      u.scale = SCALE_WORDS.get(lower)!;
      u.end = wEnd;
      if (HYPHENS.has(t[wEnd])) {
        const w2 = nextWord(t, wEnd + 1);
        if (w2 && MONEY_WORDS.has(w2.word.toLowerCase().replace(/s$/, '') + 's')) return { ...u, money: true, end: w2.end };
        if (w2 && (w2.word.toLowerCase() === 'dollar' || w2.word.toLowerCase() === 'euro')) return { ...u, money: true, end: w2.end };
        if (w2 && ['strong', 'plus', 'odd'].includes(w2.word.toLowerCase())) return { ...u, end: w2.end };
      }
      return readMoneyWord(ctx, u);
    }
    if ((lower === 'in' || lower === 'out') && firstPart) {
      // 1-in-4, 1-out-of-4
      let k = wEnd;
      if (lower === 'out' && t.slice(k, k + 4).toLowerCase() === '-of-') k += 3;
      if (HYPHENS.has(t[k]) && isDigitAt(t, k + 1)) {
        const m = parseNum(t, k + 1);
        if (m.value > firstPart.value) return { ...u, ratio: true, end: m.end };
      }
    }
    if (DURATION_WORDS.has(lower)) return { ...u, skip: 'duration' };
    return { ...u, skip: 'other' }; // compound adjective: 137-page, 6-year high, 10-point plan
  }
  if (a === '+' && !isAlnumCh(t[e + 1])) {
    u.plus = true;
    u.end = e + 1;
  }
  // Word-level units.
  let w = nextWord(t, u.end, true);
  if (!w || !w.spaced) return u;
  let raw = w.word;
  let lower = raw.toLowerCase().replace(/\.$/, '');
  if (SCALE_WORDS.has(lower) && !lower.endsWith('s')) {
    u.scale = SCALE_WORDS.get(lower)!;
    u.end = w.start + lower.length;
    // "million-strong", "million-plus"
    if (HYPHENS.has(t[u.end])) {
      const w2 = nextWord(t, u.end + 1);
      if (w2 && ['strong', 'plus', 'odd'].includes(w2.word.toLowerCase())) u.end = w2.end;
    }
    w = nextWord(t, u.end, true);
    if (!w || !w.spaced) return u;
    raw = w.word;
    lower = raw.toLowerCase().replace(/\.$/, '');
  }
  if (lower === 'per' || lower === 'per.') {
    const w2 = nextWord(t, w.start + 3);
    if (w2 && w2.word.toLowerCase() === 'cent') return { ...u, percent: true, end: w2.end };
    return u;
  }
  if (lower === 'percent' || lower === 'pct' || lower === 'pc' || lower === 'percentage' || lower === 'pp' || lower === 'ppt' || lower === 'ppts') {
    let end = w.start + (lower === 'percentage' ? 10 : lower.length);
    if (lower === 'percentage') {
      const w2 = nextWord(t, end);
      if (!w2 || !/^points?$/i.test(w2.word)) return u;
      end = w2.end;
    } else if (lower === 'percent') {
      const w2 = nextWord(t, end);
      if (w2 && /^points?$/i.test(w2.word)) end = w2.end;
    }
    return { ...u, percent: true, end };
  }
  if (u.scale === 1 && !u.plus) {
    // Durations, times, dates, legal citations.
    if (DURATION_WORDS.has(lower)) return { ...u, skip: 'duration' };
    if (DURATION_MODS.has(lower)) {
      const w2 = nextWord(t, w.start + lower.length);
      if (w2 && DURATION_WORDS.has(w2.word.toLowerCase())) return { ...u, skip: 'duration' };
    }
    if (TIME_WORDS.has(raw) || TIME_WORDS.has(lower)) return { ...u, skip: 'time' };
    if (MONTHS.has(raw.replace(/\.$/, '')) && isPlainInt(firstPart) && firstPart.value >= 1 && firstPart.value <= 31) {
      return { ...u, skip: 'date' };
    }
    if (lower === 'of') {
      const w2 = nextWord(t, w.start + 2);
      if (w2 && MONTHS.has(w2.word) && firstPart.value <= 31) return { ...u, skip: 'date' };
    }
    const norm = raw.replace(/\./g, '').toUpperCase();
    if (norm === 'USC' || norm === 'CFR' || norm === 'STAT' || norm === 'FR' || norm === 'FED' || norm === 'SCT' || norm === 'LED') {
      return { ...u, skip: 'ident' };
    }
    if (norm === 'US' && /^\s*(?:at\s+)?\d/.test(t.slice(w.end, w.end + 8))) return { ...u, skip: 'ident' };
    if (norm === 'AD' || norm === 'BC' || norm === 'CE' || norm === 'BCE') return { ...u, skip: 'year' };
    // Lost ordinals: "the 119 Congress", "the 75 anniversary"
    if (ORDINAL_NOUNS.has(lower)) return { ...u, skip: 'ordinal' };
  }
  if (MONEY_WORDS.has(lower) || CURRENCY_CODES.has(raw.replace(/\.$/, ''))) return { ...u, money: true, end: w.start + lower.length };
  if ((raw === 'US' || raw === 'U.S.') && u.scale !== 1) {
    const w2 = nextWord(t, w.end);
    if (w2 && /^dollars?$/i.test(w2.word)) return { ...u, money: true, end: w2.end };
  }
  return u;
}

function readMoneyWord(ctx: Ctx, u: Units): Units {
  const w = nextWord(ctx.t, u.end);
  if (!w || !w.spaced) return u;
  const lower = w.word.toLowerCase();
  if (MONEY_WORDS.has(lower) || CURRENCY_CODES.has(w.word)) return { ...u, money: true, end: w.end };
  return u;
}

/** Money prefix before position s (symbol, \\$, US$, Rs, USD …): returns prefix start or -1. */
function moneyPrefix(t: string, s: number): number {
  const symbolAt = (k: number): number => {
    // t[k] is a currency symbol; extend over a backslash escape and US/HK/A… prefixes.
    let a = k;
    if (a > 0 && t[a - 1] === '\\') a--;
    let b = a;
    while (b > 0 && a - b < 4 && (isLetterCh(t[b - 1]) || t[b - 1] === '.')) b--;
    if (b < a && DOLLAR_PREFIX.has(t.slice(b, a)) && !isLetterCh(t[b - 1])) a = b;
    return a;
  };
  if (s > 0 && CURRENCY_SYMBOLS.has(t[s - 1])) return symbolAt(s - 1);
  let k = s;
  const spaced = k > 0 && isSpaceCh(t[k - 1]);
  if (spaced) k--;
  if (spaced && k > 0 && CURRENCY_SYMBOLS.has(t[k - 1]) && t[k - 1] !== '$') return symbolAt(k - 1);
  let dot = false;
  if (k > 0 && t[k - 1] === '.') {
    k--;
    dot = true;
  }
  let b = k;
  while (b > 0 && k - b < 4 && isLetterCh(t[b - 1])) b--;
  if (b === k || isLetterCh(t[b - 1])) return -1;
  const w = t.slice(b, k);
  if (dot) return w === 'Rs' || w === 'Rp' || w === 'Tk' ? b : -1;
  return CURRENCY_CODES.has(w) ? b : -1;
}

/** `inRange`: classifying the second number of a range/list (no range building; `listDepth` bounds list look-ahead). */
function classify(ctx: Ctx, ch: Chain, opts: { inRange?: boolean; listDepth?: number } = {}): Classified {
  const t = ctx.t;
  const s = ch.start;
  const first = ch.parts[0];
  const p1 = s > 0 ? t[s - 1] : '';
  const p2 = s > 1 ? t[s - 2] : '';

  const mp = moneyPrefix(t, s);
  const money = mp >= 0;
  let figStart = money ? mp : s;

  // Identifier continuation: "resolutions 1526 (2004) and 2253 (2015)", "pp. 4, 6 and 9".
  if (!opts.inRange && ctx.identEnd >= 0 && gapIsListConnector(t, ctx.identEnd, s)) {
    ctx.identEnd = ch.end;
    return skip(ch.end, 'ident');
  }
  /** Identifier; `list` lets "and 2253" after it stay an identifier. */
  const ident = (end = ch.end, list = false): Classified => {
    if (list && !opts.inRange) ctx.identEnd = end;
    return skip(end, 'ident');
  };

  if (!money) {
    // Attached to a word: G20, FY2024, v1.2, MQ9, S/2025, F-16, COVID-19, Rev.1, P5+1, #5, @2
    if (isLetterCh(p1)) return ident();
    if (p1 !== '' && (HYPHENS.has(p1) || '/._+\\'.includes(p1)) && isAlnumCh(p2)) return ident();
    if (p1 === '#' || p1 === '@' || p1 === '&' || p1 === '=' || p1 === '%') return ident();
    // Digit strings too long to be a quantity (IDs, run-together chart labels).
    if (first.intDigits > 12 && !first.hasComma) return skip(ch.end, 'other');
    // Legal reporters: "462 U.S. 919", "U.S. at 959", "F.3d 123"
    if (/(?:U\.S\.|F\.(?:2d|3d|4th)?|F\. Supp\.(?: 2d| 3d)?|S\. ?Ct\.|L\. ?Ed\.(?: 2d)?) (?:at )?$/.test(t.slice(Math.max(0, s - 16), s))) {
      return ident(ch.end, true);
    }
    if (p1 === '+') {
      // Phone number: +92 51 9204423, +1 (202) 555-0143
      let k = s;
      let digits = 0;
      while (k < ctx.n && k - s < 25 && (isDigitAt(t, k) || ' -().'.includes(t[k]))) {
        if (isDigitAt(t, k)) digits++;
        k++;
      }
      if (digits >= 7) return skip(k, 'other');
    }
    // '90s, ’24
    if ((p1 === '’' || p1 === "'") && !isLetterCh(p2) && first.intDigits === 2 && isPlainInt(first)) return skip(ch.end, 'year');
    // § 3552, §§ 3552, ¶ 12
    {
      let k = s;
      while (k > 0 && s - k < 2 && isSpaceCh(t[k - 1])) k--;
      if (k > 0 && (t[k - 1] === '§' || t[k - 1] === '¶')) return ident(ch.end, true);
    }
    const after = t[ch.end];
    // Phone "(202) 555-0143"
    if (p1 === '(' && after === ')' && ch.parts.length === 1 && first.intDigits === 3 && isSpaceCh(t[ch.end + 1]) && isDigitAt(t, ch.end + 2)) {
      return skip(ch.end + 1, 'other');
    }
    if (ch.parts.length === 1 && isPlainInt(first) && first.value < 100) {
      // List numbering at paragraph start: "1. …", "1) …", "(1) …"
      if ((after === '.' || after === ')') && (isSpaceCh(t[ch.end + 1]) || ch.end + 1 >= ctx.n)) {
        if (onlySpaceBefore(t, p1 === '(' ? s - 1 : s, ctx.masked)) return skip(ch.end + 1, 'other');
        // "… fleeing. 3. Are camps …": a flattened list item after a sentence end.
        let k = s;
        while (k > 0 && s - k < 3 && isSpaceCh(t[k - 1])) k--;
        if (k < s && k > 0 && '.!?'.includes(t[k - 1]) && isUpperCh(t[ch.end + 2])) return skip(ch.end + 1, 'other');
      }
      // Enumerations and legal subdivisions: (1), (b)(1), 2(4)
      if (p1 === '(' && after === ')') {
        if (isAlnumCh(p2) || p2 === ')') return ident(ch.end + 1);
        if (first.value <= 20) return skip(ch.end + 1, 'other');
      }
      // Inline "1) …" not inside parentheses.
      if (after === ')' && (p1 === '' || isSpaceCh(p1)) && first.value <= 20) {
        let k = s - 1;
        let open = false;
        while (k >= 0 && s - k < 200) {
          if (t[k] === ')') break;
          if (t[k] === '(') {
            open = true;
            break;
          }
          k--;
        }
        if (!open) return skip(ch.end + 1, 'other');
      }
    }
  }

  // Left word context.
  const pw = prevWord(t, figStart);
  if (!pw && !money && isSpaceCh(p1)) {
    // A word mixing letters and digits before the number: "CC0 1.0", "COP28 2023".
    let k = s - 1;
    while (k > 0 && s - k < 3 && isSpaceCh(t[k - 1])) k--;
    let b = k;
    while (b > 0 && k - b < 12 && isAlnumCh(t[b - 1])) b--;
    const tok = t.slice(b, k);
    if (/[A-Za-z]/.test(tok) && /\d/.test(tok) && /[A-Z]/.test(tok) && !isAlnumCh(t[b - 1])) return ident(ch.end, true);
  }
  if (pw && pw.spaced) {
    const w = pw.word;
    const lower = w.toLowerCase();
    const dateOk = ch.parts.length === 1 && isPlainInt(first) && first.value >= 1 && first.value <= 31;
    if (pw.punct === '.') {
      if (!money && (IDENT_ABBREV_DOT.has(w) || (w.includes('.') && isUpperCh(w[0])))) return ident(ch.end, true);
      if (MONTH_ABBREV.has(w) && dateOk) return skip(ch.end, 'date');
    } else if (pw.punct === ':') {
      if (!money && (IDENT_KEYWORDS_COLON.has(lower) || (w.length >= 2 && /^[A-Z]+$/.test(w)))) return ident(ch.end, true);
      if (/^(?:tel|phone|fax|mobile|cell)$/.test(lower)) return skip(ch.end, 'other');
    } else {
      if (MONTHS.has(w) && dateOk) return skip(ch.end, 'date');
      if (MONTHS.has(w) && yearLike(first) && ch.parts.length === 1) return skip(ch.end, 'year');
      if (!money) {
        if (lower === 'per') return skip(ch.end, 'other'); // denominators: 7.8 per 100,000
        if (lower === 'of' && /\bout\s+of\s*$/i.test(t.slice(Math.max(0, pw.start - 5), pw.end))) return skip(ch.end, 'other'); // 150th out of 180
        if (IDENT_KEYWORDS.has(lower)) return ident(ch.end, !NO_LIST_KEYWORDS.has(lower));
        if (/^[a-z]+[A-Z]/.test(w) && !isPossessive(w)) return ident(ch.end, true); // iOS 17, iPhone 15, macOS 14
        if (isUpperCh(w[0]) && !isPossessive(w) && !ALLOWED_CAP.has(w) && !MONTHS.has(w) && !WEEKDAYS.has(w) && !CURRENCY_CODES.has(w)) {
          // "Section 508", "Python 3", "Windows 10", "S&P 500" — but a sentence may start with
          // "Reportedly 600 …", "Killing 40 …", "Estimated 3 million …".
          const ordinaryStart = atSentenceStart(t, pw.start) && /(?:ly|ing|ed)$/.test(w) && w.length > 4;
          if (!ordinaryStart) return ident(ch.end, true);
        }
      }
    }
  }

  // Labels: "Freedom 0:", "Step 1:"
  if (!money && t[ch.end] === ':' && !isDigitAt(t, ch.end + 1) && pw && pw.spaced && !pw.punct && isUpperCh(pw.word[0]) && !isPossessive(pw.word)) {
    return ident();
  }

  // Qualifier.
  const q = matchQualifier(t, figStart);
  const yearStrong = STRONG_QUALIFIERS.has(q.phrase);
  if (q.phrase && !money) {
    // "lines about 67–83", "page approximately 12"
    const qw = prevWord(t, q.start);
    if (qw && qw.spaced && !qw.punct && IDENT_KEYWORDS.has(qw.word.toLowerCase())) return ident(ch.end, true);
  }

  // Right context.
  const last = ch.parts[ch.parts.length - 1];
  const units = readUnits(ctx, ch.end, ch.parts.length === 1 ? first : last);
  if (units.skip && !money) {
    if (units.skip === 'ident') return ident(ch.end);
    return skip(ch.end, units.skip);
  }

  // Rankings: "the top 10 countries" (but "the top 1%" is a share).
  if (pw && pw.spaced && !pw.punct && /^(?:top|bottom)$/i.test(pw.word) && !units.percent && !money) return skip(ch.end, 'other');

  let kind = 'count' as FigureKind;
  let end = units.end;

  // Chains: ranges, dates, times, ratios, versions.
  if (ch.parts.length > 1) {
    const sepKinds = new Set(ch.seps.map((x) => (HYPHENS.has(x) ? '-' : x)));
    if (sepKinds.size > 1) return skip(ch.end, 'other');
    const sep = [...sepKinds][0];
    const b = ch.parts[1];
    if (ch.parts.length > 2) return skip(ch.end, sep === '-' || sep === '/' ? 'date' : 'other');
    if (sep === '.') return skip(ch.end, 'other'); // 1.2.3, 30.11.2025
    if (sep === ':') {
      if (isPlainInt(first) && first.value <= 24 && b.intDigits === 2 && isPlainInt(b) && b.value <= 59) return skip(ch.end, 'time');
      if (units.percent || units.money) return skip(ch.end, 'other');
      if (first.value === b.value) return skip(ch.end, 'other'); // "a 1:1 mapping"
      kind = 'ratio';
    } else if (sep === '/') {
      if (yearLike(first) && (b.intDigits === 2 || yearLike(b))) return skip(ch.end, 'year');
      if (isPlainInt(first) && isPlainInt(b) && first.value < b.value && b.value <= 10 && first.value >= 1 && !units.money) {
        kind = 'ratio';
      } else return skip(ch.end, 'other');
    } else {
      // dash
      if (yearLike(first) && ((b.intDigits === 2 && isPlainInt(b)) || yearLike(b)) && !yearStrong) return skip(ch.end, 'year');
      if (first.leadingZero || b.leadingZero) return skip(ch.end, 'other');
      if (first.irregular || b.irregular) return skip(ch.end, 'other');
      if (b.value > first.value) kind = 'range';
      else return skip(ch.end, 'other');
    }
  } else {
    if (first.irregular) {
      if (!(units.scale > 1 || units.percent || units.money)) return skip(ch.end, 'other');
    }
    if (first.leadingZero && !first.hasDecimal) return skip(ch.end, 'other');
    // Years.
    if (yearLike(first) && !money && !units.percent && units.scale === 1 && !units.plus && !units.ratio) {
      if (/(?:^|[^A-Za-z])(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.? \d{1,2}(?:st|nd|rd|th)?,? $/.test(t.slice(Math.max(0, s - 20), s))) {
        return skip(ch.end, 'year');
      }
      const inYear = /^\s+in\s+\d{4}(?!\d)/.test(t.slice(units.end, units.end + 12));
      if (first.value >= 1900) {
        if (!(yearStrong || inYear)) return skip(ch.end, 'year');
      } else {
        const pl = pw && pw.spaced && !pw.punct ? pw.word.toLowerCase() : '';
        const nw = nextWord(t, ch.end);
        const capNext = nw && nw.spaced && isUpperCh(nw.word[0]);
        if (!(yearStrong || inYear) && (YEAR_PREPS.has(pl) || capNext)) return skip(ch.end, 'year');
      }
    }
    // Time "at 10.30"
    if (first.hasDecimal && pw && pw.word.toLowerCase() === 'at' && !units.percent && !money) {
      const frac = t.slice(t.indexOf('.', first.start) + 1, first.end);
      if (frac.length === 2 && Number(frac) <= 59 && Math.floor(first.value) <= 24) return skip(ch.end, 'time');
    }
  }

  // "1 in 4", "1 out of 4"
  if (kind === 'count' && ch.parts.length === 1 && isPlainInt(first) && !units.percent && !money && units.scale === 1) {
    const m = /^\s+(?:in|out\s+of)\s+(?=\d)/.exec(t.slice(units.end, units.end + 12));
    if (m) {
      const at = units.end + m[0].length;
      if (!ctx.masked[at]) {
        const den = parseChain(t, at, ctx.masked);
        const d = den.parts[0];
        if (den.parts.length === 1 && !yearLike(d) && d.value > first.value && !d.leadingZero) {
          kind = 'ratio';
          end = den.end;
        }
      }
    }
  }

  if (units.ratio) kind = 'ratio';
  const isMoney = money || units.money;
  if (kind === 'count' || kind === 'decimal') {
    if (isMoney) kind = 'money';
    else if (units.percent) kind = 'percent';
    else if (ch.parts.some((p) => p.hasDecimal)) kind = 'decimal';
  }

  let start = q.start < figStart ? q.start : figStart;

  // Word ranges: "6,000 to 6,500", "between 10 and 20", "10% to 20%", "$3 to $5 million".
  const listDepth = opts.listDepth ?? 0;
  if ((!opts.inRange || listDepth < 3) && ch.parts.length === 1 && kind !== 'ratio') {
    const between = q.phrase === '' && prevWord(t, figStart)?.word.toLowerCase() === 'between';
    const r = tryWordRange(ctx, end, listDepth, !!opts.inRange, {
      value: first.value,
      percent: units.percent,
      money: isMoney,
      moneyPrefix: money,
      scale: units.scale,
      between,
      firstHasUnit: units.percent || isMoney || units.scale > 1,
    });
    if (r === 'skip-all') return skip(ch.end, 'list');
    if (r) {
      end = r.end;
      kind = 'range';
      if (between) {
        const bw = prevWord(t, figStart)!;
        start = bw.start;
      }
    }
  }

  return {
    fig: { start, end, kind, text: t.slice(start, end) },
    end,
    unit: units.percent ? 'percent' : isMoney ? 'money' : 'none',
    scale: units.scale,
    value: first.value,
    moneyPrefix: money,
  };
}

interface RangeFirst {
  value: number;
  percent: boolean;
  money: boolean;
  moneyPrefix: boolean;
  scale: number;
  between: boolean;
  firstHasUnit: boolean;
}

function tryWordRange(ctx: Ctx, end: number, depth: number, listOnly: boolean, f: RangeFirst): { end: number } | 'skip-all' | null {
  const t = ctx.t;
  const m = /^(?:,?\s*(?:to|and|or|–|—|-|‒)\s*|,\s*)/.exec(t.slice(end, end + 8));
  if (!m || m[0].length === 0) return null;
  const conn = m[0].replace(',', '').trim();
  const comma = m[0].startsWith(',');
  const betweenAnd = conn === 'and' && f.between && !comma;
  if (!betweenAnd && (conn === 'and' || conn === 'or' || comma)) {
    // Not a range, but "within 15 and 30 days", "6 or 12 months", "7, 14 or 30 days" are durations.
    if (f.firstHasUnit) return null;
    const k0 = end + m[0].length;
    if (!isDigitAt(t, k0) || ctx.masked[k0]) return null;
    const ch0 = parseChain(t, k0, ctx.masked);
    const saved0 = ctx.identEnd;
    const c0 = classify(ctx, ch0, { inRange: true, listDepth: depth + 1 });
    ctx.identEnd = saved0;
    if (c0.fig) return null;
    if (c0.reason === 'list') return 'skip-all';
    if (!comma && (c0.reason === 'duration' || c0.reason === 'date' || c0.reason === 'time')) return 'skip-all';
    return null;
  }
  if (listOnly) return null;
  if ((conn === '-' || conn === '—') && !/\s/.test(m[0][0])) return null; // "6,000-6,500" is a chain, handled elsewhere
  let k = end + m[0].length;
  // Optional currency on the second number.
  let secondMoneyPrefix = false;
  if (CURRENCY_SYMBOLS.has(t[k]) || (t[k] === '\\' && t[k + 1] === '$')) {
    k += t[k] === '\\' ? 2 : 1;
    secondMoneyPrefix = true;
  } else if (/^(?:US\$|Rs\.? |USD |€ |£ )/.test(t.slice(k, k + 4))) {
    const mm = /^(?:US\$|Rs\.? |USD |€ |£ )/.exec(t.slice(k, k + 4))!;
    k += mm[0].length;
    secondMoneyPrefix = true;
  }
  if (!isDigitAt(t, k) || ctx.masked[k]) return null;
  if (secondMoneyPrefix && !f.money) return null;
  const ch2 = parseChain(t, k, ctx.masked);
  if (ch2.parts.length !== 1) return null;
  const p = ch2.parts[0];
  if (p.leadingZero || p.irregular) return null;
  const saved = ctx.identEnd;
  const c2 = classify(ctx, ch2, { inRange: true, listDepth: 3 });
  ctx.identEnd = saved;
  if (!c2.fig) {
    if (c2.reason === 'duration' || c2.reason === 'date' || c2.reason === 'time') return 'skip-all';
    return null;
  }
  if (c2.fig.kind === 'ratio' || c2.fig.kind === 'range') return null;
  if (yearLike(p) && !f.firstHasUnit && c2.unit === 'none' && (c2.scale ?? 1) === 1) return null;
  const u2 = c2.unit ?? 'none';
  // Unit compatibility.
  if (f.percent && u2 !== 'percent') return null;
  if (f.money && !(u2 === 'money' || ((c2.scale ?? 1) > 1 && !f.moneyPrefix) || (f.moneyPrefix && u2 === 'none'))) return null;
  if (!f.percent && !f.money && f.scale > 1 && (c2.scale ?? 1) === 1) return null;
  if (u2 === 'money' && !f.money && !c2.moneyPrefix && f.scale > 1) {
    /* "3 million to 5 million dollars" ok */
  } else if (c2.moneyPrefix && !f.money) return null;
  if (conn !== 'and') {
    const v1 = f.value * (f.scale > 1 ? f.scale : (c2.scale ?? 1));
    const v2 = (c2.value ?? 0) * (c2.scale ?? 1);
    if (!(v2 > v1)) return null;
  }
  return { end: c2.fig.end };
}

// ---------------------------------------------------------------------------
// Spelled-out numbers

function findSpelled(ctx: Ctx, out: Figure[]): void {
  const t = ctx.t;
  const n = ctx.n;
  let i = 0;
  while (i < n) {
    if (ctx.masked[i] || !isLetterCh(t[i]) || (i > 0 && (isAlnumCh(t[i - 1]) || t[i - 1] === '-' || t[i - 1] === '’' || t[i - 1] === "'"))) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && isLetterCh(t[j])) j++;
    const word = t.slice(i, j).toLowerCase();
    if (SP_UNITS.has(word) || SP_SCALES.has(word) || SP_PLURALS.has(word) || word === 'a' || word === 'an') {
      const r = parseSpelled(ctx, i);
      if (r) {
        out.push(r.fig);
        i = r.end;
        continue;
      }
      // A rejected phrase ("two-day", "four hundred days") is not re-parsed from its next word.
      i = Math.max(j, ctx.spReach);
      continue;
    }
    i = j;
  }
}

interface SpWord {
  w: string;
  start: number;
  end: number;
}

function readWord(t: string, i: number): SpWord | null {
  let j = i;
  while (j < t.length && isLetterCh(t[j])) j++;
  if (j === i) return null;
  return { w: t.slice(i, j).toLowerCase(), start: i, end: j };
}

/** Next word after exactly one run of 1–2 spaces. */
function readNext(t: string, i: number): SpWord | null {
  let k = i;
  let s = 0;
  while (k < t.length && s < 2 && t[k] === ' ') {
    k++;
    s++;
  }
  if (s === 0) return null;
  return readWord(t, k);
}

function parseSpelled(ctx: Ctx, i: number): { fig: Figure; end: number } | null {
  const t = ctx.t;
  const first = readWord(t, i)!;
  const startCap = isUpperCh(t[i]);
  if (startCap && !atSentenceStart(t, i)) return null; // Five Eyes, Group of Seven
  let end = first.end;
  let value = 0;
  let hasScale = false;
  let words = 0;
  let cur: SpWord | null = first;
  let onlyOne = false;

  if (first.w === 'a' || first.w === 'an') {
    const nx = readNext(t, first.end);
    if (!nx || !SP_SCALES.has(nx.w)) return null;
    cur = nx;
  }
  if (SP_PLURALS.has(cur.w)) {
    // dozens of, hundreds of thousands of, tens of thousands
    let w: SpWord | null = cur;
    let lastEnd = -1;
    while (w && SP_PLURALS.has(w.w)) {
      ctx.spReach = Math.max(ctx.spReach, w.end);
      const of = readNext(t, w.end);
      if (!of || of.w !== 'of') break;
      lastEnd = w.end;
      const nx = readNext(t, of.end);
      if (nx && SP_PLURALS.has(nx.w) && nx.w !== 'tens' && nx.w !== 'scores' && nx.w !== 'dozens') {
        w = nx;
        continue;
      }
      break;
    }
    if (lastEnd < 0) return null;
    if (cur.w === 'tens' || cur.w === 'scores') {
      // "tens of thousands" needs a following plural scale
      const of = readNext(t, cur.end)!;
      const nx = readNext(t, of.end);
      if (!nx || !SP_PLURALS.has(nx.w) || nx.w === 'tens') return null;
    }
    end = lastEnd;
    words = 1;
  } else {
    // Cardinal phrase: units/tens, hyphen compounds, scales, "and".
    let w: SpWord | null = cur;
    while (w) {
      ctx.spReach = Math.max(ctx.spReach, w.end);
      if (SP_UNITS.has(w.w)) {
        value += SP_UNITS.get(w.w)!;
        end = w.end;
        words++;
        // twenty-five / two-thirds
        if (HYPHENS.has(t[end]) && isLetterCh(t[end + 1])) {
          const h = readWord(t, end + 1)!;
          if (SP_UNITS.has(h.w) && SP_UNITS.get(h.w)! < 10) {
            value += SP_UNITS.get(h.w)!;
            end = h.end;
          } else if (SP_FRACTIONS.has(h.w)) {
            end = h.end;
            hasScale = true;
            break;
          } else {
            return null; // compound adjective: two-day, three-member, twenty-first
          }
        }
      } else if (SP_SCALES.has(w.w)) {
        if (words === 0 && cur === first && first.w !== 'a' && first.w !== 'an') value = 1;
        if (value === 0) value = 1;
        value *= SP_SCALES.get(w.w)!;
        end = w.end;
        hasScale = true;
        words++;
        if (HYPHENS.has(t[end]) && isLetterCh(t[end + 1])) {
          const h = readWord(t, end + 1)!;
          if (!['strong', 'plus', 'odd'].includes(h.w)) return null; // "two-dozen-member"? compound
          end = h.end;
          break;
        }
      } else break;
      let nx = readNext(t, end);
      if (nx && nx.w === 'and' && hasScale) {
        const nx2 = readNext(t, nx.end);
        if (nx2 && SP_UNITS.has(nx2.w)) nx = nx2;
        else break;
      }
      if (nx && (SP_UNITS.has(nx.w) || SP_SCALES.has(nx.w))) {
        w = nx;
        continue;
      }
      break;
    }
    if (words === 0) return null;
    onlyOne = value === 1 && !hasScale;
    if (value === 0 && !hasScale) return null; // zero
  }

  // Context before.
  const pw = prevWord(t, i);
  if (pw && pw.spaced && !pw.punct && DETERMINERS.has(pw.word.toLowerCase())) return null;

  // Context after.
  let figEnd = end;
  const nx = readNext(t, end);
  if (nx) {
    if (DURATION_WORDS.has(nx.w)) return null;
    if (DURATION_MODS.has(nx.w)) {
      const nx2 = readNext(t, nx.end);
      if (nx2 && DURATION_WORDS.has(nx2.w)) return null;
    }
    if (nx.w === 'another' || nx.w === 'other' || nx.w === 'of' && onlyOne) return null;
    if (nx.w === 'per') {
      const nx2 = readNext(t, nx.end);
      if (nx2 && nx2.w === 'cent') figEnd = nx2.end;
    } else if (nx.w === 'percent') figEnd = nx.end;
    else if (MONEY_WORDS.has(nx.w)) figEnd = nx.end;
    else if (nx.w === 'in' || nx.w === 'out') {
      let k = nx.end;
      if (nx.w === 'out') {
        const of = readNext(t, k);
        if (!of || of.w !== 'of') k = -1;
        else k = of.end;
      }
      const d = k >= 0 ? readNext(t, k) : null;
      if (d && SP_UNITS.has(d.w) && SP_UNITS.get(d.w)! > value) {
        figEnd = d.end;
        onlyOne = false;
      }
    }
  }
  if (onlyOne) return null;
  const q = matchQualifier(t, i);
  const start = q.start;
  return { fig: { start, end: figEnd, kind: 'spelled', text: t.slice(start, figEnd) }, end: figEnd };
}

// ---------------------------------------------------------------------------
// Public API

function buildMask(n: number, scan: MarkupScan): Uint8Array {
  const masked = new Uint8Array(n);
  // Spans may nest (link destinations inside link destinations): fill each position once.
  const spans: Span[] = [...scan.nonProse, ...scan.citations.filter((c) => c.kind !== 'link')].sort((a, b) => a.start - b.start);
  let filled = 0;
  for (const s of spans) {
    const from = Math.max(s.start, filled);
    if (s.end > from) {
      masked.fill(1, from, s.end);
      filled = s.end;
    }
  }
  return masked;
}

function findFiguresScanned(text: string, scan: MarkupScan, options?: Partial<FigureOptions>): Figure[] {
  const n = text.length;
  const masked = buildMask(n, scan);
  const ctx: Ctx = { t: text, n, masked, identEnd: -1, spReach: 0 };
  const out: Figure[] = [];
  let i = 0;
  while (i < n) {
    if (masked[i] || !isDigitAt(text, i)) {
      i++;
      continue;
    }
    if (i > 0 && isDigitAt(text, i - 1)) {
      i++;
      continue;
    }
    const ch = parseChain(text, i, masked);
    const c = classify(ctx, ch);
    if (c.fig) {
      // Never overlap a previous figure.
      const prev = out[out.length - 1];
      if (!prev || c.fig.start >= prev.end) out.push(c.fig);
      else if (c.fig.end > prev.end) {
        /* overlapping: keep the earlier one */
      }
    }
    i = Math.max(c.end, ch.end, i + 1);
  }
  if (options?.spelledOut) {
    const sp: Figure[] = [];
    findSpelled(ctx, sp);
    if (sp.length) {
      const merged: Figure[] = [];
      let a = 0;
      let b = 0;
      while (a < out.length || b < sp.length) {
        const next = b >= sp.length || (a < out.length && out[a].start <= sp[b].start) ? out[a++] : sp[b++];
        const last = merged[merged.length - 1];
        if (last && next.start < last.end) continue;
        merged.push(next);
      }
      return merged;
    }
  }
  return out;
}

/** Every figure (a number stating a quantity) in one paragraph of prose. */
export function findFigures(text: string, options?: Partial<FigureOptions>): Figure[] {
  return findFiguresScanned(text, scanMarkup(text), options);
}

const CLOSING_TAIL = new Set(['.', ',', ';', ':', '!', '?', ')', ']', '}', '"', '”', '’', "'", '»', '›', '*', '_', '…']);

/** Whether the last non-space token of the paragraph is a citation (possibly followed by closing punctuation). */
export function closesWithCitation(text: string, citations: Citation[]): boolean {
  if (citations.length === 0) return false;
  const last = citations[citations.length - 1];
  for (let k = last.end; k < text.length; k++) {
    const c = text[k];
    if (isSpaceCh(c) || CLOSING_TAIL.has(c)) continue;
    return false;
  }
  return true;
}

/**
 * Figures with no citation behind them: a citation must follow the figure
 * within the same sentence, or (scope 'paragraph', the default) close the
 * paragraph (the last non-space token of the paragraph is a citation,
 * possibly followed only by closing punctuation/quotes). A figure inside the
 * text of a link citation is cited by that link.
 */
export function findUncitedFigures(text: string, options?: Partial<UncitedOptions>): Figure[] {
  const scope = options?.citationScope ?? 'paragraph';
  const scan = scanMarkup(text);
  const figures = findFiguresScanned(text, scan, options);
  if (figures.length === 0) return figures;
  const cites = scan.citations;
  if (scope === 'paragraph' && closesWithCitation(text, cites)) return [];
  const sentences = splitSentencesScanned(text, scan);
  const out: Figure[] = [];
  let si = 0;
  for (const f of figures) {
    while (si < sentences.length - 1 && sentences[si].end <= f.start) si++;
    const sent = sentences[si] ?? { start: 0, end: text.length };
    const sentEnd = Math.max(sent.end, f.end);
    // First citation starting at or after the figure's end.
    let lo = 0;
    let hi = cites.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cites[mid].start < f.end) lo = mid + 1;
      else hi = mid;
    }
    let cited = lo < cites.length && cites[lo].start < sentEnd;
    // A link whose text contains the figure.
    if (!cited && lo > 0) {
      const c = cites[lo - 1];
      if (c.start <= f.start && c.end >= f.end) cited = true;
    }
    if (!cited) out.push(f);
  }
  return out;
}
