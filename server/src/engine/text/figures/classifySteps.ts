/**
 * The steps of classify(): each looks at one side of a number and either decides that it is not a
 * figure (a Classified skip, `ctx.identEnd` updated for identifier lists) or returns null to go on.
 * They run in the order classify() calls them; each look-behind and look-ahead is bounded.
 */
import type { FigureKind } from './types';
import { HYPHENS, isAlnumCh, isDigitAt, isLetterCh, isSpaceCh, isUpperCh } from './chars';
import { atLineStart, atSentenceStart, isPossessive, nextWord, onlySpaceBefore, type WordInfo } from './context';
import { identSkip, skip, type Classified, type Ctx } from './ctx';
import { isPlainInt, parseChain, yearLike, type Chain, type Num } from './numbers';
import type { Units } from './units';
import {
  ALLOWED_CAP,
  CURRENCY_CODES,
  IDENT_ABBREV_DOT,
  IDENT_KEYWORDS,
  IDENT_KEYWORDS_COLON,
  MONTH_ABBREV,
  MONTHS,
  NO_LIST_KEYWORDS,
  WEEKDAYS,
  YEAR_PREPS,
} from './vocabulary';

/** Whether `pos` follows a sentence's end (`.`, `?`, `!`, maybe a closing quote) and one space. */
function afterSentenceEnd(t: string, pos: number): boolean {
  let k = pos - 1;
  if (k < 0 || t[k] !== ' ') return false;
  k--;
  while (k >= 0 && '"”’\')'.includes(t[k])) k--;
  return k > 0 && '.?!'.includes(t[k]) && /[a-z)]/.test(t[k - 1]);
}

/** Whether the quotation opening at `start - 1` holds one token with no space (`"1.4-5"`). */
function quotedLiteral(t: string, start: number): boolean {
  for (let k = start; k < t.length && k - start < 40; k++) {
    const c = t[k];
    if (c === '"' || c === '”' || c === '\'' || c === '’') return k > start;
    if (isSpaceCh(c)) return false;
  }
  return false;
}

export function gapIsListConnector(t: string, from: number, to: number): boolean {
  if (to < from || to - from > 14) return false;
  const gap = t.slice(from, to);
  return /^[\s(),;&]*(?:and|or|to|through|-|–)?[\s(),;&]*$/.test(gap);
}

/**
 * A number glued to a word or a sign, a phone number, list numbering or an enumeration: never a
 * figure (`G20`, `F-16`, `Rev.1`, `#5`, `§ 3552`, `+92 51 9204423`, `1. …`, `(b)(1)`). Null: go on.
 */
