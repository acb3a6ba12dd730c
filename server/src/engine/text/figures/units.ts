/**
 * What follows a number (`%`, `km`, `million`, `dollars`, `-fold`) and what precedes it as money
 * (`$`, `US$`, `Rs.`, `USD`). A unit may also say the number is not a figure (`1990s`, `2 pm`,
 * `6 months`, `42 U.S.C.`): then `skip` says why.
 */
import { HYPHENS, isAlnumCh, isDigitAt, isLetterCh, isSpaceCh } from './chars';
import { nextWord } from './context';
import type { Ctx, SkipReason } from './ctx';
import { isPlainInt, parseNum, type Num } from './numbers';
import {
  CURRENCY_CODES,
  CURRENCY_SYMBOLS,
  DOLLAR_PREFIX,
  DURATION_MODS,
  DURATION_SUFFIX,
  DURATION_WORDS,
  MONEY_WORDS,
  MONTHS,
  ORDINAL_NOUNS,
  ORDINAL_SUFFIX,
  SCALE_SUFFIX,
  SCALE_WORDS,
  TIME_WORDS,
  TECHNICAL_UNITS,
  UNIT_SUFFIX,
} from './vocabulary';

/** Right-hand units of a number ending at `e`. */
export interface Units {
  end: number;
  percent: boolean;
  money: boolean;
  scale: number;
  ratio: boolean;
  plus: boolean;
  skip?: SkipReason;
}

export function readUnits(ctx: Ctx, e: number, firstPart: Num): Units {
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
  if (isLetterCh(a)) return letterSuffix(ctx, e, u);
  if (a === '×' && !isAlnumCh(t[e + 1])) return { ...u, ratio: true, end: e + 1 };
  // "3.a", "1.a-e", "3(a)", "2(4)": subdivisions of an identifier.
  if (a === '.' && isLetterCh(t[e + 1]) && !isLetterCh(t[e + 2])) return { ...u, skip: 'ident' };
  if (a === '(' && isAlnumCh(t[e + 1]) && (t[e + 2] === ')' || (isAlnumCh(t[e + 2]) && t[e + 3] === ')'))) {
    return { ...u, skip: 'ident' };
  }
  if (a === '<' && /^<sup>\s*(?:st|nd|rd|th)\s*<\/sup>/i.test(t.slice(e, e + 20))) return { ...u, skip: 'ordinal' };
  if (HYPHENS.has(a) && isLetterCh(t[e + 1])) return hyphenSuffix(ctx, e, u, firstPart);
  if (a === '+' && !isAlnumCh(t[e + 1])) {
    u.plus = true;
    u.end = e + 1;
  }
  return wordUnits(ctx, u, firstPart);
}

/** A unit written onto the number: `5km`, `3bn`, `4pc`, `3x`; `1st`, `2pm`, `1990s`, `6yrs` are not figures. */
function letterSuffix(ctx: Ctx, e: number, u: Units): Units {
  const t = ctx.t;
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

/** A unit after a hyphen: `25-percent`, `10-fold`, `$5-billion`, `1-in-4`; otherwise a compound adjective (`137-page`). */
function hyphenSuffix(ctx: Ctx, e: number, u: Units, firstPart: Num): Units {
  const t = ctx.t;
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

/** Units in the words after the number (`5 million`, `20 per cent`, `300 dollars`); durations, times, dates and legal citations skip it. */
function wordUnits(ctx: Ctx, u: Units, firstPart: Num): Units {
  const t = ctx.t;
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
    // Sizes and settings of machines and text ("8 bytes", "79 columns", "2 CPUs"): parameters of a system, not statistics.
    if (TECHNICAL_UNITS.has(lower)) return { ...u, skip: 'other' };
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
export function moneyPrefix(t: string, s: number): number {
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
