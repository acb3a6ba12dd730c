/**
 * classify(): whether one number is a figure. The order of the steps matters (the first that
 * decides wins): identifier lists, attached and left context (classifySteps.ts), labels,
 * qualifiers, units (units.ts), chains or single numbers, then word ranges (`6,000 to 6,500`,
 * `between 10 and 20`), which classify the second number with the same function.
 */
import type { FigureKind } from './types';
import { isDigitAt, isUpperCh } from './chars';
import {
  attachedSkip,
  chainKind,
  gapIsListConnector,
  leftWordSkip,
  ratioDenominatorEnd,
  singleNumberSkip,
} from './classifySteps';
import { isPossessive, matchQualifier, nextWord, prevWord, type WordInfo } from './context';
import { identSkip, skip, type Classified, type Ctx } from './ctx';
import { isPlainInt, parseChain, yearLike, type Chain } from './numbers';
import { moneyPrefix, readUnits, type Units } from './units';
import { COUNT_FOLLOWERS, COUNTING_BEFORE, CURRENCY_SYMBOLS, MONTH_ABBREV, MONTHS, IDENT_KEYWORDS, isPluralNoun, MEASURE_ABBREVIATIONS, NOT_A_MODIFIER, QUANTITY_BEFORE, STRONG_QUALIFIERS, UNIT_SUFFIX } from './vocabulary';

/** `inRange`: classifying the second number of a range/list (no range building); `listDepth` bounds list look-ahead. */
export interface ClassifyOptions {
  inRange?: boolean;
  listDepth?: number;
}

