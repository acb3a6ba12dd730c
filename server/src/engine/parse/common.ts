import type { Block, BriefFormat, BriefModel, Marker, Note, NotesSection, NoteStyle, Paragraph, Span, Suppression } from '../model';
import { LineIndex } from '../text/lines';
import { findUrls, scanMarkers, superscriptValue } from './markers';
import { isSuperscriptDigit } from '../text/superscript';
import { flatten } from '../text/flatten';

/** Section titles that open a list of notes (a section number before them is allowed: `7. References`). */
export const NOTES_HEADING =
  /^(?:(?:\d{1,2}(?:\.\d{1,2})*\.?|[A-Z]\.|[IVX]{1,5}\.)\s+)?(?:end\s*notes|notes|foot\s*notes|(?:[a-z-]+\s+(?:and\s+)?){0,3}references|reference\s+list|sources|bibliography|works\s+cited|literature\s+cited|citations|notes\s+and\s+references|sources\s+and\s+notes|notes\s+and\s+sources)\s*:?$/i;

/**
 * A notes entry at the start of a line: `- ¹ …`, `¹ …`, `[1] …`, `^[1] …` (lynx's text export), `1. …`, `1) …`.
 * Group 1: superscript digits, 2: bracket number, 3: plain number.
 */
export const NOTE_ENTRY = /^[ \t]*(?:[-*•+][ \t]*)?(?:([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,6})|\^?\[(\d{1,6})\]|(\d{1,6})[.)])(?=[ \t]|$)[ \t]*/;

/** Words a sentence is not expected to end on: a line ending with one was cut mid-sentence. */
const DANGLING = new Set([
  'a', 'an', 'the', 'in', 'of', 'to', 'and', 'or', 'nor', 'for', 'with', 'by', 'at', 'from', 'on', 'as', 'that', 'who',
  'which', 'than', 'but', 'into', 'onto', 'its', 'their', 'his', 'her', 'our', 'is', 'are', 'was', 'were', 'be', 'has',
  'have', 'had', 'not', 'this', 'these', 'those', 'such', 'over', 'under', 'between', 'about', 'whose', 'whether', 'if',
]);

export function endsWithDanglingWord(text: string): boolean {
  const m = /([A-Za-z]+)\s*$/.exec(text.slice(-40));
  return m !== null && DANGLING.has(m[1].toLowerCase()) && m[1][0] === m[1][0].toLowerCase();
}

