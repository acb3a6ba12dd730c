import type { LineIndex } from './text/lines';
import type { Span } from './text/span';

/** A half-open range of UTF-16 offsets into the document text (the engine's one span type). */
export type { Span } from './text/span';

export type BriefFormat = 'markdown' | 'plaintext';

/**
 * How a marker refers to its note:
 * - `superscript`: Unicode superscript digits (`¹²`), notes listed under a Notes heading;
 * - `footnote`: Markdown/GFM `[^label]` with `[^label]: …` definitions;
 * - `bracket`: `[1]`, `[2, 3]`, `[4–6]` with a numbered References/Notes list.
 */
export type NoteStyle = 'superscript' | 'footnote' | 'bracket';

/** `furniture`: a page's running header or footer left in an export (`Klensin   Informational   [Page 25]`). */
export type BlockKind = 'heading' | 'paragraph' | 'list-item' | 'table' | 'code' | 'html' | 'front-matter' | 'note' | 'suppression' | 'furniture';

export interface Block {
  kind: BlockKind;
  /** Source range of the whole block (without its trailing line break). */
  span: Span;
  /** Zero-based first and last line of the block. */
  startLine: number;
  endLine: number;
  /** For code blocks: indented (four spaces or a tab) rather than fenced. */
  indented?: boolean;
  /** Heading level (1 for `#` or a bare-line heading in plain text). */
  level?: number;
  /** True when the block lies inside a notes section (under Notes / References …) or a footnote definition. */
  inNotes: boolean;
  /**
   * For paragraph and list-item blocks: the block's source text. The same string object in every
   * version of the document the block survives unchanged, so caches keyed by it hit at once.
   */
  text?: string;
  /** For tables: one span per row, and per row one span per cell. */
  rows?: { span: Span; cells: Span[] }[];
}

/**
 * A logical paragraph of prose: one block, or several when a page-break artefact split it
 * (a paragraph that stops mid-sentence and continues, lower-case, after an interruption).
 */
export interface Paragraph {
  /** Source spans of the parts, in order. */
  parts: Span[];
  /** The parts' source text joined with one space. */
  text: string;
  /** Index in `BriefModel.blocks` of each part. */
  blocks: number[];
  kind: 'paragraph' | 'list-item';
}

export interface Marker {
  /** Key shared with the note it refers to: `fn:label` for `[^label]`, `n:12` for numbered notes. */
  key: string;
  /** The label as written (`1`, `label`) or the number. */
  label: string;
  number?: number;
  style: NoteStyle;
  /** The marker's own text (`¹⁷`, `[^3]`, the digits `2` inside `[2, 3]`, or the whole `[4–6]`). */
  span: Span;
  /** For bracket groups (`[2, 3]`, `[4–6]`): the span of the whole group. */
  group?: Span;
  /**
   * Where the marker stands when not in the text: inside another note (`[^a]: See also[^b].`), or
   * in an indented code block (often prose indented by mistake, as in kramdown lists). Either way
   * it cites its note, but it is not checked itself and is not part of the text's numbering.
   */
  context?: 'note' | 'code';
}

export interface UrlRef {
  url: string;
  span: Span;
}

export interface Note {
  key: string;
  label: string;
  number?: number;
  style: NoteStyle;
  /** The whole entry, including continuation lines and paragraphs. */
  span: Span;
  /** The label part: `[^3]:`, `¹`, `[3]`, `3.` */
  labelSpan: Span;
  /** The note's text with the label removed, lines joined. */
  text: string;
  /** Where that text starts in the source. */
  textStart: number;
  urls: UrlRef[];
}

export interface NotesSection {
  /** The heading that opens it, when there is one (GFM definitions need none). */
  heading?: Span;
  span: Span;
}

export interface BriefModel {
  text: string;
  format: BriefFormat;
  lines: LineIndex;
  blocks: Block[];
  paragraphs: Paragraph[];
  markers: Marker[];
  notes: Note[];
  notesSections: NotesSection[];
  /** The style most of the document's markers and notes use, if any. */
  style: NoteStyle | undefined;
  /** Suppression directives found in the document. */
  suppressions: Suppression[];
  /** Parser state the next version of the document can reuse (segments that did not change). */
  cache?: unknown;
}

export interface Suppression {
  kind: 'disable' | 'enable' | 'disable-next-line' | 'disable-line';
  /** Codes named; empty means every code. */
  codes: string[];
  line: number;
  span: Span;
}
