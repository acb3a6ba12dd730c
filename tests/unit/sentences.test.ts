import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { splitSentences } from '../../server/src/engine/text/sentences';

const split = (s: string): string[] => splitSentences(s).map((x) => s.slice(x.start, x.end));

describe('splitSentences basics', () => {
  test('empty and blank input', () => {
    assert.deepEqual(splitSentences(''), []);
    assert.deepEqual(splitSentences('   \t '), []);
  });

  test('spans are trimmed, ordered, non-overlapping UTF-16 offsets', () => {
    const s = '  First one.  Second one!   Third?  ';
    const spans = splitSentences(s);
    assert.deepEqual(spans, [
      { start: 2, end: 12 },
      { start: 14, end: 25 },
      { start: 28, end: 34 },
    ]);
  });

  test('a paragraph without final punctuation is one sentence', () => {
    assert.deepEqual(split('Russian Security Council Secretary Sergei Shoigu said in'), [
      'Russian Security Council Secretary Sergei Shoigu said in',
    ]);
  });

  test('astral characters keep UTF-16 offsets', () => {
    const s = 'Flags 🇵🇰 flew. Then 😀 smiles.';
    assert.deepEqual(split(s), ['Flags 🇵🇰 flew.', 'Then 😀 smiles.']);
  });
});

describe('abbreviations, initials, decimals', () => {
  const cases: [string, string[]][] = [
    ['The U.S. Army left. The U.K. stayed in the U.S. for years.', ['The U.S. Army left.', 'The U.K. stayed in the U.S. for years.']],
    ['It was signed by the U.S. The treaty failed.', ['It was signed by the U.S.', 'The treaty failed.']],
    ['See p. 18 and pp. 4–6. Next.', ['See p. 18 and pp. 4–6.', 'Next.']],
    ['No. 11 was approx. 5 km away. Next.', ['No. 11 was approx. 5 km away.', 'Next.']],
    ['Groups, e.g. The Base, and others, i.e. TTP, grew. Next.', ['Groups, e.g. The Base, and others, i.e. TTP, grew.', 'Next.']],
    ['Arms, vehicles, etc. were lost. Prices rose etc. The end.', ['Arms, vehicles, etc. were lost.', 'Prices rose etc.', 'The end.']],
    ['Mr. Khan and Dr. Jones met Gen. Munir. They agreed.', ['Mr. Khan and Dr. Jones met Gen. Munir.', 'They agreed.']],
    ['They met on Jan. 5 vs. Feb. 6 last year. Then left.', ['They met on Jan. 5 vs. Feb. 6 last year.', 'Then left.']],
    ['He cited S/2025/71/Rev.1 in 2025. Then left.', ['He cited S/2025/71/Rev.1 in 2025.', 'Then left.']],
    ['St. Petersburg hosted it. Then Moscow.', ['St. Petersburg hosted it.', 'Then Moscow.']],
    ['J. Smith wrote it. John F. Kennedy read it.', ['J. Smith wrote it.', 'John F. Kennedy read it.']],
    ['J. Smith counted 450 attacks. A. Khan disputed it.', ['J. Smith counted 450 attacks.', 'A. Khan disputed it.']],
    ['It is in Annex B. The next part follows.', ['It is in Annex B.', 'The next part follows.']],
    ['Growth was 3.5 percent. It fell to 1.2.', ['Growth was 3.5 percent.', 'It fell to 1.2.']],
    ['It rose in 2021. 600 people died.', ['It rose in 2021.', '600 people died.']],
    ['It ended at 9 a.m. The talks resumed at 5 p.m. on Monday.', ['It ended at 9 a.m.', 'The talks resumed at 5 p.m. on Monday.']],
    ['Visit www.ipri.pk. Then call.', ['Visit www.ipri.pk.', 'Then call.']],
    ['See https://example.org/a.b. Then.', ['See https://example.org/a.b.', 'Then.']],
    ['The `a. B` code stays. Next.', ['The `a. B` code stays.', 'Next.']],
  ];
  for (const [input, expected] of cases) {
    test(input, () => assert.deepEqual(split(input), expected));
  }
});

describe('ellipses, quotes, parentheses', () => {
  const cases: [string, string[]][] = [
    ['Talks in Doha… Nothing happened... And then more.', ['Talks in Doha…', 'Nothing happened...', 'And then more.']],
    ['He paused... and went on.', ['He paused... and went on.']],
    ['“We lost 300 men…” he said. Officials confirmed it.', ['“We lost 300 men…” he said.', 'Officials confirmed it.']],
    ['Is it true? “Yes,” he said. Then he left!', ['Is it true?', '“Yes,” he said.', 'Then he left!']],
    ['They asked “why?” and left. Really?', ['They asked “why?” and left.', 'Really?']],
    ['She said: “It is over.” He nodded.', ['She said: “It is over.”', 'He nodded.']],
    ['He said "No." Then he left.', ['He said "No."', 'Then he left.']],
    ['The group (e.g. the TTP. Also IMU) grew. Then it fell.', ['The group (e.g. the TTP. Also IMU) grew.', 'Then it fell.']],
    ['(All numbers are approximate.) The rest follows.', ['(All numbers are approximate.)', 'The rest follows.']],
    ['Aid rose (see p. 4). Next.', ['Aid rose (see p. 4).', 'Next.']],
  ];
  for (const [input, expected] of cases) {
    test(input, () => assert.deepEqual(split(input), expected));
  }
});

