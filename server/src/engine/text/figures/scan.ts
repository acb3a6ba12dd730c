/**
 * The driver: masks what is not prose, walks the digits once (each number parsed and classified
 * once, at most twice when a range look-ahead rejects it), and merges in the spelled-out figures.
 */
import { scanMarkup, type MarkupScan } from '../citations';
import type { Span } from '../span';
import type { Figure, FigureOptions } from './types';
import { isDigitAt } from './chars';
import { classify } from './classify';
import type { Ctx } from './ctx';
import { parseChain } from './numbers';
import { findSpelled } from './spelled';

/** Positions no figure can start in: non-prose markup and citations other than links (whose text is prose). */
function buildMask(n: number, scan: MarkupScan): Uint8Array {
  const masked = new Uint8Array(n);
  // Spans may nest (link destinations inside link destinations): fill each position once.
  const spans: Span[] = [...scan.nonProse, ...scan.citations.filter((c) => c.kind !== 'link')].sort((a, b) => a.start - b.start);
  let filled = 0;
  for (const s of spans) {
    const from = Math.max(s.start, filled);
    if (s.end > from) {
      masked.fill(1, from, s.end);
      filled = s.end;
    }
  }
  return masked;
}

/** The scan: every number once, classified; then, with spelledOut, the spelled-out ones merged in. */
export function findFiguresScanned(text: string, scan: MarkupScan, options?: Partial<FigureOptions>): Figure[] {
  const n = text.length;
  const masked = buildMask(n, scan);
  const ctx: Ctx = { t: text, n, masked, identEnd: -1, spReach: 0 };
  const out: Figure[] = [];
  let i = 0;
  while (i < n) {
    // The digit test is written out here: it runs at every character (an imported helper costs a
    // property read per call where modules are not bundled, as under tsx).
    const code = text.charCodeAt(i);
    if (masked[i] || code < 48 || code > 57) {
      i++;
      continue;
    }
    if (i > 0 && isDigitAt(text, i - 1)) {
      i++;
      continue;
    }
    const ch = parseChain(text, i, masked);
    const c = classify(ctx, ch);
    if (c.fig) {
      // Never overlap a previous figure.
      const prev = out[out.length - 1];
      if (!prev || c.fig.start >= prev.end) out.push(c.fig);
      else if (c.fig.end > prev.end) {
        /* overlapping: keep the earlier one */
      }
    }
    i = Math.max(c.end, ch.end, i + 1);
  }
  if (options?.spelledOut) {
    const sp: Figure[] = [];
    findSpelled(ctx, sp);
    if (sp.length) {
      const merged: Figure[] = [];
      let a = 0;
      let b = 0;
      while (a < out.length || b < sp.length) {
        const next = b >= sp.length || (a < out.length && out[a].start <= sp[b].start) ? out[a++] : sp[b++];
        const last = merged[merged.length - 1];
        if (last && next.start < last.end) continue;
        merged.push(next);
      }
      return merged;
    }
  }
  return out;
}

/** Every figure (a number stating a quantity) in one paragraph of prose. */
export function findFigures(text: string, options?: Partial<FigureOptions>): Figure[] {
  return findFiguresScanned(text, scanMarkup(text), options);
}
