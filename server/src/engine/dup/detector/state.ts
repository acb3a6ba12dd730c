/**
 * The detector's internal structures: per-text signatures, per-document indexes, candidates, and
 * the limits that keep every lookup bounded.
 */
import type { Span } from '../../text/span';
import type { BandTable } from '../minhash';
import type { DupOptions, DupParagraph } from './types';

/** words per shingle for paragraph similarity */
export const SHINGLE_K = 3;
/** safety limit: paragraphs / sentences indexed per document */
export const MAX_INDEXED = 0x3fffffff;
/** bucket entries scanned per band and per looked-up paragraph/sentence */
export const BUCKET_SCAN_CAP = 12;
/** distinct candidates verified per looked-up paragraph/sentence and per document */
export const CANDIDATE_CAP = 16;
/** exact occurrences kept as alternative originals (for run alignment) */
export const EXACT_ALT_CAP = 8;

/** A compared sentence: its span in the paragraph text, and its keys. */
export interface SentSig extends Span {
  /** 53-bit hash of the word sequence (exact-match key; hits are confirmed on `words`) */
  key: number;
  words: Uint32Array;
  bands: Uint32Array;
}

export interface Sig {
  norm: string;
  wordCount: number;
  considered: boolean;
  shingles: Uint32Array;
  bands: Uint32Array;
  sentences: SentSig[];
}

export interface CacheEntry {
  sig: Sig;
  refs: number;
}

export interface DocState {
  key: string;
  paragraphs: DupParagraph[];
  /** signature per considered rank */
  sigs: Sig[];
  /** caller id per considered rank */
  ids: number[];
  /** normalised text → considered ranks (ascending) */
  exact: Map<string, number[]>;
  /** LSH buckets of paragraphs (items = ranks) */
  pBands: BandTable;
  /** sentence (global index within the doc) → paragraph rank / sentence index in its paragraph */
  sRank: Int32Array;
  sLocal: Int32Array;
  /** first global sentence index of each rank (length = ranks + 1) */
  sFirst: Int32Array;
  /** sentence key → global sentence indices (ascending) */
  sExact: Map<number, number[]>;
  /** LSH buckets of sentences (items = global sentence indices) */
  sBands: BandTable;
  /** scratch for candidate de-duplication and bucket-hit counts */
  stampP: Int32Array;
  stampS: Int32Array;
  hitsP: Int32Array;
  hitsS: Int32Array;
}

export interface Cand {
  doc: DocState;
  rank: number;
  sim: number;
}

export interface ParaMatch {
  kind: 'duplicate-paragraph' | 'similar-paragraph';
  cands: Cand[];
}

export const EMPTY_U32 = new Uint32Array(0);

/** What a signature is computed with: the options (word minima) and the LSH band layout of paragraphs and sentences. */
export interface SigParams {
  readonly options: DupOptions;
  pRows: number;
  pBands: number;
  sRows: number;
  sBands: number;
}

/**
 * Tokens for candidate de-duplication (DocState.stampP/stampS): a fresh token per lookup, so the
 * scratch arrays never need clearing, except every 2³¹ lookups when the token wraps.
 */
export class Stamps {
  private token = 0;
  constructor(private readonly docs: Map<string, DocState>) {}

  next(): number {
    if (this.token >= 0x7ffffff0) {
      this.token = 0;
      for (const d of this.docs.values()) {
        d.stampP.fill(0);
        d.stampS.fill(0);
      }
    }
    return ++this.token;
  }
}

/** What the matching functions share with the index: its options and its stamp tokens. */
export interface MatchEnv {
  readonly options: DupOptions;
  readonly stamps: Stamps;
}
