import MarkdownIt from 'markdown-it';
import type { Block, BriefModel, Span } from '../model';
import { collapse, matchNoteEntry, matchSuppression, ModelBuilder, NOTES_HEADING, segmentMatcher, segmentText, skipBlanks, type SegmentPart } from './common';
import { findUrls } from './markers';

type Token = ReturnType<MarkdownIt.MarkdownIt["parse"]>[number];
type BlockState = MarkdownIt.StateBlock;

interface FootnoteDef {
  label: string;
  /**
   * Column of its `[^` on its first line (markdown-it reads a normalised copy of the text, with
   * CRLF as LF: offsets differ, columns do not).
   */
  column: number;
  /** Offset of its `[^` in the segment's own text (set once read back). */
  labelStart: number;
  startLine: number;
  endLine: number; // exclusive
}

interface ParseEnv {
  [key: string]: unknown;
  defs?: FootnoteDef[];
}

/** Longest footnote label GFM accepts. */
const MAX_LABEL = 999;

/**
 * A GFM footnote definition, `[^label]: text`, with its continuation lines (indented by four) as
 * the note's further paragraphs. As GitHub reads it: the label ends at the first `]` that is not
 * escaped (`[^a\]b]` is the label `a\]b`), holds no whitespace, and the definition can start right
 * after a paragraph, a block quote or a list item, with no blank line before it. Only the block
 * structure is kept: each definition's label and lines are recorded in the parse's env.
 */
function footnoteDef(state: BlockState, startLine: number, endLine: number, silent: boolean): boolean {
  const src = state.src;
  const start = state.bMarks[startLine] + state.tShift[startLine];
  const max = state.eMarks[startLine];
  if (state.sCount[startLine] - state.blkIndent >= 4) return false; // indented code
  if (start + 4 > max || src.charCodeAt(start) !== 0x5b /* [ */ || src.charCodeAt(start + 1) !== 0x5e /* ^ */) return false;
  let pos = start + 2;
  for (; pos < max; pos++) {
    const c = src.charCodeAt(pos);
    if (c === 0x5c /* \ */ && pos + 1 < max) pos++;
    else if (c === 0x5d /* ] */) break;
    else if (c === 0x20 || c === 0x09 || c === 0x5b /* [ */) return false;
  }
  const labelLength = pos - start - 2;
  if (labelLength === 0 || labelLength > MAX_LABEL || pos + 1 >= max || src.charCodeAt(pos + 1) !== 0x3a /* : */) return false;
  if (silent) return true;
  const env = state.env as ParseEnv;
  const column = start - (src.lastIndexOf('\n', start - 1) + 1);
  const def: FootnoteDef = { label: src.slice(start + 2, pos), column, labelStart: -1, startLine, endLine: startLine + 1 };
  (env.defs ??= []).push(def);
  // The note's text is parsed as blocks indented by four more columns than the label, starting
  // after the colon (the same way a list item's content is).
  const afterColon = pos + 2;
  let textStart = afterColon;
  let offset = state.sCount[startLine] + afterColon - start;
  const initial = offset;
  while (textStart < max) {
    const c = src.charCodeAt(textStart);
    if (c === 0x09) offset += 4 - (offset % 4);
    else if (c === 0x20) offset++;
    else break;
    textStart++;
  }
  const saved = { bMark: state.bMarks[startLine], tShift: state.tShift[startLine], sCount: state.sCount[startLine], parentType: state.parentType };
  state.bMarks[startLine] = afterColon;
  state.tShift[startLine] = textStart - afterColon;
  state.sCount[startLine] = offset - initial;
  state.blkIndent += 4;
  state.parentType = 'footnote' as typeof state.parentType;
  if (state.sCount[startLine] < state.blkIndent) state.sCount[startLine] += state.blkIndent;
  state.md.block.tokenize(state, startLine, endLine);
  state.parentType = saved.parentType;
  state.blkIndent -= 4;
  state.bMarks[startLine] = saved.bMark;
  state.tShift[startLine] = saved.tShift;
  state.sCount[startLine] = saved.sCount;
  def.endLine = Math.max(state.line, startLine + 1);
  return true;
}

