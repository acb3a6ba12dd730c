import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { seededRandom } from '../support/random';

import {
  DuplicateIndex,
  normalizeParagraph,
  type DupFinding,
  type DupParagraph,
} from '../../server/src/engine/dup/detector';
import { foldText, stripMarkers } from '../../server/src/engine/dup/normalize';
import { splitSentences } from '../../server/src/engine/text/sentences';
import {
  editSimilarity,
  hashString,
  jaccardSorted,
  minhash,
  shingleSet,
} from '../../server/src/engine/dup/minhash';

const FIX = join(__dirname, '..', 'fixtures', 'duplicates');
const SEEDS = join(__dirname, '..', 'fixtures', 'corpus', 'seeds');
/** The corpus seeds these tests use, by the names their findings are reported under (see fixtures/duplicates/README.md). */
const SEED_FILES: Record<string, string> = {
  'seed-001.txt': '001_f6a241fe662aad72.txt',
  'seed-002.txt': '002_8c149dea6a408ba4.txt',
  'clean-seed-000.txt': '000_2fde80bb837eea6b.txt',
  'clean-seed-003.txt': '003_0aa12daed0e1fc47.txt',
  'clean-seed-004.txt': '004_69ccb259cf60b353.txt',
};
const fixture = (name: string) => readFileSync(name in SEED_FILES ? join(SEEDS, SEED_FILES[name]) : join(FIX, name), 'utf8');

/* ------------------------------------------------------------------------ */
/* helpers: build paragraph lists the way the engine's caller does           */
/* ------------------------------------------------------------------------ */

interface Built {
  paras: DupParagraph[];
  /** 1-based source line of each paragraph id */
  lines: number[];
}

const wordCount = (s: string) => s.trim().split(/\s+/).filter(Boolean).length;

/** One paragraph per line (the seeds): prose lines with ≥ 8 words ending in . ! ? or ” */
function proseLines(text: string, doc: string): Built {
  const paras: DupParagraph[] = [];
  const lines: number[] = [];
  text.split('\n').forEach((raw, i) => {
    const t = raw.trim();
    if (wordCount(t) < 8 || !/[.!?”]$/.test(t)) return;
    paras.push({ id: paras.length, text: t, doc });
    lines.push(i + 1);
  });
  return { paras, lines };
}

/** Seed 001 as the engine sees it: notes (`- ¹ …`) and table rows (tabs) excluded, line 23 joined with its page-break continuation at line 29. */
function seed001(doc = 'file:///seed-001.txt'): Built {
  const src = fixture('seed-001.txt').split('\n');
  const paras: DupParagraph[] = [];
  const lines: number[] = [];
  for (let i = 0; i < src.length; i++) {
    const ln = i + 1;
    let t = src[i]!.trim();
    if (ln === 29) continue; // continuation, joined to line 23
    if (t.startsWith('- ') || t.includes('\t') || wordCount(t) < 8) continue;
    if (ln === 23) t = t + '\n' + src[28]!.trim();
    if (!/[.!?”]$/.test(t)) continue;
    paras.push({ id: paras.length, text: t, doc });
    lines.push(ln);
  }
  return { paras, lines };
}

/** Markdown-ish: blank-line separated blocks, headings skipped. */
function blocks(text: string, doc: string): Built {
  const paras: DupParagraph[] = [];
  const lines: number[] = [];
  const src = text.split('\n');
  let buf: string[] = [];
  let start = 0;
  const flush = () => {
    if (buf.length > 0 && !buf[0]!.startsWith('#')) {
      paras.push({ id: paras.length, text: buf.join('\n'), doc });
      lines.push(start);
    }
    buf = [];
  };
  src.forEach((l, i) => {
    if (l.trim() === '') return flush();
    if (buf.length === 0) start = i + 1;
    buf.push(l);
  });
  flush();
  return { paras, lines };
}

const P = (doc: string, texts: string[]): DupParagraph[] => texts.map((text, id) => ({ id, text, doc }));

/** Deterministic filler prose: one sentence; distinct fillers share no word with each other. */
function filler(i: number, words = 20): string {
  const w: string[] = [];
  for (let k = 0; k < words; k++) w.push(`${k === 0 ? 'W' : 'w'}${i}x${k}`);
  return w.join(' ') + '.';
}

const spanText = (text: string, s: { start: number; end: number } | undefined) => (s ? text.slice(s.start, s.end) : '');

/* ------------------------------------------------------------------------ */
/* normalisation                                                             */
/* ------------------------------------------------------------------------ */

