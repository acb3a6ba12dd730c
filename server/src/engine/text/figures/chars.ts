/** Character tests of the figure scanner (ASCII fast paths first, Unicode classes only beyond Latin-1). */

export function isDigitAt(t: string, i: number): boolean {
  const c = t.charCodeAt(i);
  return c >= 48 && c <= 57;
}
export function isLetterCh(ch: string | undefined): boolean {
  if (!ch) return false;
  const c = ch.charCodeAt(0);
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true;
  if (c < 0xc0) return false;
  return /\p{L}/u.test(ch);
}
export function isAlnumCh(ch: string | undefined): boolean {
  if (!ch) return false;
  const c = ch.charCodeAt(0);
  return (c >= 48 && c <= 57) || isLetterCh(ch);
}
export function isUpperCh(ch: string | undefined): boolean {
  if (!ch) return false;
  const c = ch.charCodeAt(0);
  if (c >= 65 && c <= 90) return true;
  if (c < 0xc0) return false;
  return /\p{Lu}/u.test(ch);
}
export function isSpaceCh(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\u00a0' || ch === '\u202f' || ch === '\u2009' || ch === '\t' || ch === '\n' || ch === '\r';
}
export const HYPHENS = new Set(['-', '‐', '‑', '‒', '–', '−']);
export const CHAIN_SEPS = new Set(['-', '‐', '‑', '‒', '–', '−', '/', ':', '.']);
export const THIN_SPACES = new Set(['\u00a0', '\u202f', '\u2009']);
