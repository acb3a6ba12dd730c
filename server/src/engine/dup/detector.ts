/**
 * Duplicate detection over prose paragraphs: exact duplicates, near-duplicate
 * paragraphs and repeated sentences, within a document and across documents.
 *
 * Pure module (no LSP / vscode imports, no I/O).
 *
 * How it works
 * - Each paragraph gets a signature, cached by its raw text (shared by all
 *   documents, reference-counted, dropped when no document uses the text):
 *   normalised text (exact key), sorted set of 3-word shingle hashes, MinHash
 *   (64 × 32-bit) reduced to LSH band keys, and for every sentence of
 *   ≥ sentenceMinWords words its span, word hashes, a 53-bit sequence hash
 *   (exact key) and LSH band keys of its word set.
 * - Per document, `setDocument` builds an index (rebuilt only for that document,
 *   from cached signatures): Map normalised text → paragraph ranks, an LSH band
 *   table ((band key, rank) pairs radix-sorted by key; only the first occurrence
 *   of each text is entered), and the same two for sentences.
 * - `findings` looks up exact matches in the maps; for near matches one
 *   sequential pass over the sorted band table lists, for each paragraph, the
 *   buckets it shares with an earlier paragraph (other documents: merge of the
 *   sorted key arrays, then binary search for the items that share a key). Only
 *   those buckets are read, at most BUCKET_SCAN_CAP entries each, at most
 *   CANDIDATE_CAP candidates per paragraph (most shared buckets first), each
 *   verified with exact shingle Jaccard (sentences: word edit similarity).
 *   Nothing is quadratic: a paragraph that occurs 20,000 times costs one map
 *   lookup per copy and is in the band table once.
 *
 * Decisions
 * - Paragraph similarity: Jaccard of 3-word shingle sets (k = 3 as specified:
 *   k = 2 matches too much common phrasing, k ≥ 4 punishes a single changed word
 *   in short paragraphs too hard). LSH: 64 hashes; 16 bands × 4 rows for
 *   thresholds ≥ 0.7 (P(candidate) ≈ 0.9998 at J = 0.8), 21 × 3 for ≥ 0.5, 32 × 2 below.
 * - Sentence similarity: word-level edit similarity 1 − d / max(len) (d =
 *   Levenshtein distance over words). 3-shingle Jaccard is too harsh for one
 *   sentence: seed 001's "Now, the contraction … militant networks to reorganize …"
 *   vs "The contraction … terrorist organisations to reorganise …" (3 words
 *   changed, 1 added, 27 words) has shingle Jaccard 0.58 but edit similarity 0.85.
 *   Candidates come from MinHash/LSH on the sentence's word set: edit
 *   similarity ≥ t implies a word-set Jaccard of about t/(2−t) or more (0.67 at
 *   t = 0.8; 0.76 in the seed 001 case), so sentences use 21 bands × 3 rows
 *   (P(candidate) ≥ 0.999 at J = 0.67; ≈ 0.003 at J = 0.05, the typical overlap
 *   of unrelated sentences through common words).
 * - Words: tokens of the normalised text (hyphenated words count as two words,
 *   note markers are not words).
 * - Short paragraphs (< minWords words) are ignored entirely and are transparent
 *   for runs: "consecutive" means consecutive among the paragraphs considered.
 * - Runs: later copies consecutive and their originals consecutive in the same
 *   order, same document, same kind (duplicate runs and similar runs are not
 *   mixed), and (within one document) the originals all before the first copy.
 *   A paragraph identical to the one just before it never joins a run, so a
 *   template repeated back to back gives one finding per copy, each pointing at
 *   the first occurrence.
 * - Cross-file reporting rule (default `crossFileReport: 'later-key'`): a match
 *   against another document is reported only in the document whose key sorts
 *   after the other's (plain string comparison of the keys), so a pair of files
 *   is reported once. `'both'` reports it in both documents.
 * - Original preference: same-document exact > other-document exact >
 *   same-document similar > other-document similar; among exact copies the
 *   first occurrence; among similar ones the highest similarity, then earliest.
 */
import { normalizeParagraph } from './normalize';
import { splitSentences } from '../text/sentences';
import {
  NUM_HASHES,
  type BandTable,
  bandKeysInto,
  bucketStart,
  buildBandTable,
  hashWordsInto,
  sameSequence,
  sequenceKey,
  editSimilarity,
  jaccardSorted,
  minhash,
  rowsForThreshold,
  shingleSet,
} from './minhash';