describe('normalizeParagraph', () => {
  test('folds case, whitespace, punctuation, dashes and quote styles', () => {
    assert.equal(normalizeParagraph('  The  “Doha”\tAccords — signed,\nin 2020!  '), 'the doha accords signed in 2020');
    assert.equal(normalizeParagraph('"Doha" accords'), normalizeParagraph('“Doha” Accords'));
    assert.equal(normalizeParagraph("Pakistan’s border"), normalizeParagraph("Pakistan's border"));
    assert.equal(normalizeParagraph('early-warning'), 'early warning');
    assert.equal(normalizeParagraph('**Bold** and _italic_ text'), 'bold and italic text');
  });

  test('removes note markers: ¹², [^x], [n], [n, m], [n–m], <sup>, ^[inline]', () => {
    const plain = 'Figures rose sharply in 2021 and fell again';
    for (const marked of [
      'Figures rose sharply¹² in 2021 and fell again.',
      'Figures rose sharply[^3] in 2021 and fell again.',
      'Figures rose sharply[^note-name] in 2021 and fell again.',
      'Figures rose sharply [4] in 2021 and fell again.',
      'Figures rose sharply [4, 5] in 2021 and fell again.',
      'Figures rose sharply [4–6] in 2021 and fell again.',
      'Figures rose sharply<sup>7</sup> in 2021 and fell again.',
      'Figures rose sharply<sup><a href="#fn7">7</a></sup> in 2021 and fell again.',
      'Figures rose sharply^[See the annex. It has [details].] in 2021 and fell again.',
      'Figures rose sharply¹⁻³ in 2021 and fell again.',
    ]) {
      assert.equal(normalizeParagraph(marked), normalizeParagraph(plain), marked);
    }
    // ordinary brackets and links keep their words; link targets are dropped
    assert.equal(normalizeParagraph('see [the annex](https://example.org/a.pdf) [emphasis added]'), 'see the annex emphasis added');
  });

  test('compatibility forms, diacritics and digit separators', () => {
    assert.equal(normalizeParagraph('Ofﬁcial café ＡＢＣ'), 'official cafe abc');
    assert.equal(normalizeParagraph('13,000 people and 7.1 billion'), '13000 people and 71 billion');
    assert.equal(normalizeParagraph('¹²'), '');
    assert.equal(normalizeParagraph(''), '');
  });

  test('sentence-wise normalisation joins to the paragraph normalisation (property)', () => {
    const alphabet = fc.constantFrom(
      'a', 'b', 'Z', 'U', 'S', ' ', ' ', '.', '.', '!', '?', ',', '’', '"', '“', '”', '¹', '²', '[', ']', '^', '1', '2', '-', '–', '\n', 'é', 'p', 'No',
    );
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 80 }).map((a) => a.join('')), (text) => {
        const joined = splitSentences(text)
          .map((s) => normalizeParagraph(text.slice(s.start, s.end)))
          .filter((s) => s.length > 0)
          .join(' ');
        assert.equal(joined, normalizeParagraph(text));
      }),
      { numRuns: 2000 },
    );
  });

  test('sentence-wise normalisation joins to the paragraph normalisation (corpus lines)', () => {
    for (const f of ['seed-001.txt', 'seed-002.txt', 'clean-seed-000.txt', 'crs-r48905-summary-twice.md']) {
      for (const line of fixture(f).split('\n')) {
        const joined = splitSentences(line)
          .map((s) => normalizeParagraph(line.slice(s.start, s.end)))
          .filter((s) => s.length > 0)
          .join(' ');
        assert.equal(joined, normalizeParagraph(line));
      }
    }
  });

  test('stripMarkers and foldText compose to normalizeParagraph', () => {
    const t = 'It rose 56%¹ [2].';
    assert.equal(foldText(stripMarkers(t)), normalizeParagraph(t));
  });

  test('the one-pass ASCII folding agrees with the general (regular expression) folding', () => {
    // A trailing " é" sends a text down the general path (it is not ASCII) and folds to " e".
    const chars = fc.constantFrom(...'aZ09 *_\'`.,-!?;:()[]"/\t'.split(''));
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 40 }), (cs) => {
        const ascii = cs.join('');
        const fast = foldText(ascii);
        const general = foldText(ascii + ' \u00e9');
        assert.equal(general, fast.length > 0 ? `${fast} e` : 'e', JSON.stringify(ascii));
      }),
      { numRuns: 3000 },
    );
  });
});

/* ------------------------------------------------------------------------ */
/* sentence splitter                                                         */
/* ------------------------------------------------------------------------ */

