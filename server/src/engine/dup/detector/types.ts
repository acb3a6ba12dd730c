/** The duplicate detector's public types and default options. */
import type { Span } from '../../text/span';

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
  sentence?: Span;
  /** what it copies: doc + ids of the earlier paragraph(s) (same doc: earlier ones; other doc: any) and for similar-sentence the span in that paragraph */
  original: { doc: string; ids: number[]; sentence?: Span };
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
