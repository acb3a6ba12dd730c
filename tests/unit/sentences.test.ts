import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
  test('1 MB of periods, abbreviations and markers', () => {
    assert.ok(Array.isArray(splitSentences('a. B. '.repeat(1 << 17))));
    assert.ok(Array.isArray(splitSentences('U.S. (e.g. [1]. '.repeat(1 << 16))));
    assert.ok(Array.isArray(splitSentences('.'.repeat(1 << 20))));
    assert.ok(Array.isArray(splitSentences('((((['.repeat(1 << 18))));
  });
});