describe('splitSentences', () => {
  const split = (t: string) => splitSentences(t).map((s) => t.slice(s.start, s.end));

  test('splits on . ! ? followed by space and an uppercase letter or a quote', () => {
    assert.deepEqual(split('One thing. Two things! Three? “Four” said. (Five) ends.'), [
      'One thing.',
      'Two things!',
      'Three?',
      '“Four” said.',
      '(Five) ends.',
    ]);
    assert.deepEqual(split('no split. lower case follows'), ['no split. lower case follows']);
  });

  test('does not split after abbreviations, initials or inside numbers', () => {
    const one = [
      'The U.S. Government paid $7.1 billion in 2020 under section 4.',
      'See p. 18 and No. 11 of the series for details.',
      'Several donors, e.g. Japan and Norway, stayed.',
      'Mr. Khan met Dr. Ali and J. Smith in Jan. Last week.',
      'The ratio was 3.5 to 1 in the U.K. and elsewhere.',
    ];
    for (const t of one) assert.deepEqual(split(t), [t], t);
  });

  test('note markers and closing quotes after the full stop stay with the sentence', () => {
    assert.deepEqual(split('It grew 56%.¹² Then it fell.[^3] Later [4] it rose. “It is over.” Done.'), [
      'It grew 56%.¹²',
      'Then it fell.[^3]',
      'Later [4] it rose.',
      '“It is over.”',
      'Done.',
    ]);
  });

  test('does not split inside an inline note; spans are trimmed offsets', () => {
    const t = '  First sentence^[A note. With two sentences.] continues. Second one.  ';
    const spans = splitSentences(t);
    assert.deepEqual(
      spans.map((s) => t.slice(s.start, s.end)),
      ['First sentence^[A note. With two sentences.] continues.', 'Second one.'],
    );
    assert.equal(spans[0]!.start, 2);
  });
});

/* ------------------------------------------------------------------------ */
/* hashing primitives                                                        */
/* ------------------------------------------------------------------------ */

describe('minhash primitives', () => {
  const words = (s: string) => Uint32Array.from(s.split(' ').map(hashString));

  test('exact Jaccard on shingle sets', () => {
    const a = shingleSet(words('a b c d e f'), 3); // abc bcd cde def
    const b = shingleSet(words('a b c d e g'), 3); // abc bcd cde deg
    assert.equal(jaccardSorted(a, b), 3 / 5);
    assert.equal(jaccardSorted(a, a), 1);
    assert.equal(jaccardSorted(a, b, 0.8), -1);
    assert.equal(shingleSet(words('a b'), 3).length, 1);
  });

  test('word edit similarity', () => {
    const a = words('the contraction in diplomatic presence has reduced early warning');
    assert.equal(editSimilarity(a, a, 0.8), 1);
    const b = words('now the contraction in diplomatic presence has reduced early warning');
    assert.equal(editSimilarity(a, b, 0.8), 1 - 1 / 10);
    const c = words('the expansion of diplomatic presence has improved early warning');
    assert.equal(editSimilarity(a, c, 0.8), -1); // 3 edits of 9 words
    assert.equal(editSimilarity(a, c, 0.5), 1 - 3 / 9);
  });

  test('MinHash agreement estimates Jaccard', () => {
    const base: number[] = [];
    for (let i = 0; i < 200; i++) base.push(hashString('x' + i));
    const other = base.slice(0, 134).concat(Array.from({ length: 66 }, (_, i) => hashString('y' + i)));
    // |A∩B| = 134, |A∪B| = 266 → J ≈ 0.504
    const ma = Int32Array.from(minhash(base));
    const mb = Int32Array.from(minhash(other));
    let agree = 0;
    for (let i = 0; i < ma.length; i++) if (ma[i] === mb[i]) agree++;
    assert.ok(Math.abs(agree / ma.length - 134 / 266) < 0.2, `estimate ${agree / ma.length}`);
  });
});

/* ------------------------------------------------------------------------ */
/* paragraph duplicates                                                      */
/* ------------------------------------------------------------------------ */