/** One parser for the process: markdown-it with GFM tables and footnote definitions. */
const md = createParser();

function createParser(): MarkdownIt.MarkdownIt {
  const parser = new MarkdownIt({ html: true, linkify: false });
  // A definition may end a paragraph, a block quote or a list without a blank line (GitHub's reading).
  parser.block.ruler.before('reference', 'footnote_def', footnoteDef, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
  // Only block structure is used (columns come from the source text): skip inline parsing and the
  // rendering passes.
  parser.core.ruler.disable(['inline', 'linkify', 'replacements', 'smartquotes', 'text_join'], true);
  return parser;
}

/** Blanks out YAML front matter (keeping line breaks) and reports its line range. */
function frontMatterEnd(text: string): number {
  if (!text.startsWith('---') || !/^---[ \t]*\r?\n/.test(text)) return -1;
  const re = /\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/g;
  re.lastIndex = 3;
  const m = re.exec(text.length > 65536 ? text.slice(0, 65536) : text);
  if (!m) return -1;
  return m.index + m[0].length;
}

/**
 * Reads one segment of a Markdown brief (see `segmentStarts`) into `b`, a builder over the
 * segment's own text. `notesLevelIn` says whether the segment starts inside a notes section (and
 * at which heading level it closes); the return value says the same for the next segment.
 */
function parseSegment(text: string, b: ModelBuilder, notesLevelIn: number | undefined, isFirst: boolean): number | undefined {
  let source = text;
  const fmEnd = isFirst ? frontMatterEnd(text) : -1;
  if (fmEnd > 0) {
    const endLine = b.lines.lineAt(Math.max(0, fmEnd - 1));
    b.addBlock({ kind: 'front-matter', span: b.lineSpan(0, endLine), startLine: 0, endLine, inNotes: false });
    source = text.slice(0, fmEnd).replace(/[^\r\n]/g, ' ') + text.slice(fmEnd);
  }
  const env: ParseEnv = {};
  const tokens = md.parse(source, env as Record<string, unknown>);
  const defs = env.defs ?? [];
  // Lines inside footnote definitions (one flag per line: a linear look-up for every token).
  const defLines = new Uint8Array(b.lines.lineCount + 1);
  for (const d of defs) defLines.fill(1, d.startLine, Math.min(d.endLine, defLines.length));
  const inDef = (line: number) => defLines[line] === 1;

  // Definitions in source order; one that starts on the line of another (`[^1]:[^2]: text`)
  // ends that one's text.
  for (const d of defs) d.labelStart = b.lines.starts[d.startLine] + d.column;
  defs.sort((x, y) => x.labelStart - y.labelStart);
  for (let k = 0; k < defs.length; k++) {
    const d = defs[k];
    const next = defs[k + 1];
    const whole = trimmedSpan(text, b.lineSpan(d.startLine, d.endLine - 1));
    const span = next && next.startLine === d.startLine ? trimmedSpan(text, { start: d.labelStart, end: next.labelStart }) : { start: d.labelStart, end: whole.end };
    const colon = d.labelStart + 2 + d.label.length;
    const textStart = colon + 2;
    if (k === 0 || defs[k - 1].startLine !== d.startLine) b.addBlock({ kind: 'note', span: whole, startLine: d.startLine, endLine: b.lines.lineAt(whole.end), inNotes: true });
    b.notes.push({
      key: `fn:${d.label.toLowerCase()}`,
      label: d.label,
      number: /^\d{1,6}$/.test(d.label) ? Number(d.label) : undefined,
      style: 'footnote',
      span,
      labelSpan: { start: d.labelStart, end: textStart },
      text: collapse(text.slice(textStart, span.end)),
      textStart: textStart + (/^[ \t]*/.exec(text.slice(textStart, textStart + 20))?.[0].length ?? 0),
      urls: findUrls(text, textStart, span.end),
    });
  }

  let listDepth = 0;
  // The list item each paragraph belongs to, so a note's further paragraphs join it and nothing else does.
  const items: number[] = [];
  let itemCount = 0;
  let noteItem = -1;
  let notesHeading: { level: number } | undefined = notesLevelIn !== undefined ? { level: notesLevelIn } : undefined;
  const closeNotes = () => {
    notesHeading = undefined;
  };

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type === 'bullet_list_open' || t.type === 'ordered_list_open') listDepth++;
    else if (t.type === 'bullet_list_close' || t.type === 'ordered_list_close') listDepth--;
    else if (t.type === 'list_item_open') items.push(++itemCount);
    else if (t.type === 'list_item_close') items.pop();
    if (!t.map || inDef(t.map[0])) continue;
    const [startLine, endLineExcl] = t.map;
    const endLine = Math.max(startLine, endLineExcl - 1);
    const span = trimmedSpan(text, b.lineSpan(startLine, endLine));
    switch (t.type) {
      case 'heading_open': {
        const level = Number(t.tag.slice(1));
        const inline = tokens[i + 1] as Token | undefined;
        const title = inline?.content ?? '';
        const contentSpan = headingContent(text, span);
        if (notesHeading && level <= notesHeading.level) closeNotes();
        b.addBlock({ kind: 'heading', span: contentSpan, startLine, endLine, level, inNotes: false });
        if (NOTES_HEADING.test(collapse(title))) {
          notesHeading = { level };
        }
        break;
      }
      case 'paragraph_open': {
        const kind = listDepth > 0 ? 'list-item' : 'paragraph';
        const content = stripPrefix(text, span, listDepth > 0);
        // (Only a short single line can be one: the test is not paid for every paragraph.)
        if (listDepth === 0 && startLine === endLine && content.end - content.start <= 60 && NOTES_HEADING.test(collapse(text.slice(content.start, content.end)).replace(/^(\*\*|__)(.*)\1$/, '$2'))) {
          // A bare "References" or "**Notes**" line opens a notes section as a heading would (converted documents).
          if (notesHeading) closeNotes();
          b.addBlock({ kind: 'heading', span: content, startLine, endLine, level: 6, inNotes: false });
          notesHeading = { level: 7 };
          break;
        }
        if (notesHeading) {
          const entry = matchNoteEntry(text.slice(b.lines.starts[startLine], b.lines.lineEnd(startLine)));
          if (entry) {
            // A list item's paragraph: the entry spans the whole list item (its nested paragraphs too).
            b.addNumberedNote(entry, b.lines.starts[startLine], span);
            b.addBlock({ kind: 'note', span, startLine, endLine, inNotes: true });
            noteItem = listDepth > 0 ? items[items.length - 1] : -1;
            break;
          }
          const prev = b.notes[b.notes.length - 1];
          if (prev && prev.key.startsWith('n:') && listDepth > 0 && noteItem >= 0 && items[items.length - 1] === noteItem) {
            // A further paragraph of the same list item continues the note.
            prev.span = { start: prev.span.start, end: span.end };
            prev.text = collapse(text.slice(prev.textStart, span.end));
            prev.urls = findUrls(text, prev.textStart, span.end);
            b.addBlock({ kind: 'note', span, startLine, endLine, inNotes: true });
            break;
          }
        }
        b.addBlock({ kind, span: content, startLine, endLine, inNotes: false });
        break;
      }
      case 'table_open': {
        const rows: Block['rows'] = [];
        for (let j = i + 1; j < tokens.length && tokens[j].type !== 'table_close'; j++) {
          const r = tokens[j];
          if (r.type === 'tr_open' && r.map) {
            const rowSpan = b.lineSpan(r.map[0], r.map[0]);
            rows.push({ span: rowSpan, cells: splitCells(text, rowSpan) });
          }
        }
        b.addBlock({ kind: 'table', span, startLine, endLine, inNotes: !!notesHeading, rows });

        break;
      }
      case 'fence':
        b.addBlock({ kind: 'code', span, startLine, endLine, inNotes: false });
        break;
      case 'code_block':
        // Indented code is code, as fenced code is: nothing in it is checked (footnote markers in it
        // still cite their notes: see ModelBuilder.toPart).
        b.addBlock({ kind: 'code', span, startLine, endLine, inNotes: false, indented: true });
        break;
      case 'html_block': {
        let suppressed = false;
        for (let l = startLine; l <= endLine; l++) {
          const s = matchSuppression(b.lines.lineText(l), l, b.lines.starts[l]);
          if (s) {
            b.suppressions.push(s);
            suppressed = true;
          }
        }
        b.addBlock({ kind: suppressed ? 'suppression' : 'html', span, startLine, endLine, inNotes: false });
        break;
      }
    }
  }
  return notesHeading?.level;
}

