import { z } from 'zod';
import type { Block, BriefModel, Span } from '../model';
import { findCitations } from '../text/citations';
import { analyseFigures, findUncitedFigures, type Figure, type FigureAnalysis } from '../text/figures';
import { paragraphSpanToSource } from '../text/paragraphText';
import { figureFixes } from '../fixes/figureFixes';
import { unreadableMarkers } from '../notes';
import { defineCheck } from './types';

const Options = z
  .strictObject({
    citationScope: z
      .enum(['sentence', 'paragraph'])
      .default('paragraph')
      .describe('A figure is cited by a note later in its sentence, or (paragraph) also by a note that closes its paragraph.'),
    spelledOut: z.boolean().default(false).describe('Also report spelled-out numbers (five, thousands of).'),
  })
  .prefault({});

const KIND: Record<Figure['kind'], string> = {
  count: 'figure',
  percent: 'percentage',
  money: 'amount',
  range: 'range',
  ratio: 'ratio',
  decimal: 'figure',
  spelled: 'number',
};

/** A source or note line under a table: `Source: …`, `Note: …`. */
const SOURCE_LINE = /^\s*(?:[*_]{1,2})?(?:sources?|data|notes?)\s*(?:[*_]{1,2})?\s*:/i;
/** A caption above a table: `Table 2. …`. */
const CAPTION = /^\s*(?:[*_]{1,2})?(?:table|figure|chart|exhibit)\s+\d+/i;

/**
 * Whether a table's figures have a source: a `Source:` or `Note:` line right under it (one above
 * belongs to the table before), a caption right above it that carries a citation, or a citation
 * in its header row.
 */
function tableIsCited(model: BriefModel, index: number): boolean {
  const text = (b: Block | undefined) => (b && (b.kind === 'paragraph' || b.kind === 'heading') ? model.text.slice(b.span.start, b.span.end) : undefined);
  const below = text(model.blocks[index + 1]);
  if (below !== undefined && SOURCE_LINE.test(below) && below.replace(SOURCE_LINE, '').trim().length > 0) return true;
  const above = text(model.blocks[index - 1]);
  if (above !== undefined && CAPTION.test(above) && findCitations(above).length > 0) return true;
  const header = model.blocks[index].rows?.[0];
  return header !== undefined && findCitations(model.text.slice(header.span.start, header.span.end)).length > 0;
}

/**
 * Uncited figures in a table's body: not in its header row, not in its first column (labels and
 * distances), not in a cell that carries its own citation.
 */
function uncitedInTable(model: BriefModel, table: Block, options: z.output<typeof Options>): number {
  let count = 0;
  const rows = table.rows ?? [];
  for (let r = 1; r < rows.length; r++)
    for (let c = 1; c < rows[r].cells.length; c++) {
      const cell = rows[r].cells[c];
      // A cell is its own sentence: a marker in the cell cites it.
      count += findUncitedFigures(model.text.slice(cell.start, cell.end), { ...options, citationScope: 'sentence' }).length;
    }
  return count;
}

/**
 * Figures per paragraph text and options: while a writer types, every paragraph but one is the
 * same as a moment ago, so its figures are looked up, not found again. Bounded; cleared when full.
 * One per engine (its state), so two engines never share it and dropping the engine frees it.
 */
class FigureMemo {
  private readonly byOptions = new Map<string, Map<string, FigureAnalysis>>();
  private size = 0;

  analyse(text: string, options: z.output<typeof Options>): FigureAnalysis {
    const optionsKey = `${options.citationScope}${options.spelledOut ? 1 : 0}`;
    let byText = this.byOptions.get(optionsKey);
    if (!byText) this.byOptions.set(optionsKey, (byText = new Map()));
    let hit = byText.get(text);
    if (!hit) {
      if (this.size >= MEMO_LIMIT) {
        this.clear();
        this.byOptions.set(optionsKey, (byText = new Map()));
      }
      hit = analyseFigures(text, options);
      // The key is the paragraph's own string: a paragraph that did not change is the same string
      // object in the next version, which makes the lookup a pointer comparison. It is a view into
      // the text its segment was read from (the document's, on a first read), which the key keeps
      // alive while the entry lasts: the memo is bounded, and the CLI clears it after each file.
      byText.set(text, hit);
      this.size++;
    }
    return hit;
  }

  clear(): void {
    this.byOptions.clear();
    this.size = 0;
  }
}

const MEMO_LIMIT = 50_000;

