/**
 * Generated briefs and the invariants the engine must keep on them, shared by the property tests
 * (tests/unit/fixes.property.test.ts, in `npm test` with modest counts) and the nightly fuzz script
 * (scripts/fuzz-nightly.ts, with large counts).
 *
 * Two kinds of input:
 * - hostile text (`hostileBriefArb`, `unicodeTextArb`): brief-shaped token soup and arbitrary UTF-16,
 *   on which the engine must never throw and must report ranges inside the text;
 * - planted briefs (`plantedBriefArb`): well-formed briefs in the three note styles (superscript in
 *   plain text or Markdown, `[^n]` Markdown, bracket `[n]` with References) with defects planted on
 *   purpose: undefined markers, unused notes, duplicate definitions, notes out of order, pasted and
 *   half-edited paragraphs, uncited figures and Ibid. chains. Every fix is checked on these.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { type BriefFormat, type BriefModel, type Finding, type Note, type NoteStyle, type Span } from '../../server/src/engine';
import { applyEdits, planRenumber, type Fix, type TextEdit } from '../../server/src/engine/fixes';
import { isIbid, resolveIbids } from '../../server/src/engine/notes';
import { toRange } from '../../server/src/lsp/features/convert';
import { parseSettings } from '../../server/src/common/settings';
import { engine } from '../support/engine';
import { seededRandom } from '../support/random';

export const DEFAULT_CONFIG = parseSettings({}).settings;

// ---------------------------------------------------------------------------------------------
// Hostile text

/** Pieces briefs (and broken briefs) are made of. */
export const HOSTILE_TOKENS = [
  '[^1]', '[^', ']', '[^label]', '[^1]: ', '¹', '²³', '⁴⁵⁶⁷⁸⁹⁰', '[2, 3]', '[4–6]', '[1]', '[99999999999999999999999999999999999999999999999999]',
  '⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹', '\n', '\n\n', '\r\n', '\r', '\u0000', '\uFEFF', '\uD800', '\uDC00', '😀',
  'Notes\n', 'References\n\n', '- ¹ ', '1. ', '[3] ', '```\n', '~~~', '    ', '> ', '> > > ', '  - ', '* ', '|a|b|\n|---|---|\n', '| 1 | 2 |\n', '\t',
  'Ibid.', 'Id. at 4', 'https://x.org/a_(b)', '<https://y.org>', '[t](https://z.org)', '<!-- policy-brief-disable -->', '<!-- policy-brief-disable-next-line uncited-figure -->',
  '%% policy-brief-disable footnote-undefined\n', '<!--', '-->', 'over 600 attacks', '$7.1 billion', '\\$43,000', '56%', '6,000 to 6,500', '1 in 4', '2025',
  '15 August 2021', 'No. 11', 'p. 18', '# ', '## Notes\n', '---\n', 'Disclaimer\n', 'and so on.', 'The', ' ', '.', ',', '"', '“', '”', '<b>', '<img onerror=x>',
  '[x](command:workbench.action.terminal.new)', 'javascript:alert(1)', '\u2028', '\u0085', 'Ibid., p. 4', '[^a]: Ibid.', '- ⁷ Id.',
];

/** Brief-shaped token soup with stretches of arbitrary UTF-16 (lone surrogates included). */
export const hostileBriefArb: fc.Arbitrary<string> = fc
  .array(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...HOSTILE_TOKENS) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) }), { maxLength: 120 })
  .map((parts) => parts.join(''));

/** Arbitrary UTF-16 text, lone surrogates included. */
export const unicodeTextArb: fc.Arbitrary<string> = fc
  .array(fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c))), { maxLength: 30 })
  .map((a) => a.join(''));

function isBoundary(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return true;
  const prev = text.charCodeAt(offset - 1);
  const next = text.charCodeAt(offset);
  return !(prev >= 0xd800 && prev <= 0xdbff && next >= 0xdc00 && next <= 0xdfff);
}

/** A span is integral, inside the text, ordered, and does not split a surrogate pair. */
export function checkSpan(text: string, s: Span, what: string): void {
  assert.ok(Number.isInteger(s.start) && Number.isInteger(s.end), `${what}: non-integer span`);
  assert.ok(s.start >= 0 && s.start <= s.end && s.end <= text.length, `${what}: span ${s.start}-${s.end} outside 0-${text.length}`);
  assert.ok(isBoundary(text, s.start) && isBoundary(text, s.end), `${what}: span ${s.start}-${s.end} splits a surrogate pair`);
}

/** Every span of a model lies inside its text. */
export function checkModelSpans(model: BriefModel): void {
  const { text } = model;
  for (const b of model.blocks) checkSpan(text, b.span, `block ${b.kind}`);
  for (const m of model.markers) {
    checkSpan(text, m.span, 'marker');
    if (m.group) checkSpan(text, m.group, 'marker group');
  }
  for (const n of model.notes) {
    checkSpan(text, n.span, 'note');
    checkSpan(text, n.labelSpan, 'note label');
    for (const u of n.urls) checkSpan(text, u.span, 'url');
  }
  for (const p of model.paragraphs) for (const s of p.parts) checkSpan(text, s, 'paragraph part');
}

