import type { Paragraph, Span } from '../model';

/** Maps an offset in a logical paragraph's text (parts joined by one space) to the source. */
export function paragraphToSource(p: Paragraph, offset: number): number {
  let base = 0;
  for (const part of p.parts) {
    const len = part.end - part.start;
    if (offset <= base + len) return part.start + Math.max(0, offset - base);
    base += len + 1;
  }
  const last = p.parts[p.parts.length - 1];
  return last.end;
}

/** A span of a paragraph's text as a source span (it may cover an interruption when it crosses parts). */
export function paragraphSpanToSource(p: Paragraph, span: Span): Span {
  return { start: paragraphToSource(p, span.start), end: paragraphToSource(p, span.end) };
}
