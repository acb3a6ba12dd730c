/**
 * A paragraph's signature, computed once per distinct text: its normalised text, 3-word shingle
 * set and LSH band keys, and for every sentence of sentenceMinWords words or more its word hashes,
 * sequence key and band keys, all in one buffer.
 */
import { splitSentences } from '../../text/sentences';
import type { Span } from '../../text/span';
import { bandKeysInto, hashWordsInto, minhash, sequenceKey, shingleSet } from '../minhash';
import { normalizeParagraph } from '../normalize';
import { EMPTY_U32, SHINGLE_K, type SentSig, type Sig, type SigParams } from './state';

let WORD_SCRATCH = new Uint32Array(1024);
/** A shared scratch array of at least `n` entries (consumed before the next call). */
function wordScratch(n: number): Uint32Array {
  if (WORD_SCRATCH.length < n) WORD_SCRATCH = new Uint32Array(Math.max(n, 2 * WORD_SCRATCH.length));
  return WORD_SCRATCH;
}

/** After a huge paragraph, the scratch array goes back to its usual size instead of staying that big. */
function releaseWordScratch(): void {
  if (WORD_SCRATCH.length > 1 << 18) WORD_SCRATCH = new Uint32Array(1024);
}

/** The signature of one paragraph text (a short paragraph gets one with `considered: false` and nothing else). */
export function computeSig(text: string, p: SigParams): Sig {
  const spans = splitSentences(text);
  const sentNorms: string[] = [];
  const sentSpans: Span[] = [];
  for (const sp of spans) {
    const norm = normalizeParagraph(text.slice(sp.start, sp.end));
    if (norm.length === 0) continue;
    sentNorms.push(norm);
    sentSpans.push(sp);
  }
  const norm = sentNorms.join(' ');
  // Word hashes of every sentence, counted as they are hashed (a normalised string of length L
  // has at most (L + 1) / 2 words, so the scratch array is large enough).
  const scratch = wordScratch(norm.length + 1);
  const counts: number[] = new Array(sentNorms.length);
  let wordCount = 0;
  for (let s = 0; s < sentNorms.length; s++) {
    counts[s] = hashWordsInto(sentNorms[s]!, scratch, wordCount);
    wordCount += counts[s]!;
  }
  if (wordCount < p.options.minWords) {
    return { norm, wordCount, considered: false, shingles: EMPTY_U32, bands: EMPTY_U32, sentences: [] };
  }
  const wh = scratch.subarray(0, wordCount);
  const shingleTmp = shingleSet(wh, SHINGLE_K);
  // Everything the signature keeps lives in one buffer, the arrays below are views into it: a
  // buffer per array costs more than its content (a 10 MB brief has a hundred thousand of them).
  // Layout: shingles, paragraph band keys, then per compared sentence its word hashes and keys.
  const minWords = p.options.sentenceMinWords;
  const sBands = p.sBands;
  let size = shingleTmp.length + p.pBands;
  for (let s = 0; s < counts.length; s++) if (counts[s]! >= minWords) size += counts[s]! + sBands;
  const data = new Uint32Array(size);
  data.set(shingleTmp, 0);
  const shingles = data.subarray(0, shingleTmp.length);
  let at = shingleTmp.length;
  bandKeysInto(minhash(shingles), p.pRows, p.pBands, data, at);
  const bands = data.subarray(at, at + p.pBands);
  at += p.pBands;
  const sentences: SentSig[] = [];
  let offset = 0;
  for (let s = 0; s < sentNorms.length; s++) {
    const count = counts[s]!;
    if (count >= minWords) {
      data.set(wh.subarray(offset, offset + count), at);
      const words = data.subarray(at, at + count);
      at += count;
      // MinHash of the multiset = of the set
      bandKeysInto(minhash(words), p.sRows, sBands, data, at);
      sentences.push({ start: sentSpans[s]!.start, end: sentSpans[s]!.end, key: sequenceKey(words), words, bands: data.subarray(at, at + sBands) });
      at += sBands;
    }
    offset += count;
  }
  releaseWordScratch();
  return { norm, wordCount, considered: true, shingles, bands, sentences };
}
