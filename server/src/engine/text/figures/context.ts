/**
 * The words around a number (all look-behinds and look-aheads bounded by a small constant): the
 * word before and after it, sentence starts, and qualifier phrases (`more than`, `as many as`).
 */
import { isSuperscriptDigit } from '../superscript';
import { isAlnumCh, isLetterCh, isSpaceCh } from './chars';
import { QUALIFIERS, QUALIFIERS_2, QUALIFIERS_3 } from './vocabulary';

export interface WordInfo {
  word: string;
  start: number;
  end: number;
  /** '.' or ':' when the word is followed by that punctuation before the gap. */
  punct: string;
  /** Whether whitespace separates the word from the position asked about. */
  spaced: boolean;
}

/** The word before `pos`, across at most 3 spaces and one '.' or ':'. */
export function prevWord(t: string, pos: number): WordInfo | null {
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
export function nextWord(t: string, pos: number, allowDots = false): WordInfo | null {
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

export function isPossessive(w: string): boolean {
  return /['’]s$/.test(w) || /s['’]$/.test(w);
}

export function atSentenceStart(t: string, wordStart: number): boolean {
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
export function onlySpaceBefore(t: string, pos: number, masked: Uint8Array): boolean {
  for (let k = pos - 1; k >= 0; k--) {
    if (!isSpaceCh(t[k]) && t[k] !== '>' && !masked[k]) return false;
    if (pos - k > 300) return false;
  }
  return true;
}

/** Whether only blanks, list bullets or quote marks stand between the line's start and `pos`. */
export function atLineStart(t: string, pos: number, masked: Uint8Array): boolean {
  for (let k = pos - 1; k >= 0 && pos - k <= 40; k--) {
    const c = t[k];
    if (c === '\n' || c === '\r') return true;
    if (!isSpaceCh(c) && !'*-•+>–'.includes(c) && !masked[k]) return false;
    if (k === 0) return true;
  }
  return pos === 0;
}

/** Start of a qualifier phrase ending right before `pos` (or `pos`), and the phrase. */
export function matchQualifier(t: string, pos: number): { start: number; phrase: string } {
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
