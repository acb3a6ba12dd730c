/**
 * Where the time goes, cold, in one fresh process: parse, then each check on its own (in registry
 * order, so the three duplicate checks share the index the first one builds). Used for the
 * profile-guided note of issue 7: `npx tsx scripts/bench/phases.ts bench-out/brief-1MB.md`.
 */
import * as fs from 'node:fs';
import { CHECKS, formatFor, lintModel, parseBrief } from '../../server/src/engine';
import { parseSettings } from '../../server/src/settings';

const file = process.argv[2];
if (!file) throw new Error('usage: phases.ts <brief>');
const text = fs.readFileSync(file, 'utf8');
const settings = parseSettings({}).settings;
const row = (name: string, ms: number) => console.log(`${name.padEnd(24)} ${ms.toFixed(1).padStart(8)} ms`);
let t0 = performance.now();
const model = parseBrief(text, formatFor(file));
row('parse', performance.now() - t0);
let total = 0;
for (const check of CHECKS) {
  t0 = performance.now();
  lintModel(model, settings, { docKey: file }, (code) => code === check.code);
  const ms = performance.now() - t0;
  total += ms;
  row(check.code, ms);
}
row('all checks', total);
