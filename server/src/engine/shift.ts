import type { Finding } from './checks/types';
import { commonEnds } from './parse/common';
import type { Span } from './model';

/**
 * Carries findings of a previous version of a text over to the new one: spans before the edit stay,
 * spans after it move with it, findings touching the edited stretch are dropped (they are computed
 * again). Used to keep slow checks' findings in place while they are recomputed in the background.
 */
export function carryOver(findings: Finding[], oldText: string, newText: string): Finding[] {
  const { prefix, suffix } = commonEnds(oldText, newText);
  const oldEnd = oldText.length - suffix;
  const delta = newText.length - oldText.length;
  const map = (s: Span): Span | undefined => {
    if (s.end <= prefix) return s;
    if (s.start >= oldEnd) return { start: s.start + delta, end: s.end + delta };
    return undefined;
  };
  const out: Finding[] = [];
  for (const f of findings) {
    const span = map(f.span);
    if (!span) continue;
    const related = f.related?.map((r) => (r.uri ? r : { ...r, span: map(r.span) ?? r.span }));
    if (f.related?.some((r) => !r.uri && !map(r.span))) continue;
    let data = f.data;
    const paras = data?.paragraphs as [number, number][][] | undefined;
    if (Array.isArray(paras)) {
      const moved = paras.map((p) => p.map(([a, b]) => map({ start: a, end: b })));
      if (moved.some((p) => p.some((x) => !x))) continue;
      data = { ...data, paragraphs: moved.map((p) => p.map((x) => [x!.start, x!.end])) };
    }
    out.push({ ...f, span, related, data });
  }
  return out;
}
