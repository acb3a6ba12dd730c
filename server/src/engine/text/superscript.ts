/**
 * The superscript digits of note markers (¹²), one test for the whole engine (the parser, the
 * markup scan and the renumbering fix all ask it).
 */

/** ¹ ² ³ (Latin-1) and ⁰ ⁴–⁹ (U+2070, U+2074–2079). */
export function isSuperscriptCode(c: number): boolean {
  return c === 0xb9 || c === 0xb2 || c === 0xb3 || c === 0x2070 || (c >= 0x2074 && c <= 0x2079);
}

/** Whether `ch` is one superscript digit (false for '' and for longer strings). */
export function isSuperscriptDigit(ch: string): boolean {
  return ch.length === 1 && isSuperscriptCode(ch.charCodeAt(0));
}