export { normalizeParagraph } from './normalize';

export interface DupParagraph {
  /** caller's id for this paragraph (index into its own list) */
  id: number;
  /** the paragraph text, as the writer sees it (markers like ¹², [^3], [4] still in it) */
  text: string;
  /** source document key (URI); paragraphs of other documents are for cross-file matching */
  doc: string;
}

export interface DupOptions {
  /** default 0.8, Jaccard on 3-word shingles */
  similarityThreshold: number;
  /** default 8: shorter paragraphs are ignored */
  minWords: number;
  /** default 15: shorter sentences are not compared */
  sentenceMinWords: number;
  /** default 0.8, word-level edit similarity of two sentences */
  sentenceThreshold: number;
  /**
   * default 'later-key': a cross-file match is reported only in the document
   * whose key sorts after the other document's key (each pair once);
   * 'both': reported in both documents.
   */
  crossFileReport: 'later-key' | 'both';
}

export type DupKind = 'duplicate-paragraph' | 'similar-paragraph' | 'similar-sentence';

export interface DupFinding {
  kind: DupKind;
  /** ids (in the current doc) of the later copy; for a run of consecutive duplicated paragraphs, ALL the ids of the run, in order */
  ids: number[];
  /** for similar-sentence: the span of the sentence within the paragraph text of ids[0] */
  sentence?: { start: number; end: number };
  /** what it copies: doc + ids of the earlier paragraph(s) (same doc: earlier ones; other doc: any) and for similar-sentence the span in that paragraph */
  original: { doc: string; ids: number[]; sentence?: { start: number; end: number } };
  /** 0..1, 1 for exact; for a run, the lowest similarity in the run */
  similarity: number;
}

export interface DupStats {
  documents: number;
  paragraphs: number;
  /** signatures currently cached (distinct paragraph texts in use) */
  cachedSignatures: number;
  /** signatures computed since the index was created (cache misses) */
  signaturesComputed: number;
}

export const DEFAULT_DUP_OPTIONS: DupOptions = {
  similarityThreshold: 0.8,
  minWords: 8,
  sentenceMinWords: 15,
  sentenceThreshold: 0.8,
  crossFileReport: 'later-key',
};

/* ------------------------------------------------------------------------ */
/* internal structures                                                       */
/* ------------------------------------------------------------------------ */

const SHINGLE_K = 3;
/** safety limit: paragraphs / sentences indexed per document */
const MAX_INDEXED = 0x3fffffff;
/** bucket entries scanned per band and per looked-up paragraph/sentence */
const BUCKET_SCAN_CAP = 12;
/** distinct candidates verified per looked-up paragraph/sentence and per document */
const CANDIDATE_CAP = 16;
/** exact occurrences kept as alternative originals (for run alignment) */
const EXACT_ALT_CAP = 8;

interface SentSig {
  start: number;
  end: number;
  /** 53-bit hash of the word sequence (exact-match key; hits are confirmed on `words`) */
  key: number;
  words: Uint32Array;
  bands: Uint32Array;
}

interface Sig {
  norm: string;
  wordCount: number;
  considered: boolean;
  shingles: Uint32Array;
  bands: Uint32Array;
  sentences: SentSig[];
}

interface CacheEntry {
  sig: Sig;
  refs: number;
}

interface DocState {
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

interface Cand {
  doc: DocState;
  rank: number;
  sim: number;
}

interface ParaMatch {
  kind: 'duplicate-paragraph' | 'similar-paragraph';
  cands: Cand[];
}

const EMPTY_U32 = new Uint32Array(0);

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

/* ------------------------------------------------------------------------ */
/* DuplicateIndex                                                            */
/* ------------------------------------------------------------------------ */

/** Incremental index: keeps per-paragraph signatures (exact hash, MinHash, sentence hashes) cached by text so that editing one paragraph recomputes only that one. */
export class DuplicateIndex {
  readonly options: DupOptions;
  private readonly cache = new Map<string, CacheEntry>();
  private readonly docs = new Map<string, DocState>();
  private readonly pRows: number;
  private readonly pBandsCount: number;
  private readonly sRows: number;
  private readonly sBandsCount: number;
  private computed = 0;
  private stampToken = 0;

