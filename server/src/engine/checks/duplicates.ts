import type { BriefModel, Paragraph, Span } from '../model';
import type { DupFinding, DupKind, DupOptions } from '../dup/detector';
import { DuplicateStore } from '../dup/store';
import { deleteParagraphs } from '../fixes/deleteParagraphs';
import type { Fix, FixableFinding } from '../fixes/types';
import { paragraphSpanToSource } from '../text/paragraphText';
import { Workspace } from '../workspace';
import { defineAnalysis, type RawFinding, type RelatedPlace } from './types';

/** What the duplicate analysis gives the three checks that share it. */
export interface DuplicateResult {
  store: DuplicateStore;
  doc: string;
  paragraphs: Paragraph[];
  findings: DupFinding[];
}

/**
 * Documents checked with no workspace (the CLI, a file outside the folders, cross-file checks
 * off): one lasting index per document key, so an edit recomputes only the paragraphs it touched.
 */
class LocalStores {
  private readonly byDoc = new Map<string, { key: string; store: DuplicateStore }>();

  get(doc: string, params: Partial<DupOptions>): DuplicateStore {
    const key = JSON.stringify(params);
    let hit = this.byDoc.get(doc);
    if (!hit || hit.key !== key) {
      hit = { key, store: new DuplicateStore(params) };
      this.byDoc.set(doc, hit);
    }
    return hit.store;
  }

  forget(doc: string): void {
    this.byDoc.delete(doc);
  }

  clear(): void {
    this.byDoc.clear();
  }
}

/**
 * The duplicate detector, run once per lint for the three duplicate checks: each lends its own
 * options (minimum words, thresholds) through `shares` in its definition.
 */
export const duplicateAnalysis = defineAnalysis<DupOptions, DuplicateResult, LocalStores>({
  name: 'duplicates',
  createState: () => new LocalStores(),
  compute({ model, docKey, workspace, state }, params) {
    const doc = docKey || 'untitled';
    const crossFile = workspace instanceof Workspace;
    const store = crossFile ? workspace.duplicateStore(params) : state.get(doc, params);
    const { paragraphs, findings } = store.findings(doc, model, crossFile);
    return { store, doc, paragraphs, findings };
  },
});

/** Reports the findings of one kind from the shared result. */
export function reportDuplicates(kind: DupKind, model: BriefModel, result: DuplicateResult, report: (f: RawFinding) => void): void {
  for (const f of result.findings) {
    if (f.kind !== kind) continue;
    const r = describe(model, result.paragraphs, result.store, result.doc, f);
    if (r) report(r);
  }
}

/** Delete this duplicate: the paragraph, or the whole pasted run, in one edit. */
export function deleteDuplicate(model: BriefModel, f: FixableFinding): Fix[] {
  const paras = f.data?.paragraphs as [number, number][][] | undefined;
  // The data travelled through the client: anything but arrays of [start, end] pairs is refused.
  const isPair = (x: unknown): x is [number, number] => Array.isArray(x) && x.length === 2 && Number.isInteger(x[0]) && Number.isInteger(x[1]);
  if (!Array.isArray(paras) || paras.length === 0 || !paras.every((p) => Array.isArray(p) && p.length > 0 && p.every(isPair))) return [];
  // The data travelled through the client: only trust spans that still lie inside the text.
  const spans = paras.map((p) => p.map(([start, end]) => ({ start, end })));
  if (spans.flat().some((s) => !(Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.start <= s.end && s.end <= model.text.length))) return [];
  const original = f.data?.original as [number, number] | undefined;
  const originalText = isPair(original) && original[0] >= 0 && original[1] <= model.text.length ? model.text.slice(original[0], original[1]) : undefined;
  return [{ title: paras.length > 1 ? `Delete these ${paras.length} duplicated paragraphs` : 'Delete this duplicate', edits: deleteParagraphs(model, spans, originalText) }];
}

const lineOf = (model: BriefModel, offset: number) => model.lines.positionAt(offset).line + 1;

function lines(a: number, b: number): string {
  return a === b ? `line ${a}` : `lines ${a}–${b}`;
}

function spanOf(paragraphs: Paragraph[], ids: number[]): Span {
  const first = paragraphs[ids[0]];
  const last = paragraphs[ids[ids.length - 1]];
  return { start: first.parts[0].start, end: last.parts[last.parts.length - 1].end };
}

function describe(model: BriefModel, paragraphs: Paragraph[], store: DuplicateStore, doc: string, f: DupFinding): RawFinding | undefined {
  if (!f.ids.length || f.ids.some((id) => !paragraphs[id])) return undefined;
  const sameDoc = f.original.doc === doc;
  const origin = (ids: number[], sentence?: Span): { place: string; related: RelatedPlace } | undefined => {
    if (sameDoc) {
      if (ids.some((id) => !paragraphs[id])) return undefined;
      const span = sentence ? paragraphSpanToSource(paragraphs[ids[0]], sentence) : spanOf(paragraphs, ids);
      return { place: lines(lineOf(model, span.start), lineOf(model, span.end)), related: { span, message: 'The earlier text' } };
    }
    const places = store.placesOf(f.original.doc);
    const first = places[ids[0]];
    const last = places[ids[ids.length - 1]];
    if (!first || !last) return undefined;
    const name = decodeURIComponent(f.original.doc.replace(/^.*[\\/]/, ''));
    return {
      place: `${lines(first.startLine + 1, last.endLine + 1)} of ${name}`,
      related: { span: { start: 0, end: 0 }, uri: f.original.doc, range: { start: first.start, end: last.end }, message: `The same text in ${name}` },
    };
  };
  const pct = `${Math.round(f.similarity * 100)}%`;
  if (f.kind === 'similar-sentence') {
    if (!f.sentence) return undefined;
    const span = paragraphSpanToSource(paragraphs[f.ids[0]], f.sentence);
    const o = origin(f.original.ids, f.original.sentence);
    if (!o) return undefined;
    const how = f.similarity >= 0.999 ? 'repeats' : `is ${pct} the same as`;
    return { span, message: `This sentence ${how} a sentence at ${o.place}.`, related: [o.related], data: { similarity: f.similarity } };
  }
  const span = spanOf(paragraphs, f.ids);
  const o = origin(f.original.ids);
  if (!o) return undefined;
  const here = lines(lineOf(model, span.start), lineOf(model, span.end));
  const n = f.ids.length;
  const what = n > 1 ? `${here[0].toUpperCase()}${here.slice(1)} (${n} paragraphs)` : 'This paragraph';
  const message =
    f.kind === 'duplicate-paragraph'
      ? `${what} ${n > 1 ? 'repeat' : 'repeats'} ${o.place}: delete the copy or rewrite it.`
      : `${what} ${n > 1 ? 'are' : 'is'} ${pct} the same as ${o.place}: probably a half-edited copy.`;
  return {
    span,
    message,
    related: [o.related],
    data: {
      paragraphs: f.ids.map((id) => paragraphs[id].parts.map((p) => [p.start, p.end])),
      // Where the original stands (same document), so a fix can tell copied headings from unique text.
      original: sameDoc ? [o.related.span.start, o.related.span.end] : undefined,
      similarity: f.similarity,
    },
  };
}
