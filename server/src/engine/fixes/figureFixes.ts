import type { BriefModel, Paragraph, Span } from '../model';
import { splitSentences } from '../text/sentences';
import { paragraphToSource } from '../text/paragraphText';
import type { Fix, FixableFinding } from './types';
import { planRenumber } from './renumber';

function paragraphAt(model: BriefModel, offset: number): Paragraph | undefined {
  return model.paragraphs.find((p) => p.parts.some((s) => offset >= s.start && offset < s.end));
}

/** Where a note marker for the figure goes: after the closing punctuation (and quote) of its sentence. */
export function sentenceEndAfter(model: BriefModel, span: Span): number {
  const p = paragraphAt(model, span.start);
  if (!p) {
    // A table cell: right after the figure.
    return span.end;
  }
  let base = 0;
  let local = -1;
  for (const part of p.parts) {
    if (span.start >= part.start && span.start < part.end) {
      local = base + (span.start - part.start);
      break;
    }
    base += part.end - part.start + 1;
  }
  const sentence = splitSentences(p.text).find((s) => local >= s.start && local < s.end);
  let end = sentence ? sentence.end : p.text.length;
  while (end > 0 && /\s/.test(p.text[end - 1])) end--;
  return paragraphToSource(p, end);
}

/** Add a note for this figure; Ignore this figure. */
export function figureFixes(model: BriefModel, f: FixableFinding): Fix[] {
  // A document-level finding (a document that cites nothing) has no one place to fix.
  if (f.data?.summary) return [];
  const fixes: Fix[] = [];
  // A table's note goes to its caption or a Source line, which the writer chooses: only Ignore.
  if (f.data?.table) return [{ title: 'Ignore this table (suppress uncited-figure on this line)', edits: [ignoreEdit(model, f.span.start)] }];
  const at = sentenceEndAfter(model, f.span);
  const plan = planRenumber(model, { at, noteText: '' });
  if (plan.edits.length) fixes.push({ title: 'Add a note for this figure', edits: plan.edits, cursor: plan.cursor, isPreferred: true });
  fixes.push({ title: 'Ignore this figure (suppress uncited-figure on this line)', edits: [ignoreEdit(model, f.span.start)] });
  return fixes;
}

/**
 * A suppression for the figure's line. Markdown: an inline comment at the end of the line, which
 * does not split the paragraph. Plain text: a `%%` line above when the line starts its block,
 * otherwise an inline `%%` comment at the end of the line.
 */
function ignoreEdit(model: BriefModel, offset: number) {
  const line = model.lines.lineAt(offset);
  const end = model.lines.lineEnd(line);
  if (model.format === 'markdown') return { span: { start: end, end }, newText: ' <!-- policy-brief-disable-line uncited-figure -->' };
  const block = model.blocks.find((b) => b.startLine <= line && b.endLine >= line);
  if (block && block.startLine === line && block.kind !== 'table') {
    const start = model.lines.starts[line];
    const eol = model.text.slice(end, end + 2).startsWith('\r\n') ? '\r\n' : '\n';
    return { span: { start, end: start }, newText: `%% policy-brief-disable-next-line uncited-figure${eol}` };
  }
  return { span: { start: end, end }, newText: ' %% policy-brief-disable-line uncited-figure' };
}