  constructor(options?: Partial<DupOptions>) {
    const o: DupOptions = { ...DEFAULT_DUP_OPTIONS };
    if (options) {
      for (const [k, v] of Object.entries(options)) {
        if (v !== undefined) (o as unknown as Record<string, unknown>)[k] = v;
      }
    }
    o.similarityThreshold = clamp01(o.similarityThreshold, DEFAULT_DUP_OPTIONS.similarityThreshold);
    o.sentenceThreshold = clamp01(o.sentenceThreshold, DEFAULT_DUP_OPTIONS.sentenceThreshold);
    o.minWords = Math.max(1, Math.floor(Number.isFinite(o.minWords) ? o.minWords : DEFAULT_DUP_OPTIONS.minWords));
    o.sentenceMinWords = Math.max(1, Math.floor(Number.isFinite(o.sentenceMinWords) ? o.sentenceMinWords : DEFAULT_DUP_OPTIONS.sentenceMinWords));
    if (o.crossFileReport !== 'both') o.crossFileReport = 'later-key';
    this.options = o;
    this.pRows = rowsForThreshold(o.similarityThreshold);
    this.pBandsCount = Math.floor(NUM_HASHES / this.pRows);
    // edit similarity ≥ t implies a word-set Jaccard of about t / (2 − t) or more
    // (0.67 at t = 0.8 → 21 bands × 3 rows)
    const t = o.sentenceThreshold;
    this.sRows = rowsForThreshold(t / (2 - t));
    this.sBandsCount = Math.floor(NUM_HASHES / this.sRows);
  }

  /** Replace the paragraphs of one document (other documents' entries are kept). Cheap when most paragraphs are unchanged (cache by text). */
  setDocument(doc: string, paragraphs: DupParagraph[]): void {
    // acquire new signatures first so unchanged texts never leave the cache
    const all: Sig[] = new Array(paragraphs.length);
    for (let i = 0; i < paragraphs.length; i++) all[i] = this.acquire(paragraphs[i]!.text);
    const old = this.docs.get(doc);
    if (old) this.releaseAll(old.paragraphs);
    this.docs.set(doc, this.buildDoc(doc, paragraphs.slice(), all));
  }

  removeDocument(doc: string): void {
    const old = this.docs.get(doc);
    if (!old) return;
    this.releaseAll(old.paragraphs);
    this.docs.delete(doc);
  }

  stats(): DupStats {
    let paragraphs = 0;
    for (const d of this.docs.values()) paragraphs += d.paragraphs.length;
    return {
      documents: this.docs.size,
      paragraphs,
      cachedSignatures: this.cache.size,
      signaturesComputed: this.computed,
    };
  }

  /** Findings for one document, comparing against earlier paragraphs of the same doc and (crossFile) every paragraph of other docs. */
  findings(doc: string, crossFile: boolean): DupFinding[] {
    const st = this.docs.get(doc);
    if (!st) return [];
    const others: DocState[] = [];
    if (crossFile) {
      for (const o of this.docs.values()) {
        if (o.key === doc) continue;
        if (this.options.crossFileReport === 'both' || o.key < doc) others.push(o);
      }
      others.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    }
    const n = st.sigs.length;
    // Which items can have LSH candidates at all (sequential scans of the sorted
    // tables): only those are looked up, so a document of distinct paragraphs
    // costs one pass, not one hash lookup per band per paragraph.
    const pSelf = selfBuckets(st.pBands, n, (r) => r);
    const pCross = markCross(st.pBands, n, others.map((o) => o.pBands));
    const matches: Array<ParaMatch | null> = new Array(n);
    for (let r = 0; r < n; r++) matches[r] = this.matchParagraph(st, r, others, pSelf, pCross[r] === 1);

    const out: Array<{ rank: number; f: DupFinding }> = [];
    const reported = new Uint8Array(n);
    this.buildRuns(st, matches, reported, out);
    this.sentenceFindings(st, others, reported, out);

    out.sort((a, b) => a.rank - b.rank || (a.f.sentence?.start ?? -1) - (b.f.sentence?.start ?? -1));
    return out.map((x) => x.f);
  }

