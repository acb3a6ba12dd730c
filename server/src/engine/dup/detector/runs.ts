/**
 * Paragraph matches into findings: consecutive copies of consecutive originals become one run
 * (one finding), a template repeated back to back stays one finding per copy.
 */
import type { DupFinding } from './types';
import { pairSimilarity } from './paragraphMatch';
import { EXACT_ALT_CAP, type DocState, type MatchEnv, type ParaMatch } from './state';

/** Runs of paragraph matches, as findings (`reported` marks the paragraphs that got one). */
export function buildRuns(
  env: MatchEnv,
  st: DocState,
  matches: Array<ParaMatch | null>,
  reported: Uint8Array,
  out: Array<{ rank: number; f: DupFinding }>,
): void {
  const n = matches.length;
  let run: { kind: ParaMatch['kind']; start: number; copies: number[]; doc: DocState; origs: number[]; minSim: number } | null = null;
  const flush = () => {
    if (!run) return;
    out.push({
      rank: run.start,
      f: {
        kind: run.kind,
        ids: run.copies.map((r) => st.ids[r]!),
        original: { doc: run.doc.key, ids: run.origs.map((r) => run!.doc.ids[r]!) },
        similarity: run.minSim,
      },
    });
    run = null;
  };
  for (let r = 0; r < n; r++) {
    const m = matches[r];
    if (!m) {
      flush();
      continue;
    }
    reported[r] = 1;
    const sig = st.sigs[r]!;
    // a paragraph identical to the one before it (a template repeated back to
    // back) neither extends nor starts a block copy: each copy points at the
    // first occurrence
    const repeatsPrev = r > 0 && st.sigs[r - 1]!.norm === sig.norm;
    // continue the open run?
    if (run && !repeatsPrev && run.kind === m.kind && run.copies[run.copies.length - 1] === r - 1) {
      const next = run.origs[run.origs.length - 1]! + 1;
      if (run.doc !== st || next < run.start) {
        const sim = pairSimilarity(env, m.kind, sig, run.doc, next);
        if (sim >= 0) {
          run.copies.push(r);
          run.origs.push(next);
          if (sim < run.minSim) run.minSim = sim;
          continue;
        }
      }
    }
    flush();
    // start a run: prefer an original whose successor matches the next paragraph
    let chosen = m.cands[0]!;
    const nm = r + 1 < n ? matches[r + 1] : null;
    if (nm && nm.kind === m.kind && st.sigs[r + 1]!.norm !== sig.norm) {
      const nextSig = st.sigs[r + 1]!;
      const limit = Math.min(m.cands.length, EXACT_ALT_CAP);
      for (let k = 0; k < limit; k++) {
        const c = m.cands[k]!;
        if (c.doc === st && c.rank + 1 >= r) continue;
        if (pairSimilarity(env, m.kind, nextSig, c.doc, c.rank + 1) >= 0) {
          chosen = c;
          break;
        }
      }
    }
    run = { kind: m.kind, start: r, copies: [r], doc: chosen.doc, origs: [chosen.rank], minSim: chosen.sim };
  }
  flush();
}