/** One parsed segment, with offsets and lines relative to its own start. */
interface Segment {
  start: number;
  end: number;
  first: boolean;
  notesLevelIn: number | undefined;
  notesLevelOut: number | undefined;
  part: SegmentPart;
}

/** What the next version of a document can reuse: the previous text and its segments. */
export interface MarkdownCache {
  text: string;
  segments: Segment[];
}


/**
 * Parses a Markdown brief segment by segment. A segment is cut only where block structure cannot
 * cross (a blank line followed by a line at column 0, outside fenced code and multi-line HTML), so
 * the result is the same as one pass over the whole text. With the previous version, segments that
 * lie wholly in the text before or after the edit (and start in the same state) are reused as they
 * were: only what the edit touched is parsed again.
 */
export function parseMarkdown(text: string, cache?: MarkdownCache): BriefModel {
  const starts = segmentStarts(text);
  const parts: SegmentPart[] = [];
  const segments: Segment[] = [];
  const match = segmentMatcher(cache, text);
  const reuse = (s: number, e: number, first: boolean, level: number | undefined) => {
    const old = match(s, e);
    return old && old.first === first && old.notesLevelIn === level ? old : undefined;
  };
  let level: number | undefined;
  for (let i = 0; i < starts.length; i++) {
    const s = starts[i];
    const e = i + 1 < starts.length ? starts[i + 1] : text.length;
    let seg = reuse(s, e, i === 0, level);
    if (!seg) {
      const segText = segmentText(text, s, e, cache !== undefined);
      const b = new ModelBuilder(segText, 'markdown');
      const out = parseSegment(segText, b, level, i === 0);
      seg = { start: s, end: e, first: i === 0, notesLevelIn: level, notesLevelOut: out, part: b.toPart() };
    }
    segments.push(seg);
    parts.push(seg.part);
    level = seg.notesLevelOut;
  }
  const model = ModelBuilder.assemble(text, 'markdown', parts);
  model.cache = { text, segments } satisfies MarkdownCache;
  return model;
}

