import type { BriefModel, Span } from '../model';
import type { TextEdit } from './edits';

/**
 * Deletes a paragraph or a run of paragraphs (each given as its parts) as one undoable change. A run
 * of whole paragraphs goes as one stretch (with any copied headings inside it); a paragraph split by
 * a page break loses only its own parts. The blank lines after each stretch go with it, so one blank
 * line still separates what came before from what follows.
 */
export function deleteParagraphs(model: BriefModel, paragraphs: Span[][]): TextEdit[] {
  if (paragraphs.length === 0) return [];
  const whole = paragraphs.every((p) => p.length === 1);
  const stretches: Span[] = whole ? [{ start: paragraphs[0][0].start, end: paragraphs[paragraphs.length - 1][0].end }] : paragraphs.flat();
  return stretches.sort((a, b) => a.start - b.start).map((s) => deleteLines(model, s));
}

function deleteLines(model: BriefModel, s: Span): TextEdit {
  const { lines } = model;
  const startLine = lines.lineAt(s.start);
  const endLine = lines.lineAt(s.end);
  let next = endLine + 1;
  while (next < lines.lineCount && lines.lineText(next).trim() === '') next++;
  if (next < lines.lineCount) return { span: { start: lines.starts[startLine], end: lines.starts[next] }, newText: '' };
  // Nothing follows: remove the blank lines before instead, and keep the file's last line break.
  let prev = startLine - 1;
  while (prev >= 0 && lines.lineText(prev).trim() === '') prev--;
  const from = prev >= 0 ? lines.lineEnd(prev) : 0;
  return { span: { start: from, end: lines.lineEnd(endLine) }, newText: '' };
}
