import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  findFigures,
  findUncitedFigures,
  type Figure,
  type FigureKind,
  type UncitedOptions,
} from '../../server/src/engine/text/figures';
import { findCitations, type CitationKind } from '../../server/src/engine/text/citations';
import { splitSentences } from '../../server/src/engine/text/sentences';
import fc from 'fast-check';
import { seededRandom } from '../support/random';

const FIXTURES = join(__dirname, '..', 'fixtures');
const CORPUS = join(FIXTURES, 'corpus');

const texts = (figs: Figure[]): string[] => figs.map((f) => f.text);

// ---------------------------------------------------------------------------
// Corpus ground truth. Each line of a seed is one paragraph; the caller (the
// engine) drops blank lines, headings, the Notes list and joins page-break
// continuations with a single space. We mimic that here.

interface Para {
  line: number;
  text: string;
}

function readLines(rel: string): string[] {
  return readFileSync(join(CORPUS, rel), 'utf8').split('\n');
}

/** Non-empty lines as paragraphs, excluding [from, to] line ranges and joining [a, b] pairs. */
function paragraphs(lines: string[], opts: { exclude?: [number, number][]; join?: [number, number][] } = {}): Para[] {
  const excluded = (n: number) => (opts.exclude ?? []).some(([a, b]) => n >= a && n <= b);
  const joinedInto = new Map<number, number>();
  for (const [a, b] of opts.join ?? []) joinedInto.set(b, a);
  const out: Para[] = [];
  const byLine = new Map<number, Para>();
  lines.forEach((raw, i) => {
    const n = i + 1;
    if (!raw.trim() || excluded(n)) return;
    const target = joinedInto.get(n);
    if (target !== undefined) {
      const p = byLine.get(target);
      assert.ok(p, `join target ${target} missing`);
      p.text = `${p.text} ${raw}`;
      return;
    }
    const p = { line: n, text: raw };
    byLine.set(n, p);
    out.push(p);
  });
  return out;
}

/** Map line -> uncited span texts under the given options. */
function uncitedByLine(paras: Para[], options?: Partial<UncitedOptions>): Map<number, string[]> {
  const m = new Map<number, string[]>();
  for (const p of paras) {
    const u = findUncitedFigures(p.text, options);
    if (u.length) m.set(p.line, texts(u));
  }
  return m;
}

const SEED = {
  s000: 'seeds/000_2fde80bb837eea6b.txt',
  s001: 'seeds/001_f6a241fe662aad72.txt',
  s002: 'seeds/002_8c149dea6a408ba4.txt',
  s003: 'seeds/003_0aa12daed0e1fc47.txt',
  s004: 'seeds/004_69ccb259cf60b353.txt',
};

function seed001Paragraphs(): Para[] {
  const lines = readLines(SEED.s001);
  const notesStart = lines.findIndex((l) => l.trim() === 'Notes') + 1;
  const matrixStart = lines.findIndex((l) => l.startsWith('Action Matrix')) + 1;
  assert.ok(notesStart > 0 && matrixStart > notesStart);
  return paragraphs(lines, {
    exclude: [[notesStart, matrixStart - 1]],
    join: [
      [23, 29],
      [45, 47],
      [57, 59],
      [73, 75],
    ],
  });
}