export function attachedSkip(ctx: Ctx, ch: Chain, inRange: boolean): Classified | null {
  const t = ctx.t;
  const s = ch.start;
  const first = ch.parts[0];
  const p1 = s > 0 ? t[s - 1] : '';
  const p2 = s > 1 ? t[s - 2] : '';
  // Numbering at the start of a line: "1. …", "* 1.1. Scope", "1.3.1 Early history", "2) …".
  if (first.value < 1000 && atLineStart(t, s, ctx.masked)) {
    const a = t[ch.end];
    const b = t[ch.end + 1];
    if (((a === '.' || a === ')') && (b === undefined || isSpaceCh(b))) || (isSpaceCh(a) && isUpperCh(b))) return skip(ch.end + 1, 'other');
  }
  // A number glued after a sentence's end and before a capital, as PDF conversions leave footnote
  // markers ("… the analyst. 15 The press …", "… powers.\" 1 Given …").
  if (ch.parts.length === 1 && isPlainInt(first) && first.value < 2000 && isSpaceCh(t[ch.end]) && isUpperCh(t[ch.end + 1]) && afterSentenceEnd(t, s)) return skip(ch.end, 'other');
  // A quoted literal ("1.4-5", "0755"): a value written as text, not a statistic.
  if ((p1 === '"' || p1 === '“' || p1 === '\'') && quotedLiteral(t, s)) return skip(ch.end, 'other');
  // Attached to a word: G20, FY2024, v1.2, MQ9, S/2025, F-16, COVID-19, Rev.1, P5+1, #5, @2
  if (isLetterCh(p1)) return identSkip(ctx, inRange, ch.end);
  if (p1 !== '' && (HYPHENS.has(p1) || '/._+\\'.includes(p1)) && (isAlnumCh(p2) || (p1 === '+' && p2 === '+'))) return identSkip(ctx, inRange, ch.end);
  if (p1 === '#' || p1 === '@' || p1 === '&' || p1 === '=' || p1 === '%') return identSkip(ctx, inRange, ch.end);
  // Digit strings too long to be a quantity (IDs, run-together chart labels).
  if (first.intDigits > 12 && !first.hasComma) return skip(ch.end, 'other');
  // Legal reporters: "462 U.S. 919", "U.S. at 959", "F.3d 123"
  if (/(?:U\.S\.|F\.(?:2d|3d|4th)?|F\. Supp\.(?: 2d| 3d)?|S\. ?Ct\.|L\. ?Ed\.(?: 2d)?) (?:at )?$/.test(t.slice(Math.max(0, s - 16), s))) {
    return identSkip(ctx, inRange, ch.end, true);
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
    if (k > 0 && (t[k - 1] === '§' || t[k - 1] === '¶')) return identSkip(ctx, inRange, ch.end, true);
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
      if (isAlnumCh(p2) || p2 === ')') return identSkip(ctx, inRange, ch.end + 1);
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
  return null;
}

/**
 * The word before the number: identifier keywords and names (`Section 508`, `pp. 4`, `Number: 11`,
 * `COP28 2023`), dates (`March 5`), denominators (`per 100,000`). Null: go on.
 */
export function leftWordSkip(ctx: Ctx, ch: Chain, pw: WordInfo | null, money: boolean, inRange: boolean): Classified | null {
  const t = ctx.t;
  const s = ch.start;
  const first = ch.parts[0];
  const p1 = s > 0 ? t[s - 1] : '';
  if (!pw && !money && isSpaceCh(p1)) {
    // A word mixing letters and digits before the number: "CC0 1.0", "COP28 2023".
    let k = s - 1;
    while (k > 0 && s - k < 3 && isSpaceCh(t[k - 1])) k--;
    let b = k;
    while (b > 0 && k - b < 12 && isAlnumCh(t[b - 1])) b--;
    const tok = t.slice(b, k);
    if (/[A-Za-z]/.test(tok) && /\d/.test(tok) && /[A-Z]/.test(tok) && !isAlnumCh(t[b - 1])) return identSkip(ctx, inRange, ch.end, true);
  }
  if (pw && pw.spaced) {
    const w = pw.word;
    const lower = w.toLowerCase();
    const dateOk = ch.parts.length === 1 && isPlainInt(first) && first.value >= 1 && first.value <= 31;
    if (pw.punct === '.') {
      if (!money && (IDENT_ABBREV_DOT.has(w) || (w.includes('.') && isUpperCh(w[0])))) return identSkip(ctx, inRange, ch.end, true);
      if (MONTH_ABBREV.has(w) && dateOk) return skip(ch.end, 'date');
    } else if (pw.punct === ':') {
      if (!money && (IDENT_KEYWORDS_COLON.has(lower) || (w.length >= 2 && /^[A-Z]+$/.test(w)))) return identSkip(ctx, inRange, ch.end, true);
      if (/^(?:tel|phone|fax|mobile|cell)$/.test(lower)) return skip(ch.end, 'other');
    } else {
      if (MONTHS.has(w) && dateOk) return skip(ch.end, 'date');
      if (MONTHS.has(w) && yearLike(first) && ch.parts.length === 1) return skip(ch.end, 'year');
      if (!money) {
        if (lower === 'per') return skip(ch.end, 'other'); // denominators: 7.8 per 100,000
        if (lower === 'of' && /\bout\s+of\s*$/i.test(t.slice(Math.max(0, pw.start - 5), pw.end))) return skip(ch.end, 'other'); // 150th out of 180
        if (IDENT_KEYWORDS.has(lower)) return identSkip(ctx, inRange, ch.end, !NO_LIST_KEYWORDS.has(lower));
        if (/^[a-z]+[A-Z]/.test(w) && !isPossessive(w)) return identSkip(ctx, inRange, ch.end, true); // iOS 17, iPhone 15, macOS 14
        if (isUpperCh(w[0]) && !isPossessive(w) && !ALLOWED_CAP.has(w) && !MONTHS.has(w) && !WEEKDAYS.has(w) && !CURRENCY_CODES.has(w)) {
          // "Section 508", "Python 3", "Windows 10", "S&P 500" — but a sentence may start with
          // "Reportedly 600 …", "Killing 40 …", "Estimated 3 million …".
          const ordinaryStart = atSentenceStart(t, pw.start) && /(?:ly|ing|ed)$/.test(w) && w.length > 4;
          if (!ordinaryStart) return identSkip(ctx, inRange, ch.end, true);
        }
      }
    }
  }
  return null;
}

/** The kind of a chain of numbers (`2019-20`, `3:1`, `2/3`, `10-20`), or why it is not a figure. */
export function chainKind(ch: Chain, units: Units, yearStrong: boolean): FigureKind | Classified {
  const first = ch.parts[0];
  let kind: FigureKind;
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
    // A range joins numbers of a like size (`6,000-6,500`, `10-20`); `64-6221541` is an identifier.
    if (b.value > first.value && b.intDigits <= first.intDigits + 2) kind = 'range';
    else return skip(ch.end, 'other');
  }
  return kind;
}

/** A single number that is not a figure after all: irregular grouping, leading zero, a year, a time (`at 10.30`). Null: go on. */
export function singleNumberSkip(ctx: Ctx, ch: Chain, pw: WordInfo | null, units: Units, money: boolean, yearStrong: boolean): Classified | null {
  const t = ctx.t;
  const s = ch.start;
  const first = ch.parts[0];
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
  return null;
}

/** `1 in 4`, `1 out of 4`: the end of the denominator after a count whose units end at `unitsEnd`, or −1. */
export function ratioDenominatorEnd(ctx: Ctx, first: Num, unitsEnd: number): number {
  const t = ctx.t;
  const m = /^\s+(?:in|out\s+of)\s+(?=\d)/.exec(t.slice(unitsEnd, unitsEnd + 12));
  if (m) {
    const at = unitsEnd + m[0].length;
    if (!ctx.masked[at]) {
      const den = parseChain(t, at, ctx.masked);
      const d = den.parts[0];
      if (den.parts.length === 1 && !yearLike(d) && d.value > first.value && !d.leadingZero) return den.end;
    }
  }
  return -1;
}
