import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { type BriefModel, type NoteStyle } from '../../server/src/engine';
import { applyEdits } from '../../server/src/engine/fixes/edits';
import { planRenumber } from '../../server/src/engine/fixes/renumber';
import { resolveIbids, isIbid } from '../../server/src/engine/notes';
import { parseSettings } from '../../server/src/common/settings';
import { engine } from '../support/engine';
import { seededRandom } from '../support/random';

const config = parseSettings({}).settings;
const SUP = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
const sup = (n: number) => String(n).split('').map((d) => SUP[+d]).join('');

interface Spec {
  style: NoteStyle;
  /** Note i (1-based number) is a source (S-tag) or an Ibid with a unique page. */
  notes: ({ kind: 'source'; tag: number } | { kind: 'ibid'; page: number })[];
  /** Citations in text order, by note number (may include numbers with no note). */
  cites: number[];
  /** Numbers defined twice. */
  dupes: number[];
}

function render(spec: Spec): string {
  const mark = (n: number) => (spec.style === 'footnote' ? `[^${n}]` : spec.style === 'bracket' ? ` [${n}]` : sup(n));
  const sentences = spec.cites.map((n, i) => `Sentence ${i} makes a claim.${mark(n)}`);
  const paras: string[] = [];
  for (let i = 0; i < sentences.length; i += 3) paras.push(sentences.slice(i, i + 3).join(' '));
  const noteText = (i: number) => {
    const n = spec.notes[i];
    return n.kind === 'source' ? `Author S${n.tag}, “Report S${n.tag},” Publisher, 2020, <https://example.org/s${n.tag}>` : `Ibid., p. ${n.page}`;
  };
  const entry = (num: number, text: string) =>
    spec.style === 'footnote' ? `[^${num}]: ${text}` : spec.style === 'bracket' ? `[${num}] ${text}` : `- ${sup(num)} ${text}`;
  const entries: string[] = [];
  spec.notes.forEach((_, i) => {
    entries.push(entry(i + 1, noteText(i)));
    if (spec.dupes.includes(i + 1)) entries.push(entry(i + 1, `Duplicate definition D${i + 1}, 2021.`));
  });
  const head = spec.style === 'footnote' ? '# Brief\n\n' : 'Brief Title\n\n';
  const notesHead = spec.style === 'footnote' ? '' : spec.style === 'bracket' ? 'References\n\n' : 'Notes\n\n';
  return `${head}${paras.join('\n\n')}\n\n${notesHead}${entries.join('\n')}\n`;
}

const specArb: fc.Arbitrary<Spec> = fc
  .record({
    style: fc.constantFrom<NoteStyle>('superscript', 'footnote', 'bracket'),
    n: fc.integer({ min: 1, max: 14 }),
    ibidMask: fc.array(fc.boolean(), { minLength: 14, maxLength: 14 }),
    extraCites: fc.array(fc.integer({ min: 1, max: 16 }), { maxLength: 12 }),
    drop: fc.array(fc.integer({ min: 1, max: 14 }), { maxLength: 3 }),
    dupes: fc.array(fc.integer({ min: 1, max: 14 }), { maxLength: 2 }),
    seed: fc.integer(),
  })
  .map(({ style, n, ibidMask, extraCites, drop, dupes, seed }) => {
    let page = 100;
    const notes: Spec['notes'] = [];
    for (let i = 0; i < n; i++) notes.push(i > 0 && ibidMask[i] ? { kind: 'ibid', page: page++ } : { kind: 'source', tag: i + 1 });
    // Cite every note once in a shuffled order, minus some (deletions), plus random extra citations.
    const rnd = seededRandom(seed);
    const order = rnd.shuffle(Array.from({ length: n }, (_, i) => i + 1).filter((x) => !drop.includes(x)));
    const cites = [...order];
    for (const c of extraCites) cites.splice(rnd.below(cites.length + 1), 0, c);
    return { style, notes, cites: cites.length ? cites : [1], dupes: dupes.filter((d) => d <= n) };
  });

/** For each note, the S-tag of the source it stands for (Ibid. resolved), keyed by its identity. */
function sourceMap(model: BriefModel): Map<string, string | undefined> {
  const ibids = resolveIbids(model);
  const out = new Map<string, string | undefined>();
  for (const note of model.notes) {
    if (/^Duplicate/.test(note.text)) continue;
    const page = /p\. (\d+)$/.exec(note.text)?.[1];
    const id = page ? `p${page}` : /S(\d+)/.exec(note.text)?.[0] ?? note.text;
    if (out.has(id)) continue;
    if (isIbid(note)) {
      const src = ibids.get(note)?.source;
      out.set(id, src ? /S\d+/.exec(src.text)?.[0] : undefined);
    } else out.set(id, /S\d+/.exec(note.text)?.[0]);
  }
  return out;
}

