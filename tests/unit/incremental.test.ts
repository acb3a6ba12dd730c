/**
 * The segmented, cached Markdown parse gives exactly what one pass over the whole text gives,
 * whatever the edit history: random edits of real briefs and of hostile token soups.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { type BriefModel } from '../../server/src/engine';
import { parseMarkdownUnsegmented, segmentStarts } from '../../server/src/engine/parse/markdown';

const CORPUS = path.resolve(__dirname, '..', 'fixtures', 'corpus');
const BASES = ['brief-001.md', 'planted-public.md', 'external/cisa-bod-20-01.md', 'external/gwern-girl-scouts-governance.md', 'external/roads-and-bridges.md'].map((f) =>
  fs.readFileSync(path.join(CORPUS, f), 'utf8'),
);
const PIECES = ['\n', '\n\n', '```\n', '~~~~\n', '<!--', '-->', '<pre>\n', '</pre>', '[^1]', '[^1]: note\n', '    indented\n', '- item\n', '1. item\n', '## Notes\n', 'References\n', '> quote\n', '| a | b |\n|---|---|\n', '---\n', 'word ', '¹', '[3] ', 'Ibid.'];

/** Everything a check can see of a model, as plain data. */
function snapshot(m: BriefModel): unknown {
  return {
    blocks: m.blocks.map((b) => [b.kind, b.span.start, b.span.end, b.startLine, b.endLine, b.level, b.inNotes, JSON.stringify(b.rows)]),
    paragraphs: m.paragraphs.map((p) => [p.kind, p.text, JSON.stringify(p.parts)]),
    markers: m.markers.map((x) => [x.key, x.style, x.span.start, x.span.end, x.group?.start]),
    notes: m.notes.map((n) => [n.key, n.style, n.span.start, n.span.end, n.labelSpan.start, n.text, n.textStart, n.urls.map((u) => u.url).join(' ')]),
    sections: JSON.stringify(m.notesSections),
    suppressions: JSON.stringify(m.suppressions),
    style: m.style,
    lines: m.lines.starts.join(','),
  };
}

const editArb = fc.record({ at: fc.nat(), len: fc.nat({ max: 40 }), insert: fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 8 })) });

/** After every edit of a random sequence, the cached parse of the new text equals one pass over it. */
function editSequences(format: 'markdown' | 'plaintext', bases: string[], edit: fc.Arbitrary<{ at: number; len: number; insert: string }>, onePass: (text: string) => BriefModel, seed: number): void {
  fc.assert(
    fc.property(fc.nat({ max: bases.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 6 }), (base, edits) => {
      let text = bases[base];
      let model = engine.parse(text, format);
      for (const e of edits) {
        const at = e.at % (text.length + 1);
        text = text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.len));
        model = engine.parse(text, format, model);
        assert.deepEqual(snapshot(model), snapshot(onePass(text)));
      }
    }),
    { numRuns: 150, seed, includeErrorInReport: true },
  );
}

test('segmented + cached parse equals a single pass, over random edit sequences of real briefs', () => {
  editSequences('markdown', BASES, editArb, parseMarkdownUnsegmented, 5);
});

test('segmented parse equals a single pass on token soups', () => {
  const soup = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((a) => a.join(''));
  fc.assert(
    fc.property(soup, (text) => {
      assert.deepEqual(snapshot(engine.parse(text, 'markdown')), snapshot(parseMarkdownUnsegmented(text)));
    }),
    { numRuns: 1500, seed: 11, includeErrorInReport: true },
  );
});

test('a real brief is cut into many segments, and an edit re-parses only its own', () => {
  const text = BASES[0];
  assert.ok(segmentStarts(text).length >= 40, `only ${segmentStarts(text).length} segments`);
  const first = engine.parse(text, 'markdown');
  const edited = text.replace('Conclusion', 'Conclusions');
  const second = engine.parse(edited, 'markdown', first);
  type Cache = { segments: { part: unknown }[] };
  const before = new Set((first.cache as Cache).segments.map((g) => g.part));
  const after = (second.cache as Cache).segments;
  const reused = after.filter((g) => before.has(g.part)).length;
  assert.equal(reused, after.length - 1, 'every segment but the edited one is reused');
});

import { parsePlainTextUnsegmented } from '../../server/src/engine/parse/plaintext';
import { engine } from '../support/engine';

const PLAIN_BASES = ['seeds/001_f6a241fe662aad72.txt', 'seeds/002_8c149dea6a408ba4.txt'].map((f) => fs.readFileSync(path.join(CORPUS, f), 'utf8'));
const PLAIN_PIECES = ['\n', '\n\n', 'Notes\n', 'References\n\n', '- ¹ note\n', '² ', '[3] entry\n', '1. item\n', 'continued line\n', 'Heading Line\n', '\tcell\tcell\n', '%% policy-brief-disable uncited-figure\n', 'word ', 'and so', '.'];

test('plain text: segmented + cached parse equals a single pass, over random edits and token soups', () => {
  editSequences('plaintext', PLAIN_BASES, fc.record({ at: fc.nat(), len: fc.nat({ max: 40 }), insert: fc.constantFrom(...PLAIN_PIECES) }), parsePlainTextUnsegmented, 8);
  const soup = fc.array(fc.constantFrom(...PLAIN_PIECES), { maxLength: 60 }).map((a) => a.join(''));
  fc.assert(
    fc.property(soup, (text) => assert.deepEqual(snapshot(engine.parse(text, 'plaintext')), snapshot(parsePlainTextUnsegmented(text)))),
    { numRuns: 1500, seed: 12, includeErrorInReport: true },
  );
});
