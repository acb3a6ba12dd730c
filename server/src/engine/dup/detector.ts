/**
 * Duplicate detection over prose paragraphs: exact duplicates, near-duplicate
 * paragraphs and repeated sentences, within a document and across documents.
 *
 * Pure module (no LSP / vscode imports, no I/O).
 *
 * How it works
 * - Each paragraph gets a signature, cached by its raw text (shared by all
 *   documents, reference-counted): normalised text (exact key), sorted set of
 *   3-word shingle hashes, MinHash (64 × 32-bit) reduced to LSH band keys, and
 *   for every sentence of ≥ sentenceMinWords words its normalised text, word
 *   hashes and LSH band keys of its word set.
 * - Per document, `setDocument` builds an index (rebuilt only for that document):
 *   a Map normalised-text → paragraph ranks, a sorted Float64Array of
 *   (band key, rank) pairs (binary search = bucket lookup), and the same two for
 *   sentences.
 * - `findings` looks up, for each paragraph, exact matches in the maps, then
 *   near-match candidates in the LSH buckets (scan capped per bucket and per
 *   paragraph, earliest first), verified with exact shingle Jaccard. Nothing is
 *   quadratic: a paragraph that occurs 20,000 times costs one map lookup per copy.
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
 *   Candidates come from MinHash/LSH on the sentence's word set (unigram
 *   Jaccard ≥ t/(2−t) ≈ 0.67 whenever edit similarity ≥ t = 0.8).
 * - Words: tokens of the normalised text (hyphenated words count as two words,
 *   note markers are not words).
 * - Short paragraphs (< minWords words) are ignored entirely and are transparent
 *   for runs: "consecutive" means consecutive among the paragraphs considered.
 * - Runs: later copies consecutive and their originals consecutive in the same
 *   order, same document, same kind (duplicate runs and similar runs are not
 *   mixed), and (within one document) the originals all before the first copy.
 * - Cross-file reporting rule (default `crossFileReport: 'later-key'`): a match
 *   against another document is reported only in the document whose key sorts
 *   after the other's (plain string comparison of the keys), so a pair of files
 *   is reported once. `'both'` reports it in both documents.
 * - Original preference: same-document exact > other-document exact >
 *   same-document similar > other-document similar; among exact copies the
 *   first occurrence; among similar ones the highest similarity, then earliest.
 */