describe('duplicate and similar paragraphs', () => {
  const levels = JSON.parse(fixture('similarity-levels.json')) as {
    base: string;
    variants: Array<{ name: string; text: string; expect: DupFinding['kind'] | null; approx: number }>;
  };

  /** independent oracle: Jaccard of 3-word shingles as strings */
  function oracle(a: string, b: string): number {
    const sh = (t: string) => {
      const w = normalizeParagraph(t).split(' ');
      const s = new Set<string>();
      for (let i = 0; i + 3 <= w.length; i++) s.add(w.slice(i, i + 3).join(' '));
      return s;
    };
    const A = sh(a);
    const B = sh(b);
    let inter = 0;
    for (const x of A) if (B.has(x)) inter++;
    return inter / (A.size + B.size - inter);
  }

  test('exact duplicate: reported on the later copy, pointing at the first', () => {
    const idx = new DuplicateIndex();
    const a = 'The council approved the budget after a long debate about regional security priorities.';
    idx.setDocument('d', P('d', [a, filler(1), a.toUpperCase().replace('.', '!'), filler(2), a]));
    const fs = idx.findings('d', false);
    assert.deepEqual(
      fs.map((f) => [f.kind, f.ids, f.original.ids, f.similarity]),
      [
        ['duplicate-paragraph', [2], [0], 1],
        ['duplicate-paragraph', [4], [0], 1],
      ],
    );
    assert.equal(fs[0]!.original.doc, 'd');
  });

  for (const v of JSON.parse(fixture('similarity-levels.json')).variants as typeof levels.variants) {
    test(`similarity level ${v.name}`, () => {
      const want = oracle(levels.base, v.text);
      assert.ok(Math.abs(want - v.approx) < 0.02, `fixture level ${want} vs ${v.approx}`);
      const idx = new DuplicateIndex();
      idx.setDocument('d', P('d', [levels.base, filler(1), v.text]));
      const fs = idx.findings('d', false);
      if (v.expect === null) {
        // below the paragraph threshold: no paragraph finding; its sentences (one
        // or two words changed each) are still near repeats, reported one by one
        assert.deepEqual(fs.filter((f) => f.kind !== 'similar-sentence'), []);
        assert.ok(fs.length > 0);
        for (const f of fs) {
          assert.deepEqual(f.ids, [2]);
          assert.deepEqual(f.original.ids, [0]);
          assert.ok(f.similarity >= 0.8 && f.similarity < 1);
        }
        return;
      }
      assert.equal(fs.length, 1);
      assert.equal(fs[0]!.kind, v.expect);
      assert.deepEqual(fs[0]!.ids, [2]);
      assert.deepEqual(fs[0]!.original, { doc: 'd', ids: [0] });
      assert.ok(Math.abs(fs[0]!.similarity - want) < 1e-9, `${fs[0]!.similarity} vs ${want}`);
    });
  }

  test('the 0.7 variant is reported when the threshold is lowered to 0.65', () => {
    const v70 = levels.variants.find((v) => v.expect === null)!;
    const idx = new DuplicateIndex({ similarityThreshold: 0.65 });
    idx.setDocument('d', P('d', [levels.base, v70.text]));
    const fs = idx.findings('d', false);
    assert.equal(fs.length, 1);
    assert.equal(fs[0]!.kind, 'similar-paragraph');
    assert.ok(fs[0]!.similarity < 0.7 && fs[0]!.similarity >= 0.65);
  });

  test('the most similar earlier paragraph is the original', () => {
    const v85 = levels.variants[2]!.text;
    const v95 = levels.variants[1]!.text;
    const idx = new DuplicateIndex();
    // v95 is closer to v85's text? no: base is the closest to v95, v85 is ~0.9 to v95
    idx.setDocument('d', P('d', [v85, levels.base, v95]));
    const fs = idx.findings('d', false);
    const last = fs.find((f) => f.ids[0] === 2)!;
    assert.deepEqual(last.original.ids, [1]);
    assert.ok(Math.abs(last.similarity - oracle(levels.base, v95)) < 1e-9);
  });

  test('short paragraphs (< minWords words) are ignored', () => {
    const seven = 'Table one shows the regional totals clearly.';
    const eight = 'Table one shows the regional totals very clearly.';
    assert.equal(wordCount(seven), 7);
    const idx = new DuplicateIndex();
    idx.setDocument('d', P('d', [seven, eight, seven, eight]));
    const fs = idx.findings('d', false);
    assert.deepEqual(
      fs.map((f) => [f.kind, f.ids, f.original.ids]),
      [['duplicate-paragraph', [3], [1]]],
    );
    const lax = new DuplicateIndex({ minWords: 3 });
    lax.setDocument('d', P('d', [seven, eight, seven, eight]));
    assert.deepEqual(
      lax.findings('d', false).map((f) => [f.ids, f.original.ids]),
      [[[2, 3], [0, 1]]],
    );
  });

  test('findings of an unknown document are empty', () => {
    assert.deepEqual(new DuplicateIndex().findings('nope', true), []);
  });
});

/* ------------------------------------------------------------------------ */
/* runs                                                                      */
/* ------------------------------------------------------------------------ */

