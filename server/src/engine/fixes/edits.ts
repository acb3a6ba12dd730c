import type { Span } from '../model';

/** A replacement of `span` (offsets into the original text) by `newText`. */
export interface TextEdit {
  span: Span;
  newText: string;
}

/** Applies non-overlapping edits (any order) to a text. Throws on overlap: a fix must never guess. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    if (e.span.start < pos) throw new Error(`overlapping edits at ${e.span.start}`);
    out += text.slice(pos, e.span.start) + e.newText;
    pos = e.span.end;
  }
  return out + text.slice(pos);
}

/** Where `offset` of the original text lands after the edits. */
export function mapOffset(offset: number, edits: TextEdit[]): number {
  let delta = 0;
  for (const e of edits) {
    if (e.span.end <= offset) delta += e.newText.length - (e.span.end - e.span.start);
  }
  return offset + delta;
}

const SUPERSCRIPTS = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

export function toSuperscript(n: number): string {
  return String(n)
    .split('')
    .map((d) => SUPERSCRIPTS[Number(d)])
    .join('');
}
