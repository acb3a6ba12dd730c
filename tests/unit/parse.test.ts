/** The brief model: what the engine reads in each style, with exact source ranges. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { type BriefModel } from '../../server/src/engine';
import { engine } from '../support/engine';
import { formatFor } from '../../server/src/common/briefFiles';

const CORPUS = path.resolve(__dirname, '..', 'fixtures', 'corpus');
const read = (rel: string) => fs.readFileSync(path.join(CORPUS, rel), 'utf8');
const parse = (rel: string) => engine.parse(read(rel), formatFor(rel));
const slice = (m: BriefModel, s: { start: number; end: number }) => m.text.slice(s.start, s.end);
const line = (m: BriefModel, offset: number) => m.lines.positionAt(offset).line + 1;

describe('plain-text seed 001', () => {
  const m = parse('seeds/001_f6a241fe662aad72.txt');
  it('has 26 superscript markers matched to 26 notes, in order', () => {
    assert.equal(m.style, 'superscript');
    assert.deepEqual(m.markers.map((x) => x.number), Array.from({ length: 26 }, (_, i) => i + 1));
    assert.deepEqual(m.notes.map((n) => n.number), Array.from({ length: 26 }, (_, i) => i + 1));
    assert.equal(slice(m, m.markers[25].span), '²⁶');
    assert.equal(slice(m, m.notes[9].labelSpan), '¹⁰');
    assert.match(m.notes[0].text, /^“How the world reacted/);
    assert.equal(m.notes[0].urls[0].url, 'https://www.aljazeera.com/news/2021/8/16/how-the-world-reacted-to-taliban-takeover-of-kabul');
    assert.equal(m.notes[14].urls[0].url, 'https://mid.ru/en/foreign_policy/international_safety/2052216/', 'a bare URL');
  });
  it('recognises its headings, and the Notes section', () => {
    const headings = m.blocks.filter((b) => b.kind === 'heading').map((b) => slice(m, b.span));
    for (const h of ['Overview', 'Issue', 'Analysis', 'Disclaimer', "SIGAR's Report", 'Domestic Reports', 'Conclusion', 'Recommendations', 'Notes']) assert.ok(headings.includes(h), h);
    assert.ok(!headings.some((h) => h.startsWith('Russian Security Council')), 'a line cut mid-sentence ("… said in") is not a heading');
    assert.equal(m.notesSections.length, 1);
    assert.equal(line(m, m.notesSections[0].heading!.start), 97);
  });
  it('joins paragraphs split by page-break artefacts (23 + 29, 45 + 47, 57 + 59, 73 + 75)', () => {
    const joined = m.paragraphs.filter((p) => p.parts.length > 1).map((p) => p.parts.map((s) => line(m, s.start)));
    assert.deepEqual(joined, [[23, 29], [45, 47], [57, 59], [73, 75]]);
  });
  it('reads the action matrix as a table, not prose', () => {
    const table = m.blocks.find((b) => b.kind === 'table')!;
    assert.equal(line(m, table.span.start), 126);
    assert.equal(table.rows!.length, 8);
    assert.equal(slice(m, table.rows![2].cells[4]), 'Implementation Timelines');
  });
});

describe('Markdown brief-001', () => {
  const m = parse('brief-001.md');
  it('has 26 footnote markers matched to 26 definitions', () => {
    assert.equal(m.style, 'footnote');
    assert.equal(m.markers.length, 26);
    assert.equal(m.notes.length, 26);
    assert.ok(m.markers.every((x) => m.notes.some((n) => n.key === x.key)));
    assert.equal(slice(m, m.notes[0].labelSpan), '[^1]:');
  });
  it('reads headings with their levels and the pipe table', () => {
    const h = m.blocks.filter((b) => b.kind === 'heading');
    assert.equal(slice(m, h[0].span), 'Afghanistan Becomes a Hub of International Terrorist Organisations, Once Again');
    assert.equal(h[0].level, 1);
    assert.equal(h.find((b) => slice(m, b.span) === 'Disclaimer')!.level, 3);
    assert.ok(m.blocks.some((b) => b.kind === 'table' && b.rows!.length === 6), 'header and five rows');
  });
  it('joins the page-break paragraph across the Disclaimer heading', () => {
    assert.equal(m.paragraphs.filter((p) => p.parts.length > 1).length, 4);
  });
});

describe('traps from the corpus README', () => {
  it('CISA[^22]: in the middle of a line is a marker, not a definition', () => {
    const m = parse('external/cisa-bod-20-01.md');
    const marker = m.markers.find((x) => x.label === '22')!;
    assert.ok(marker);
    assert.equal(m.notes.filter((n) => n.label === '22').length, 1);
    assert.equal(m.markers.length, 23);
    assert.equal(m.notes.length, 23);
  });
  it('[1^]: is not a note definition', () => {
    const m = parse('external/cncf-cloud-native-security-whitepaper-v1.md');
    assert.equal(m.notes.length, 0);
    assert.equal(m.markers.length, 10);
  });
  it('bracket markers match a Notes list of [N] entries (roads-and-bridges: 207 and 207)', () => {
    const m = parse('external/roads-and-bridges.md');
    assert.equal(m.style, 'bracket');
    assert.equal(m.notes.length, 207);
    assert.equal(new Set(m.markers.map((x) => x.key)).size, 207);
  });
  it('an ordinary README has no markers or notes', () => {
    const m = engine.parse('# Project\n\nInstall with `npm i`. See [the docs](https://x.org) and [1](https://y.org).\n\n1. First step\n2. Second step\n', 'markdown');
    assert.equal(m.markers.length, 0);
    assert.equal(m.notes.length, 0);
  });
});

describe('markers', () => {
  it('bracket groups and ranges expand to one marker per number', () => {
    const m = engine.parse('Claim [1]. Others [2, 3] and [4–6].\n\nReferences\n\n1. a\n2. b\n3. c\n4. d\n5. e\n6. f\n', 'markdown');
    assert.deepEqual(m.markers.map((x) => x.number), [1, 2, 3, 4, 5, 6]);
    assert.equal(new Set(m.markers.map((x) => x.group!.start)).size, 3, 'three groups: [1], [2, 3], [4–6]');
  });
  it('multi-digit superscripts after closing quotes, and units are not markers', () => {
    const m = engine.parse('He said “no.”¹⁷ The park covers 400 km² and 20 m³.\n', 'plaintext');
    assert.deepEqual(m.markers.map((x) => x.label), ['17']);
  });
  it('markers in inline code and URLs are ignored', () => {
    const m = engine.parse('Use `[^1]` or see https://x.org/[^2] but cite this.[^3]\n\n[^3]: n\n', 'markdown');
    assert.deepEqual(m.markers.map((x) => x.label), ['3']);
  });
  it('markers inside a Markdown table cell are read', () => {
    const m = engine.parse('| a | b |\n|---|---|\n| x[^1] | y |\n\n[^1]: n\n', 'markdown');
    assert.deepEqual(m.markers.map((x) => x.label), ['1']);
  });
  it('a multi-paragraph footnote definition is one note', () => {
    const m = engine.parse('Claim.[^a]\n\n[^a]: First paragraph.\n\n    Second paragraph with https://x.org/b.\n\nAfter.\n', 'markdown');
    assert.equal(m.notes.length, 1);
    assert.match(m.notes[0].text, /Second paragraph/);
    assert.equal(m.notes[0].urls[0].url, 'https://x.org/b');
    assert.ok(m.paragraphs.some((p) => p.text === 'After.'));
  });
});
