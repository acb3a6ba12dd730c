/**
 * Which figures are uncited: a citation must follow the figure in its sentence, or (scope
 * 'paragraph') close the paragraph.
 */
import { scanMarkup, type Citation } from '../citations';
import { splitSentencesScanned } from '../sentences';
import type { Figure, UncitedOptions } from './types';
import { isSpaceCh } from './chars';
import { derivedFigure, sentenceNotAClaim, type NotAClaim } from './claims';
import { findFiguresScanned } from './scan';

/** Quotation marks: a citation right after a closing one covers the quotation. */
const OPENING_QUOTES = '"“«‘';
const CLOSING_QUOTES = '"”»’';

/** The opening quote that pairs with a closing one. */
const OPENER_OF: Record<string, string> = { '”': '“', '»': '«', '’': '‘', '"': '"' };

/**
 * Quotations that a citation right after their closing quote covers (`“… 40 percent …”[^3]`), as
 * [start, end) spans: from the last opening quote of the same kind before it. One pass.
 */
function citedQuotations(text: string, cites: Citation[]): { start: number; end: number }[] {
  const closes: number[] = [];
  for (const c of cites) {
    let k = c.start - 1;
    while (k >= 0 && '.,;:!?'.includes(text[k])) k--;
    if (k >= 0 && CLOSING_QUOTES.includes(text[k])) closes.push(k);
  }
  if (closes.length === 0) return [];
  const out: { start: number; end: number }[] = [];
  const lastOpen: Record<string, number> = { '“': -1, '«': -1, '‘': -1, '"': -1 };
  let next = 0;
  for (let i = 0; i < text.length && next < closes.length; i++) {
    while (next < closes.length && closes[next] === i) {
      const open = lastOpen[OPENER_OF[text[i]]];
      if (open >= 0) out.push({ start: open, end: i + 1 });
      next++;
    }
    const ch = text[i];
    // A straight quote opens when it does not follow a word character.
    if (ch === '"' ? i === 0 || !/\w/.test(text[i - 1]) : OPENING_QUOTES.includes(ch)) lastOpen[ch] = i;
  }
  return out;
}

const CLOSING_TAIL = new Set(['.', ',', ';', ':', '!', '?', ')', ']', '}', '"', '”', '’', "'", '»', '›', '*', '_', '…']);

/** Whether the last non-space token of the paragraph is a citation (possibly followed by closing punctuation). */
export function closesWithCitation(text: string, citations: Citation[]): boolean {
  if (citations.length === 0) return false;
  const last = citations[citations.length - 1];
  for (let k = last.end; k < text.length; k++) {
    const c = text[k];
    if (isSpaceCh(c) || CLOSING_TAIL.has(c)) continue;
    return false;
  }
  return true;
}

/**
 * Figures with no citation behind them: a citation must follow the figure
 * within the same sentence, or (scope 'paragraph', the default) close the
 * paragraph (the last non-space token of the paragraph is a citation,
 * possibly followed only by closing punctuation/quotes). A figure inside the
 * text of a link citation is cited by that link.
 */
export function findUncitedFigures(text: string, options?: Partial<UncitedOptions>): Figure[] {
  return analyseFigures(text, options).uncited;
}

/** What the figure check reads of one paragraph. */
export interface FigureAnalysis {
  /** Every figure (cited or not). */
  figures: Figure[];
  /** The figures with no citation behind them (see findUncitedFigures). */
  uncited: Figure[];
  /** Citations in the paragraph: markers, Pandoc citations and Markdown links (`[text](url)`), not bare URLs or bracket numbers. */
  citations: number;
}

const NONE: Figure[] = [];

/** The paragraph's figures, which of them are uncited, and how many citations it has. */
export function analyseFigures(text: string, options?: Partial<UncitedOptions>): FigureAnalysis {
  const scope = options?.citationScope ?? 'paragraph';
  const scan = scanMarkup(text);
  const figures = findFiguresScanned(text, scan, options);
  const cites = scan.citations;
  let citations = 0;
  // Bracket numbers (`argv[0]`) cite only where the document has a numbered list: the model's markers say so.
  for (const c of cites) if ((c.kind !== 'link' || text[c.start] === '[') && c.kind !== 'bracket') citations++;
  if (figures.length === 0) return { figures, uncited: NONE, citations };
  if (scope === 'paragraph' && closesWithCitation(text, cites)) return { figures, uncited: NONE, citations };
  const sentences = splitSentencesScanned(text, scan);
  const quotations = citedQuotations(text, cites);
  const out: Figure[] = [];
  let si = 0;
  // What the current sentence says of its figures, computed once per sentence.
  let judged = -1;
  let judgement: NotAClaim | undefined;
  for (const f of figures) {
    while (si < sentences.length - 1 && sentences[si].end <= f.start) si++;
    const sent = sentences[si] ?? { start: 0, end: text.length };
    const sentEnd = Math.max(sent.end, f.end);
    // A quotation whose closing quote carries the note covers the numbers inside it.
    if (quotations.some((q) => f.start >= q.start && f.end <= q.end)) continue;
    // Numbers a rule or a proposal sets, or that an example imagines or a sum derives, need no source.
    if (judged !== si) {
      judged = si;
      judgement = sentenceNotAClaim(text.slice(sent.start, sentEnd));
    }
    if (judgement || derivedFigure(text, f.start, f.kind === 'percent')) continue;
    // First citation starting at or after the figure's end.
    let lo = 0;
    let hi = cites.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cites[mid].start < f.end) lo = mid + 1;
      else hi = mid;
    }
    let cited = lo < cites.length && cites[lo].start < sentEnd;
    // Several markers in one sentence (`growth[^62], [^63]`) cite the whole sentence, and so does
    // a narrative citation before the figure ("As @doe2020 shows, 40% …").
    if (!cited) {
      let inSentence = 0;
      for (let k = lo - 1; k >= 0 && cites[k].start >= sent.start && !cited; k--) {
        if (cites[k].kind === 'link') continue;
        if (cites[k].kind === 'pandoc' && text[cites[k].start] !== '[') cited = true;
        else if (++inSentence >= 2) cited = true;
      }
    }
    // A link whose text contains the figure.
    if (!cited && lo > 0) {
      const c = cites[lo - 1];
      if (c.start <= f.start && c.end >= f.end) cited = true;
    }
    if (!cited) out.push(f);
  }
  return { figures, uncited: out, citations };
}