/** Parses and lints: no check throws, every finding lies inside the text. Returns the model and findings. */
export function lintChecked(text: string, format: BriefFormat): { model: BriefModel; findings: Finding[] } {
  const model = engine.parse(text, format);
  checkModelSpans(model);
  const r = engine.lint(model, DEFAULT_CONFIG, { docKey: 'generated' });
  assert.deepEqual(r.errors.map((e) => `${e.code}: ${(e.error as Error)?.stack ?? e.error}`), [], 'a check threw');
  for (const f of r.findings) {
    checkSpan(text, f.span, f.code);
    for (const rel of f.related ?? []) if (!rel.uri) checkSpan(text, rel.span, `${f.code} related`);
    assert.ok(f.message.length > 0, `${f.code}: empty message`);
  }
  return { model, findings: r.findings };
}

// ---------------------------------------------------------------------------------------------
// Planted briefs

const WORDS = (
  'agency budget council district border policy reform treaty market labour housing energy transit water court ministry province ' +
  'village harvest export import tariff subsidy pension clinic school teacher nurse farmer trader migrant refugee militia police army ' +
  'drought flood storm famine vaccine census ledger audit contract tender bridge railway harbour pipeline refinery mine forest river ' +
  'coast island valley capital mayor governor senator envoy donor lender creditor debtor auditor inspector observer monitor survey ' +
  'report review charter statute decree mandate ceasefire dialogue summit accord protocol framework roadmap programme initiative ' +
  'pilot scheme network platform registry database archive index benchmark threshold ceiling floor quota levy fee rebate grant loan ' +
  'bond reserve deficit surplus revenue outlay arrears backlog shortfall windfall rally protest strike boycott petition ballot quorum ' +
  'motion amendment clause annex schedule appendix memo brief dossier'
).split(/\s+/);

const FIGURES = ['over 600 attacks', '$7.1 billion', '56%', '6,000 to 6,500 people', '1 in 4 households', '3.4 million residents', '12 districts', '€40 million', '40 km', '12 mi', '300 m'];

/** The structure of a generated brief; `renderBrief` turns it into text. */
export interface BriefSpec {
  style: NoteStyle;
  /** Markdown file (footnote style always is); superscript and bracket briefs may also be plain text. */
  markdown: boolean;
  crlf: boolean;
  finalEol: boolean;
  /** Blank lines between note entries. */
  spacedNotes: boolean;
  /** Superscript: `- ¹ ` (0) or `¹ ` (1); bracket: `[1] ` (0) or `1. ` (1). */
  labelForm: 0 | 1;
  /** Note i+1 is a source (false) or an Ibid. of the one before (true); the first is always a source. */
  ibid: boolean[];
  /** Citations are in a shuffled order (footnote-order) rather than 1, 2, 3 … */
  shuffle: boolean;
  /** Notes never cited (footnote-unused), by number. */
  drop: number[];
  /** Extra citations: numbers up to n+3, so some have no note (footnote-undefined) and some repeat. */
  extraCites: number[];
  /** Numbers defined twice (footnote-duplicate). */
  dupDefs: number[];
  /** The notes list is written out of numeric order. */
  notesShuffled: boolean;
  /** Sentences per paragraph (the number of paragraphs is this array's length). */
  sentences: number[];
  /** Sentence indexes (mod the sentence count) that get a figure. */
  figures: number[];
  /** A citation in a sentence with a figure goes right after the figure rather than at the sentence end. */
  citeAfterFigure: boolean;
  /** Paragraphs with a figure and no marker at all (uncited-figure for sure). */
  uncitedParagraphs: number;
  /** Pasted copies: paragraphs [from, from+len) copied after paragraph `after`; `tweak` changes one word (similar-paragraph). */
  pastes: { from: number; len: number; after: number; tweak: boolean; stripMarkers: boolean }[];
  /** Headings before these paragraph indexes. */
  headings: number[];
  /** Footnote style: labelled `[^src-k]` citations, with a definition (true) or without (false). */
  labelled: boolean[];
  seed: number;
}

/** A rendered brief and what was planted in it. */
export interface PlantedBrief {
  text: string;
  format: BriefFormat;
  style: NoteStyle;
  spec: BriefSpec;
}

