/**
 * Matching one paragraph: exact copies (same document, then others), then near copies through the
 * LSH buckets, verified with exact shingle Jaccard.
 */
import { jaccardSorted } from '../minhash';
import { bucketCandidates, bucketStarts, type SelfBuckets } from './buckets';
import { EXACT_ALT_CAP, type Cand, type DocState, type MatchEnv, type ParaMatch, type Sig } from './state';

/** The best match of paragraph rank `r` of `st`: exact before similar, same document before others; null when none. */
export function matchParagraph(env: MatchEnv, st: DocState, r: number, others: DocState[], self: SelfBuckets, nearCross: boolean): ParaMatch | null {
  const sig = st.sigs[r]!;
  // exact, same document: earlier occurrences
  const occ = st.exact.get(sig.norm)!;
  if (occ[0]! < r) {
    const cands: Cand[] = [];
    for (let k = 0; k < occ.length && occ[k]! < r && cands.length < EXACT_ALT_CAP; k++) {
      cands.push({ doc: st, rank: occ[k]!, sim: 1 });
    }
    return { kind: 'duplicate-paragraph', cands };
  }
  // exact, other documents
  if (others.length > 0) {
    const cands: Cand[] = [];
    for (const o of others) {
      const oo = o.exact.get(sig.norm);
      if (!oo) continue;
      for (let k = 0; k < oo.length && cands.length < EXACT_ALT_CAP; k++) cands.push({ doc: o, rank: oo[k]!, sim: 1 });
      if (cands.length >= EXACT_ALT_CAP) break;
    }
    if (cands.length > 0) return { kind: 'duplicate-paragraph', cands };
  }
  // near, same document, then other documents
  const from = self.off[r]!;
  const to = self.off[r + 1]!;
  const same = to > from ? nearParagraphs(env, sig, st, self.starts, from, to, r) : [];
  if (same.length > 0) return { kind: 'similar-paragraph', cands: same };
  if (nearCross) {
    let cross: Cand[] = [];
    for (const o of others) {
      const starts = bucketStarts(o.pBands, sig.bands);
      if (starts.length > 0) cross = cross.concat(nearParagraphs(env, sig, o, starts, 0, starts.length, o.sigs.length));
    }
    if (cross.length > 0) {
      cross.sort((a, b) => b.sim - a.sim);
      return { kind: 'similar-paragraph', cands: cross };
    }
  }
  return null;
}

/** Verified near-duplicate candidates (Jaccard ≥ threshold, not exact) among ranks < limit of `o`, best first. */
export function nearParagraphs(env: MatchEnv, sig: Sig, o: DocState, starts: ArrayLike<number>, from: number, to: number, limit: number): Cand[] {
  const thr = env.options.similarityThreshold;
  const idx = bucketCandidates(env, o.pBands, starts, from, to, limit, o.stampP, o.hitsP);
  const out: Cand[] = [];
  const na = sig.shingles.length;
  for (const rank of idx) {
    const cs = o.sigs[rank]!;
    if (cs.norm === sig.norm) continue;
    const nb = cs.shingles.length;
    if (Math.min(na, nb) < thr * Math.max(na, nb)) continue;
    const j = jaccardSorted(sig.shingles, cs.shingles, thr);
    if (j >= 0) out.push({ doc: o, rank, sim: j });
  }
  out.sort((a, b) => b.sim - a.sim || a.rank - b.rank);
  return out;
}

/** Does paragraph `sig` match paragraph `rank` of `o` with the given kind? Similarity or −1. */
export function pairSimilarity(env: MatchEnv, kind: ParaMatch['kind'], sig: Sig, o: DocState, rank: number): number {
  if (rank < 0 || rank >= o.sigs.length) return -1;
  const os = o.sigs[rank]!;
  if (kind === 'duplicate-paragraph') return os.norm === sig.norm ? 1 : -1;
  if (os.norm === sig.norm) return -1;
  return jaccardSorted(sig.shingles, os.shingles, env.options.similarityThreshold);
}