describe('runs of consecutive duplicated paragraphs', () => {
  test('seed 002: paragraphs 1–12 pasted again as 14–25 give ONE finding with all 8 prose ids', () => {
    const { paras, lines } = proseLines(fixture('seed-002.txt'), 'file:///seed-002.txt');
    const idx = new DuplicateIndex();
    idx.setDocument('file:///seed-002.txt', paras);
    const fs = idx.findings('file:///seed-002.txt', true);
    assert.equal(fs.length, 1, JSON.stringify(fs));
    const f = fs[0]!;
    assert.equal(f.kind, 'duplicate-paragraph');
    assert.deepEqual(f.ids.map((id) => lines[id]), [14, 16, 17, 18, 20, 22, 23, 24]);
    assert.deepEqual(f.original.ids.map((id) => lines[id]), [1, 3, 4, 5, 7, 9, 10, 11]);
    assert.deepEqual(f.ids, [...f.ids].sort((a, b) => a - b));
    assert.equal(f.similarity, 1);
  });

  test('a converter pasted a five-paragraph summary twice (CRS R48905): one finding, five ids', () => {
    const { paras, lines } = blocks(fixture('crs-r48905-summary-twice.md'), 'crs');
    const idx = new DuplicateIndex();
    idx.setDocument('crs', paras);
    const fs = idx.findings('crs', false);
    assert.equal(fs.length, 1);
    assert.deepEqual(fs[0]!.ids.map((id) => lines[id]), [12, 14, 16, 18, 20]);
    assert.deepEqual(fs[0]!.original.ids.map((id) => lines[id]), [2, 4, 6, 8, 10]);
  });

  const A = 'Alpha paragraph explains the first policy option in considerable detail today.';
  const B = 'Bravo paragraph explains the second policy option in considerable detail today.';
  const C = 'Charlie paragraph explains the third policy option in considerable detail today.';
  const short = 'A short caption line.';

  test('originals in another order, or not consecutive, break the run', () => {
    const idx = new DuplicateIndex();
    idx.setDocument('d', P('d', [A, B, C, filler(1), B, A]));
    assert.deepEqual(
      idx.findings('d', false).map((f) => [f.ids, f.original.ids]),
      [
        [[4], [1]],
        [[5], [0]],
      ],
    );
    idx.setDocument('d', P('d', [A, filler(2), B, filler(3), A, B]));
    assert.deepEqual(
      idx.findings('d', false).map((f) => [f.ids, f.original.ids]),
      [
        [[4], [0]],
        [[5], [2]],
      ],
    );
  });

  test('short paragraphs inside a run are transparent; similar runs are merged too', () => {
    const idx = new DuplicateIndex();
    idx.setDocument('d', P('d', [A, short, B, C, filler(1), A, B, short, C]));
    assert.deepEqual(
      idx.findings('d', false).map((f) => [f.kind, f.ids, f.original.ids]),
      [['duplicate-paragraph', [5, 6, 8], [0, 2, 3]]],
    );
    const long = (s: string, i: number) => `${s} ${filler(i, 30)}`;
    const edit = (s: string, i: number) => long(s, i).replace(`w${i}x10`, 'changed');
    idx.setDocument('d', P('d', [long(A, 8), long(B, 9), filler(1), edit(A, 8), edit(B, 9)]));
    const fs = idx.findings('d', false);
    assert.deepEqual(
      fs.map((f) => [f.kind, f.ids, f.original.ids]),
      [['similar-paragraph', [3, 4], [0, 1]]],
    );
    assert.ok(fs[0]!.similarity > 0.8 && fs[0]!.similarity < 1);
  });

  test('the copied block is aligned even when its first paragraph also occurs earlier', () => {
    const idx = new DuplicateIndex();
    // A occurs at 0 and 2; the block [A, B] at 2–3 is pasted again at 5–6
    idx.setDocument('d', P('d', [A, C, A, B, filler(1), A, B]));
    assert.deepEqual(
      idx.findings('d', false).map((f) => [f.ids, f.original.ids]),
      [
        [[2], [0]],
        [[5, 6], [2, 3]],
      ],
    );
  });
});

/* ------------------------------------------------------------------------ */
/* similar sentences                                                         */
/* ------------------------------------------------------------------------ */

describe('similar sentences', () => {
  test('seed 001: exactly one finding, the line-23 sentence repeating line 11', () => {
    const { paras, lines } = seed001();
    const idx = new DuplicateIndex();
    idx.setDocument('file:///seed-001.txt', paras);
    const fs = idx.findings('file:///seed-001.txt', true);
    assert.equal(fs.length, 1, JSON.stringify(fs, null, 1));
    const f = fs[0]!;
    assert.equal(f.kind, 'similar-sentence');
    assert.deepEqual(f.ids.map((id) => lines[id]), [23]);
    assert.deepEqual(f.original.ids.map((id) => lines[id]), [11]);
    const text = paras[f.ids[0]!]!.text;
    assert.equal(
      spanText(text, f.sentence).replace(/\s+/g, ' '),
      'Now, the contraction in diplomatic and intelligence presence has reduced early-warning mechanisms, creating space for militant networks to reorganize and adjust their operations with fewer constraints.',
    );
    assert.equal(
      spanText(paras[f.original.ids[0]!]!.text, f.original.sentence),
      'The contraction in diplomatic and intelligence presence has reduced early-warning mechanisms, creating space for terrorist organisations to reorganise and adjust their operations with fewer constraints.',
    );
    assert.ok(f.similarity >= 0.8 && f.similarity < 1);
  });

  const S = 'The ministry has repeatedly failed to publish the quarterly procurement data that parliament requested in its last session.';
  const intro = (i: number) => `${filler(100 + i, 6).replace('.', '')} opens with its own framing and context about something else entirely.`;

  test('an exact repeated sentence in another paragraph is reported with both spans', () => {
    const idx = new DuplicateIndex();
    const p0 = `${intro(0)} ${S}`;
    const p2 = `${S} ${intro(2)} And then it closes differently with several more words.`;
    idx.setDocument('d', P('d', [p0, filler(1), p2]));
    const fs = idx.findings('d', false);
    assert.equal(fs.length, 1);
    assert.equal(fs[0]!.kind, 'similar-sentence');
    assert.equal(fs[0]!.similarity, 1);
    assert.equal(spanText(p2, fs[0]!.sentence), S);
    assert.equal(spanText(p0, fs[0]!.original.sentence), S);
    assert.deepEqual(fs[0]!.original.ids, [0]);
  });

  test('not reported: sentences shorter than sentenceMinWords, repeats within one paragraph, paragraphs already reported', () => {
    const shortS = 'Budgets were cut again in the second half of the year.';
    assert.ok(wordCount(shortS) < 15);
    const idx = new DuplicateIndex();
    idx.setDocument('d', P('d', [`${intro(0)} ${shortS}`, `${shortS} ${intro(1)}`, `${S} ${S}`]));
    assert.deepEqual(idx.findings('d', false), []);
    // a similar paragraph is reported once as similar-paragraph, not again per sentence
    const base = `${intro(0)} ${S} ${filler(3, 25)}`;
    idx.setDocument('d', P('d', [base, base.replace('w3x12', 'other')]));
    assert.deepEqual(
      idx.findings('d', false).map((f) => f.kind),
      ['similar-paragraph'],
    );
    // lowering sentenceMinWords makes the short sentence count
    const lax = new DuplicateIndex({ sentenceMinWords: 8 });
    lax.setDocument('d', P('d', [`${intro(0)} ${shortS}`, `${shortS} ${intro(1)}`]));
    assert.deepEqual(
      lax.findings('d', false).map((f) => [f.kind, f.ids]),
      [['similar-sentence', [1]]],
    );
  });
});