const TERMINAL = /[.!?:;…"”’')\]]$/;

/** True when a block of prose ends where a sentence can end (or with a note marker). */
export function endsSentence(text: string): boolean {
  let k = text.length;
  while (k > 0 && /\s/.test(text[k - 1])) k--;
  if (k === 0) return true;
  const last = text[k - 1];
  return TERMINAL.test(last) || isSuperscriptDigit(last);
}

export interface NoteEntryMatch {
  number: number;
  style: NoteStyle;
  /** Length of the matched prefix (label plus following blanks). */
  length: number;
  /** Offsets of the label within the line. */
  labelStart: number;
  labelEnd: number;
}

export function matchNoteEntry(line: string): NoteEntryMatch | undefined {
  const m = NOTE_ENTRY.exec(line);
  if (!m) return undefined;
  const raw = m[1] ?? m[2] ?? m[3];
  const number = m[1] ? superscriptValue(m[1]) : Number(raw);
  if (number === undefined || number === 0) return undefined;
  // `1916.` at the start of a line is a year (a wrapped line, a table row), not note 1916.
  if (m[3] && number >= 1000) return undefined;
  const style: NoteStyle = m[1] ? 'superscript' : m[2] ? 'bracket' : 'bracket';
  const labelStart = m[0].indexOf(m[2] ? '[' : raw);
  const labelEnd = m[2] ? m[0].indexOf(']') + 1 : labelStart + raw.length + (m[3] ? 1 : 0);
  return { number, style, length: m[0].length, labelStart, labelEnd };
}

const SUPPRESSION = /(?:<!--|%%)\s*policy-brief-(disable-next-line|disable-line|disable|enable)\b([^>\n\r]*?)(?:-->|$)/;

/** A suppression directive on one line: `<!-- policy-brief-disable CODE -->` or plain-text `%% policy-brief-disable CODE`. */
export function matchSuppression(line: string, lineNo: number, lineStart: number): Suppression | undefined {
  const m = SUPPRESSION.exec(line);
  if (!m) return undefined;
  const codes = m[2].split(/[\s,]+/).map((c) => c.trim()).filter((c) => c.length > 0);
  return {
    kind: m[1] as Suppression['kind'],
    codes,
    line: lineNo,
    span: { start: lineStart + m.index, end: lineStart + m.index + m[0].length },
  };
}

/** Builder shared by the Markdown and plain-text readers. */
/**
 * What one segment of a document yields, relative to the segment's own start (offset 0, line 0).
 * Parts are immutable once built: a later version of the document may reuse them.
 */
export interface SegmentPart {
  text: string;
  lineCount: number;
  /** Offsets at which the segment's lines start (its own LineIndex). */
  lineStarts: readonly number[];
  /** The part moved to `offset` and `line` of the document (kept while the part stays there). */
  placed(offset: number, line: number): PlacedPart;
}

export interface PlacedPart {
  blocks: Block[];
  notes: Note[];
  suppressions: Suppression[];
  markers(opts: ScanOptions): Marker[];
}

type ScanOptions = Parameters<typeof scanMarkers>[3];

/** A part's model at one place in the document (see toPart). */
interface Placement {
  offset: number;
  line: number;
  blocks: Block[];
  notes: Note[];
  suppressions: Suppression[];
  /** Markers per scan option set, scanned on first use. */
  markers: Map<string, Marker[]>;
  placed: PlacedPart | undefined;
}

function shiftSpan(s: Span, d: number): Span {
  return { start: s.start + d, end: s.end + d };
}

// Placed copies are built field by field, always with every field in the same order: every block
// (note, marker) then has one hidden class, and the checks' loops over them stay monomorphic. An
// object spread would give each combination of optional fields its own class.

function placeBlock(b: Block, d: number, line: number): Block {
  return {
    kind: b.kind,
    span: shiftSpan(b.span, d),
    startLine: b.startLine + line,
    endLine: b.endLine + line,
    level: b.level,
    indented: b.indented,
    inNotes: b.inNotes,
    text: b.text,
    rows: b.rows === undefined ? undefined : b.rows.map((r) => ({ span: shiftSpan(r.span, d), cells: r.cells.map((c) => shiftSpan(c, d)) })),
  };
}

function placeNote(n: Note, d: number): Note {
  return {
    key: n.key,
    label: n.label,
    number: n.number,
    style: n.style,
    span: shiftSpan(n.span, d),
    labelSpan: shiftSpan(n.labelSpan, d),
    text: n.text,
    textStart: n.textStart + d,
    urls: n.urls.map((u) => ({ url: u.url, span: shiftSpan(u.span, d) })),
  };
}

function placeMarker(m: Marker, d: number): Marker {
  return { key: m.key, label: m.label, number: m.number, style: m.style, span: shiftSpan(m.span, d), group: m.group ? shiftSpan(m.group, d) : undefined, context: m.context };
}

/** Builder shared by the Markdown and plain-text readers. */
export class ModelBuilder {
  readonly lines: LineIndex;
  readonly blocks: Block[] = [];
  readonly notes: Note[] = [];
  readonly suppressions: Suppression[] = [];

  constructor(readonly text: string, readonly format: BriefFormat) {
    this.lines = new LineIndex(text);
  }

  lineSpan(startLine: number, endLine: number): Span {
    return { start: this.lines.starts[startLine], end: this.lines.lineEnd(endLine) };
  }

  addBlock(block: Block): void {
    this.blocks.push(block);
  }

  /** Adds a numbered notes entry spanning `span`, whose first line starts at `lineStart`. */
  addNumberedNote(entry: NoteEntryMatch, lineStart: number, span: Span): void {
    const textStart = lineStart + entry.length;
    this.notes.push({
      key: `n:${entry.number}`,
      label: String(entry.number),
      number: entry.number,
      style: entry.style,
      span,
      labelSpan: { start: lineStart + entry.labelStart, end: lineStart + entry.labelEnd },
      text: collapse(this.text.slice(textStart, span.end)),
      textStart,
      urls: findUrls(this.text, textStart, span.end),
    });
  }

  /** Suppression comments written inline at the end of a prose line (`… <!-- policy-brief-disable-line X -->`, `… %% …`). */
  private collectInlineSuppressions(): void {
    const seen = new Set(this.suppressions.map((s) => s.line));
    for (const block of this.blocks) {
      if (block.kind !== 'paragraph' && block.kind !== 'list-item' && block.kind !== 'table') continue;
      for (let l = block.startLine; l <= block.endLine; l++) {
        if (seen.has(l)) continue;
        const line = this.lines.lineText(l);
        if (!line.includes('policy-brief-')) continue;
        const s = matchSuppression(line, l, this.lines.starts[l]);
        if (s) this.suppressions.push(s);
      }
    }
  }

  /** Freezes what was read into a segment part. */
  toPart(): SegmentPart {
    this.collectInlineSuppressions();
    const text = this.text;
    const blocks = this.blocks.sort((a, b) => a.span.start - b.span.start);
    for (const b of blocks) if ((b.kind === 'paragraph' || b.kind === 'list-item') && !b.inNotes) b.text = text.slice(b.span.start, b.span.end);
    const ranges = markerRanges(blocks);
    // Footnote markers outside the text: inside other footnotes (GFM renders them), and in indented
    // code blocks. Only `[^label]` markers are looked for there.
    const elsewhere: { start: number; end: number; context: 'note' | 'code' }[] = [];
    for (const n of this.notes) if (n.style === 'footnote') elsewhere.push({ start: n.textStart, end: n.span.end, context: 'note' });
    for (const b of blocks) if (b.kind === 'code' && b.indented && !b.inNotes) elsewhere.push({ start: b.span.start, end: b.span.end, context: 'code' });
    const scanRelative = (opts: ScanOptions): Marker[] => {
      const out: Marker[] = [];
      for (const r of ranges) scanMarkers(text, r.start, r.end, opts, out);
      if (opts.footnote && elsewhere.length) {
        for (const r of elsewhere) {
          const from = out.length;
          scanMarkers(text, r.start, r.end, { footnote: true, superscript: false, bracket: false }, out);
          for (let k = from; k < out.length; k++) out[k].context = r.context;
        }
        out.sort((a, b) => a.span.start - b.span.start);
      }
      return out;
    };
    // The part keeps one placement of its model: first what was read (relative to the segment),
    // then the latest placement. A new placement is shifted from the kept one, so a part never
    // holds two copies of its blocks, notes and markers (placements are never changed once made:
    // models of earlier versions may still use theirs).
    let kept: Placement = {
      offset: 0,
      line: 0,
      blocks,
      notes: this.notes.sort((a, b) => a.span.start - b.span.start),
      suppressions: this.suppressions.sort((a, b) => a.span.start - b.span.start),
      markers: new Map(),
      placed: undefined,
    };
    let relative = true;
    return {
      text,
      lineCount: this.lines.lineCount - 1,
      lineStarts: this.lines.starts,
      placed(offset, line) {
        if (!relative && kept.offset === offset && kept.line === line) return kept.placed!;
        const d = offset - kept.offset;
        const dl = line - kept.line;
        const markers = new Map<string, Marker[]>();
        for (const [key, list] of kept.markers) markers.set(key, list.map((m) => placeMarker(m, d)));
        const next: Placement = {
          offset,
          line,
          blocks: kept.blocks.map((b) => placeBlock(b, d, dl)),
          notes: kept.notes.map((n) => placeNote(n, d)),
          suppressions: kept.suppressions.map((x) => ({ kind: x.kind, codes: x.codes, line: x.line + dl, span: shiftSpan(x.span, d) })),
          markers,
          placed: undefined,
        };
        next.placed = {
          blocks: next.blocks,
          notes: next.notes,
          suppressions: next.suppressions,
          markers(opts) {
            const key = `${+opts.footnote}${+opts.superscript}${+opts.bracket}`;
            let hit = markers.get(key);
            if (!hit) {
              hit = scanRelative(opts).map((m) => placeMarker(m, offset));
              markers.set(key, hit);
            }
            return hit;
          },
        };
        kept = next;
        relative = false;
        return next.placed;
      },
    };
  }

  /** Joins segment parts (in order, covering `text`) into the document's model. */
  static assemble(text: string, format: BriefFormat, parts: SegmentPart[]): BriefModel {
    const blocks: Block[] = [];
    const notes: Note[] = [];
    const suppressions: Suppression[] = [];
    const placed: PlacedPart[] = [];
    // Line starts come from the parts' own (a part ends with its line break), not a new scan.
    const lineStarts: number[] = [0];
    let offset = 0;
    let line = 0;
    for (const part of parts) {
      const own = part.lineStarts;
      for (let k = 1; k < own.length; k++) lineStarts.push(own[k] + offset);
      const p = part.placed(offset, line);
      placed.push(p);
      for (const b of p.blocks) blocks.push(b);
      for (const n of p.notes) notes.push(n);
      for (const s of p.suppressions) suppressions.push(s);
      offset += part.text.length;
      line += part.lineCount;
    }
    const scan = (opts: ScanOptions): Marker[] => {
      const out: Marker[] = [];
      for (const p of placed) for (const m of p.markers(opts)) out.push(m);
      return out;
    };
    const hasNumberedNotes = notes.some((n) => n.key.startsWith('n:'));
    let markers = scan({ footnote: true, superscript: true, bracket: false });
    const hasSuperscript = markers.some((m) => m.style === 'superscript');
    const bracketNotes = notes.some((n) => n.style === 'bracket');
    if (hasNumberedNotes && bracketNotes && !hasSuperscript) {
      markers = markers.concat(scan({ footnote: false, superscript: false, bracket: true })).sort((a, b) => a.span.start - b.span.start);
    }
    // A numbered list under Notes is read in the style of the markers that cite it.
    // (A copy: placed parts are shared with other versions of the document.)
    if (hasSuperscript)
      notes.forEach((n, i) => {
        if (n.key.startsWith('n:') && n.style === 'bracket' && text[n.labelSpan.start] !== '[') notes[i] = { ...n, style: 'superscript' };
      });
    scopeRestartedNumbering(blocks, notes, markers);
    const lines = new LineIndex(text, lineStarts);
    return {
      text,
      format,
      lines,
      blocks,
      paragraphs: buildParagraphs(text, blocks),
      markers,
      notes,
      notesSections: notesSections(text, format, lines, blocks),
      style: dominantStyle(markers, notes),
      suppressions,
    };
  }
}

/**
 * Numbered notes printed in several blocks (after each chapter or section) whose numbering starts
 * again in each: every block is a numbering of its own, cited by the markers between it and the
 * block before. Their keys get the block's scope (`n#2:1` is note 1 of the third block), so that
 * note 1 of chapter 2 is neither a duplicate of note 1 of chapter 1 nor cited by its markers.
 * Numbering that runs on through the blocks keeps its keys. (In place: the arrays are the new
 * model's own.)
 */
function scopeRestartedNumbering(blocks: Block[], notes: Note[], markers: Marker[]): void {
  // Runs of numbered notes, split by prose between them.
  const runStarts: number[] = [];
  const runOf = new Map<Note, number>();
  let ni = 0;
  const numbered = notes.filter((n) => n.key.startsWith('n:')).sort((a, b) => a.span.start - b.span.start);
  if (numbered.length < 2) return;
  let prose = true;
  for (const b of blocks) {
    while (ni < numbered.length && numbered[ni].span.start < b.span.start) {
      if (prose) runStarts.push(numbered[ni].span.start);
      prose = false;
      runOf.set(numbered[ni], runStarts.length - 1);
      ni++;
    }
    if (!b.inNotes && (b.kind === 'paragraph' || b.kind === 'list-item' || b.kind === 'heading' || b.kind === 'table')) prose = true;
  }
  for (; ni < numbered.length; ni++) {
    if (prose) runStarts.push(numbered[ni].span.start);
    prose = false;
    runOf.set(numbered[ni], runStarts.length - 1);
  }
  if (runStarts.length < 2) return;
  // Only where a block starts its numbering again.
  const max: number[] = new Array(runStarts.length).fill(-Infinity);
  const min: number[] = new Array(runStarts.length).fill(Infinity);
  for (const n of numbered) {
    const r = runOf.get(n)!;
    max[r] = Math.max(max[r], n.number!);
    min[r] = Math.min(min[r], n.number!);
  }
  let restarts = false;
  for (let r = 1; r < runStarts.length; r++) if (min[r] <= max[r - 1]) restarts = true;
  if (!restarts) return;
  const scoped = (key: string, run: number) => `n#${run}:${key.slice(2)}`;
  notes.forEach((n, i) => {
    const r = runOf.get(n);
    if (r !== undefined) notes[i] = { ...n, key: scoped(n.key, r) };
  });
  let r = 0;
  markers.forEach((m, i) => {
    if (!m.key.startsWith('n:')) return;
    while (r < runStarts.length - 1 && runStarts[r] < m.span.start) r++;
    markers[i] = { ...m, key: scoped(m.key, r) };
  });
}

/**
 * Notes sections: from a heading named like Notes or References to the last note block before a
 * heading that closes it (in Markdown, one of the same or a higher level; in plain text, any).
 */
function notesSections(text: string, format: BriefFormat, lines: LineIndex, blocks: Block[]): NotesSection[] {
  const out: NotesSection[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const h = blocks[i];
    if (h.kind !== 'heading' || h.span.end - h.span.start > 60) continue;
    if (!NOTES_HEADING.test(collapse(text.slice(h.span.start, h.span.end)).replace(/^(\*\*|__)(.*)\1$/, '$2'))) continue;
    let end = h.span.end;
    for (let j = i + 1; j < blocks.length; j++) {
      const b = blocks[j];
      if (b.kind === 'heading' && (format === 'plaintext' || (b.level ?? 1) <= (h.level ?? 1) || h.level === 6)) break;
      if (format === 'plaintext' && b.kind === 'table') break;
      if (b.inNotes) end = Math.max(end, b.span.end);
    }
    out.push({ heading: h.span, span: { start: lines.starts[h.startLine], end } });
  }
  return out;
}

function markerRanges(blocks: Block[]): Span[] {
  const out: Span[] = [];
  for (const b of blocks) {
    if (b.inNotes) continue;
    if (b.kind === 'paragraph' || b.kind === 'list-item' || b.kind === 'heading') out.push(b.span);
    else if (b.kind === 'table' && b.rows) for (const r of b.rows) out.push(r.span);
  }
  return out;
}

function dominantStyle(markers: Marker[], notes: Note[]): NoteStyle | undefined {
  const count: Record<NoteStyle, number> = { superscript: 0, footnote: 0, bracket: 0 };
  for (const m of markers) count[m.style]++;
  if (markers.length === 0) for (const n of notes) count[n.style]++;
  let best: NoteStyle | undefined;
  for (const s of ['footnote', 'superscript', 'bracket'] as NoteStyle[]) if (count[s] > 0 && (!best || count[s] > count[best])) best = s;
  return best;
}

export function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** How many blocks a page-break interruption may hold (e.g. a Disclaimer heading and its text). */
const MAX_INTERRUPTION = 4;

function buildParagraphs(text: string, blocks: Block[]): Paragraph[] {
  const out: Paragraph[] = [];
  const absorbed = new Set<number>();
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (absorbed.has(i) || b.inNotes || (b.kind !== 'paragraph' && b.kind !== 'list-item')) continue;
    const p: Paragraph = { parts: [b.span], text: b.text ?? text.slice(b.span.start, b.span.end), blocks: [i], kind: b.kind };
    let last = i;
    while (p.kind === 'paragraph' && !endsSentence(p.text)) {
      const next = findContinuation(text, blocks, last, p.text);
      if (next === undefined) break;
      const nb = blocks[next];
      p.parts.push(nb.span);
      p.blocks.push(next);
      p.text += ' ' + (nb.text ?? text.slice(nb.span.start, nb.span.end));
      absorbed.add(next);
      last = next;
    }
    out.push(p);
  }
  return out;
}

