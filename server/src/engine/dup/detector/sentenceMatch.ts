/**
 * Repeated sentences in paragraphs that are not reported as copies: exact sentence keys first,
 * then LSH candidates verified by word edit similarity.
 */
import type { DupFinding } from './types';
import { editSimilarity, sameSequence } from '../minhash';
import { bucketCandidates, bucketStarts, markCross, selfBuckets, type SelfBuckets } from './buckets';
import type { DocState, MatchEnv, SentSig } from './state';

/** similar-sentence findings of the paragraphs of `st` not already `reported`. */
export function sentenceFindings(
  env: MatchEnv,
  st: DocState,
  others: DocState[],
  reported: Uint8Array,
  out: Array<{ rank: number; f: DupFinding }>,
): void {
  const n = st.sigs.length;
  const total = st.sRank.length;
  const sSelf = selfBuckets(st.sBands, total, (g) => st.sFirst[st.sRank[g]!]!);
  const sCross = markCross(st.sBands, total, others.map((o) => o.sBands));
  for (let r = 0; r < n; r++) {
    if (reported[r]) continue;
    const sig = st.sigs[r]!;
    const firstOfR = st.sFirst[r]!;
    for (let l = 0; l < sig.sentences.length; l++) {
      const s = sig.sentences[l]!;
      const g = firstOfR + l;
      const hit = matchSentence(env, s, g, st, firstOfR, others, sSelf, g < total && sCross[g] === 1);
      if (!hit) continue;
      const os = sentenceAt(hit.doc, hit.g);
      out.push({
        rank: r,
        f: {
          kind: 'similar-sentence',
          ids: [st.ids[r]!],
          sentence: { start: s.start, end: s.end },
          original: {
            doc: hit.doc.key,
            ids: [hit.doc.ids[hit.doc.sRank[hit.g]!]!],
            sentence: { start: os.start, end: os.end },
          },
          similarity: hit.sim,
        },
      });
    }
  }
}

export function sentenceAt(o: DocState, g: number): SentSig {
  return o.sigs[o.sRank[g]!]!.sentences[o.sLocal[g]!]!;
}

/** First occurrence (confirmed on the words) of an exact sentence among global indices < limit. */
export function exactSentence(s: SentSig, o: DocState, limit: number): number {
  const list = o.sExact.get(s.key);
  if (!list) return -1;
  for (const g of list) {
    if (g >= limit) return -1;
    if (sameSequence(sentenceAt(o, g).words, s.words)) return g;
  }
  return -1;
}

export function matchSentence(
  env: MatchEnv,
  s: SentSig,
  g: number,
  st: DocState,
  limit: number,
  others: DocState[],
  self: SelfBuckets,
  nearCross: boolean,
): { doc: DocState; g: number; sim: number } | null {
  // exact: same document (sentences of earlier paragraphs), then other documents
  const g0 = exactSentence(s, st, limit);
  if (g0 >= 0) return { doc: st, g: g0, sim: 1 };
  for (const o of others) {
    const g1 = exactSentence(s, o, o.sRank.length);
    if (g1 >= 0) return { doc: o, g: g1, sim: 1 };
  }
  if (g < st.sRank.length && self.off[g + 1]! > self.off[g]!) {
    const same = nearSentence(env, s, st, self.starts, self.off[g]!, self.off[g + 1]!, limit);
    if (same) return same;
  }
  let best: { doc: DocState; g: number; sim: number } | null = null;
  if (nearCross) {
    for (const o of others) {
      const starts = bucketStarts(o.sBands, s.bands);
      if (starts.length === 0) continue;
      const c = nearSentence(env, s, o, starts, 0, starts.length, o.sRank.length);
      if (c && (!best || c.sim > best.sim)) best = c;
    }
  }
  return best;
}

export function nearSentence(
  env: MatchEnv,
  s: SentSig,
  o: DocState,
  starts: ArrayLike<number>,
  from: number,
  to: number,
  limit: number,
): { doc: DocState; g: number; sim: number } | null {
  const idx = bucketCandidates(env, o.sBands, starts, from, to, limit, o.stampS, o.hitsS);
  let best: { doc: DocState; g: number; sim: number } | null = null;
  for (const g of idx) {
    const sim = editSimilarity(s.words, sentenceAt(o, g).words, env.options.sentenceThreshold);
    if (sim >= env.options.sentenceThreshold && (!best || sim > best.sim || (sim === best.sim && g < best.g))) {
      best = { doc: o, g, sim };
    }
  }
  return best;
}