/* ------------------------------------------------------------------------ */
/* across files                                                              */
/* ------------------------------------------------------------------------ */

describe('across files', () => {
  const shared = 'This paragraph appears in both briefs because an author reused it without attribution or change.';
  const near = `${filler(7, 30)} shared closing words for the paragraph.`;
  const sentence = 'The inspection regime covers every crossing point, every warehouse and every registered transport company in the province.';

  function twoDocs(options?: ConstructorParameters<typeof DuplicateIndex>[0]) {
    const idx = new DuplicateIndex(options);
    idx.setDocument('file:///a.md', P('file:///a.md', [filler(1), shared, near, `${sentence} ${filler(2)}`]));
    idx.setDocument(
      'file:///b.md',
      P('file:///b.md', [shared, filler(3), near.replace('w7x15', 'edited'), `${filler(4)} ${sentence}`]),
    );
    return idx;
  }

  test('reported only in the document whose key sorts after the other (default)', () => {
    const idx = twoDocs();
    const fb = idx.findings('file:///b.md', true);
    assert.deepEqual(
      fb.map((f) => [f.kind, f.ids, f.original.doc, f.original.ids]),
      [
        ['duplicate-paragraph', [0], 'file:///a.md', [1]],
        ['similar-paragraph', [2], 'file:///a.md', [2]],
        ['similar-sentence', [3], 'file:///a.md', [3]],
      ],
    );
    assert.deepEqual(idx.findings('file:///a.md', true), []);
    assert.deepEqual(idx.findings('file:///b.md', false), []);
  });

  test("crossFileReport: 'both' reports the pair in both documents", () => {
    const idx = twoDocs({ crossFileReport: 'both' });
    assert.equal(idx.findings('file:///a.md', true).length, 3);
    assert.equal(idx.findings('file:///b.md', true).length, 3);
  });

  test('same-document originals win over other documents; cross-file runs; removeDocument', () => {
    const A = 'Alpha paragraph explains the first policy option in considerable detail today.';
    const B = 'Bravo paragraph explains the second policy option in considerable detail today.';
    const idx = new DuplicateIndex();
    idx.setDocument('file:///a.md', P('file:///a.md', [A, B]));
    idx.setDocument('file:///b.md', P('file:///b.md', [filler(1), A, B, A]));
    assert.deepEqual(
      idx.findings('file:///b.md', true).map((f) => [f.ids, f.original.doc, f.original.ids]),
      [
        [[1, 2], 'file:///a.md', [0, 1]],
        [[3], 'file:///b.md', [1]],
      ],
    );
    idx.removeDocument('file:///a.md');
    assert.deepEqual(
      idx.findings('file:///b.md', true).map((f) => [f.ids, f.original.doc, f.original.ids]),
      [[[3], 'file:///b.md', [1]]],
    );
    assert.equal(idx.stats().documents, 1);
  });
});

/* ------------------------------------------------------------------------ */
/* templates and scale                                                       */
/* ------------------------------------------------------------------------ */

