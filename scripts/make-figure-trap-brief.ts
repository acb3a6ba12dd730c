/**
 * Regenerates tests/fixtures/figures/brief/traps.brief.md and its expected.json from the labelled
 * traps (traps.txt + traps.expected.json), so the corpus scorer runs on the traps as on any brief:
 * one trap per paragraph, the uncited figures under default settings as expected findings.
 * Run: npx tsx scripts/make-figure-trap-brief.ts
 * tests/unit/figureTrapBrief.test.ts builds the same files in memory and fails when the committed
 * ones differ (after an edit of the traps, or of the citation finder this script relies on).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { findCitations } from '../server/src/engine/text/citations';

const DIR = path.resolve(__dirname, '..', 'tests', 'fixtures', 'figures');
/** Where the generated brief and its expectations are written. */
export const TRAP_BRIEF_DIR = path.join(DIR, 'brief');

export interface TrapBrief {
  /** File name (in TRAP_BRIEF_DIR) -> content. */
  files: Record<string, string>;
  traps: number;
  expected: number;
}

/** Builds the brief and its expected.json from the labelled traps, without writing anything. */
export function buildTrapBrief(): TrapBrief {
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
  const expectedJson =
    JSON.stringify(
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
    ) + '\n';
  return { files: { 'traps.brief.md': out.join('\n'), 'expected.json': expectedJson }, traps: (out.length - 2) / 2, expected: expected.length };
}

if (require.main === module) {
  parseArgs({}); // no options: a mistyped one is an error rather than ignored
  const brief = buildTrapBrief();
  fs.mkdirSync(TRAP_BRIEF_DIR, { recursive: true });
  for (const [name, text] of Object.entries(brief.files)) fs.writeFileSync(path.join(TRAP_BRIEF_DIR, name), text);
  console.log(`${brief.traps} traps, ${brief.expected} expected findings`);
}
