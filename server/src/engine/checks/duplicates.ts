import type { BriefModel, Paragraph, Span } from '../model';
import type { DupFinding, DupKind } from '../dup/detector';
import { DuplicateStore, dupOptionsFrom } from '../dup/store';
import { paragraphSpanToSource } from '../text/paragraphText';
import type { CheckEnv, RawFinding, RelatedPlace } from './types';

/** What the host may pass in `CheckEnv.workspace` for cross-file duplicates. */
export interface DuplicateWorkspace {
  store: DuplicateStore;
  crossFile: boolean;
}

/** One store per model when the host gives none (CLI, tests): the three checks share its result. */
const local = new WeakMap<BriefModel, { key: string; store: DuplicateStore }>();

function storeFor(model: BriefModel, env: CheckEnv, checks: Record<string, any>): { store: DuplicateStore; crossFile: boolean } {
  const ws = env.workspace as DuplicateWorkspace | undefined;
  if (ws && ws.store instanceof DuplicateStore) return ws;
  const key = JSON.stringify(dupOptionsFrom(checks));
  let hit = local.get(model);
  if (!hit || hit.key !== key) {
    hit = { key, store: new DuplicateStore(dupOptionsFrom(checks)) };
    local.set(model, hit);
  }
  return { store: hit.store, crossFile: false };
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

/**
 * Runs the duplicate detector once per document (whichever of the three checks asks first) and
 * reports the findings of one kind.
 */
export function reportDuplicates(kind: DupKind, model: BriefModel, checks: Record<string, any>, env: CheckEnv, report: (f: RawFinding) => void): void {
  const { store, crossFile } = storeFor(model, env, checks);
  const doc = env.docKey || 'untitled';
  const { paragraphs, findings } = store.findings(doc, model, crossFile);
  for (const f of findings) {
    if (f.kind !== kind) continue;
    const r = describe(model, paragraphs, store, doc, f);
    if (r) report(r);
  }
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
      ? `${what} ${n > 1 ? 'repeat' : 'repeats'} ${o.place}${sameDoc ? '' : ''}: delete the copy or rewrite it.`
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