describe('templates repeated many times', () => {
  const template = '_Assurance categories: Moderate to high and risk categories: moderate to high_';

  test('30 copies among other paragraphs: each later copy points at the first occurrence', () => {
    const texts: string[] = [];
    for (let i = 0; i < 30; i++) texts.push(template, filler(i));
    const idx = new DuplicateIndex();
    idx.setDocument('d', P('d', texts));
    const fs = idx.findings('d', false);
    assert.equal(fs.length, 29);
    for (const f of fs) {
      assert.equal(f.kind, 'duplicate-paragraph');
      assert.equal(f.ids.length, 1);
      assert.deepEqual(f.original.ids, [0]);
    }
  });

  test('back-to-back copies do not form block runs; each points at the first', () => {
    const idx = new DuplicateIndex();
    idx.setDocument('d', P('d', Array.from({ length: 6 }, () => template)));
    assert.deepEqual(
      idx.findings('d', false).map((f) => [f.ids, f.original.ids]),
      [1, 2, 3, 4, 5].map((i) => [[i], [0]]),
    );
  });

  test('5,000 copies plus 5,000 near-copies stay linear', () => {
    const texts: string[] = [];
    const long = `${filler(1, 40)}`;
    for (let i = 0; i < 5000; i++) texts.push(template, long.replace('w1x20', `v${i}`));
    const idx = new DuplicateIndex();
    const t0 = Date.now();
    idx.setDocument('d', P('d', texts));
    const fs = idx.findings('d', false);
    const ms = Date.now() - t0;
    assert.equal(fs.filter((f) => f.kind === 'duplicate-paragraph').length, 4999);
    assert.equal(fs.filter((f) => f.kind === 'similar-paragraph').length, 4999);
    for (const f of fs) assert.equal(f.ids.length, 1);
    // not a timing test: just make sure nothing quadratic slipped in (≈ 50 M pair checks would take minutes)
    assert.ok(ms < 20_000, `${ms} ms`);
  });
});

/* ------------------------------------------------------------------------ */
/* incremental updates                                                       */
/* ------------------------------------------------------------------------ */

describe('incremental updates', () => {
  const A = 'Alpha paragraph explains the first policy option in considerable detail today.';

  test('editing one paragraph: the finding disappears and reappears; only that paragraph is recomputed', () => {
    const texts = [A, filler(1), filler(2), A, filler(3)];
    const idx = new DuplicateIndex();
    idx.setDocument('d', P('d', texts));
    idx.setDocument('e', P('e', [filler(9), filler(10)]));
    assert.equal(idx.findings('d', false).length, 1);
    const computed0 = idx.stats().signaturesComputed;
    assert.equal(computed0, 6); // A once (cached by text), four fillers, two in e

    texts[3] = 'Alpha paragraph now explains a completely different option with fresh arguments.';
    idx.setDocument('d', P('d', texts));
    assert.deepEqual(idx.findings('d', false), []);
    assert.equal(idx.stats().signaturesComputed, computed0 + 1);

    texts[3] = A; // back: A is still cached (paragraph 0 uses it)
    idx.setDocument('d', P('d', texts));
    assert.deepEqual(
      idx.findings('d', false).map((f) => [f.ids, f.original.ids]),
      [[[3], [0]]],
    );
    assert.equal(idx.stats().signaturesComputed, computed0 + 1);
    // texts no longer used by any document leave the cache
    assert.equal(idx.stats().cachedSignatures, 6);
  });

  test('an edit that creates a duplicate makes a finding appear', () => {
    const texts = [A, filler(1), filler(2)];
    const idx = new DuplicateIndex();
    idx.setDocument('d', P('d', texts));
    assert.deepEqual(idx.findings('d', true), []);
    texts.push(A.replace('Alpha', 'ALPHA').replace('.', '!'));
    idx.setDocument('d', P('d', texts));
    assert.deepEqual(
      idx.findings('d', true).map((f) => [f.kind, f.ids, f.original.ids]),
      [['duplicate-paragraph', [3], [0]]],
    );
  });
});

/* ------------------------------------------------------------------------ */
/* brute-force oracle                                                        */
/* ------------------------------------------------------------------------ */

