/**
 * The index itself: signatures cached by paragraph text (reference-counted, shared by every
 * document), one DocState per document, and findings computed on demand.
 */
import { NUM_HASHES, rowsForThreshold } from '../minhash';
import { DEFAULT_DUP_OPTIONS, type DupFinding, type DupOptions, type DupParagraph, type DupStats } from './types';
import { markCross, selfBuckets } from './buckets';
import { buildDoc } from './docIndex';
import { matchParagraph } from './paragraphMatch';
import { buildRuns } from './runs';
import { sentenceFindings } from './sentenceMatch';
import { computeSig } from './signature';
import { Stamps, type CacheEntry, type DocState, type MatchEnv, type ParaMatch, type Sig, type SigParams } from './state';

/** Incremental index: keeps per-paragraph signatures (exact hash, MinHash, sentence hashes) cached by text so that editing one paragraph recomputes only that one. */
export class DuplicateIndex {
  readonly options: DupOptions;
  private readonly cache = new Map<string, CacheEntry>();
  private readonly docs = new Map<string, DocState>();
  private readonly sig: SigParams;
  private readonly env: MatchEnv;
  private computed = 0;

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
    const pRows = rowsForThreshold(o.similarityThreshold);
    // edit similarity ≥ t implies a word-set Jaccard of about t / (2 − t) or more
    // (0.67 at t = 0.8 → 21 bands × 3 rows)
    const t = o.sentenceThreshold;
    const sRows = rowsForThreshold(t / (2 - t));
    this.sig = {
      options: o,
      pRows,
      pBands: Math.floor(NUM_HASHES / pRows),
      sRows,
      sBands: Math.floor(NUM_HASHES / sRows),
    };
    this.env = { options: o, stamps: new Stamps(this.docs) };
  }

  /** Replace the paragraphs of one document (other documents' entries are kept). Cheap when most paragraphs are unchanged (cache by text). */
  setDocument(doc: string, paragraphs: DupParagraph[]): void {
    // acquire new signatures first so unchanged texts never leave the cache
    const all: Sig[] = new Array(paragraphs.length);
    for (let i = 0; i < paragraphs.length; i++) all[i] = this.acquire(paragraphs[i]!.text);
    const old = this.docs.get(doc);
    if (old) this.releaseAll(old.paragraphs);
    this.docs.set(doc, buildDoc(doc, paragraphs.slice(), all));
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
    for (let r = 0; r < n; r++) matches[r] = matchParagraph(this.env, st, r, others, pSelf, pCross[r] === 1);

    const out: Array<{ rank: number; f: DupFinding }> = [];
    const reported = new Uint8Array(n);
    buildRuns(this.env, st, matches, reported, out);
    sentenceFindings(this.env, st, others, reported, out);

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

  private acquire(text: string): Sig {
    const hit = this.cache.get(text);
    if (hit) {
      hit.refs++;
      return hit.sig;
    }
    const sig = computeSig(text, this.sig);
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
}

function clamp01(v: number, dflt: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) return dflt;
  return Math.min(1, Math.max(0, v));
}