describe('note markers after the closing punctuation belong to the sentence before', () => {
  const cases: [string, string[]][] = [
    ['The takeover came in August 2021.¹ The collapse followed.', ['The takeover came in August 2021.¹', 'The collapse followed.']],
    ['It rose.¹² It fell.', ['It rose.¹²', 'It fell.']],
    ['It rose.[^3] It fell.', ['It rose.[^3]', 'It fell.']],
    ['It rose.[4] It fell.', ['It rose.[4]', 'It fell.']],
    ['It rose.[2, 3] It fell.', ['It rose.[2, 3]', 'It fell.']],
    ['It rose.<sup>5</sup> It fell.', ['It rose.<sup>5</sup>', 'It fell.']],
    ['It rose.<sup><a href="#fn5">5</a></sup> It fell.', ['It rose.<sup><a href="#fn5">5</a></sup>', 'It fell.']],
    ['He said it was “serious.”¹⁷ The warning stood.', ['He said it was “serious.”¹⁷', 'The warning stood.']],
    ['It rose. [12] It fell.', ['It rose. [12]', 'It fell.']],
    ['It rose. [^12] It fell.', ['It rose. [^12]', 'It fell.']],
    ['It rose [@smith, p. 3]. It fell.', ['It rose [@smith, p. 3].', 'It fell.']],
    ['It rose.[^3]', ['It rose.[^3]']],
  ];
  for (const [input, expected] of cases) {
    test(input, () => assert.deepEqual(split(input), expected));
  }
});

describe('list numbers', () => {
  test('"1." at paragraph start is not a sentence', () => {
    assert.deepEqual(split('1. Establish joint centres. Share intelligence.'), ['1. Establish joint centres.', 'Share intelligence.']);
  });
  test('flattened list items', () => {
    assert.deepEqual(split('1. First item. 2. Second item.'), ['1. First item.', '2. Second item.']);
  });
});

describe('corpus', () => {
  test('seed 001 line 51 splits into seven sentences with their markers', () => {
    const line = readFileSync(join(__dirname, '..', 'fixtures', 'corpus', 'seeds', '001_f6a241fe662aad72.txt'), 'utf8').split('\n')[50];
    const s = split(line);
    assert.equal(s.length, 7);
    assert.ok(s[2].startsWith('The year 2023 recorded') && s[2].endsWith('1524 in 2023.'));
    assert.ok(s[3].endsWith('55% in KP.¹⁰'));
    assert.ok(s[4].endsWith('in 2024.¹¹'));
    assert.ok(s[5].startsWith('According to statistics') && s[5].endsWith('in 2024.¹²'));
    assert.ok(s[6].startsWith('The fatalities') && s[6].endsWith('(combatants).¹³'));
  });

  test('brief-001.md line 57: the quote closes before its marker', () => {
    const line = readFileSync(join(__dirname, '..', 'fixtures', 'corpus', 'brief-001.md'), 'utf8').split('\n')[56];
    const s = split(line);
    assert.ok(s.some((x) => x.endsWith('authorities."[^17]')), JSON.stringify(s));
  });
});

describe('linear time', () => {
  // Time is measured as this process's CPU time (other work on a shared machine does not count
  // while this process waits for a core), after a full collection, and the fastest of RUNS is kept
  // (noise only ever adds time). Linear work makes the 16x input take 16x as long in theory; on
  // the shared two-core machine, with another test file running beside it, 1 MB took 9-41x the
  // time of 64 KB (the small input fits the caches, the big one does not). Quadratic work would
  // take 256x or more. BOUND is between, about 2.5x from each.
  const SCALE = 16;
  const BOUND = 100;
  const RUNS = 5;
  const MB = 1 << 20;
  const gc = collector();
  const cpuMs = (text: string): number => {
    gc?.();
    const t0 = process.cpuUsage();
    splitSentences(text);
    const t = process.cpuUsage(t0);
    return (t.user + t.system) / 1000;
  };
  const cases: [string, string][] = [
    ['periods and initials', 'a. B. '],
    ['abbreviations, brackets and markers', 'U.S. (e.g. [1]. '],
    ['only periods', '.'],
    ['unclosed brackets', '((((['],
  ];
  for (const [name, unit] of cases) {
    test(`1 MB of ${name}: ${SCALE}x the input takes under ${BOUND}x the CPU time`, () => {
      const repeats = Math.ceil(MB / unit.length / SCALE);
      const small = unit.repeat(repeats);
      const big = unit.repeat(repeats * SCALE);
      // Compiled and warm before anything is timed.
      for (let i = 0; i < 3; i++) splitSentences(small);
      const smallMs: number[] = [];
      const bigMs: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        smallMs.push(cpuMs(small));
        bigMs.push(cpuMs(big));
      }
      // (a floor under the small time, in case a clock that coarse ever reads 0)
      const ratio = Math.min(...bigMs) / Math.max(Math.min(...smallMs), 0.1);
      const show = (ms: number[]) => ms.map((m) => m.toFixed(1)).join(', ');
      assert.ok(ratio < BOUND, `${big.length} chars took ${ratio.toFixed(1)}x the CPU time of ${small.length} (ms: ${show(bigMs)} vs ${show(smallMs)})`);
    });
  }
});

/** V8's full collection (as server/src/lsp/idleGc.ts gets it), or undefined where it is not available. */
function collector(): (() => void) | undefined {
  try {
    v8.setFlagsFromString('--expose-gc');
    const fn = vm.runInNewContext('gc') as unknown;
    return typeof fn === 'function' ? (fn as () => void) : undefined;
  } catch {
    return undefined;
  }
}