import { normalizeParagraph, wordsOf } from './normalize';
import { splitSentences } from './sentences';
import {
  NUM_HASHES,
  bandKeys,
  editSimilarity,
  hashString,
  jaccardSorted,
  minhash,
  rowsForThreshold,
  shingleSet,
  uniqueSorted,
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
/** (key, index) pairs are packed as key * 2^21 + index in a Float64Array (exact up to 2^53). */
const PACK = 2097152;
const MAX_INDEXED = PACK - 1;
/** bucket entries scanned per band and per looked-up paragraph/sentence */
const BUCKET_SCAN_CAP = 24;
/** distinct candidates verified per looked-up paragraph/sentence and per document */
const CANDIDATE_CAP = 32;
/** exact occurrences kept as alternative originals (for run alignment) */
const EXACT_ALT_CAP = 8;

interface SentSig {
  start: number;
  end: number;
  norm: string;
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
  /** sorted (paragraph band key, rank) pairs */
  pBands: Float64Array;
  /** sentence (global index within the doc) → paragraph rank / sentence index in its paragraph */
  sRank: Int32Array;
  sLocal: Int32Array;
  /** first global sentence index of each rank (length = ranks + 1) */
  sFirst: Int32Array;
  /** normalised sentence → global sentence indices (ascending) */
  sExact: Map<string, number[]>;
  /** sorted (sentence band key, global sentence index) pairs */
  sBands: Float64Array;
  /** scratch for candidate de-duplication */
  stampP: Int32Array;
  stampS: Int32Array;
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

function lowerBound(arr: Float64Array, value: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function packSorted(keysPerItem: Uint32Array[], count: number): Float64Array {
  let total = 0;
  for (let i = 0; i < count; i++) total += keysPerItem[i]!.length;
  const out = new Float64Array(total);
  let w = 0;
  for (let i = 0; i < count; i++) {
    const keys = keysPerItem[i]!;
    for (let b = 0; b < keys.length; b++) out[w++] = keys[b]! * PACK + i;
  }
  out.sort();
  return out;
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
    // edit similarity ≥ t implies word-set Jaccard ≥ about t / (2 − t)
    const t = o.sentenceThreshold;
    this.sRows = rowsForThreshold(t / (2 - t) + 0.03);
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
    const matches: Array<ParaMatch | null> = new Array(n);
    for (let r = 0; r < n; r++) matches[r] = this.matchParagraph(st, r, others);

    const out: Array<{ rank: number; f: DupFinding }> = [];
    const reported = new Uint8Array(n);
    this.buildRuns(st, matches, reported, out);
    this.sentenceFindings(st, others, reported, out);

    out.sort((a, b) => a.rank - b.rank || (a.f.sentence?.start ?? -1) - (b.f.sentence?.start ?? -1));
    return out.map((x) => x.f);
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
    const words = wordsOf(norm);
    const wordCount = words.length;
    if (wordCount < this.options.minWords) {
      return { norm, wordCount, considered: false, shingles: EMPTY_U32, bands: EMPTY_U32, sentences: [] };
    }
    const wh = new Uint32Array(wordCount);
    for (let i = 0; i < wordCount; i++) wh[i] = hashString(words[i]!);
    const shingles = shingleSet(wh, SHINGLE_K);
    const bands = bandKeys(minhash(shingles), this.pRows, this.pBandsCount);

    const sentences: SentSig[] = [];
    let offset = 0;
    for (let s = 0; s < sentNorms.length; s++) {
      const sn = sentNorms[s]!;
      let count = 1;
      for (let c = 0; c < sn.length; c++) if (sn.charCodeAt(c) === 32) count++;
      if (count >= this.options.sentenceMinWords) {
        const sw = wh.slice(offset, offset + count);
        const set = uniqueSorted(sw.slice());
        sentences.push({
          start: sentSpans[s]!.start,
          end: sentSpans[s]!.end,
          norm: sn,
          words: sw,
          bands: bandKeys(minhash(set), this.sRows, this.sBandsCount),
        });
      }
      offset += count;
    }
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
    const sExact = new Map<string, number[]>();
    const sKeys: Uint32Array[] = new Array(sentTotal);
    let g = 0;
    for (let r = 0; r < n; r++) {
      sFirst[r] = g;
      const ss = sigs[r]!.sentences;
      for (let l = 0; l < ss.length && g < sentTotal; l++, g++) {
        sRank[g] = r;
        sLocal[g] = l;
        const list = sExact.get(ss[l]!.norm);
        if (list) {
          list.push(g);
          sKeys[g] = EMPTY_U32;
        } else {
          sExact.set(ss[l]!.norm, [g]);
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
      pBands: packSorted(pKeys, n),
      sRank,
      sLocal,
      sFirst,
      sExact,
      sBands: packSorted(sKeys, g),
      stampP: new Int32Array(n),
      stampS: new Int32Array(g),
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
   * Candidate items from a sorted (key, index) table for the given band keys,
   * only indices < limit, earliest first, capped.
   */
  private bucketCandidates(table: Float64Array, keys: Uint32Array, limit: number, stamp: Int32Array): number[] {
    const token = this.nextStamp();
    const out: number[] = [];
    for (let b = 0; b < keys.length && out.length < CANDIDATE_CAP; b++) {
      const base = keys[b]! * PACK;
      const top = base + PACK;
      let k = lowerBound(table, base);
      for (let scanned = 0; k < table.length && scanned < BUCKET_SCAN_CAP; k++, scanned++) {
        const v = table[k]!;
        if (v >= top) break;
        const idx = v - base;
        if (idx >= limit) break;
        if (stamp[idx] === token) continue;
        stamp[idx] = token;
        out.push(idx);
        if (out.length >= CANDIDATE_CAP) break;
      }
    }
    return out;
  }

  /* ------------------------- paragraph matching ------------------------ */

  private matchParagraph(st: DocState, r: number, others: DocState[]): ParaMatch | null {
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
    const same = this.nearParagraphs(sig, st, r);
    if (same.length > 0) return { kind: 'similar-paragraph', cands: same };
    if (others.length > 0) {
      let cross: Cand[] = [];
      for (const o of others) cross = cross.concat(this.nearParagraphs(sig, o, o.sigs.length));
      if (cross.length > 0) {
        cross.sort((a, b) => b.sim - a.sim);
        return { kind: 'similar-paragraph', cands: cross };
      }
    }
    return null;
  }

  /** Verified near-duplicate candidates (Jaccard ≥ threshold, not exact) among ranks < limit of `o`, best first. */
  private nearParagraphs(sig: Sig, o: DocState, limit: number): Cand[] {
    const thr = this.options.similarityThreshold;
    const idx = this.bucketCandidates(o.pBands, sig.bands, limit, o.stampP);
    const out: Cand[] = [];
    const na = sig.shingles.length;
    for (const rank of idx) {
      const cs = o.sigs[rank]!;
      if (cs.norm === sig.norm) continue;
      const nb = cs.shingles.length;
      if (Math.min(na, nb) < thr * Math.max(na, nb)) continue;
      const j = jaccardSorted(sig.shingles, cs.shingles);
      if (j >= thr) out.push({ doc: o, rank, sim: j });
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
    const j = jaccardSorted(sig.shingles, os.shingles);
    return j >= this.options.similarityThreshold ? j : -1;
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
      // continue the open run?
      if (run && run.kind === m.kind && run.copies[run.copies.length - 1] === r - 1) {
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
      if (nm && nm.kind === m.kind) {
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
    for (let r = 0; r < n; r++) {
      if (reported[r]) continue;
      const sig = st.sigs[r]!;
      const firstOfR = st.sFirst[r]!;
      for (const s of sig.sentences) {
        const hit = this.matchSentence(s, st, firstOfR, others);
        if (!hit) continue;
        const osig = hit.doc.sigs[hit.doc.sRank[hit.g]!]!;
        const os = osig.sentences[hit.doc.sLocal[hit.g]!]!;
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

  private matchSentence(
    s: SentSig,
    st: DocState,
    limit: number,
    others: DocState[],
  ): { doc: DocState; g: number; sim: number } | null {
    // exact: same document (sentences of earlier paragraphs), then other documents
    const ex = st.sExact.get(s.norm);
    if (ex && ex[0]! < limit) return { doc: st, g: ex[0]!, sim: 1 };
    for (const o of others) {
      const oe = o.sExact.get(s.norm);
      if (oe) return { doc: o, g: oe[0]!, sim: 1 };
    }
    const same = this.nearSentence(s, st, limit);
    if (same) return same;
    let best: { doc: DocState; g: number; sim: number } | null = null;
    for (const o of others) {
      const c = this.nearSentence(s, o, o.sRank.length);
      if (c && (!best || c.sim > best.sim)) best = c;
    }
    return best;
  }

  private nearSentence(s: SentSig, o: DocState, limit: number): { doc: DocState; g: number; sim: number } | null {
    const idx = this.bucketCandidates(o.sBands, s.bands, limit, o.stampS);
    let best: { doc: DocState; g: number; sim: number } | null = null;
    for (const g of idx) {
      const cs = o.sigs[o.sRank[g]!]!.sentences[o.sLocal[g]!]!;
      const sim = editSimilarity(s.words, cs.words, this.options.sentenceThreshold);
      if (sim >= this.options.sentenceThreshold && (!best || sim > best.sim || (sim === best.sim && g < best.g))) {
        best = { doc: o, g, sim };
      }
    }
    return best;
  }
}

function clamp01(v: number, dflt: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) return dflt;
  return Math.min(1, Math.max(0, v));
}
