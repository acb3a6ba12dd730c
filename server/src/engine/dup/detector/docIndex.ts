/**
 * One document's index, rebuilt from cached signatures when the document changes: normalised
 * text → ranks, the LSH band table of paragraphs, and the same two for sentences.
 */
import { buildBandTable } from '../minhash';
import type { DupParagraph } from './types';
import { EMPTY_U32, MAX_INDEXED, type DocState, type Sig } from './state';

/** Index of the considered paragraphs of one document (short ones are left out). */
export function buildDoc(key: string, paragraphs: DupParagraph[], all: Sig[]): DocState {
  const sigs: Sig[] = [];
  const ids: number[] = [];
  for (let i = 0; i < paragraphs.length; i++) {
    const s = all[i]!;
    if (!s.considered || sigs.length >= MAX_INDEXED) continue;
    sigs.push(s);
    ids.push(paragraphs[i]!.id);
  }
  const n = sigs.length;
  const exact = new Map<string, number[]>();
  const pKeys: Uint32Array[] = new Array(n);
  let sentTotal = 0;
  for (let r = 0; r < n; r++) {
    const s = sigs[r]!;
    const list = exact.get(s.norm);
    // only the first occurrence of a text goes into the LSH table: later exact
    // copies are never better originals, and templates repeated thousands of
    // times would otherwise fill the buckets
    if (list) {
      list.push(r);
      pKeys[r] = EMPTY_U32;
    } else {
      exact.set(s.norm, [r]);
      pKeys[r] = s.bands;
    }
    sentTotal += s.sentences.length;
  }
  sentTotal = Math.min(sentTotal, MAX_INDEXED);
  const sRank = new Int32Array(sentTotal);
  const sLocal = new Int32Array(sentTotal);
  const sFirst = new Int32Array(n + 1);
  const sExact = new Map<number, number[]>();
  const sKeys: Uint32Array[] = new Array(sentTotal);
  let g = 0;
  for (let r = 0; r < n; r++) {
    sFirst[r] = g;
    const ss = sigs[r]!.sentences;
    for (let l = 0; l < ss.length && g < sentTotal; l++, g++) {
      sRank[g] = r;
      sLocal[g] = l;
      const list = sExact.get(ss[l]!.key);
      if (list) {
        list.push(g);
        sKeys[g] = EMPTY_U32;
      } else {
        sExact.set(ss[l]!.key, [g]);
        sKeys[g] = ss[l]!.bands;
      }
    }
  }
  sFirst[n] = g;
  return {
    key,
    paragraphs,
    sigs,
    ids,
    exact,
    pBands: buildBandTable(pKeys, n),
    sRank,
    sLocal,
    sFirst,
    sExact,
    sBands: buildBandTable(sKeys, g),
    stampP: new Int32Array(n),
    stampS: new Int32Array(g),
    hitsP: new Int32Array(n),
    hitsS: new Int32Array(g),
  };
}