export const briefSpecArb: fc.Arbitrary<BriefSpec> = fc
  .record({
    style: fc.constantFrom<NoteStyle>('superscript', 'footnote', 'bracket'),
    markdown: fc.boolean(),
    crlf: fc.boolean(),
    finalEol: fc.boolean(),
    spacedNotes: fc.boolean(),
    labelForm: fc.constantFrom<0 | 1>(0, 1),
    n: fc.integer({ min: 1, max: 10 }),
    ibid: fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
    shuffle: fc.boolean(),
    drop: fc.array(fc.integer({ min: 1, max: 10 }), { maxLength: 2 }),
    extraCites: fc.array(fc.integer({ min: 1, max: 13 }), { maxLength: 3 }),
    dupDefs: fc.array(fc.integer({ min: 1, max: 10 }), { maxLength: 2 }),
    notesShuffled: fc.boolean(),
    sentences: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 2, maxLength: 6 }),
    figures: fc.array(fc.nat(), { maxLength: 3 }),
    citeAfterFigure: fc.boolean(),
    uncitedParagraphs: fc.integer({ min: 0, max: 2 }),
    pastes: fc.array(fc.record({ from: fc.nat(), len: fc.integer({ min: 1, max: 2 }), after: fc.nat(), tweak: fc.boolean(), stripMarkers: fc.boolean() }), { maxLength: 2 }),
    headings: fc.array(fc.nat(), { maxLength: 2 }),
    labelled: fc.array(fc.boolean(), { maxLength: 2 }),
    seed: fc.integer(),
  })
  .map((r) => ({
    ...r,
    markdown: r.style === 'footnote' ? true : r.markdown,
    // In Markdown, `¹ text` or `[1] text` lines with no blank line between them are one paragraph (one note), as a renderer shows them.
    spacedNotes: r.spacedNotes || (r.style !== 'footnote' && r.markdown && (r.style === 'superscript' ? r.labelForm === 1 : r.labelForm === 0)),
    ibid: [false, ...r.ibid.slice(1, r.n)],
    drop: r.drop.filter((d) => d <= r.n),
    dupDefs: r.dupDefs.filter((d) => d <= r.n),
    labelled: r.style === 'footnote' ? r.labelled : [],
  }));

const SUP = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
const sup = (n: number) => String(n).split('').map((d) => SUP[+d]).join('');