function findContinuation(text: string, blocks: Block[], from: number, soFar: string): number | undefined {
  for (let j = from + 1; j < blocks.length && j <= from + 1 + MAX_INTERRUPTION; j++) {
    const b = blocks[j];
    if (b.inNotes || b.kind === 'table' || b.kind === 'code' || b.kind === 'note') return undefined;
    if (b.kind !== 'paragraph') {
      // An interruption (running header, disclaimer box) starts with a heading; anything else ends the search.
      if (b.kind === 'heading' || b.kind === 'html' || b.kind === 'suppression' || b.kind === 'furniture') continue;
      return undefined;
    }
    const first = text.slice(b.span.start, Math.min(b.span.end, b.span.start + 40)).trimStart();
    if (/^[a-z]/.test(first)) return j;
    if (j === from + 1) {
      if (endsWithDanglingWord(soFar)) return j;
      return undefined;
    }
  }
  return undefined;
}

/** Offset of the first character of `text[pos, eol)` that is not a space, tab or carriage return (`eol` for a blank line). */
export function skipBlanks(text: string, pos: number, eol: number): number {
  let k = pos;
  while (k < eol) {
    const c = text.charCodeAt(k);
    if (c !== 32 && c !== 9 && c !== 13) break;
    k++;
  }
  return k;
}