/** The figure as the reader sees it: Markdown escapes removed (`\\$140` reads `$140`), shortened. */
function shown(f: Figure): string {
  const t = f.text.replace(/\\([\\`*_{}[\]()#+\-.!$%])/g, '$1');
  return t.length > 40 ? t.slice(0, 37) + '…' : t;
}

function message(f: Figure): string {
  return `Uncited ${KIND[f.kind]}: “${shown(f)}” has no note behind it. Cite its source, or ignore it if it needs none.`;
}

/**
 * The same figure stated again: its number with the words of approximation removed, when it is
 * distinctive enough to be the same figure (`4,000`, `56%`, `$7.1 billion`; not `3`).
 */
function figureKey(f: Figure): string | undefined {
  const key = f.text
    .toLowerCase()
    .replace(/\\/g, '')
    .replace(/^(?:(?:an?|the|some|about|around|roughly|nearly|almost|approximately|an estimated|estimated|over|just over|more than|less than|fewer than|at least|up to|as many as|close to|under)\s+)+/, '')
    .replace(/\s+/g, '');
  return /\d.*\d|\d.*[%$€£¥₹]|[%$€£¥₹].*\d|\d(?:million|billion|trillion|bn|m)/.test(key) && key.length >= 3 ? key : undefined;
}

/** Words that take up a figure already given. */
const RESTATES = /\b(?:the|these|those|that|this|same|such)\s+$/i;

/** Above this many uncited figures, a document that cites nothing gets one finding, not one per figure. */
const UNSOURCED_DETAIL_LIMIT = 8;

interface Candidate {
  span: Span;
  figure: Figure;
  table?: number;
}

export default defineCheck({
  code: 'uncited-figure',
  description: 'A figure (count, percentage, amount, range, ratio) with no note behind it.',
  defaultSeverity: 'warning',
  options: Options,
  scope: 'paragraph',
  createState: () => new FigureMemo(),
  run({ model, state }, options, report) {
    // Footnotes that no marker we can read cites: which figures they cover is unknown, so none is reported.
    if (model.markers.length === 0 && unreadableMarkers(model, 'fn')) return;
    const candidates: Candidate[] = [];
    /** Figures stated with a citation so far. */
    const stated = new Set<string>();
    let citations = model.markers.length + model.notes.length;
    for (const p of model.paragraphs) {
      const a = state.analyse(p.text, options);
      citations += a.citations;
      if (a.figures.length === 0) continue;
      let u = 0;
      for (const f of a.figures) {
        const key = figureKey(f);
        const uncited = a.uncited[u] === f;
        if (uncited) u++;
        // A figure stated and cited before, taken up again ("these 4,000 fighters", "that same
        // $20 million"), is a restatement: its source has been given. (An uncited one stated again
        // is reported again: a pasted copy needs its source as much.)
        if (key !== undefined && stated.has(key) && RESTATES.test(p.text.slice(Math.max(0, f.start - 12), f.start))) continue;
        if (!uncited) {
          if (key !== undefined) stated.add(key);
        } else candidates.push({ span: paragraphSpanToSource(p, f), figure: f });
      }
    }
    model.blocks.forEach((b, i) => {
      if (b.kind !== 'table' || b.inNotes || !b.rows || b.rows.length < 2 || tableIsCited(model, i)) return;
      const count = uncitedInTable(model, b, options);
      if (count === 0) return;
      // A table is one unit: one finding on its first row, not one per cell.
      candidates.push({ span: b.rows[0].span, figure: { start: 0, end: 0, kind: 'count', text: '' }, table: count });
    });
    candidates.sort((a, b) => a.span.start - b.span.start);
    if (citations === 0 && candidates.length > UNSOURCED_DETAIL_LIMIT) {
      // A document that cites nothing (a specification, a memo): one finding that says so.
      const first = candidates[0];
      report({
        span: first.span,
        message: `This document cites no sources, and ${candidates.length} figures in it have no note (the first is here). Cite their sources, or switch uncited-figure off for documents like this.`,
        related: candidates.slice(1, 21).map((c) => ({ span: c.span, message: c.table ? 'An uncited table' : `Uncited: “${shown(c.figure)}”` })),
        data: { summary: true, count: candidates.length },
      });
      return;
    }
    for (const c of candidates) {
      if (c.table) {
        report({
          span: c.span,
          message: `This table has ${c.table} figure${c.table === 1 ? '' : 's'} and no source: add a Source line under it, or a note to its caption or header.`,
          data: { table: true, count: c.table },
        });
      } else report({ span: c.span, message: message(c.figure), data: { figure: c.figure.text } });
    }
  },
  fixes: figureFixes,
});