/** Renders a spec. Note k (1-based) is `Author Sk …` or `Ibid., p. <unique page>`. */
export function renderBrief(spec: BriefSpec): PlantedBrief {
  // The prose is drawn from the spec's seed; the structure (the spec) is what fast-check shrinks.
  const rnd = seededRandom(spec.seed);
  const { pick } = rnd;
  const eol = spec.crlf ? '\r\n' : '\n';
  const n = spec.ibid.length;
  const format: BriefFormat = spec.markdown ? 'markdown' : 'plaintext';

  // Citations in text order.
  const order = Array.from({ length: n }, (_, i) => i + 1).filter((x) => !spec.drop.includes(x));
  if (spec.shuffle) rnd.shuffle(order);
  const cites: (number | string)[] = [...order];
  for (const c of spec.extraCites) cites.splice(rnd.below(cites.length + 1), 0, c);
  spec.labelled.forEach((_, i) => cites.splice(rnd.below(cites.length + 1), 0, `src-${i}`));

  const marker = (c: number | string) =>
    typeof c === 'string' || spec.style === 'footnote' ? `[^${c}]` : spec.style === 'bracket' ? ` [${c}]` : sup(c);

  // Sentences, with one citation at most per sentence (more sentences when there are more citations).
  const sentenceCounts = [...spec.sentences];
  const total0 = sentenceCounts.reduce((a, b) => a + b, 0);
  if (cites.length > total0) sentenceCounts[sentenceCounts.length - 1] += cites.length - total0;
  const total = sentenceCounts.reduce((a, b) => a + b, 0);
  const slots = Array.from({ length: total }, (_, i) => i);
  rnd.shuffle(slots);
  const citeAt = new Map<number, number | string>();
  slots.slice(0, cites.length).sort((a, b) => a - b).forEach((slot, i) => citeAt.set(slot, cites[i]));
  const figureAt = new Set(spec.figures.map((f) => f % total));

  const sentence = (withFigure: boolean) => {
    const words = Array.from({ length: 9 + rnd.below(6) }, () => pick(WORDS));
    if (withFigure) words.splice(1 + rnd.below(words.length - 1), 0, pick(FIGURES));
    words[0] = words[0][0].toUpperCase() + words[0].slice(1);
    return words.join(' ');
  };
  const paragraphs: string[] = [];
  let k = 0;
  for (const count of sentenceCounts) {
    const parts: string[] = [];
    for (let s = 0; s < count; s++, k++) {
      const body = sentence(figureAt.has(k));
      const c = citeAt.get(k);
      const figure = FIGURES.find((f) => body.includes(f));
      if (c === undefined) parts.push(`${body}.`);
      // A citation right after its figure, mid-sentence (`40 km¹ of road`).
      else if (spec.citeAfterFigure && figure) parts.push(`${body.replace(figure, `${figure}${marker(c)}`)}.`);
      else if (spec.style === 'bracket' && typeof c === 'number') parts.push(`${body}${marker(c)}.`);
      else parts.push(`${body}.${marker(c)}`);
    }
    paragraphs.push(parts.join(' '));
  }
  for (let i = 0; i < spec.uncitedParagraphs; i++) paragraphs.splice(rnd.below(paragraphs.length + 1), 0, `${sentence(true)}. ${sentence(false)}.`);

  // Pasted copies of earlier paragraphs (each copy lands after the paragraphs it copies).
  for (const p of spec.pastes) {
    const from = p.from % paragraphs.length;
    const len = Math.min(p.len, paragraphs.length - from);
    const after = from + len - 1 + (p.after % (paragraphs.length - from - len + 1));
    let copy = paragraphs.slice(from, from + len);
    if (p.stripMarkers) copy = copy.map((c) => c.replace(/\[\^[^\]]*\]| \[\d+\]|[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g, ''));
    if (p.tweak) copy = copy.map((c) => c.replace(/\b([a-z]{4,})\b/, 'altered'));
    paragraphs.splice(after + 1, 0, ...copy);
  }

  const headingText = (i: number) => (spec.markdown ? `## ${pick(['Context', 'Findings', 'Options', 'Background'])} ${i}` : `${pick(['Context', 'Findings', 'Options', 'Background'])} ${i}`);
  const body: string[] = [];
  const headingBefore = new Set(spec.headings.map((h) => h % paragraphs.length));
  paragraphs.forEach((p, i) => {
    if (headingBefore.has(i) && i > 0) body.push(headingText(i));
    body.push(p);
  });

  // Notes.
  let page = 100;
  const noteText = (num: number) => (spec.ibid[num - 1] ? `Ibid., p. ${page++}` : `Author S${num}, “Report S${num},” Publisher, 20${10 + num}${rnd.chance(0.5) ? `, <https://example.org/s${num}>` : ''}.`);
  const entry = (label: number | string, t: string) => {
    if (typeof label === 'string' || spec.style === 'footnote') return `[^${label}]: ${t}`;
    if (spec.style === 'bracket') return spec.labelForm === 0 ? `[${label}] ${t}` : `${label}. ${t}`;
    return spec.labelForm === 0 ? `- ${sup(label)} ${t}` : `${sup(label)} ${t}`;
  };
  const numbers = Array.from({ length: n }, (_, i) => i + 1);
  if (spec.notesShuffled && numbers.length > 1) [numbers[0], numbers[numbers.length - 1]] = [numbers[numbers.length - 1], numbers[0]];
  const entries: string[] = [];
  for (const num of numbers) {
    entries.push(entry(num, noteText(num)));
    if (spec.dupDefs.includes(num)) entries.push(entry(num, `Duplicate definition D${num}, Publisher, 2021.`));
  }
  spec.labelled.forEach((defined, i) => {
    if (defined) entries.push(entry(`src-${i}`, `Labelled source L${i}, “Paper L${i},” 2019.`));
  });
  const title = spec.markdown ? '# A Generated Brief' : 'A Generated Brief';
  const notesHeading = spec.style === 'footnote' ? undefined : spec.style === 'bracket' ? 'References' : 'Notes';
  const notesBlock = [...(notesHeading ? [spec.markdown ? `## ${notesHeading}` : notesHeading, ''] : []), entries.join(spec.spacedNotes ? eol + eol : eol)];
  const text = [title, '', body.join(eol + eol), '', ...notesBlock].join(eol) + (spec.finalEol ? eol : '');
  return { text, format, style: spec.style, spec };
}

export const plantedBriefArb: fc.Arbitrary<PlantedBrief> = briefSpecArb.map(renderBrief);

// ---------------------------------------------------------------------------------------------
// Fix invariants

/** The fixes the engine offers, by what they do. */
export type FixKind = 'renumber' | 'add-note' | 'remove-note' | 'delete-duplicate' | 'add-figure-note' | 'ignore-figure' | 'insert-footnote';

/** Which fix a code action is; a fix this table does not know fails the test (add it here, with its contract). */
export function fixKindOf(code: string, title: string): FixKind {
  if (code === 'footnote-order' && /^Renumber/.test(title)) return 'renumber';
  if (code === 'footnote-undefined' && /^Add note /.test(title)) return 'add-note';
  if (code === 'footnote-unused' && /^Remove unused note /.test(title)) return 'remove-note';
  if ((code === 'duplicate-paragraph' || code === 'similar-paragraph') && /^Delete th(is|ese)/.test(title)) return 'delete-duplicate';
  if (code === 'uncited-figure' && /^Add a note for this figure/.test(title)) return 'add-figure-note';
  if (code === 'uncited-figure' && /^Ignore this figure/.test(title)) return 'ignore-figure';
  throw new Error(`unknown fix "${title}" for ${code}: give it a kind and a contract in tests/unit/generators.ts`);
}

/** Where each original offset goes after the edits (an offset inside a replaced range maps to its start). */
export function mapSpan(span: Span, edits: TextEdit[]): Span | undefined {
  for (const e of edits) {
    const overlaps = e.span.start < span.end && e.span.end > span.start;
    const insertsInside = e.span.start === e.span.end && e.span.start > span.start && e.span.start < span.end;
    if (overlaps || insertsInside) return undefined;
  }
  const delta = (list: TextEdit[]) => list.reduce((d, e) => d + e.newText.length - (e.span.end - e.span.start), 0);
  // An insertion at the span's start pushes the span; one at its end does not grow it.
  const start = span.start + delta(edits.filter((e) => e.span.end <= span.start));
  if (span.end === span.start) return { start, end: start };
  const end = span.end + delta(edits.filter((e) => e.span.end <= span.end && !(e.span.start === e.span.end && e.span.start === span.end)));
  return { start, end };
}

/** The planted identity of a note: `p<page>` for an Ibid. (or an expanded one), else its `S<k>`/`L<k>` tag. */
export function sourcesIdOf(note: Note): string {
  const page = /p\. (\d+)\s*$/.exec(note.text)?.[1];
  return page ? `p${page}` : (/\b[SL]\d+\b/.exec(note.text)?.[0] ?? note.text);
}

/** For each note (by its planted identity), the source it stands for, Ibid. resolved. */
export function sourcesOf(model: BriefModel): Map<string, string | undefined> {
  const ibids = resolveIbids(model);
  const out = new Map<string, string | undefined>();
  for (const note of model.notes) {
    if (/^Duplicate definition/.test(note.text) || note.text.trim() === '' || /NEW NOTE/.test(note.text)) continue;
    const id = sourcesIdOf(note);
    if (out.has(id)) continue;
    if (isIbid(note)) {
      const src = ibids.get(note)?.source;
      out.set(id, src ? (/\b[SL]\d+\b/.exec(src.text)?.[0] ?? `«${src.text}»`) : undefined);
    } else out.set(id, /\b[SL]\d+\b/.exec(note.text)?.[0]);
  }
  return out;
}

/** Every note that stood for a known source still stands for it (`except`: ids of notes the fix removes). */
export function assertSourcesKept(before: BriefModel, after: BriefModel, what: string, except: Set<string> = new Set()): void {
  const a = sourcesOf(before);
  const b = sourcesOf(after);
  for (const [id, src] of a) {
    if (src === undefined || except.has(id)) continue;
    assert.equal(b.get(id), src, `${what}: note ${id} stood for ${src}, now for ${b.get(id)}`);
  }
}

function isInside(s: Span, outer: Span): boolean {
  return s.start >= outer.start && s.end <= outer.end;
}

/**
 * Invariants of every edit list: integral, inside the text, non-overlapping, not splitting a
 * surrogate pair or a CRLF, and the same result when applied through LSP ranges (as the client does).
 */
export function checkEditsWellFormed(model: BriefModel, edits: TextEdit[], what: string): string {
  const { text } = model;
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start);
  let pos = 0;
  for (const e of sorted) {
    checkSpan(text, e.span, `${what}: edit`);
    assert.ok(e.span.start >= pos, `${what}: overlapping edits at ${e.span.start}`);
    for (const o of [e.span.start, e.span.end])
      assert.ok(!(text[o - 1] === '\r' && text[o] === '\n'), `${what}: an edit boundary at ${o} splits a CRLF`);
    pos = e.span.end;
  }
  const after = applyEdits(text, edits);
  // Nothing outside the declared ranges changed: the text between the edits is the original.
  let inPos = 0;
  let outPos = 0;
  for (const e of sorted) {
    assert.equal(after.slice(outPos, outPos + (e.span.start - inPos)), text.slice(inPos, e.span.start), `${what}: text outside the edits changed`);
    outPos += e.span.start - inPos + e.newText.length;
    inPos = e.span.end;
  }
  assert.equal(after.slice(outPos), text.slice(inPos), `${what}: text after the last edit changed`);
  // The client applies LSP ranges, not offsets: both must give the same text.
  const doc = TextDocument.create('file:///generated', 'markdown', 1, text);
  const viaLsp = TextDocument.applyEdits(doc, edits.map((e) => ({ range: toRange(model, e.span), newText: e.newText })));
  assert.equal(viaLsp, after, `${what}: applying the edits as LSP ranges gives another text`);
  return after;
}

