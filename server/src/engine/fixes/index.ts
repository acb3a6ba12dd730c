import type { BriefModel, Span } from '../model';
import { itemAt, noteAt, notesByKey } from '../notes';
import type { TextEdit } from './edits';
import { deleteParagraphs } from './deleteParagraphs';
import { figureFixes } from './figureFixes';
import { addMissingNote, removeNote } from './noteEdits';
import { planRenumber } from './renumber';

export { applyEdits, type TextEdit } from './edits';
export { planRenumber } from './renumber';

/** A fix as the engine computes it; the server turns it into a code action, the tests apply it. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Offset in the text after the edits where the cursor should go. */
  cursor?: number;
  isPreferred?: boolean;
}

/** What a fix needs to know of a finding: its code, place and data. */
export interface FixableFinding {
  code: string;
  span: Span;
  data?: Record<string, unknown>;
}

type FixProvider = (model: BriefModel, finding: FixableFinding) => Fix[];

/** Delete this duplicate: the paragraph, or the whole pasted run, in one edit. */
function deleteDuplicate(model: BriefModel, f: FixableFinding): Fix[] {
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

const PROVIDERS: Record<string, FixProvider> = {
  'footnote-order': (model, f) => {
    // A repeated number is not an ordering problem Renumber can fix (the writer meant a new note or Ibid.).
    if (f.data?.kind === 'repeat') return [];
    const plan = planRenumber(model);
    return plan.edits.length ? [{ title: 'Renumber footnotes in order of appearance', edits: plan.edits, isPreferred: true }] : [];
  },
  'footnote-undefined': (model, f) => {
    const { marker } = itemAt(model, f.span.start);
    if (!marker || notesByKey(model).has(marker.key)) return [];
    const plan = addMissingNote(model, marker);
    return [{ title: `Add note ${marker.label}`, edits: plan.edits, cursor: plan.cursor, isPreferred: true }];
  },
  'uncited-figure': figureFixes,
  'duplicate-paragraph': deleteDuplicate,
  'similar-paragraph': deleteDuplicate,
  'footnote-unused': (model, f) => {
    const note = noteAt(model, f.span.start);
    return note ? [{ title: `Remove unused note ${note.label}`, edits: removeNote(model, note).edits }] : [];
  },
};

/** Registers the fixes of a check (checks in other modules add theirs this way). */
export function registerFixProvider(code: string, provider: FixProvider): void {
  PROVIDERS[code] = provider;
}

/** Every fix offered for a finding. */
export function fixesFor(model: BriefModel, finding: FixableFinding): Fix[] {
  return PROVIDERS[finding.code]?.(model, finding) ?? [];
}
