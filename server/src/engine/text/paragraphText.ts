import type { Span } from './span';

/**
 * What these functions need of a paragraph (model.ts's Paragraph has it): the source spans of its
 * parts, whose texts joined with one space are the paragraph's text.
 */
export interface ParagraphParts {
  readonly parts: readonly Span[];
}

/** Maps an offset in a logical paragraph's text (parts joined by one space) to the source. */
export function paragraphToSource(p: ParagraphParts, offset: number): number {
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
export function paragraphSpanToSource(p: ParagraphParts, span: Span): Span {
  return { start: paragraphToSource(p, span.start), end: paragraphToSource(p, span.end) };
}