/** The removed text of each edit, with the spans it came from. */
function removed(text: string, edits: TextEdit[]) {
  return edits.filter((e) => e.span.end > e.span.start).map((e) => ({ span: e.span, text: text.slice(e.span.start, e.span.end), newText: e.newText }));
}

/** The note area: from the first note (or notes heading) to the end of the last note. */
function notesArea(model: BriefModel): Span | undefined {
  if (model.notes.length === 0) return undefined;
  return { start: Math.min(...model.notes.map((n) => n.span.start)), end: Math.max(...model.notes.map((n) => n.span.end)) };
}

/**
 * Renumber / Insert footnote / Add a note for a figure: what they replace lies in a marker, in the
 * notes, or is the document's trailing blank space (a new notes section); anything else is a pure insertion.
 */
function assertRenumberScope(model: BriefModel, edits: TextEdit[], what: string): void {
  const area = notesArea(model);
  for (const r of removed(model.text, edits)) {
    const inMarker = model.markers.some((m) => isInside(r.span, m.group ?? m.span));
    const inNotes = area !== undefined && isInside(r.span, area);
    const trailingSpace = r.span.end === model.text.length && /^\s*$/.test(r.text);
    assert.ok(inMarker || inNotes || trailingSpace, `${what}: replaces ${JSON.stringify(r.text)} at ${r.span.start}, outside markers and notes`);
  }
}

