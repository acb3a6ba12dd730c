import type { BriefModel } from '../model';
import { collapse, endsSentence, endsWithDanglingWord, matchNoteEntry, matchSuppression, ModelBuilder, NOTES_HEADING, segmentMatcher, segmentText, skipBlanks, type SegmentPart } from './common';
import { isSuperscriptDigit } from '../text/superscript';

const MAX_HEADING_WORDS = 16;
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

function isTableLine(line: string): boolean {
  return line.includes('\t') && line.trim().length > 0;
}

/**
 * Plain-text briefs as exported from PDFs and word processors: one paragraph per line or
 * blank-line-separated blocks, bare-line headings, a Notes section whose entries start with a marker,
 * tab-separated tables.
 */
function parseSegment(text: string, b: ModelBuilder, inNotesIn: boolean): boolean {
  const { lines } = b;
  const n = lines.lineCount;
  let inNotes = inNotesIn;
  let currentNote = -1; // index in b.notes of the entry being extended

  const closeNotes = () => {
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
    if (inNotes) {
      const entry = matchNoteEntry(line);
      if (entry) {
        const span = b.lineSpan(l, l);
        b.addNumberedNote(entry, lineStart, span);
        currentNote = b.notes.length - 1;
        b.addBlock({ kind: 'note', span, startLine: l, endLine: l, inNotes: true });
        l++;
        continue;
      }
      if (isBareHeading(line) && !/^\s/.test(line)) {
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
      if (NOTES_HEADING.test(collapse(line))) inNotes = true;
    } else {
      const isList = /^\s*(?:[-*•+]|\d{1,3}[.)])\s/.test(line);
      b.addBlock({ kind: isList ? 'list-item' : 'paragraph', span: trimmed, startLine: l, endLine: e, inNotes: false });
    }
    l = e + 1;
  }
  return inNotes;
}

interface Segment {
  start: number;
  end: number;
  inNotesIn: boolean;
  inNotesOut: boolean;
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
function continuesNote(text: string, start: number, end: number): boolean {
  let pos = start;
  while (pos < end) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0 || eol > end) eol = end;
    const line = text.slice(pos, eol).replace(/\r$/, '');
    pos = eol + 1;
    if (/^\s*(?:%%|<!--)/.test(line) && matchSuppression(line, 0, 0)) continue;
    if (line.trim().length === 0) continue;
    if (matchNoteEntry(line) || isTableLine(line)) return false;
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
  const reuse = (s: number, e: number, inNotes: boolean) => {
    const old = match(s, e);
    return old && old.inNotesIn === inNotes ? old : undefined;
  };
  let inNotes = false;
  for (let i = 0; i < starts.length; ) {
    const s = starts[i];
    let j = i + 1;
    let e = j < starts.length ? starts[j] : text.length;
    let seg: Segment | undefined = reuse(s, e, inNotes);
    let out: boolean | undefined = seg?.inNotesOut;
    if (!seg) {
      for (;;) {
        const segText = segmentText(text, s, e, cache !== undefined);
        const b = new ModelBuilder(segText, 'plaintext');
        out = parseSegment(segText, b, inNotes);
        seg = { start: s, end: e, inNotesIn: inNotes, inNotesOut: out, part: b.toPart() };
        if (!out || j >= starts.length || !continuesNote(text, e, j + 1 < starts.length ? starts[j + 1] : text.length)) break;
        j++;
        e = j < starts.length ? starts[j] : text.length;
      }
    } else if (out && j < starts.length && continuesNote(text, e, j + 1 < starts.length ? starts[j + 1] : text.length)) {
      // The reused segment was read alone, but the next one continues its note: read them together.
      seg = undefined;
      for (;;) {
        j++;
        e = j < starts.length ? starts[j] : text.length;
        if (j >= starts.length || !continuesNote(text, e, j + 1 < starts.length ? starts[j + 1] : text.length)) break;
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
  parseSegment(text, b, false);
  return ModelBuilder.assemble(text, 'plaintext', [b.toPart()]);
}
