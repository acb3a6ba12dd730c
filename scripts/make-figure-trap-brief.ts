/**
 * Regenerates tests/fixtures/figures/brief/traps.brief.md and its expected.json from the labelled
 * traps (traps.txt + traps.expected.json), so the corpus scorer runs on the traps as on any brief:
 * one trap per paragraph, the uncited figures under default settings as expected findings.
 * Run: npx tsx scripts/make-figure-trap-brief.ts
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findCitations } from '../server/src/engine/text/citations';

const DIR = path.resolve(__dirname, '..', 'tests', 'fixtures', 'figures');
const lines = fs.readFileSync(path.join(DIR, 'traps.txt'), 'utf8').split('\n');
const traps = JSON.parse(fs.readFileSync(path.join(DIR, 'traps.expected.json'), 'utf8')).traps as {
  line: number;
  label: string;
  figures: { text: string }[];
  uncited?: string[];
  citationScope?: string;
  options?: Record<string, unknown>;
}[];
const out: string[] = ['# Figure traps', ''];
const expected: { code: string; line: number; text: string }[] = [];
for (const t of traps) {
  // Traps written for other options are scored by figures.test.ts only.
  if ((t.citationScope && t.citationScope !== 'paragraph') || (t.options && Object.keys(t.options).length)) continue;
  const text = lines[t.line - 1];
  if (!text || /^\s*(#|\||>|```|-\s|\*\s|\d+[.)]\s)/.test(text)) continue;
  // Labelled uncited figures; a trap labelled only with its figures is all uncited when it cites nothing.
  if (!t.uncited && findCitations(text).length > 0) continue;
  const uncited = t.uncited ?? t.figures.map((f) => f.text);
  out.push(text, '');
  const lineNo = out.length - 1;
  for (const u of uncited) expected.push({ code: 'uncited-figure', line: lineNo, text: u });
}
fs.mkdirSync(path.join(DIR, 'brief'), { recursive: true });
fs.writeFileSync(path.join(DIR, 'brief', 'traps.brief.md'), out.join('\n'));
fs.writeFileSync(path.join(DIR, 'brief', 'expected.json'), JSON.stringify(
    {
      'traps.brief.md': {
        expected,
        optional: [],
        // The traps cite notes they do not define: only figures are labelled here.
        ignore_codes: ['footnote-undefined', 'footnote-unused', 'footnote-duplicate', 'footnote-order', 'ibid-without-antecedent', 'duplicate-paragraph', 'similar-paragraph', 'similar-sentence'],
      },
    },
    null,
    1,
  ) + '\n');
console.log(`${(out.length - 2) / 2} traps, ${expected.length} expected findings`);