export interface FixCheckResult {
  kind: FixKind;
  after: string;
}

/**
 * Applies one fix offered for `finding` and checks its contract:
 * - every fix: the edits are well formed, nothing outside them changes, the result parses and lints
 *   without a check throwing, and the fix removes only what it is entitled to;
 * - the targeted finding is gone: no finding of the same code at the same place mapped through the
 *   edits (for fixes that rewrite or delete the finding's own text, the kind-specific check below);
 * - twice = once where that is the contract, otherwise the fix is not offered again.
 *
 * Per kind:
 * - renumber: no sequence or notes-order finding remains (repeated citations, kind `repeat`, are
 *   not what Renumber fixes); a second Renumber is a no-op; every note, Ibid. resolved, stands for
 *   the same source as before.
 * - add-note: one pure insertion (or the trailing blank space), in the notes or at the end; the
 *   marker now has a note; the fix is not offered again for that marker.
 * - remove-note: one deletion, of that note entry and blank space only (plus, where an Ibid. stood
 *   for the note, that Ibid. written out); one note fewer with that label and text; every other
 *   note stands for the same source; the fix is not offered again for that note.
 * - delete-duplicate: deletions only, of the duplicated paragraphs and blank space (and headings
 *   copied inside a pasted run); the earlier text each copy repeats is still there, unchanged;
 *   exactly that many paragraphs fewer.
 * - add-figure-note: a marker and a note stub (renumbering what follows); the figure is no longer
 *   reported; sources kept.
 * - ignore-figure: one pure insertion of a suppression comment on the figure's line (or the line
 *   above); the figure is no longer reported; nothing else changes in the findings of other codes
 *   on other lines.
 */
