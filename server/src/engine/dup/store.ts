import type { BriefModel, Paragraph } from '../model';
import { isBareHeading } from '../parse/plaintext';
import { DuplicateIndex, type DupFinding, type DupOptions, type DupParagraph } from './detector';

/** A paragraph's place, kept for related information into documents whose text is not at hand. */
export interface ParagraphPlace {
  startLine: number;
  endLine: number;
  /** Character range on the first and last line. */
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** Captions and source lines are not prose: a repeated "Source: CRS" line is not a pasted paragraph. */
const CAPTION = /^\s*(?:[*_]{1,2})?(?:source|sources|notes?|figure\s+\d+|table\s+\d+|chart\s+\d+|also\s+see)\s*[.:]/i;

/** Markdown links and images: their text is navigation (a table of contents, "See [x](#x)"), not prose. */
const LINK = /!?\[[^\]\n]{0,500}\]\([^)\s]{0,2000}\)/g;

/** Words outside links. */
function proseWords(text: string): number {
  return text.replace(LINK, ' ').split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/**
 * The paragraphs the duplicate checks compare: prose outside notes, headings, tables and code. Left
 * out: captions and source lines, broken table rows, headings lost in conversion (a short single
 * line that reads as a heading), and lines that are mostly links (tables of contents).
 */
export function dupParagraphs(model: BriefModel, minWords = 8): Paragraph[] {
  const need = Math.min(minWords, 8);
  return model.paragraphs.filter((p) => {
    const t = p.text;
    if (CAPTION.test(t) || /^\s*\|/.test(t)) return false;
    if (t.length <= 200 && p.parts.length === 1 && !/[\r\n]/.test(t.trim()) && isBareHeading(t)) return false;
    return hasWords(t, need);
  });
}

/** Whether a paragraph has at least `n` words (runs holding a letter or digit) outside links; stops at `n`. */
function hasWords(text: string, n: number): boolean {
  if (text.includes('](')) return proseWords(text) >= n;
  let count = 0;
  let inRun = false;
  let runHasWord = false;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      if (inRun && runHasWord && ++count >= n) return true;
      inRun = false;
      runHasWord = false;
    } else {
      inRun = true;
      if ((c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) || c >= 0xc0) runHasWord = true;
    }
  }
  return false;
}

/** Sections that restate the body by design: a repeat between them and the body is not a paste. */
const SUMMARY_HEADING = /^(?:executive\s+summary|summary|key\s+(?:findings|points|takeaways|messages)|abstract|in\s+brief|at\s+a\s+glance)\s*:?$/i;

/** Offset ranges of summary sections (from a summary heading to the next heading or heading-like line). */
export function summaryRanges(model: BriefModel): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const isHeadingLike = (i: number) => {
    const b = model.blocks[i];
    if (b.kind === 'heading') return true;
    if (b.kind !== 'paragraph') return false;
    const t = model.text.slice(b.span.start, b.span.end);
    return !/[\r\n]/.test(t.trim()) && isBareHeading(t);
  };
  for (let i = 0; i < model.blocks.length; i++) {
    const b = model.blocks[i];
    // The cheap test first: a summary heading is a few words long.
    if ((b.kind !== 'heading' && b.kind !== 'paragraph') || b.span.end - b.span.start > 80) continue;
    if (!SUMMARY_HEADING.test(model.text.slice(b.span.start, b.span.end).replace(/[*_#]/g, '').trim()) || !isHeadingLike(i)) continue;
    let j = i + 1;
    while (j < model.blocks.length && !isHeadingLike(j)) j++;
    out.push({ start: b.span.end, end: j < model.blocks.length ? model.blocks[j].span.start : model.text.length });
  }
  return out;
}

/**
 * The duplicate index plus where each paragraph stands, for one set of options. The server keeps
 * one for the workspace (briefs indexed in the background); the CLI and tests make one per run.
 */
export class DuplicateStore {
  readonly index: DuplicateIndex;
  private readonly places = new Map<string, ParagraphPlace[]>();
  private readonly versions = new Map<string, BriefModel>();
  private readonly paragraphs = new Map<string, Paragraph[]>();
  private readonly results = new Map<string, { model: BriefModel; crossFile: boolean; findings: DupFinding[] }>();

  constructor(options?: Partial<DupOptions>) {
    this.index = new DuplicateIndex(options);
  }

  /** Indexes (or re-indexes) a document's paragraphs; cheap when most are unchanged. */
  setModel(doc: string, model: BriefModel): Paragraph[] {
    if (this.versions.get(doc) === model) return this.paragraphs.get(doc)!;
    const paragraphs = dupParagraphs(model, this.index.options.minWords);
    this.paragraphs.set(doc, paragraphs);
    this.versions.set(doc, model);
    const list: DupParagraph[] = paragraphs.map((p, id) => ({ id, text: p.text, doc }));
    this.index.setDocument(doc, list);
    this.places.set(
      doc,
      paragraphs.map((p) => {
        const s = model.lines.positionAt(p.parts[0].start);
        const e = model.lines.positionAt(p.parts[p.parts.length - 1].end);
        return { startLine: s.line, endLine: e.line, start: s, end: e };
      }),
    );
    for (const key of this.results.keys()) this.results.delete(key);
    return paragraphs;
  }

  removeDocument(doc: string): void {
    this.index.removeDocument(doc);
    this.places.delete(doc);
    this.versions.delete(doc);
    this.paragraphs.delete(doc);
    this.results.clear();
  }

  has(doc: string): boolean {
    return this.places.has(doc);
  }

  placesOf(doc: string): ParagraphPlace[] {
    return this.places.get(doc) ?? [];
  }

  /** Findings for a document, computed once per model and shared by the three duplicate checks. */
  findings(doc: string, model: BriefModel, crossFile: boolean): { paragraphs: Paragraph[]; findings: DupFinding[] } {
    const paragraphs = this.setModel(doc, model);
    const hit = this.results.get(doc);
    if (hit && hit.model === model && hit.crossFile === crossFile) return { paragraphs, findings: hit.findings };
    const findings = filterFindings(model, paragraphs, this.index.findings(doc, crossFile), doc, this.index);
    this.results.set(doc, { model, crossFile, findings });
    return { paragraphs, findings };
  }
}

export function dupOptionsFrom(checks: Record<string, any>): Partial<DupOptions> {
  return {
    minWords: checks['duplicate-paragraph']?.minWords,
    similarityThreshold: checks['similar-paragraph']?.threshold,
    sentenceMinWords: checks['similar-sentence']?.minWords,
    sentenceThreshold: checks['similar-sentence']?.threshold,
  };
}

/**
 * Drops what is repeated by design: a summary restating the body (or the body its summary), and
 * template lines that stand three or more times in a document (a label repeated under each heading).
 */
function filterFindings(model: BriefModel, paragraphs: Paragraph[], findings: DupFinding[], doc: string, index: DuplicateIndex): DupFinding[] {
  if (findings.length === 0) return findings;
  const summaries = summaryRanges(model);
  const inSummary = (id: number) => {
    const at = paragraphs[id]?.parts[0].start ?? -1;
    return summaries.some((r) => at >= r.start && at < r.end);
  };
  return findings.filter((f) => {
    if (f.original.doc === doc && summaries.length) {
      const copy = f.ids.every(inSummary);
      const orig = f.original.ids.every(inSummary);
      if (copy !== orig) return false;
    }
    if (f.kind === 'duplicate-paragraph' && f.ids.every((id) => index.copiesOf(doc, id) >= 3)) return false;
    return true;
  });
}
