/**
 * Which figures are uncited: a citation must follow the figure in its sentence, or (scope
 * 'paragraph') close the paragraph.
 */
import { scanMarkup, type Citation } from '../citations';
import { splitSentencesScanned } from '../sentences';
import type { Figure, UncitedOptions } from './types';
import { isSpaceCh } from './chars';
import { findFiguresScanned } from './scan';

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
  const scope = options?.citationScope ?? 'paragraph';
  const scan = scanMarkup(text);
  const figures = findFiguresScanned(text, scan, options);
  if (figures.length === 0) return figures;
  const cites = scan.citations;
  if (scope === 'paragraph' && closesWithCitation(text, cites)) return [];
  const sentences = splitSentencesScanned(text, scan);
  const out: Figure[] = [];
  let si = 0;
  for (const f of figures) {
    while (si < sentences.length - 1 && sentences[si].end <= f.start) si++;
    const sent = sentences[si] ?? { start: 0, end: text.length };
    const sentEnd = Math.max(sent.end, f.end);
    // First citation starting at or after the figure's end.
    let lo = 0;
    let hi = cites.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cites[mid].start < f.end) lo = mid + 1;
      else hi = mid;
    }
    let cited = lo < cites.length && cites[lo].start < sentEnd;
    // A link whose text contains the figure.
    if (!cited && lo > 0) {
      const c = cites[lo - 1];
      if (c.start <= f.start && c.end >= f.end) cited = true;
    }
    if (!cited) out.push(f);
  }
  return out;
}