export function checkFix(model: BriefModel, findings: Finding[], finding: Finding, fix: Fix): FixCheckResult {
  const kind = fixKindOf(finding.code, fix.title);
  const { text, format } = model;
  const what = `${fix.title} (for ${finding.code} at ${finding.span.start}-${finding.span.end} ${JSON.stringify(text.slice(finding.span.start, finding.span.end))})`;
  assert.ok(fix.edits.length > 0, `${what}: a fix with no edits`);
  const after = checkEditsWellFormed(model, fix.edits, what);
  if (fix.cursor !== undefined) assert.ok(Number.isInteger(fix.cursor) && fix.cursor >= 0 && fix.cursor <= after.length, `${what}: cursor ${fix.cursor} outside the result`);
  const { model: m2, findings: f2 } = lintChecked(after, format);
  const sameCode = (list: Finding[]) => list.filter((f) => f.code === finding.code);
  const mapped = mapSpan(finding.span, fix.edits);
  if (mapped) {
    const still = sameCode(f2).find((f) => f.span.start === mapped.start && f.span.end === mapped.end);
    assert.equal(still, undefined, `${what}: the finding is still there at ${mapped.start}-${mapped.end}\n--- before\n${text}\n--- after\n${after}`);
  }

  switch (kind) {
    case 'renumber': {
      assertRenumberScope(model, fix.edits, what);
      const left = f2.filter((f) => f.code === 'footnote-order' && f.data?.kind !== 'repeat');
      assert.deepEqual(left.map((f) => f.message), [], `${what}: still out of order\n--- after\n${after}`);
      assert.deepEqual(planRenumber(m2).edits, [], `${what}: a second Renumber is not a no-op\n--- after\n${after}`);
      assert.equal(f2.filter((f) => f.code === 'footnote-order').flatMap((f) => engine.fixes(m2, f)).length, 0, `${what}: Renumber is offered again`);
      assertSourcesKept(model, m2, what);
      break;
    }
    case 'add-note': {
      assert.equal(fix.edits.length, 1, `${what}: one edit`);
      const [e] = fix.edits;
      assert.ok(e.span.start === e.span.end || (e.span.end === text.length && /^\s*$/.test(text.slice(e.span.start))), `${what}: replaces text`);
      const area = notesArea(model);
      assert.ok(!area || e.span.start >= area.start || e.span.end === text.length, `${what}: inserted at ${e.span.start}, before the notes`);
      assert.ok(mapped, `${what}: the marker itself was edited`);
      const marker = m2.markers.find((m) => m.span.start === mapped!.start);
      assert.ok(marker && m2.notes.some((n) => n.key === marker.key), `${what}: the marker has no note afterwards\n--- after\n${after}`);
      // The provider itself declines a marker that has a note (the server asks it with the client's stale diagnostic).
      assert.deepEqual(engine.fixes(m2, { code: finding.code, span: mapped!, data: finding.data }), [], `${what}: offered again`);
      break;
    }
    case 'remove-note': {
      const note = model.notes.find((n) => n.labelSpan.start === finding.span.start)!;
      assert.ok(note, `${what}: no note at the finding`);
      // One deletion, of the note; any other edit writes out an Ibid. note that stood for it.
      const deletions = fix.edits.filter((x) => isInside(note.span, x.span));
      assert.equal(deletions.length, 1, `${what}: one edit removes the note`);
      const [e] = deletions;
      assert.equal(e.newText, '', `${what}: inserts text`);
      for (const other of fix.edits.filter((x) => x !== e)) {
        const target = model.notes.find((x) => isInside(other.span, x.span));
        assert.ok(target && isIbid(target), `${what}: an edit outside the note and the Ibid. notes after it: ${JSON.stringify(text.slice(other.span.start, other.span.end))}`);
      }
      const gone = text.slice(e.span.start, e.span.end);
      assert.ok(isInside(note.span, e.span), `${what}: does not remove the whole note`);
      assert.match(gone.replace(text.slice(note.span.start, note.span.end), ''), /^\s*$/, `${what}: removes more than the note: ${JSON.stringify(gone)}`);
      const same = (m: BriefModel) => m.notes.filter((x) => x.label === note.label && x.text === note.text).length;
      assert.equal(same(m2), same(model) - 1, `${what}: the note is still there`);
      // Not idempotent as an edit (it deletes text); the fix is not offered for that note again.
      const unusedAgain = f2.filter((f) => f.code === 'footnote-unused').map((f) => m2.notes.find((x) => x.labelSpan.start === f.span.start)).filter((x) => x && x.label === note.label && x.text === note.text);
      // Every other note, Ibid. resolved, stands for the same source as before.
      const removedId = sourcesIdOf(note);
      assertSourcesKept(model, m2, what, new Set([removedId]));
      assert.equal(unusedAgain.length, sameCode(findings).map((f) => model.notes.find((x) => x.labelSpan.start === f.span.start)).filter((x) => x && x.label === note.label && x.text === note.text).length - 1, `${what}: still reported`);
      break;
    }
    case 'delete-duplicate': {
      const paras = (finding.data?.paragraphs as [number, number][][]).map((p) => p.map(([start, end]) => ({ start, end })));
      for (const r of removed(text, fix.edits)) {
        assert.equal(r.newText, '', `${what}: inserts text`);
        let rest = r.text;
        for (const p of paras.flat()) if (isInside(p, r.span)) rest = rest.replace(text.slice(p.start, p.end), '');
        // A pasted run may carry a copied heading with it: a heading whose line also stands outside what is removed.
        for (const b of model.blocks) {
          if (b.kind !== 'heading' || !isInside(b.span, r.span)) continue;
          const line = text.slice(model.lines.starts[b.startLine], model.lines.lineEnd(b.endLine));
          const outside = text.slice(0, r.span.start) + '\n' + text.slice(r.span.end);
          if (outside.split(/\r\n|\r|\n/).includes(line)) rest = rest.replace(line, '');
        }
        assert.match(rest, /^\s*$/, `${what}: removes more than the duplicated paragraphs: ${JSON.stringify(rest)}`);
      }
      for (const p of paras.flat()) assert.ok(fix.edits.some((e) => isInside(p, e.span)), `${what}: a duplicated paragraph is left`);
      // The earlier text the copy repeats is kept, untouched.
      const related = finding.related?.[0];
      if (related && !related.uri) {
        const original = mapSpan(related.span, fix.edits);
        assert.ok(original, `${what}: the earlier text was edited\n--- before\n${text}`);
        assert.equal(after.slice(original!.start, original!.end), text.slice(related.span.start, related.span.end), `${what}: the earlier text changed`);
      }
      // (How many copies are reported afterwards is not part of the contract: a text standing three or
      // more times is a template and not reported, so deleting one of three copies can reveal the other two.)
      assert.equal(model.paragraphs.length - m2.paragraphs.length, paras.length, `${what}: not exactly the duplicated paragraphs deleted\n--- after\n${after}`);
      break;
    }
    case 'add-figure-note': {
      assertRenumberScope(model, fix.edits, what);
      // The figure is no longer reported (checked above), so neither fix is offered for it again.
      assert.ok(mapped, `${what}: the figure itself was edited`);
      assertSourcesKept(model, m2, what);
      break;
    }
    case 'ignore-figure': {
      assert.equal(fix.edits.length, 1, `${what}: one edit`);
      const [e] = fix.edits;
      assert.equal(e.span.start, e.span.end, `${what}: replaces text`);
      assert.match(e.newText, /policy-brief-disable(-next)?-line uncited-figure/, `${what}: not a suppression comment`);
      const line = model.lines.lineAt(finding.span.start);
      assert.ok(e.span.start === model.lines.lineEnd(line) || e.span.start === model.lines.starts[line], `${what}: not at the figure's line`);
      assert.ok(mapped, `${what}: the figure itself was edited`);
      // Other codes are not switched off by the comment.
      const others = (list: Finding[], mapBack: boolean) =>
        list.filter((f) => f.code !== 'uncited-figure' && f.code !== 'similar-sentence' && f.code !== 'similar-paragraph' && f.code !== 'duplicate-paragraph').map((f) => `${f.code}@${mapBack ? f.span.start : mapSpan(f.span, fix.edits)?.start}`).sort();
      assert.deepEqual(others(f2, true), others(findings, false), `${what}: findings of other codes changed`);
      break;
    }
    default:
      break;
  }
  return { kind, after };
}