  /** How many paragraphs of `doc` have the same normalised text as paragraph `id` (0 when it is not indexed). */
  copiesOf(doc: string, id: number): number {
    const st = this.docs.get(doc);
    if (!st) return 0;
    let lo = 0;
    let hi = st.ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (st.ids[mid]! < id) lo = mid + 1;
      else hi = mid;
    }
    if (lo >= st.ids.length || st.ids[lo] !== id) return 0;
    return st.exact.get(st.sigs[lo]!.norm)?.length ?? 0;
  }

  /* ---------------------------- signatures ---------------------------- */

  private acquire(text: string): Sig {
    const hit = this.cache.get(text);
    if (hit) {
      hit.refs++;
      return hit.sig;
    }
    const sig = this.computeSig(text);
    this.computed++;
    // The key outlives this version of the document. Paragraph texts of parsed briefs are views into
    // the text their segment was read from, which the document's model holds anyway while the
    // document is indexed (entries go when it is removed); a copy would double a big brief's memory.
    this.cache.set(text, { sig, refs: 1 });
    return sig;
  }

  private releaseAll(paragraphs: DupParagraph[]): void {
    for (const p of paragraphs) {
      const e = this.cache.get(p.text);
      if (!e) continue;
      if (--e.refs <= 0) this.cache.delete(p.text);
    }
  }

  private computeSig(text: string): Sig {
    const spans = splitSentences(text);
    const sentNorms: string[] = [];
    const sentSpans: Array<{ start: number; end: number }> = [];
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
    if (wordCount < this.options.minWords) {
      return { norm, wordCount, considered: false, shingles: EMPTY_U32, bands: EMPTY_U32, sentences: [] };
    }
    const wh = scratch.subarray(0, wordCount);
    const shingleTmp = shingleSet(wh, SHINGLE_K);
    // Everything the signature keeps lives in one buffer, the arrays below are views into it: a
    // buffer per array costs more than its content (a 10 MB brief has a hundred thousand of them).
    // Layout: shingles, paragraph band keys, then per compared sentence its word hashes and keys.
    const minWords = this.options.sentenceMinWords;
    const sBands = this.sBandsCount;
    let size = shingleTmp.length + this.pBandsCount;
    for (let s = 0; s < counts.length; s++) if (counts[s]! >= minWords) size += counts[s]! + sBands;
    const data = new Uint32Array(size);
    data.set(shingleTmp, 0);
    const shingles = data.subarray(0, shingleTmp.length);
    let at = shingleTmp.length;
    bandKeysInto(minhash(shingles), this.pRows, this.pBandsCount, data, at);
    const bands = data.subarray(at, at + this.pBandsCount);
    at += this.pBandsCount;
    const sentences: SentSig[] = [];
    let offset = 0;
    for (let s = 0; s < sentNorms.length; s++) {
      const count = counts[s]!;
      if (count >= minWords) {
        data.set(wh.subarray(offset, offset + count), at);
        const words = data.subarray(at, at + count);
        at += count;
        // MinHash of the multiset = of the set
        bandKeysInto(minhash(words), this.sRows, sBands, data, at);
        sentences.push({ start: sentSpans[s]!.start, end: sentSpans[s]!.end, key: sequenceKey(words), words, bands: data.subarray(at, at + sBands) });
        at += sBands;
      }
      offset += count;
    }
    releaseWordScratch();
    return { norm, wordCount, considered: true, shingles, bands, sentences };
  }

  /* ------------------------------ indexing ----------------------------- */

