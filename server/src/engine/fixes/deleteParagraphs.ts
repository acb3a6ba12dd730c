import type { BriefModel, Span } from '../model';
import type { TextEdit } from './edits';

/**
 * Deletes a paragraph or a run of paragraphs (each given as its parts) as one undoable change. A run
 * of whole paragraphs goes as one stretch (with any copied headings inside it); a paragraph split by
 * a page break loses only its own parts. The blank lines after each stretch go with it, so one blank
 * line still separates what came before from what follows.
 */
export function deleteParagraphs(model: BriefModel, paragraphs: Span[][], originalText?: string): TextEdit[] {
  if (paragraphs.length === 0) return [];
  const parts = paragraphs.flat().sort((a, b) => a.start - b.start);
  // Blocks standing between the copies go too only when they were copied as well (a heading that
  // also stands among the originals); anything unique between them stays.
  const between = model.blocks.filter(
    (b) => b.span.start > parts[0].start && b.span.end < parts[parts.length - 1].end && !parts.some((p) => b.span.start >= p.start && b.span.end <= p.end),
  );
  const copied = (b: (typeof between)[number]) =>
    (b.kind === 'heading' || b.kind === 'paragraph') && originalText !== undefined && originalText.includes(model.text.slice(b.span.start, b.span.end).trim());
  const spans = [...parts, ...between.filter(copied).map((b) => b.span)].sort((a, b) => a.start - b.start);
  const kept = between.filter((b) => !copied(b));
  // Merge neighbours that nothing kept separates, then delete each stretch with its blank lines.
  const stretches: Span[] = [];
  for (const s of spans) {
    const last = stretches[stretches.length - 1];
    if (last && !kept.some((b) => b.span.start >= last.end && b.span.end <= s.start)) last.end = Math.max(last.end, s.end);
    else stretches.push({ ...s });
  }
  return stretches.map((s) => deleteLines(model, s));
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