/**
 * Insert footnote (planRenumber with an insertion) at `at`: the edits are well formed and confined
 * to markers, notes and pure insertions; the new note exists with the number the plan gives, the
 * cursor lands at its (empty) text, a Renumber afterwards is a no-op, and every other note stands
 * for the same source. Not idempotent by design: each call adds a note.
 */
export function checkInsertFootnote(model: BriefModel, at: number): string {
  const plan = planRenumber(model, { at, noteText: 'NEW NOTE' });
  const what = `Insert footnote at ${at}`;
  assert.ok(plan.edits.length > 0, `${what}: no edits`);
  const after = checkEditsWellFormed(model, plan.edits, what);
  assertRenumberScope(model, plan.edits, what);
  const { model: m2 } = lintChecked(after, model.format);
  const newNote = m2.notes.find((n) => n.text.includes('NEW NOTE'));
  assert.ok(newNote, `${what}: the new note is missing\n--- after\n${after}`);
  assert.equal(newNote!.number, plan.insertedNumber, `${what}: the new note has another number`);
  assert.ok(m2.markers.some((m) => m.key === newNote!.key), `${what}: the new note is not cited`);
  assert.ok(plan.cursor !== undefined && after.slice(plan.cursor).startsWith('NEW NOTE'), `${what}: the cursor is not in the new note`);
  assert.deepEqual(planRenumber(m2).edits, [], `${what}: a Renumber after it is not a no-op\n--- before\n${model.text}\n--- after\n${after}`);
  assertSourcesKept(model, m2, what);
  return after;
}

// ---------------------------------------------------------------------------------------------
// Known product bugs

/**
 * Product bugs these properties found and that are not fixed yet. Each entry names the
 * inputs it affects, so the properties skip only those and keep guarding everything else; add a
 * `todo` test reproducing it in fixes.property.test.ts. When the bug is fixed, delete the entry and
 * the `todo` mark. (Found and fixed, now plain regression tests there: Renumber offered on a repeated
 * marker; Remove unused note leaving an Ibid. to refer to another source, also through a duplicate
 * definition; Delete duplicates taking unique text between the copies; Markdown note entries joined
 * to the one before; an empty `2. ` stub.)
 *
 * Example entry:
 *   { id: 'short-name', what: 'one line', affects: (model, finding, fix) => finding?.code === '…' && … }
 */
export const KNOWN_BUGS: { id: string; what: string; affects: (model: BriefModel, finding: Finding | undefined, fix: Fix | undefined) => boolean }[] = [];

/**
 * Checks every distinct fix of every finding of a brief with `checkFix`: a fix offered for several
 * findings (one Renumber for many) is checked once, and inputs a known bug affects are skipped.
 * Returns the kinds checked and the bugs skipped.
 */
export function checkEveryFix(model: BriefModel, findings: Finding[]): { kinds: FixKind[]; skipped: string[] } {
  const kinds: FixKind[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  for (const finding of findings)
    for (const fix of engine.fixes(model, finding)) {
      const key = `${fix.title}|${JSON.stringify(fix.edits)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const bug = knownBug(model, finding, fix);
      if (bug) skipped.push(bug);
      else kinds.push(checkFix(model, findings, finding, fix).kind);
    }
  return { kinds, skipped };
}

/** The known bug an input hits, if any. FUZZ_NO_SKIP=1 (or a comma-separated list of ids) checks those inputs too. */
export function knownBug(model: BriefModel, finding: Finding | undefined, fix: Fix | undefined): string | undefined {
  const noSkip = (process.env.FUZZ_NO_SKIP ?? '').split(',');
  return KNOWN_BUGS.find((b) => !noSkip.includes('1') && !noSkip.includes(b.id) && b.affects(model, finding, fix))?.id;
}