  private buildDoc(key: string, paragraphs: DupParagraph[], all: Sig[]): DocState {
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

  private nextStamp(): number {
    if (this.stampToken >= 0x7ffffff0) {
      this.stampToken = 0;
      for (const d of this.docs.values()) {
        d.stampP.fill(0);
        d.stampS.fill(0);
      }
    }
    return ++this.stampToken;
  }

  /**
   * Candidate items from the buckets starting at `starts[from..to)` of a band
   * table: only items < limit, the earliest BUCKET_SCAN_CAP of each bucket;
   * at most CANDIDATE_CAP, preferring those sharing the most buckets (highest
   * estimated similarity), then the earliest.
   */
  private bucketCandidates(
    table: BandTable,
    starts: ArrayLike<number>,
    from: number,
    to: number,
    limit: number,
    stamp: Int32Array,
    hits: Int32Array,
  ): number[] {
    const token = this.nextStamp();
    const out: number[] = [];
    const tk = table.keys;
    const ti = table.items;
    for (let b = from; b < to; b++) {
      let k = starts[b]!;
      const key = tk[k];
      for (let scanned = 0; k < tk.length && scanned < BUCKET_SCAN_CAP; k++, scanned++) {
        if (tk[k] !== key) break;
        const idx = ti[k]!;
        if (idx >= limit) break;
        if (stamp[idx] === token) {
          hits[idx]++;
          continue;
        }
        stamp[idx] = token;
        hits[idx] = 1;
        out.push(idx);
      }
    }
    if (out.length > CANDIDATE_CAP) {
      out.sort((x, y) => hits[y]! - hits[x]! || x - y);
      out.length = CANDIDATE_CAP;
    }
    return out;
  }

  /** Start positions of the buckets of `keys` that exist in `table` (binary search). */
  private static bucketStarts(table: BandTable, keys: Uint32Array): number[] {
    const starts: number[] = [];
    for (let b = 0; b < keys.length; b++) {
      const k = bucketStart(table, keys[b]!);
      if (k >= 0) starts.push(k);
    }
    return starts;
  }

  /* ------------------------- paragraph matching ------------------------ */

  private matchParagraph(st: DocState, r: number, others: DocState[], self: SelfBuckets, nearCross: boolean): ParaMatch | null {
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
    const same = to > from ? this.nearParagraphs(sig, st, self.starts, from, to, r) : [];
    if (same.length > 0) return { kind: 'similar-paragraph', cands: same };
    if (nearCross) {
      let cross: Cand[] = [];
      for (const o of others) {
        const starts = DuplicateIndex.bucketStarts(o.pBands, sig.bands);
        if (starts.length > 0) cross = cross.concat(this.nearParagraphs(sig, o, starts, 0, starts.length, o.sigs.length));
      }
      if (cross.length > 0) {
        cross.sort((a, b) => b.sim - a.sim);
        return { kind: 'similar-paragraph', cands: cross };
      }
    }
    return null;
  }

  /** Verified near-duplicate candidates (Jaccard ≥ threshold, not exact) among ranks < limit of `o`, best first. */
  private nearParagraphs(sig: Sig, o: DocState, starts: ArrayLike<number>, from: number, to: number, limit: number): Cand[] {
    const thr = this.options.similarityThreshold;
    const idx = this.bucketCandidates(o.pBands, starts, from, to, limit, o.stampP, o.hitsP);
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
  private pairSimilarity(kind: ParaMatch['kind'], sig: Sig, o: DocState, rank: number): number {
    if (rank < 0 || rank >= o.sigs.length) return -1;
    const os = o.sigs[rank]!;
    if (kind === 'duplicate-paragraph') return os.norm === sig.norm ? 1 : -1;
    if (os.norm === sig.norm) return -1;
    return jaccardSorted(sig.shingles, os.shingles, this.options.similarityThreshold);
  }

  private buildRuns(
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
          const sim = this.pairSimilarity(m.kind, sig, run.doc, next);
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
          if (this.pairSimilarity(m.kind, nextSig, c.doc, c.rank + 1) >= 0) {
            chosen = c;
            break;
          }
        }
      }
      run = { kind: m.kind, start: r, copies: [r], doc: chosen.doc, origs: [chosen.rank], minSim: chosen.sim };
    }
    flush();
  }

  /* ------------------------- sentence matching ------------------------- */

  private sentenceFindings(
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
        const hit = this.matchSentence(s, g, st, firstOfR, others, sSelf, g < total && sCross[g] === 1);
        if (!hit) continue;
        const os = this.sentenceAt(hit.doc, hit.g);
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

  private sentenceAt(o: DocState, g: number): SentSig {
    return o.sigs[o.sRank[g]!]!.sentences[o.sLocal[g]!]!;
  }

  /** First occurrence (confirmed on the words) of an exact sentence among global indices < limit. */
  private exactSentence(s: SentSig, o: DocState, limit: number): number {
    const list = o.sExact.get(s.key);
    if (!list) return -1;
    for (const g of list) {
      if (g >= limit) return -1;
      if (sameSequence(this.sentenceAt(o, g).words, s.words)) return g;
    }
    return -1;
  }

  private matchSentence(
    s: SentSig,
    g: number,
    st: DocState,
    limit: number,
    others: DocState[],
    self: SelfBuckets,
    nearCross: boolean,
  ): { doc: DocState; g: number; sim: number } | null {
    // exact: same document (sentences of earlier paragraphs), then other documents
    const g0 = this.exactSentence(s, st, limit);
    if (g0 >= 0) return { doc: st, g: g0, sim: 1 };
    for (const o of others) {
      const g1 = this.exactSentence(s, o, o.sRank.length);
      if (g1 >= 0) return { doc: o, g: g1, sim: 1 };
    }
    if (g < st.sRank.length && self.off[g + 1]! > self.off[g]!) {
      const same = this.nearSentence(s, st, self.starts, self.off[g]!, self.off[g + 1]!, limit);
      if (same) return same;
    }
    let best: { doc: DocState; g: number; sim: number } | null = null;
    if (nearCross) {
      for (const o of others) {
        const starts = DuplicateIndex.bucketStarts(o.sBands, s.bands);
        if (starts.length === 0) continue;
        const c = this.nearSentence(s, o, starts, 0, starts.length, o.sRank.length);
        if (c && (!best || c.sim > best.sim)) best = c;
      }
    }
    return best;
  }

  private nearSentence(
    s: SentSig,
    o: DocState,
    starts: ArrayLike<number>,
    from: number,
    to: number,
    limit: number,
  ): { doc: DocState; g: number; sim: number } | null {
    const idx = this.bucketCandidates(o.sBands, starts, from, to, limit, o.stampS, o.hitsS);
    let best: { doc: DocState; g: number; sim: number } | null = null;
    for (const g of idx) {
      const sim = editSimilarity(s.words, this.sentenceAt(o, g).words, this.options.sentenceThreshold);
      if (sim >= this.options.sentenceThreshold && (!best || sim > best.sim || (sim === best.sim && g < best.g))) {
        best = { doc: o, g, sim };
      }
    }
    return best;
  }
}