/**
 * The text of a segment to read. On a first read (no previous version) it is a view into the
 * document's text, which lives as long as the document does anyway. On a re-read after an edit it
 * is a copy: reused segments must not keep every version they were read from alive. A document
 * thus holds at most two copies of its text (the version first read, through the segments that
 * survive from it, and the current one), and one when it is read once (the CLI, a file opened).
 */
export function segmentText(text: string, start: number, end: number, reread: boolean): string {
  return reread ? flatten(text.slice(start, end)) : text.slice(start, end);
}

/** A segment of a previous version, as both readers keep them. */
export interface PositionedSegment {
  start: number;
  end: number;
}

/**
 * Finds, for a segment [s, e) of the new text, the segment of the previous version it is: one that
 * lies wholly before the edit (same place) or wholly after it (moved by the edit's length change),
 * with the same length. A boundary depends on the line before it and the line at it, so one
 * character of margin is kept. Callers also check the state the segment starts in.
 */
export function segmentMatcher<S extends PositionedSegment>(previous: { text: string; segments: S[] } | undefined, text: string): (s: number, e: number) => S | undefined {
  if (!previous) return () => undefined;
  const { prefix, suffix } = commonEnds(previous.text, text);
  const delta = text.length - previous.text.length;
  // The previous segments are in order: a binary search, not a map built on every edit.
  const segments = previous.segments;
  const byStart = (start: number): S | undefined => {
    let lo = 0;
    let hi = segments.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (segments[mid]!.start < start) lo = mid + 1;
      else hi = mid;
    }
    return lo < segments.length && segments[lo]!.start === start ? segments[lo] : undefined;
  };
  return (s, e) => {
    const old = e < prefix - 1 ? byStart(s) : s - 1 >= text.length - suffix ? byStart(s - delta) : undefined;
    if (!old || old.end - old.start !== e - s) return undefined;
    return old.start === s ? old : { ...old, start: s, end: e };
  };
}

/**
 * Length of the common prefix and suffix of two texts (not overlapping). Whole chunks are compared
 * as strings (a native comparison), characters only inside the chunk that differs.
 */
export function commonEnds(a: string, b: string): { prefix: number; suffix: number } {
  const max = Math.min(a.length, b.length);
  const CHUNK = 4096;
  let prefix = 0;
  while (prefix + CHUNK <= max && a.slice(prefix, prefix + CHUNK) === b.slice(prefix, prefix + CHUNK)) prefix += CHUNK;
  while (prefix < max && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  const room = max - prefix;
  while (suffix + CHUNK <= room && a.slice(a.length - suffix - CHUNK, a.length - suffix) === b.slice(b.length - suffix - CHUNK, b.length - suffix)) suffix += CHUNK;
  while (suffix < room && a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)) suffix++;
  return { prefix, suffix };
}