/** The whole text as one segment: what the segmented parse must always equal (tests compare them). */
export function parseMarkdownUnsegmented(text: string): BriefModel {
  const b = new ModelBuilder(text, 'markdown');
  parseSegment(text, b, undefined, true);
  return ModelBuilder.assemble(text, 'markdown', [b.toPart()]);
}

/**
 * Where segments start: after a blank line, at a line that begins in column 0, unless a fenced
 * code block, an HTML comment or a raw-HTML block (script, pre, style, textarea) is still open, or
 * front matter is. One pass over the lines.
 */
export function segmentStarts(text: string): number[] {
  const starts = [0];
  const fm = frontMatterEnd(text);
  let fence: string | undefined;
  let htmlClose: string | undefined;
  let prevBlank = false;
  let pos = fm > 0 ? fm : 0;
  const n = text.length;
  let nextLt = -1;
  while (pos < n) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = n;
    const k = skipBlanks(text, pos, eol);
    const blank = k === eol;
    const c0 = text.charCodeAt(pos);
    // Only lines whose first non-blank character (within 3 columns) is ` or ~ can open or close a fence.
    const lead = k - pos <= 3 ? text.charCodeAt(k) : 0;
    if (fence) {
      if (lead === fence.charCodeAt(0)) {
        const m = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(text.slice(pos, eol).replace(/\r$/, ''));
        if (m && m[1][0] === fence[0] && m[1].length >= fence.length) fence = undefined;
      }
    } else if (htmlClose) {
      if (text.slice(pos, eol).toLowerCase().includes(htmlClose)) htmlClose = undefined;
    } else {
      if (prevBlank && !blank && pos > 0 && c0 !== 32 && c0 !== 9 && c0 !== 13) starts.push(pos);
      let f: RegExpExecArray | null = null;
      if (lead === 96 || lead === 126) f = /^ {0,3}(`{3,}|~{3,})/.exec(text.slice(pos, eol));
      if (f) fence = f[1];
      else {
        // The next '<' in the text, looked up again only once passed (a search per line would scan to the end each time).
        if (nextLt < pos) {
          nextLt = text.indexOf('<', pos);
          if (nextLt < 0) nextLt = n;
        }
        if (nextLt < eol) {
          const line = text.slice(pos, eol).replace(/\r$/, '');
          const comment = line.lastIndexOf('<!--');
          if (comment >= 0 && line.indexOf('-->', comment + 4) < 0) htmlClose = '-->';
          else {
            const raw = /^ {0,3}<(script|pre|style|textarea)(?:\s|>|$)/i.exec(line);
            if (raw && !line.toLowerCase().includes(`</${raw[1].toLowerCase()}>`)) htmlClose = `</${raw[1].toLowerCase()}>`;
          }
        }
      }
    }
    prevBlank = blank;
    pos = eol + 1;
  }
  return starts;
}

function trimmedSpan(text: string, span: Span): Span {
  let { start, end } = span;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

/** The text of an ATX heading without its `#` marks (setext headings keep their first line). */
function headingContent(text: string, span: Span): Span {
  const line = text.slice(span.start, span.end);
  const m = /^ {0,3}#{1,6}[ \t]*/.exec(line);
  if (!m) {
    const nl = line.search(/\r?\n/);
    return { start: span.start, end: nl >= 0 ? span.start + nl : span.end };
  }
  let end = span.end;
  const closing = /[ \t]+#+[ \t]*$/.exec(line);
  if (closing) end = span.start + closing.index;
  return { start: span.start + m[0].length, end: Math.max(end, span.start + m[0].length) };
}

/** Drops list bullets and block-quote marks from the first line of a paragraph. */
function stripPrefix(text: string, span: Span, inList: boolean): Span {
  const head = text.slice(span.start, Math.min(span.end, span.start + 40));
  const m = (inList ? /^[ \t]*(?:>[ \t]?)*(?:[-*+]|\d{1,9}[.)])?[ \t]*/ : /^[ \t]*(?:>[ \t]?)*[ \t]*/).exec(head);
  return { start: span.start + (m ? m[0].length : 0), end: span.end };
}

function splitCells(text: string, row: Span): Span[] {
  const cells: Span[] = [];
  let i = row.start;
  const end = row.end;
  while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
  if (text[i] === '|') i++;
  let cellStart = i;
  for (; i <= end; i++) {
    const ch = i < end ? text[i] : '|';
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '|') {
      let s = cellStart;
      let e = i;
      while (s < e && /\s/.test(text[s])) s++;
      while (e > s && /\s/.test(text[e - 1])) e--;
      if (i < end || e > s) cells.push({ start: s, end: e });
      cellStart = i + 1;
    }
  }
  return cells;
}