test('Renumber property: order fixed, Ibid. sources kept, nothing outside markers and notes changes, idempotent', () => {
  let withEdits = 0;
  fc.assert(
    fc.property(specArb, (spec) => {
      const text = render(spec);
      const format = spec.style === 'footnote' ? 'markdown' : 'plaintext';
      const model = engine.parse(text, format);
      const plan = planRenumber(model);
      if (plan.edits.length) withEdits++;
      // Every edit lies inside a marker or inside the notes block.
      const notesStart = Math.min(...model.notes.map((n) => n.span.start));
      const notesEnd = Math.max(...model.notes.map((n) => n.span.end));
      for (const e of plan.edits) {
        const inMarker = model.markers.some((m) => {
          const s = m.group ?? m.span;
          return e.span.start >= s.start && e.span.end <= s.end;
        });
        const inNotes = e.span.start >= notesStart && e.span.end <= notesEnd;
        assert.ok(inMarker || inNotes, `edit outside markers and notes: ${JSON.stringify(text.slice(e.span.start, e.span.end))}`);
      }
      const after = applyEdits(text, plan.edits);
      const model2 = engine.parse(after, format);
      const order = engine.lint(model2, config).findings.filter((f) => f.code === 'footnote-order' && f.data?.kind !== 'repeat');
      assert.deepEqual(order.map((f) => f.message), [], `still out of order after renumber:\n${after}`);
      // Every note still stands for the same source.
      const before = sourceMap(model);
      const afterMap = sourceMap(model2);
      for (const [id, src] of before) if (src !== undefined) assert.equal(afterMap.get(id), src, `note ${id} changed source\n${text}\n---\n${after}`);
      assert.equal(planRenumber(model2).edits.length, 0, `second renumber is not a no-op:\n${after}`);
    }),
    { numRuns: 1200, seed: 20261126, includeErrorInReport: true },
  );
  assert.ok(withEdits > 300, `generator too tame: only ${withEdits} briefs needed renumbering`);
});

test('Insert footnote property: the new note lands in sequence and the brief stays in order', () => {
  fc.assert(
    fc.property(specArb, fc.nat(), (spec, where) => {
      const text = render(spec);
      const format = spec.style === 'footnote' ? 'markdown' : 'plaintext';
      const model = engine.parse(text, format);
      const ordered = applyEdits(text, planRenumber(model).edits);
      const m1 = engine.parse(ordered, format);
      const para = m1.paragraphs[where % m1.paragraphs.length];
      const at = para.parts[0].start + (where % (para.parts[0].end - para.parts[0].start));
      const plan = planRenumber(m1, { at, noteText: 'NEW NOTE' });
      const after = applyEdits(ordered, plan.edits);
      const m2 = engine.parse(after, format);
      const order = engine.lint(m2, config).findings.filter((f) => f.code === 'footnote-order' && f.data?.kind !== 'repeat');
      assert.deepEqual(order.map((f) => f.message), [], after);
      const newNote = m2.notes.find((n) => n.text.includes('NEW NOTE'));
      assert.ok(newNote, 'the new note exists');
      assert.equal(newNote!.number, plan.insertedNumber);
      assert.ok(after.slice(plan.cursor!).startsWith('NEW NOTE'), 'the cursor lands in the new note');
      // The marker goes at the cursor, or just after the marker the cursor was inside.
      const inside = m1.markers.find((m) => at > (m.group ?? m.span).start && at < (m.group ?? m.span).end);
      let expectedAt = inside ? (inside.group ?? inside.span).end : at;
      // Inside a word it goes after the word.
      while (/[A-Za-z0-9]/.test(ordered[expectedAt - 1] ?? '') && /[A-Za-z0-9]/.test(ordered[expectedAt] ?? '')) expectedAt++;
      const shift = plan.edits.filter((e) => e.span.end <= expectedAt && e.span.start < expectedAt).reduce((d, e) => d + e.newText.length - (e.span.end - e.span.start), 0);
      const newMarker = m2.markers.find((m) => m.number === plan.insertedNumber);
      assert.ok(newMarker, 'the new marker exists');
      // (+1 when a comma keeps it apart from a superscript marker right before it)
      const markerStart = (newMarker!.group ?? newMarker!.span).start;
      assert.ok(markerStart - (expectedAt + shift) <= 1 && markerStart >= expectedAt + shift, `marker not at the cursor:\n${after}`);
    }),
    { numRuns: 400, seed: 7, includeErrorInReport: true },
  );
});
