/**
 * Spelled-out numbers (only with spelledOut: true): `five Chinese nationals`, `thousands of`,
 * `two-thirds`, `a dozen`. Skips `one` on its own, `zero`, numbers after a determiner (`the two
 * countries`), compound adjectives (`two-day`) and durations (`four days later`). Linear: a
 * rejected phrase is not parsed again from its next word (`ctx.spReach`).
 */
import type { Figure } from './types';
import { HYPHENS, isAlnumCh, isLetterCh, isUpperCh } from './chars';
import { atSentenceStart, matchQualifier, prevWord } from './context';
import type { Ctx } from './ctx';
import { DETERMINERS, DURATION_MODS, DURATION_WORDS, MONEY_WORDS, SP_FRACTIONS, SP_PLURALS, SP_SCALES, SP_UNITS } from './vocabulary';

export function findSpelled(ctx: Ctx, out: Figure[]): void {
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

/** One spelled-out figure starting at word `i` (`five`, `twenty-one thousand`, `hundreds of`, `a dozen`), or null. */
function parseSpelled(ctx: Ctx, i: number): { fig: Figure; end: number } | null {
  const t = ctx.t;
  const first = readWord(t, i)!;
  const startCap = isUpperCh(t[i]);
  if (startCap && !atSentenceStart(t, i)) return null; // Five Eyes, Group of Seven
  let cur: SpWord = first;

  if (first.w === 'a' || first.w === 'an') {
    const nx = readNext(t, first.end);
    if (!nx || !SP_SCALES.has(nx.w)) return null;
    cur = nx;
  }
  let phrase: Phrase | null;
  if (SP_PLURALS.has(cur.w)) {
    const end = pluralEnd(ctx, cur);
    phrase = end < 0 ? null : { end, value: 0, onlyOne: false };
  } else {
    phrase = cardinalPhrase(ctx, first, cur);
  }
  if (!phrase) return null;

  // Context before.
  const pw = prevWord(t, i);
  if (pw && pw.spaced && !pw.punct && DETERMINERS.has(pw.word.toLowerCase())) return null;

  const figEnd = spelledEnd(t, phrase);
  if (figEnd < 0) return null;
  const q = matchQualifier(t, i);
  const start = q.start;
  return { fig: { start, end: figEnd, kind: 'spelled', text: t.slice(start, figEnd) }, end: figEnd };
}

/** A parsed number phrase: where it ends, its value (0 for `hundreds of`), and whether it is a lone `one`. */
interface Phrase {
  end: number;
  value: number;
  onlyOne: boolean;
}

/** `dozens of`, `hundreds of thousands of`, `tens of thousands`: the end of the plural phrase starting at `cur`, or −1. */
function pluralEnd(ctx: Ctx, cur: SpWord): number {
  const t = ctx.t;
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
  if (lastEnd < 0) return -1;
  if (cur.w === 'tens' || cur.w === 'scores') {
    // "tens of thousands" needs a following plural scale
    const of = readNext(t, cur.end)!;
    const nx = readNext(t, of.end);
    if (!nx || !SP_PLURALS.has(nx.w) || nx.w === 'tens') return -1;
  }
  return lastEnd;
}

/** A cardinal: units and tens, hyphen compounds (`twenty-five`, `two-thirds`), scales and `and` (`two hundred and five`). */
function cardinalPhrase(ctx: Ctx, first: SpWord, cur: SpWord): Phrase | null {
  const t = ctx.t;
  let end = first.end;
  let value = 0;
  let hasScale = false;
  let words = 0;
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
  const onlyOne = value === 1 && !hasScale;
  if (value === 0 && !hasScale) return null; // zero
  return { end, value, onlyOne };
}

/**
 * Where the figure ends after its phrase (`per cent`, `percent`, a currency, `in four`), or −1
 * when what follows says it is not one: a duration (`four days later`), `another`, `other`, a lone `one`.
 */
function spelledEnd(t: string, phrase: Phrase): number {
  const { end, value } = phrase;
  let onlyOne = phrase.onlyOne;
  let figEnd = end;
  const nx = readNext(t, end);
  if (nx) {
    if (DURATION_WORDS.has(nx.w)) return -1;
    if (DURATION_MODS.has(nx.w)) {
      const nx2 = readNext(t, nx.end);
      if (nx2 && DURATION_WORDS.has(nx2.w)) return -1;
    }
    if (nx.w === 'another' || nx.w === 'other' || nx.w === 'of' && onlyOne) return -1;
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
  if (onlyOne) return -1;
  return figEnd;
}