/** Markdown brief: every non-blank line that is not a heading or a footnote definition. */
function markdownParagraphs(rel: string, join: [number, number][]): Para[] {
  const lines = readLines(rel);
  const skip: [number, number][] = [];
  lines.forEach((l, i) => {
    if (/^#/.test(l) || /^\[\^[^\]]+\]:/.test(l)) skip.push([i + 1, i + 1]);
  });
  return paragraphs(lines, { exclude: skip, join });
}

describe('uncited-figure corpus ground truth (default options)', () => {
  test('seed 000: over 60, 172, nearly 4,000, 83, 267', () => {
    const got = uncitedByLine(paragraphs(readLines(SEED.s000)));
    assert.deepEqual(
      [...got.entries()],
      [
        [11, ['over 60']],
        [12, ['172', 'nearly 4,000', '83']],
        [13, ['267']],
      ],
    );
  });

  test('seed 000: 11th, 20–21 November, 2024, 36th are not figures', () => {
    const lines = readLines(SEED.s000);
    assert.deepEqual(findFigures(lines[0]), []);
    assert.deepEqual(texts(findFigures(lines[12])), ['267']);
    assert.deepEqual(findFigures(lines[16]), []);
  });

  test('seed 001: fully cited, nothing reported in any paragraph', () => {
    const paras = seed001Paragraphs();
    assert.ok(paras.some((p) => p.line === 45 && p.text.includes('during the withdrawal')), 'page-break join 45+47');
    assert.deepEqual([...uncitedByLine(paras).entries()], []);
  });

  test('seed 001: figures found in the cited paragraphs, non-figures left out', () => {
    const byLine = new Map(seed001Paragraphs().map((p) => [p.line, texts(findFigures(p.text))]));
    assert.deepEqual(byLine.get(3), []); // Number: 11
    assert.deepEqual(byLine.get(35), []); // 35th, February 2025
    assert.deepEqual(byLine.get(39), ['around \\$43,000', 'an estimated 6,000 to 6,500']);
    assert.deepEqual(byLine.get(45), ['approximately \\$7.1 billion', 'more than 160']); // 137-page, December 2025
    assert.deepEqual(byLine.get(51), [
      'about 56%', '980', '1524', '57%', '55%', '70 per cent', '73 per cent', '3,387', '1,950', '2,115', '664', '580', '28',
    ]);
    assert.deepEqual(byLine.get(57), ['more than 23,000', 'about 20']); // October 7, 2025, 7th
    assert.deepEqual(byLine.get(67), ['over \\$4 million']);
    // Action matrix rows: durations only.
    for (const [line, figs] of byLine) if (line >= 128) assert.deepEqual(figs, [], `line ${line}`);
  });

  test('seed 001 line 51 with citationScope sentence: about 56%, 980, 1524', () => {
    const p = seed001Paragraphs().find((x) => x.line === 51)!;
    assert.deepEqual(texts(findUncitedFigures(p.text, { citationScope: 'sentence' })), ['about 56%', '980', '1524']);
    assert.deepEqual(findUncitedFigures(p.text, { citationScope: 'paragraph' }), []);
  });

  test('seed 001 with citationScope sentence: only sentences without their own marker report', () => {
    const got = uncitedByLine(seed001Paragraphs(), { citationScope: 'sentence' });
    assert.deepEqual(
      [...got.entries()],
      [
        // "… around \$43,000 per month …" and "… 6,000 to 6,500 fighters." precede the sentence carrying ⁵.
        [39, ['around \\$43,000', 'an estimated 6,000 to 6,500']],
        [51, ['about 56%', '980', '1524']],
      ],
    );
  });

  test('seed 002: over 20 and approximately 13,000 on lines 7 and 20; spelled numbers off', () => {
    const got = uncitedByLine(paragraphs(readLines(SEED.s002)));
    assert.deepEqual(
      [...got.entries()],
      [
        [7, ['over 20', 'approximately 13,000']],
        [20, ['over 20', 'approximately 13,000']],
      ],
    );
  });

  test('seed 003: nothing', () => {
    assert.deepEqual([...uncitedByLine(paragraphs(readLines(SEED.s003))).entries()], []);
  });

  test('seed 004: more than 20, around 2,000, over 600, 6,000', () => {
    const got = uncitedByLine(paragraphs(readLines(SEED.s004)));
    assert.deepEqual(
      [...got.entries()],
      [
        [3, ['more than 20']],
        [6, ['around 2,000']],
        [7, ['over 600']],
        [8, ['6,000']],
      ],
    );
  });

  test('brief-001.md ([^n] footnotes): nothing', () => {
    const paras = markdownParagraphs('brief-001.md', [
      [19, 25],
      [41, 43],
      [53, 55],
      [69, 71],
    ]);
    assert.deepEqual([...uncitedByLine(paras).entries()], []);
  });

  test('planted-public.md: only 38% on line 73', () => {
    const paras = markdownParagraphs('planted-public.md', [
      [19, 25],
      [41, 43],
      [53, 55],
      [69, 71],
    ]);
    assert.deepEqual([...uncitedByLine(paras).entries()], [[73, ['38%']]]);
  });
});

// ---------------------------------------------------------------------------
// Trap fixtures with a precision/recall scorer.

interface TrapFigure {
  text: string;
  kind: FigureKind;
}
interface Trap {
  line: number;
  label: string;
  category: string;
  figures: TrapFigure[];
  options?: { spelledOut?: boolean };
  uncited?: string[];
  citationScope?: 'sentence' | 'paragraph';
}

const trapLines = readFileSync(join(FIXTURES, 'figures', 'traps.txt'), 'utf8').split('\n');
if (trapLines[trapLines.length - 1] === '') trapLines.pop();
const traps: Trap[] = JSON.parse(readFileSync(join(FIXTURES, 'figures', 'traps.expected.json'), 'utf8')).traps;

/** Multiset comparison of expected vs. actual keys: [tp, fp, fn, missing, extra]. */
function score(expected: string[], actual: string[]): { tp: number; fp: string[]; fn: string[] } {
  const pool = [...expected];
  const fp: string[] = [];
  let tp = 0;
  for (const a of actual) {
    const i = pool.indexOf(a);
    if (i >= 0) {
      pool.splice(i, 1);
      tp++;
    } else fp.push(a);
  }
  return { tp, fp, fn: pool };
}

describe('trap fixtures', () => {
  test('fixture has at least 60 labelled traps, one per line', () => {
    assert.ok(traps.length >= 60, `only ${traps.length} traps`);
    assert.equal(trapLines.length, traps.length);
    const labels = new Set(traps.map((t) => t.label));
    assert.equal(labels.size, traps.length, 'labels are unique');
    traps.forEach((t, i) => assert.equal(t.line, i + 1));
    // Every exclusion category is represented.
    const cats = new Set(traps.map((t) => t.category));
    for (const c of ['year', 'date', 'ordinal', 'identifier', 'page-ref', 'time', 'phone', 'version', 'name', 'duration', 'list', 'markup', 'compound', 'spelled', 'sentence']) {
      assert.ok(cats.has(c), `category ${c}`);
    }
  });

  test('scorer: precision and recall are 1.0 on figures (text + kind) and on uncited figures', () => {
    let tp = 0;
    let fpN = 0;
    let fnN = 0;
    const problems: string[] = [];
    for (const trap of traps) {
      const text = trapLines[trap.line - 1];
      const figs = findFigures(text, trap.options);
      const s = score(
        trap.figures.map((f) => `${f.kind}:${f.text}`),
        figs.map((f) => `${f.kind}:${f.text}`),
      );
      tp += s.tp;
      fpN += s.fp.length;
      fnN += s.fn.length;
      if (s.fp.length || s.fn.length) problems.push(`${trap.line} ${trap.label}: extra ${JSON.stringify(s.fp)} missing ${JSON.stringify(s.fn)}`);
      // Spans are consistent with the text.
      for (const f of figs) assert.equal(text.slice(f.start, f.end), f.text);
      if (trap.uncited) {
        const u = findUncitedFigures(text, { ...trap.options, citationScope: trap.citationScope ?? 'paragraph' });
        const su = score(trap.uncited, texts(u));
        tp += su.tp;
        fpN += su.fp.length;
        fnN += su.fn.length;
        if (su.fp.length || su.fn.length) problems.push(`${trap.line} ${trap.label} (uncited): extra ${JSON.stringify(su.fp)} missing ${JSON.stringify(su.fn)}`);
      }
    }
    const precision = tp + fpN === 0 ? 1 : tp / (tp + fpN);
    const recall = tp + fnN === 0 ? 1 : tp / (tp + fnN);
    assert.ok(precision >= 1 && recall >= 1, `precision ${precision.toFixed(3)} recall ${recall.toFixed(3)}\n${problems.join('\n')}`);
  });
});

// ---------------------------------------------------------------------------
// Unit behaviour.

describe('findFigures spans and kinds', () => {
  test('qualifier and unit are part of the span', () => {
    const f = findFigures('Recent figures include nearly 4,000 militants.');
    assert.deepEqual(f.map((x) => [x.text, x.kind, x.start, x.end]), [['nearly 4,000', 'count', 23, 35]]);
  });

  test('UTF-16 offsets after astral characters', () => {
    const s = '😀 Attacks rose 12%.';
    const [f] = findFigures(s);
    assert.equal(s.slice(f.start, f.end), '12%');
    assert.equal(f.start, 16);
  });

  test('spelled-out numbers only when asked', () => {
    const s = 'In the last week, five Chinese nationals were killed and thousands of vehicles were lost.';
    assert.deepEqual(findFigures(s), []);
    assert.deepEqual(texts(findFigures(s, { spelledOut: true })), ['five', 'thousands']);
  });

  test('empty and figure-free input', () => {
    assert.deepEqual(findFigures(''), []);
    assert.deepEqual(findUncitedFigures(''), []);
    assert.deepEqual(findUncitedFigures('No numbers here at all.'), []);
  });

  test('range kinds', () => {
    const f = findFigures('Between 10% and 20% of 6,000–6,500 fighters, or $3–5 million.');
    assert.deepEqual(f.map((x) => [x.text, x.kind]), [
      ['Between 10% and 20%', 'range'],
      ['6,000–6,500', 'range'],
      ['$3–5 million', 'range'],
    ]);
  });
});

describe('findUncitedFigures', () => {
  test('a citation must follow the figure in its sentence', () => {
    const s = 'According to [@who2024], 56% of clinics closed. Later, 40% reopened.';
    assert.deepEqual(texts(findUncitedFigures(s, { citationScope: 'sentence' })), ['56%', '40%']);
  });

  test('paragraph-closing marker covers every figure (default scope)', () => {
    const s = 'Attacks rose 56%. Deaths rose 73 per cent.”¹²';
    assert.deepEqual(findUncitedFigures(s), []);
    assert.deepEqual(texts(findUncitedFigures(s, { citationScope: 'sentence' })), ['56%']);
  });

  test('a marker in the middle of the paragraph does not close it', () => {
    const s = 'Attacks rose 56%.¹ Deaths rose 73 per cent.';
    assert.deepEqual(texts(findUncitedFigures(s)), ['73 per cent']);
  });
});

describe('findCitations', () => {
  const kinds = (s: string): [CitationKind, string][] => findCitations(s).map((c) => [c.kind, s.slice(c.start, c.end)]);

  test('every marker style', () => {
    assert.deepEqual(
      kinds('a.¹² b[^3] c [4] d [2, 3] e [4–6] f [4-6] g [@key] h [see @doe, p. 3] i [text](https://x.org/a) j <sup>5</sup> k <sup><a href="#fn6">6</a></sup> l ^[inline note]'),
      [
        ['superscript', '¹²'],
        ['footnote', '[^3]'],
        ['bracket', '[4]'],
        ['bracket', '[2, 3]'],
        ['bracket', '[4–6]'],
        ['bracket', '[4-6]'],
        ['pandoc', '[@key]'],
        ['pandoc', '[see @doe, p. 3]'],
        ['link', '[text](https://x.org/a)'],
        ['html-sup', '<sup>5</sup>'],
        ['html-sup', '<sup><a href="#fn6">6</a></sup>'],
        ['footnote', '^[inline note]'],
      ],
    );
  });

  test('not markers: link text, reference links, ordinals, code, exponents, e-mails', () => {
    assert.deepEqual(kinds('[1](./local.md) and [2][ref] and ][3] and 21<sup>st</sup> and `[^4]` and 500 km² and a@b.org'), []);
  });

  test('CISA[^22]: in the middle of a line is a marker', () => {
    assert.deepEqual(kinds('as defined by CISA[^22]: the rule'), [['footnote', '[^22]']]);
  });
});

describe('invariants on random prose-like input (fast-check)', () => {
  const tokens = [
    ' ', ' ', ' ', '.', ',', '1', '2', '0', '9', '4,000', '3.5', '%', '$', '\\$', '€', '-', '–', '/', ':', '(', ')', '[', ']', '^',
    '¹', '²', '[^3]', '[4]', '<sup>', '</sup>', '`', '"', '“', '”', 'the', 'over', 'nearly', 'to', 'and', 'between', 'in',
    'million', 'per cent', 'months', 'days', 'August', 'No.', 'p.', 'U.S.', 'Section', 'five', 'thousands', 'of', 'a',
    'dozen', 'two-day', 'J.', 'http://x.org/1', '@key', '&#8201;', '\n', 'e.g.', '…', 'th', 'st', 'km²', 'Rs', 'USD',
  ];
  const prose = fc.array(fc.constantFrom(...tokens), { maxLength: 80 }).map((a) => a.join(''));

  test('figures: sorted, disjoint, in bounds, text === slice; uncited ⊆ figures; sentences well-formed', () => {
    fc.assert(
      fc.property(prose, fc.boolean(), fc.constantFrom('sentence' as const, 'paragraph' as const), (text, spelledOut, citationScope) => {
        const figs = findFigures(text, { spelledOut });
        let last = 0;
        for (const f of figs) {
          assert.ok(f.start >= last && f.end > f.start && f.end <= text.length);
          assert.equal(text.slice(f.start, f.end), f.text);
          last = f.end;
        }
        const keys = new Set(figs.map((f) => `${f.start}:${f.end}`));
        for (const u of findUncitedFigures(text, { spelledOut, citationScope })) assert.ok(keys.has(`${u.start}:${u.end}`));
        let prev = 0;
        for (const sp of splitSentences(text)) {
          assert.ok(sp.start >= prev && sp.end > sp.start && sp.end <= text.length);
          assert.ok(text[sp.start].trim() !== '' && text[sp.end - 1].trim() !== '');
          prev = sp.end;
        }
        let cprev = 0;
        for (const c of findCitations(text)) {
          assert.ok(c.start >= cprev && c.end > c.start && c.end <= text.length);
          cprev = c.end;
        }
      }),
      { numRuns: 3000, seed: 7 },
    );
  });
});

describe('linear time and no catastrophic backtracking', () => {
  test('1 MB single line of digits, commas and dots', () => {
    const r = seededRandom(42);
    const alphabet = '0123456789,.';
    let s = '';
    const parts: string[] = [];
    for (let i = 0; i < 1 << 20; i++) {
      s += r.pick(alphabet);
      if (s.length >= 4096) {
        parts.push(s);
        s = '';
      }
    }
    parts.push(s);
    const text = parts.join('');
    assert.equal(text.length, 1 << 20);
    assert.ok(Array.isArray(findFigures(text)));
    assert.ok(Array.isArray(findUncitedFigures(text, { citationScope: 'sentence', spelledOut: true })));
  });

  test('1 MB of "1 people 1 people …"', () => {
    const text = '1 people '.repeat(1 << 17);
    const figs = findFigures(text);
    assert.ok(figs.length > 0);
    assert.ok(Array.isArray(findUncitedFigures(text)));
  });

  test('1 MB of nested brackets, backticks, dollar signs and sup tags', () => {
    const unit = '[[`$<sup>^[1 ';
    const text = unit.repeat(Math.ceil((1 << 20) / unit.length));
    assert.ok(Array.isArray(findUncitedFigures(text, { spelledOut: true })));
    assert.ok(Array.isArray(findCitations(text)));
    const nested = '['.repeat(1 << 19) + '1' + ']'.repeat(1 << 19);
    assert.ok(Array.isArray(findUncitedFigures(nested, { citationScope: 'sentence' })));
    const links = '[a](http://x.org/'.repeat(1 << 16) + ')'.repeat(1 << 16);
    assert.ok(Array.isArray(findUncitedFigures(links)));
  });

  test('1 MB of hyphen and slash chains, lists and spelled words', () => {
    assert.ok(Array.isArray(findFigures('1-2/3:4.5–'.repeat(1 << 17))));
    assert.ok(Array.isArray(findFigures('1, 2 or 3 to 4 and '.repeat(1 << 16))));
    assert.ok(Array.isArray(findFigures('hundreds of thousands of '.repeat(1 << 15), { spelledOut: true })));
    assert.ok(Array.isArray(findFigures('one two three four five six '.repeat(1 << 15) + 'days', { spelledOut: true })));
    assert.ok(Array.isArray(findFigures('two-day '.repeat(1 << 17), { spelledOut: true })));
  });
});
