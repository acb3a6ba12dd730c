import type { BriefModel } from '../model';
import { collapse, endsSentence, endsWithDanglingWord, matchNoteEntry, matchSuppression, ModelBuilder, NOTES_HEADING, segmentMatcher, segmentText, skipBlanks, type SegmentPart } from './common';
import { isSuperscriptDigit } from '../text/superscript';

const MAX_HEADING_WORDS = 16;

/** Where the reader stands with notes: outside them, under a Notes heading, or in a block of notes with no heading. */
type NotesState = 'none' | 'heading' | 'implicit';

/** A notes entry that can open a block of notes with no heading: `[1] …`, `^[1] …`, `¹ …` at the margin (not `1. …`, a list). */
const IMPLICIT_ENTRY = /^(?:\^?\[\d{1,4}\]|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,4})[ \t]+\S/;
const MAX_HEADING_CHARS = 160;

/**
 * A bare line that reads as a heading: short, starts with a capital or digit, does not end like a
 * sentence or mid-sentence, and carries no note marker.
 */
export function isBareHeading(line: string): boolean {
  const t = line.trim();
  if (t.length === 0 || t.length > MAX_HEADING_CHARS) return false;
  if (!/^[\p{Lu}\d"“‘'(]/u.test(t)) return false;
  if (/[.,;]$/.test(t)) return false;
  if (/^[-*•+]\s/.test(t)) return false;
  if (endsWithDanglingWord(t)) return false;
  const words = t.split(/\s+/).length;
  if (words > MAX_HEADING_WORDS) return false;
  if (t.endsWith('?') && words > 12) return false;
  for (const ch of t) if (isSuperscriptDigit(ch)) return false;
  if (/\[\^[^\]]+\]|\[\d+\]/.test(t)) return false;
  return true;
}

/** Characters code uses and prose seldom does. */
const CODE_CHARS = /[{}[\]<>=;$|\\/_~#@*`]/g;

/**
 * An indented block that reads as code, a listing or a field dump rather than prose: every line
 * indented by three or more, and either few ordinary words or many code characters. (Indented
 * prose — a block quote, an RFC's body — is made of words and ends sentences.)
 */
export function looksLikeCode(lines: readonly string[]): boolean {
  if (lines.length === 0 || !lines.every((l) => /^(?: {3,}|\t)/.test(l) || l.trim() === '')) return false;
  const text = lines.join('\n');
  const nonSpace = text.replace(/\s+/g, '').length;
  if (nonSpace === 0) return false;
  const symbols = (text.match(CODE_CHARS) ?? []).length;
  const tokens = text.split(/\s+/).filter(Boolean);
  const words = tokens.filter((w) => /^[("“']?[A-Za-z][a-z]+[,.;:)"”'?!]*$/.test(w)).length;
  return symbols / nonSpace > 0.06 || words / tokens.length < 0.5;
}

/** Cells of a row aligned with spaces or pipes: split at `|`, tabs and runs of two or more spaces. */
function alignedCells(row: string): { start: number; end: number }[] {
  const cells: { start: number; end: number }[] = [];
  const re = /[^|\t ]+(?: [^|\t ]+)*/g;
  for (let m = re.exec(row); m; m = re.exec(row)) cells.push({ start: m.index, end: m.index + m[0].length });
  return cells;
}

/** A rule drawn under a header or above a total (`-----+------`, `=====`). */
function isRuleLine(line: string): boolean {
  return /^[\s\-=+|_*.]*$/.test(line) && /[-=_]{3}/.test(line);
}

/**
 * A table aligned with spaces or pipes, as PDF and e-text exports lay them out: three or more
 * lines, each a rule or two or more short cells, with figures in most of them.
 */
function isAlignedTable(rows: readonly string[]): boolean {
  if (rows.length < 3) return false;
  let withDigits = 0;
  let content = 0;
  for (const r of rows) {
    if (isRuleLine(r)) continue;
    content++;
    const cells = alignedCells(r.trim());
    if (cells.length < 2 && !/\|/.test(r)) return false;
    for (const c of cells) if (r.trim().slice(c.start, c.end).split(' ').length > 6) return false;
    if (/\d/.test(r)) withDigits++;
  }
  return content >= 2 && withDigits * 2 >= content;
}

/**
 * A page's running header or footer left in a plain-text export: a page number (`[Page 25]`,
 * `Page 3 of 40`), a form feed, or a short line standing alone in three parts spread over the
 * width (`RFC 3467     Role of the Domain Name System     February 2003`).
 */
export function isPageFurniture(line: string, alone: boolean): boolean {
  if (/\f/.test(line) || /\[Page \d{1,4}\]\s*$|\bPage \d{1,4}(?: of \d{1,4})?\s*$/.test(line)) return true;
  // A running header stands on its own between blank lines (a table's rows do not).
  if (!alone) return false;
  const parts = line.trim().split(/\s{3,}/);
  return parts.length >= 3 && line.trim().split(/\s+/).length <= 14;
}

function isTableLine(line: string): boolean {
  return line.includes('\t') && line.trim().length > 0;
}

/**
 * Plain-text briefs as exported from PDFs and word processors: one paragraph per line or
 * blank-line-separated blocks, bare-line headings, a Notes section whose entries start with a marker,
 * tab-separated tables.
 */
function parseSegment(text: string, b: ModelBuilder, notesIn: NotesState): NotesState {
  const { lines } = b;
  const n = lines.lineCount;
  let notes: NotesState = notesIn;
  let inNotes = notes !== 'none';
  let currentNote = -1; // index in b.notes of the entry being extended

  const closeNotes = () => {
    notes = 'none';
    inNotes = false;
    currentNote = -1;
  };

  let l = 0;
  while (l < n) {
    const line = lines.lineText(l);
    if (line.trim().length === 0) {
      l++;
      continue;
    }
    const lineStart = lines.starts[l];
    const alone = (l === 0 || lines.lineText(l - 1).trim() === '') && (l + 1 >= n || lines.lineText(l + 1).trim() === '');
    if (isPageFurniture(line, alone) && !isTableLine(line)) {
      // Neither a heading nor text: a notes list or a paragraph goes on across it.
      b.addBlock({ kind: 'furniture', span: b.lineSpan(l, l), startLine: l, endLine: l, inNotes });
      l++;
      continue;
    }
    const sup = matchSuppression(line, l, lineStart);
    if (sup && /^\s*(?:%%|<!--)/.test(line)) {
      b.suppressions.push(sup);
      b.addBlock({ kind: 'suppression', span: b.lineSpan(l, l), startLine: l, endLine: l, inNotes });
      l++;
      continue;
    }
    if (isTableLine(line)) {
      let e = l;
      while (e + 1 < n && isTableLine(lines.lineText(e + 1))) e++;
      const rows = [];
      for (let r = l; r <= e; r++) {
        const rs = lines.starts[r];
        const rowText = lines.lineText(r);
        const cells = [];
        let cs = 0;
        for (let k = 0; k <= rowText.length; k++) {
          if (k === rowText.length || rowText[k] === '\t') {
            let s = cs;
            let en = k;
            while (s < en && rowText[s] === ' ') s++;
            while (en > s && rowText[en - 1] === ' ') en--;
            if (en > s) cells.push({ start: rs + s, end: rs + en });
            cs = k + 1;
          }
        }
        rows.push({ span: b.lineSpan(r, r), cells });
      }
      closeNotes();
      b.addBlock({ kind: 'table', span: b.lineSpan(l, e), startLine: l, endLine: e, inNotes: false, rows });
      l = e + 1;
      continue;
    }
    if (!inNotes && /^(?: {2,}|\t)/.test(line)) {
      // An aligned table: the lines up to the next blank line.
      let e = l;
      while (e + 1 < n && lines.lineText(e + 1).trim().length > 0) e++;
      const rowsText: string[] = [];
      for (let r = l; r <= e; r++) rowsText.push(lines.lineText(r));
      if (isAlignedTable(rowsText)) {
        const rows = [];
        for (let r = l; r <= e; r++) {
          const rs = lines.starts[r];
          rows.push({ span: b.lineSpan(r, r), cells: isRuleLine(rowsText[r - l]) ? [] : alignedCells(rowsText[r - l]).map((c) => ({ start: rs + c.start, end: rs + c.end })) });
        }
        b.addBlock({ kind: 'table', span: b.lineSpan(l, e), startLine: l, endLine: e, inNotes: false, rows: rows.filter((r) => r.cells.length > 0) });
        l = e + 1;
        continue;
      }
    }
    // (Suppression comments in between do not count: a segment is read the same either way.)
    let before = l - 1;
    while (before >= 0 && /^\s*(?:%%|<!--)/.test(lines.lineText(before)) && matchSuppression(lines.lineText(before), 0, 0)) before--;
    const afterBlank = before < 0 || lines.lineText(before).trim().length === 0;
    // Notes printed at the end of a section or page with no Notes heading (a PDF or HTML export's
    // footnotes): a block that starts with `[1] …`, `^[1] …` or `¹ …` at the margin.
    if (!inNotes && afterBlank && IMPLICIT_ENTRY.test(line) && matchNoteEntry(line)) {
      notes = 'implicit';
      inNotes = true;
    }
    if (inNotes) {
      // In a block of notes with no heading, only entries of its own form (`[n]`, `¹`) start a
      // note: `8. …` there is a list inside a note.
      const entry = notes === 'implicit' && !IMPLICIT_ENTRY.test(line) ? undefined : matchNoteEntry(line);
      if (entry) {
        const span = b.lineSpan(l, l);
        b.addNumberedNote(entry, lineStart, span);
        currentNote = b.notes.length - 1;
        b.addBlock({ kind: 'note', span, startLine: l, endLine: l, inNotes: true });
        l++;
        continue;
      }
      // A heading closes the notes only after a blank line: a wrapped line of a note that happens
      // to read like a heading ("Associated Power furnish such information as may be required")
      // continues it. Notes with no heading of their own end at prose back at the margin.
      if (afterBlank && ((isBareHeading(line) && !/^\s/.test(line)) || (notes === 'implicit' && !/^\s/.test(line)))) {
        closeNotes();
      } else {
        // A line that is neither an entry nor a heading continues the previous note.
        const span = b.lineSpan(l, l);
        if (currentNote >= 0) {
          const note = b.notes[currentNote];
          note.span = { start: note.span.start, end: span.end };
          note.text = collapse(text.slice(note.textStart, span.end));
        }
        b.addBlock({ kind: 'note', span, startLine: l, endLine: l, inNotes: true });
        l++;
        continue;
      }
    }
    // One block: this line, plus following lines that continue a hard-wrapped paragraph.
    let e = l;
    const heading = isBareHeading(line) && (l + 1 >= n || lines.lineText(l + 1).trim().length === 0 || !/^[a-z]/.test(lines.lineText(l + 1).trim()));
    if (!heading) {
      while (e + 1 < n) {
        const next = lines.lineText(e + 1);
        if (next.trim().length === 0 || isTableLine(next) || matchSuppression(next, e + 1, 0)) break;
        if (endsSentence(lines.lineText(e))) break;
        if (matchNoteEntry(next) || /^\s*[-*•+]\s/.test(next)) break;
        if (isBareHeading(next) && !endsWithDanglingWord(lines.lineText(e)) && lines.lineText(e).length > 100) break;
        e++;
      }
    }
    const span = b.lineSpan(l, e);
    const trimmed = { start: span.start + (/^\s*/.exec(line)?.[0].length ?? 0), end: span.end };
    while (trimmed.end > trimmed.start && /\s/.test(text[trimmed.end - 1])) trimmed.end--;
    if (heading) {
      closeNotes();
      b.addBlock({ kind: 'heading', span: trimmed, startLine: l, endLine: l, level: 1, inNotes: false });
      if (NOTES_HEADING.test(collapse(line))) {
        notes = 'heading';
        inNotes = true;
      }
    } else {
      const isList = /^\s*(?:[-*•+]|\d{1,3}[.)])\s/.test(line);
      const blockLines: string[] = [];
      for (let k = l; k <= e; k++) blockLines.push(lines.lineText(k));
      const kind = !isList && looksLikeCode(blockLines) ? 'code' : isList ? 'list-item' : 'paragraph';
      b.addBlock({ kind, span: trimmed, startLine: l, endLine: e, inNotes: false });
    }
    l = e + 1;
  }
  return notes;
}

interface Segment {
  start: number;
  end: number;
  inNotesIn: NotesState;
  inNotesOut: NotesState;
  part: SegmentPart;
}

/** What the next version of a document can reuse: the previous text and its segments. */
export interface PlainCache {
  text: string;
  segments: Segment[];
}

/** Segments start at the first line after a blank line. */
function plainSegmentStarts(text: string): number[] {
  const starts = [0];
  let prevBlank = false;
  let pos = 0;
  while (pos < text.length) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = text.length;
    const blank = skipBlanks(text, pos, eol) === eol;
    if (prevBlank && !blank && pos > 0) starts.push(pos);
    prevBlank = blank;
    pos = eol + 1;
  }
  return starts;
}

/**
 * The segment's first line (after any suppression comments) continues a note of the segment before
 * it, so the two must be read together.
 */
function continuesNote(text: string, start: number, end: number, notes: NotesState): boolean {
  let pos = start;
  while (pos < end) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0 || eol > end) eol = end;
    const line = text.slice(pos, eol).replace(/\r$/, '');
    pos = eol + 1;
    if (/^\s*(?:%%|<!--)/.test(line) && matchSuppression(line, 0, 0)) continue;
    if (line.trim().length === 0) continue;
    if (matchNoteEntry(line) || isTableLine(line)) return false;
    if (notes === 'implicit' && !/^\s/.test(line)) return false;
    return !(isBareHeading(line) && !/^\s/.test(line));
  }
  return false;
}


/**
 * Plain-text briefs as exported from PDFs and word processors: one paragraph per line or
 * blank-line-separated blocks, bare-line headings, a Notes section whose entries start with a marker,
 * tab-separated tables. Read in segments (at blank lines) as Markdown is; a segment that continues
 * a note of the one before is read together with it, so the result equals one pass.
 */
export function parsePlainText(text: string, cache?: PlainCache): BriefModel {
  const starts = plainSegmentStarts(text);
  const parts: SegmentPart[] = [];
  const segments: Segment[] = [];
  const match = segmentMatcher(cache, text);
  const reuse = (s: number, e: number, inNotes: NotesState) => {
    const old = match(s, e);
    return old && old.inNotesIn === inNotes ? old : undefined;
  };
  let inNotes: NotesState = 'none';
  for (let i = 0; i < starts.length; ) {
    const s = starts[i];
    let j = i + 1;
    let e = j < starts.length ? starts[j] : text.length;
    let seg: Segment | undefined = reuse(s, e, inNotes);
    let out: NotesState | undefined = seg?.inNotesOut;
    if (!seg) {
      for (;;) {
        const segText = segmentText(text, s, e, cache !== undefined);
        const b = new ModelBuilder(segText, 'plaintext');
        out = parseSegment(segText, b, inNotes);
        seg = { start: s, end: e, inNotesIn: inNotes, inNotesOut: out, part: b.toPart() };
        if (out === 'none' || j >= starts.length || !continuesNote(text, e, j + 1 < starts.length ? starts[j + 1] : text.length, out)) break;
        j++;
        e = j < starts.length ? starts[j] : text.length;
      }
    } else if (out !== undefined && out !== 'none' && j < starts.length && continuesNote(text, e, j + 1 < starts.length ? starts[j + 1] : text.length, out)) {
      // The reused segment was read alone, but the next one continues its note: read them together.
      seg = undefined;
      for (;;) {
        j++;
        e = j < starts.length ? starts[j] : text.length;
        if (j >= starts.length || !continuesNote(text, e, j + 1 < starts.length ? starts[j + 1] : text.length, out)) break;
      }
      const segText = segmentText(text, s, e, cache !== undefined);
      const b = new ModelBuilder(segText, 'plaintext');
      out = parseSegment(segText, b, inNotes);
      seg = { start: s, end: e, inNotesIn: inNotes, inNotesOut: out, part: b.toPart() };
    }
    segments.push(seg!);
    parts.push(seg!.part);
    inNotes = seg!.inNotesOut;
    i = j;
  }
  const model = ModelBuilder.assemble(text, 'plaintext', parts);
  model.cache = { text, segments } satisfies PlainCache;
  return model;
}

/** The whole text as one segment: what the segmented parse must always equal (tests compare them). */
export function parsePlainTextUnsegmented(text: string): BriefModel {
  const b = new ModelBuilder(text, 'plaintext');
  parseSegment(text, b, 'none');
  return ModelBuilder.assemble(text, 'plaintext', [b.toPart()]);
}
