import { z } from 'zod';
import type { Block, BriefModel, Span } from '../model';
import { findCitations } from '../text/citations';
import { findUncitedFigures, type Figure } from '../text/figures';
import { paragraphSpanToSource } from '../text/paragraphText';
import { figureFixes } from '../fixes/figureFixes';
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

/** A caption or source line next to a table: `Source: …`, `Table 2. … ¹`. */
const SOURCE_LINE = /^\s*(?:[*_]{1,2})?(?:sources?|data)\s*(?:[*_]{1,2})?\s*:/i;
const CAPTION = /^\s*(?:[*_]{1,2})?(?:table|figure|chart|exhibit)\s+\d+/i;

/**
 * A data table counts as cited when the block right above or below it is a `Source:` line (which
 * names its source) or a caption that carries a citation.
 */
function tableIsCited(model: BriefModel, index: number): boolean {
  for (const j of [index - 1, index + 1]) {
    const b: Block | undefined = model.blocks[j];
    if (!b || (b.kind !== 'paragraph' && b.kind !== 'heading')) continue;
    const text = model.text.slice(b.span.start, b.span.end);
    if (SOURCE_LINE.test(text) && text.replace(SOURCE_LINE, '').trim().length > 0) return true;
    if (CAPTION.test(text) && findCitations(text).length > 0) return true;
  }
  return false;
}

/**
 * Figures per paragraph text and options: while a writer types, every paragraph but one is the
 * same as a moment ago, so its figures are looked up, not found again. Bounded; cleared when full.
 * One per engine (its state), so two engines never share it and dropping the engine frees it.
 */
class FigureMemo {
  private readonly byOptions = new Map<string, Map<string, Figure[]>>();
  private size = 0;

  uncitedIn(text: string, options: z.output<typeof Options>): Figure[] {
    const optionsKey = `${options.citationScope}${options.spelledOut ? 1 : 0}`;
    let byText = this.byOptions.get(optionsKey);
    if (!byText) this.byOptions.set(optionsKey, (byText = new Map()));
    let hit = byText.get(text);
    if (!hit) {
      if (this.size >= MEMO_LIMIT) {
        this.clear();
        this.byOptions.set(optionsKey, (byText = new Map()));
      }
      hit = findUncitedFigures(text, options);
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

function message(f: Figure): string {
  const shown = f.text.length > 40 ? f.text.slice(0, 37) + '…' : f.text;
  return `Uncited ${KIND[f.kind]}: “${shown}” has no note behind it. Cite its source, or ignore it if it needs none.`;
}

export default defineCheck({
  code: 'uncited-figure',
  description: 'A figure (count, percentage, amount, range, ratio) with no note behind it.',
  defaultSeverity: 'warning',
  options: Options,
  scope: 'paragraph',
  createState: () => new FigureMemo(),
  run({ model, state }, options, report) {
    for (const p of model.paragraphs) {
      for (const f of state.uncitedIn(p.text, options)) {
        const span: Span = paragraphSpanToSource(p, f);
        report({ span, message: message(f), data: { figure: f.text } });
      }
    }
    model.blocks.forEach((b, i) => {
      if (b.kind !== 'table' || b.inNotes || !b.rows || tableIsCited(model, i)) return;
      for (const row of b.rows)
        for (const cell of row.cells) {
          const text = model.text.slice(cell.start, cell.end);
          // A cell is its own sentence: a marker in the cell cites it.
          for (const f of findUncitedFigures(text, { ...options, citationScope: 'sentence' }))
            report({ span: { start: cell.start + f.start, end: cell.start + f.end }, message: message(f), data: { figure: f.text, table: true } });
        }
    });
  },
  fixes: figureFixes,
});