/** Whether the number (chain) `ch` is a figure, and its span and kind; or why not, and where scanning resumes. */
export function classify(ctx: Ctx, ch: Chain, opts: ClassifyOptions = {}): Classified {
  const t = ctx.t;
  const s = ch.start;
  const first = ch.parts[0];
  const inRange = !!opts.inRange;

  const mp = moneyPrefix(t, s);
  const money = mp >= 0;
  const figStart = money ? mp : s;

  // Identifier continuation: "resolutions 1526 (2004) and 2253 (2015)", "pp. 4, 6 and 9".
  if (!inRange && ctx.identEnd >= 0 && gapIsListConnector(t, ctx.identEnd, s)) {
    ctx.identEnd = ch.end;
    return skip(ch.end, 'ident');
  }
  const attached = money ? null : attachedSkip(ctx, ch, inRange);
  if (attached) return attached;

  // Left word context.
  const pw = prevWord(t, figStart);
  const left = leftWordSkip(ctx, ch, pw, money, inRange);
  if (left) return left;

  // Labels: "Freedom 0:", "Step 1:"
  if (!money && t[ch.end] === ':' && !isDigitAt(t, ch.end + 1) && pw && pw.spaced && !pw.punct && isUpperCh(pw.word[0]) && !isPossessive(pw.word)) {
    return identSkip(ctx, inRange, ch.end);
  }

  // Qualifier.
  const q = matchQualifier(t, figStart);
  const yearStrong = STRONG_QUALIFIERS.has(q.phrase);
  if (q.phrase && !money) {
    // "lines about 67–83", "page approximately 12"
    const qw = prevWord(t, q.start);
    if (qw && qw.spaced && !qw.punct && IDENT_KEYWORDS.has(qw.word.toLowerCase())) return identSkip(ctx, inRange, ch.end, true);
  }

  // Right context.
  const last = ch.parts[ch.parts.length - 1];
  const units = readUnits(ctx, ch.end, ch.parts.length === 1 ? first : last);
  if (units.skip && !money) {
    if (units.skip === 'ident') return identSkip(ctx, inRange, ch.end);
    return skip(ch.end, units.skip);
  }

  // Rankings: "the top 10 countries" (but "the top 1%" is a share).
  if (pw && pw.spaced && !pw.punct && /^(?:top|bottom)$/i.test(pw.word) && !units.percent && !money) return skip(ch.end, 'other');

  let kind: FigureKind;
  let end = units.end;

  // Chains: ranges, dates, times, ratios, versions.
  if (ch.parts.length > 1) {
    const k = chainKind(ch, units, yearStrong);
    if (typeof k !== 'string') return k;
    kind = k;
  } else {
    const single = singleNumberSkip(ctx, ch, pw, units, money, yearStrong);
    if (single) return single;
    kind = 'count';
    // "1 in 4", "1 out of 4"
    if (isPlainInt(first) && !units.percent && !money && units.scale === 1) {
      const den = ratioDenominatorEnd(ctx, first, units.end);
      if (den >= 0) {
        kind = 'ratio';
        end = den;
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

  // A bare decimal with no unit (`2.0`, `12.5`, `2019.4`) is a version or a section number unless a
  // word of quantity leads to it ("a rate of 7.8", "rose to 4.5", "averaged 2.3").
  if (kind === 'decimal' && units.scale === 1 && !units.plus && !q.phrase && ch.parts.length === 1 && !(pw && pw.spaced && !pw.punct && QUANTITY_BEFORE.has(pw.word.toLowerCase()))) {
    return identSkip(ctx, inRange, ch.end);
  }

  let start = q.start < figStart ? q.start : figStart;

  // Word ranges: "6,000 to 6,500", "between 10 and 20", "10% to 20%", "$3 to $5 million".
  const listDepth = opts.listDepth ?? 0;
  if ((!inRange || listDepth < 3) && ch.parts.length === 1 && kind !== 'ratio') {
    const between = q.phrase === '' && prevWord(t, figStart)?.word.toLowerCase() === 'between';
    const r = tryWordRange(ctx, end, listDepth, inRange, rangeFirst(first.value, units, money, between));
    if (r === 'skip-all') return skip(ch.end, 'list');
    if (r) {
      end = r.end;
      kind = 'range';
      if (between) start = prevWord(t, figStart)!.start;
    }
  }

  // A plain count must count something: "40 people", "3 ministries", "killed 5", "600 more".
  // A bare number with nothing counted ("the size is 4", "returns 0", "Debian 10") is a value.
  if (kind === 'count' && !q.phrase && !isMoney && !units.percent && units.scale === 1 && !units.plus && ch.parts.length === 1 && isPlainInt(first) && !first.hasComma && !countsSomething(ctx, end, pw)) {
    return skip(ch.end, 'other');
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

/**
 * Whether a plain count counts something: a plural noun follows (after at most two other words:
 * "20 new packages", "4 high-severity CVEs"), or "more"/"others"/"of"/"in <year>", or the verb
 * before it counts ("killed 5", "rose from 980").
 */
function countsSomething(ctx: Ctx, end: number, pw: WordInfo | null): boolean {
  const t = ctx.t;
  if (pw && pw.spaced && !pw.punct && COUNTING_BEFORE.has(pw.word.toLowerCase())) return true;
  let k = end;
  for (let i = 0; i < 3; i++) {
    const w = nextWord(t, k);
    if (!w || !w.spaced) return false;
    const lower = w.word.toLowerCase();
    if (i === 0 && (COUNT_FOLLOWERS.has(lower) || (lower === 'in' && inTime(t, w.end)))) return true;
    if (isPluralNoun(w.word) || UNIT_SUFFIX.has(lower) || MEASURE_ABBREVIATIONS.has(lower)) return true;
    // Only words describing the noun may stand between: stop at a verb, article or preposition.
    if (NOT_A_MODIFIER.has(lower)) return false;
    k = w.end;
  }
  return false;
}

/** Whether a year or a month follows `pos` ("300 in 2025", "300 in Jan."): a count in a time series. */
function inTime(t: string, pos: number): boolean {
  if (/^\s+(?:1[89]|20)\d\d\b/.test(t.slice(pos, pos + 6))) return true;
  const w = nextWord(t, pos);
  return w !== null && (MONTHS.has(w.word) || MONTH_ABBREV.has(w.word));
}

/** What tryWordRange needs to know of the first number. */
interface RangeFirst {
  value: number;
  percent: boolean;
  money: boolean;
  moneyPrefix: boolean;
  scale: number;
  between: boolean;
  firstHasUnit: boolean;
}

function rangeFirst(value: number, units: Units, money: boolean, between: boolean): RangeFirst {
  const isMoney = money || units.money;
  return {
    value,
    percent: units.percent,
    money: isMoney,
    moneyPrefix: money,
    scale: units.scale,
    between,
    firstHasUnit: units.percent || isMoney || units.scale > 1,
  };
}

/**
 * A second number after the first one's end (`to`, `and`, `or`, a dash, a comma): the end of the
 * range when it is one (compatible units, increasing); 'skip-all' when the first number heads a
 * list of durations, dates or times (`6 or 12 months`); null otherwise. `listOnly`: only that test.
 */
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