/** Per item, the start positions of its buckets that hold an earlier item it may copy (CSR). */
interface SelfBuckets {
  /** item i's bucket starts are starts[off[i] .. off[i+1]) */
  off: Int32Array;
  starts: Int32Array;
}

/**
 * For each item of `t` (0..count), the buckets it shares with an earlier item it
 * may copy (first item of the bucket < limitOf(item)). Two sequential passes
 * over the sorted table; items with no such bucket are never looked up.
 */
function selfBuckets(t: BandTable, count: number, limitOf: (item: number) => number): SelfBuckets {
  const keys = t.keys;
  const items = t.items;
  const len = keys.length;
  const off = new Int32Array(count + 1);
  // calls visit(item, bucketStart) for every (item, bucket) pair that qualifies
  const each = (visit: (item: number, start: number) => void) => {
    let s = 0;
    while (s < len) {
      const key = keys[s]!;
      let e = s + 1;
      while (e < len && keys[e] === key) e++;
      if (e - s > 1) {
        const first = items[s]!;
        for (let j = s + 1; j < e; j++) {
          const it = items[j]!;
          if (first < limitOf(it)) visit(it, s);
        }
      }
      s = e;
    }
  };
  each((it) => {
    off[it + 1]++;
  });
  for (let i = 0; i < count; i++) off[i + 1] += off[i]!;
  const starts = new Int32Array(off[count]!);
  const fill = off.slice(0, count);
  each((it, s) => {
    starts[fill[it]!++] = s;
  });
  return { off, starts };
}

/** Items of `t` that share a band key with any entry of the other tables (merge of sorted keys). */
function markCross(t: BandTable, count: number, others: BandTable[]): Uint8Array {
  const mark = new Uint8Array(count);
  const a = t.keys;
  for (const o of others) {
    const b = o.keys;
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
      const x = a[i]!;
      const y = b[j]!;
      if (x < y) i++;
      else if (x > y) j++;
      else {
        while (i < a.length && a[i] === x) mark[t.items[i++]!] = 1;
      }
    }
  }
  return mark;
}

function clamp01(v: number, dflt: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) return dflt;
  return Math.min(1, Math.max(0, v));
}
