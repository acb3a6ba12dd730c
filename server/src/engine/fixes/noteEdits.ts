import type { BriefModel, Marker, Note } from '../model';
import { family, ibidRest, resolveIbids } from '../notes';
import { parseBrief } from '../parse';
import { applyEdits, toSuperscript, type TextEdit } from './edits';

export interface NoteEditPlan {
  edits: TextEdit[];
  /** Offset in the new text where the cursor should go. */
  cursor?: number;
}

/**
 * Adds an empty note for a marker that has none, next to the notes of its family in numeric order
 * (or in a new notes section at the end), and returns where the cursor goes.
 */
export function addMissingNote(model: BriefModel, marker: Marker): NoteEditPlan {
  const text = model.text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const fam = family(marker.key);
  const siblings = model.notes.filter((n) => family(n.key) === fam).sort((a, b) => a.span.start - b.span.start);
  const head = (sibling: Note | undefined) => {
    if (marker.style === 'footnote') return `[^${marker.label}]: `;
    if (!sibling) return marker.style === 'bracket' ? `[${marker.label}] ` : `- ${toSuperscript(Number(marker.label))} `;
    const prefix = text.slice(sibling.span.start, sibling.labelSpan.start);
    const label = text.slice(sibling.labelSpan.start, sibling.labelSpan.end);
    const n = Number(marker.label);
    const newLabel = /^\[\d+\]$/.test(label) ? `[${n}]` : /^\d+[.)]$/.test(label) ? `${n}${label.slice(-1)}` : toSuperscript(n);
    return `${prefix}${newLabel} `;
  };
  if (siblings.length === 0) {
    const trailing = /\s*$/.exec(text)![0].length;
    const end = text.length - trailing;
    const heading = marker.style === 'footnote' ? '' : model.format === 'markdown' ? `## Notes${eol}${eol}` : `Notes${eol}${eol}`;
    const insertText = `${eol}${eol}${heading}${head(undefined)}`;
    return { edits: [{ span: { start: end, end: text.length }, newText: insertText + eol }], cursor: end + insertText.length };
  }
  const n = marker.number ?? Infinity;
  // After the last sibling whose number is smaller (or, for labels, after the last sibling).
  let after: Note | undefined;
  for (const s of siblings) if (s.number === undefined || s.number < n) after = s;
  const sep = entrySeparator(model, siblings);
  if (after) {
    const entry = head(after);
    const insertText = `${sep}${entry}`;
    return { edits: [{ span: { start: after.span.end, end: after.span.end }, newText: insertText + stubText(model, entry) }], cursor: after.span.end + insertText.length };
  }
  const first = siblings[0];
  const entry = head(first);
  return { edits: [{ span: { start: first.span.start, end: first.span.start }, newText: entry + stubText(model, entry) + sep }], cursor: first.span.start + entry.length };
}

/**
 * What separates note entries: the blank space between the first two, or for a single entry what
 * keeps a new one apart from it: one line break for list items and footnote definitions, a blank
 * line for Markdown entries that are paragraphs (`[1] …`, `¹ …`), which one line break would join.
 */
export function entrySeparator(model: BriefModel, notes: Note[]): string {
  const text = model.text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const sorted = [...notes].sort((a, b) => a.span.start - b.span.start);
  if (sorted.length > 1) {
    const between = text.slice(sorted[0].span.end, sorted[1].span.start);
    if (/^\s+$/.test(between)) return between;
  }
  const first = sorted[0];
  if (model.format === 'markdown' && first && first.style !== 'footnote' && !/^\s*(?:[-*+]|\d{1,9}[.)])\s/.test(text.slice(first.span.start, first.labelSpan.end + 1))) return eol + eol;
  return eol;
}

/**
 * Text for a new, empty entry. An empty Markdown ordered-list item (`2. `) cannot interrupt a
 * paragraph and would be read as part of the entry before it, so it gets a placeholder.
 */
export function stubText(model: BriefModel, head: string): string {
  return model.format === 'markdown' && /^\s*\d{1,9}[.)]\s*$/.test(head) ? 'Source to be added.' : '';
}

/**
 * Deletes a note entry with its own line break. When blank lines stood on both sides of it, one of
 * them goes too, so the notes keep their spacing and what follows keeps its blank line.
 */
export function removeNote(model: BriefModel, note: Note): NoteEditPlan {
  const plan = removeEntry(model, note);
  plan.edits.push(...keepIbidSources(model, plan.edits));
  return plan;
}

/**
 * After edits that remove notes, every Ibid. must still stand for the source it stood for: where it
 * would now resolve to another one, its "Ibid." is written out as that source in full.
 */
export function keepIbidSources(model: BriefModel, edits: TextEdit[]): TextEdit[] {
  const before = resolveIbids(model);
  if (before.size === 0) return [];
  const after = parseBrief(applyEdits(model.text, edits), model.format);
  const afterRes = resolveIbids(after);
  const out: TextEdit[] = [];
  for (const [ibid, res] of before) {
    if (!res.source || edits.some((e) => e.span.start <= ibid.span.start && e.span.end >= ibid.span.end)) continue;
    const same = after.notes.find((n) => n.key === ibid.key && n.text === ibid.text);
    const now = same ? afterRes.get(same) : undefined;
    if (now?.source && now.source.text === res.source.text) continue;
    const rest = ibidRest(ibid);
    out.push({ span: { start: ibid.textStart, end: ibid.span.end }, newText: `${res.source.text.replace(/\s+$/, '')}${rest ? `, ${rest}` : ''}` });
  }
  return out;
}

function removeEntry(model: BriefModel, note: Note): NoteEditPlan {
  const text = model.text;
  let start = note.span.start;
  const lineStart = Math.max(text.lastIndexOf('\n', start - 1), text.lastIndexOf('\r', start - 1)) + 1;
  if (/^[ \t]*$/.test(text.slice(lineStart, start))) start = lineStart;
  let end = note.span.end;
  const eolAfter = /^[ \t]*(\r\n|\n|\r)/.exec(text.slice(end));
  if (!eolAfter) {
    // The last line of the document: take the line break before it instead.
    const before = /(\r\n|\n|\r)$/.exec(text.slice(0, start));
    if (before) start -= before[0].length;
    return { edits: [{ span: { start, end: text.length }, newText: '' }] };
  }
  end += eolAfter[0].length;
  const blankBefore = /(\r\n|\n|\r)[ \t]*(\r\n|\n|\r)$/.test(text.slice(0, start)) || start === 0;
  const blankAfter = /^[ \t]*(\r\n|\n|\r)/.exec(text.slice(end));
  if (blankBefore && blankAfter) end += blankAfter[0].length;
  return { edits: [{ span: { start, end }, newText: '' }] };
}