describe('agrees with a brute-force oracle', () => {
  const VOCAB = Array.from({ length: 70 }, (_, i) => `word${i}`);

  function sentence(rand: () => number): string[] {
    const n = 15 + Math.floor(rand() * 8);
    return Array.from({ length: n }, () => VOCAB[Math.floor(rand() * VOCAB.length)]!);
  }
  const render = (sents: string[][]) => sents.map((w) => w.join(' ').replace(/^./, (c) => c.toUpperCase()) + '.').join(' ');

  /** which paragraph ids are copies (kind), and how many of their sentences repeat an earlier paragraph's */
  function oracle(texts: string[]) {
    const norm = texts.map(normalizeParagraph);
    const shingles = norm.map((n) => {
      const w = n.split(' ');
      const s = new Set<string>();
      for (let i = 0; i + 3 <= w.length; i++) s.add(w.slice(i, i + 3).join(' '));
      return s;
    });
    const jac = (a: Set<string>, b: Set<string>) => {
      let i = 0;
      for (const x of a) if (b.has(x)) i++;
      return i / (a.size + b.size - i);
    };
    const sents = texts.map((t) =>
      splitSentences(t)
        .map((sp) => normalizeParagraph(t.slice(sp.start, sp.end)).split(' '))
        .filter((w) => w.length >= 15),
    );
    const lev = (a: string[], b: string[]) => {
      const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
      for (let j = 1; j <= b.length; j++) d[0]![j] = j;
      for (let i = 1; i <= a.length; i++)
        for (let j = 1; j <= b.length; j++)
          d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      return 1 - d[a.length]![b.length]! / Math.max(a.length, b.length);
    };
    const kinds: Array<string | null> = [];
    const sentenceHits: number[] = [];
    for (let i = 0; i < texts.length; i++) {
      let kind: string | null = null;
      for (let j = 0; j < i && kind !== 'duplicate-paragraph'; j++) {
        if (norm[j] === norm[i]) kind = 'duplicate-paragraph';
        else if (jac(shingles[i]!, shingles[j]!) >= 0.8) kind = 'similar-paragraph';
      }
      kinds.push(kind);
      let hits = 0;
      if (kind === null) {
        for (const s of sents[i]!) {
          if (sents.slice(0, i).some((ps) => ps.some((o) => lev(s, o) >= 0.8))) hits++;
        }
      }
      sentenceHits.push(hits);
    }
    return { kinds, sentenceHits };
  }

  test('random documents built from a few base paragraphs with random word edits', () => {
    let compared = 0;
    const seen = { dup: 0, sim: 0, sent: 0 };
    for (let seed = 1; seed <= 60; seed++) {
      const rand = seededRandom(seed).float;
      const bases = Array.from({ length: 5 }, () => Array.from({ length: 3 }, () => sentence(rand)));
      const texts: string[] = [];
      for (let i = 0; i < 25; i++) {
        const r = rand();
        if (r < 0.3) {
          texts.push(render(Array.from({ length: 3 }, () => sentence(rand))));
          continue;
        }
        const b = bases[Math.floor(rand() * bases.length)]!.map((s) => s.slice());
        // 0–6 word substitutions; sometimes replace a whole sentence
        const edits = Math.floor(rand() * 7);
        for (let e = 0; e < edits; e++) {
          const s = b[Math.floor(rand() * b.length)]!;
          s[Math.floor(rand() * s.length)] = VOCAB[Math.floor(rand() * VOCAB.length)]!;
        }
        if (rand() < 0.2) b[Math.floor(rand() * b.length)] = sentence(rand);
        texts.push(render(b));
      }
      const idx = new DuplicateIndex();
      idx.setDocument('d', P('d', texts));
      const got = { kinds: texts.map((): string | null => null), sentenceHits: texts.map(() => 0) };
      for (const f of idx.findings('d', false)) {
        if (f.kind === 'similar-sentence') got.sentenceHits[f.ids[0]!]!++;
        else for (const id of f.ids) got.kinds[id] = f.kind;
      }
      const want = oracle(texts);
      assert.deepEqual(got, want, `seed ${seed}`);
      compared += texts.length;
      seen.dup += want.kinds.filter((k) => k === 'duplicate-paragraph').length;
      seen.sim += want.kinds.filter((k) => k === 'similar-paragraph').length;
      seen.sent += want.sentenceHits.reduce((a, b) => a + b, 0);
    }
    assert.equal(compared, 1500);
    // the generator exercises every kind
    assert.ok(seen.dup > 20 && seen.sim > 20 && seen.sent > 20, JSON.stringify(seen));
  });
});

/* ------------------------------------------------------------------------ */
/* clean documents stay quiet                                                */
/* ------------------------------------------------------------------------ */

describe('clean documents', () => {
  for (const f of ['clean-seed-000.txt', 'clean-seed-003.txt', 'clean-seed-004.txt']) {
    test(`${f}: no findings`, () => {
      const { paras } = proseLines(fixture(f), f);
      assert.ok(paras.length > 5);
      const idx = new DuplicateIndex();
      idx.setDocument(f, paras);
      assert.deepEqual(idx.findings(f, true), []);
    });
  }

  test('all seeds in one index, cross-file: only the known findings', () => {
    const idx = new DuplicateIndex();
    for (const f of ['clean-seed-000.txt', 'clean-seed-003.txt', 'clean-seed-004.txt', 'seed-002.txt']) {
      idx.setDocument(f, proseLines(fixture(f), f).paras);
    }
    idx.setDocument('seed-001.txt', seed001('seed-001.txt').paras);
    const kinds: string[] = [];
    for (const f of ['clean-seed-000.txt', 'clean-seed-003.txt', 'clean-seed-004.txt', 'seed-001.txt', 'seed-002.txt']) {
      for (const x of idx.findings(f, true)) kinds.push(`${f}:${x.kind}:${x.ids.length}`);
    }
    assert.deepEqual(kinds.sort(), ['seed-001.txt:similar-sentence:1', 'seed-002.txt:duplicate-paragraph:8']);
  });
});
