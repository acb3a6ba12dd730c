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
export { normalizeParagraph } from '../normalize';
export { DEFAULT_DUP_OPTIONS, type DupFinding, type DupKind, type DupOptions, type DupParagraph, type DupStats } from './types';
export { DuplicateIndex } from './duplicateIndex';


