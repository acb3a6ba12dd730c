/**
 * Scores the engine on labelled real-world documents, as the closing notes report it: per code,
 * right / reported (true findings of everything the tool reported; optional ones count as neither)
 * and recall over the labelled problems.
 *
 *   npx tsx scripts/real-world/score.ts --labels LABELS.json --docs DIR [--docs DIR …] [--show fp|fn|all] [--code CODE]
 *
 * LABELS.json is in the format of tests/fixtures/real/LABELLING.md, keyed by file name; each file is
 * looked up in the --docs folders. tests/unit/real.test.ts runs the same score on the committed set.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { CHECKS } from '../../server/src/engine';
import { engineLinter, formatMisses, scoreFixtures, type FileExpectation, type FixtureFile, type ScoreReport } from '../../tests/unit/scorer';

const { values } = parseArgs({
  options: { labels: { type: 'string', multiple: true }, docs: { type: 'string', multiple: true }, show: { type: 'string' }, code: { type: 'string' } },
});
if (!values.labels?.length || !values.docs?.length) throw new Error('usage: score.ts --labels LABELS.json --docs DIR [--show fp|fn|all] [--code CODE]');

const files: FixtureFile[] = [];
for (const labels of values.labels) {
  const table = JSON.parse(fs.readFileSync(labels, 'utf8')) as Record<string, FileExpectation>;
  for (const [name, expectation] of Object.entries(table)) {
    const dir = values.docs.find((d) => fs.existsSync(path.join(d, name)));
    if (!dir) throw new Error(`${name} (from ${labels}) is in none of the --docs folders`);
    files.push({ name, file: path.join(dir, name), expectation });
  }
}

export function table(report: ScoreReport): string {
  const rows = [['code', 'right', 'reported', 'optional', 'precision', 'missed', 'recall']];
  for (const s of report.perCode) {
    if (s.truePositives + s.falsePositives + s.falseNegatives + s.optionalHits === 0) continue;
    const reported = s.truePositives + s.falsePositives;
    rows.push([s.code, String(s.truePositives), String(reported), String(s.optionalHits), reported ? s.precision.toFixed(2) : '-', String(s.falseNegatives), s.recall.toFixed(2)]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')).join('\n');
}

const report = scoreFixtures(files, { codes: CHECKS.map((c) => c.code), lint: engineLinter() });
console.log(`${files.length} documents\n${table(report)}`);
const only = (m: { code: string }) => !values.code || m.code === values.code;
if (values.show === 'fp' || values.show === 'all') console.log(`\nfalse findings:\n${formatMisses(report.falsePositives.filter(only))}`);
if (values.show === 'fn' || values.show === 'all') console.log(`\nmissed:\n${formatMisses(report.falseNegatives.filter(only))}`);
