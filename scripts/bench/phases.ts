/**
 * Where the time goes: parse, then each check on its own (in registry order, so the three duplicate
 * checks share the index the first one builds). The first round is cold (as the CLI runs); with
 * ROUNDS=n the last of n rounds is printed too (warm, as the server runs; no memo carried over).
 * Used for the profile-guided note of issue 7: `npx tsx scripts/bench/phases.ts bench-out/brief-1MB.md`.
 */
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { CHECKS, createEngine } from '../../server/src/engine';
import { formatFor } from '../../server/src/common/briefFiles';
import { parseSettings } from '../../server/src/common/settings';

const { positionals } = parseArgs({ allowPositionals: true });
if (positionals.length !== 1) throw new Error('usage: phases.ts <brief>');
const [file] = positionals;
const text = fs.readFileSync(file, 'utf8');
const settings = parseSettings({}).settings;
const row = (name: string, ms: number[]) => console.log(`${name.padEnd(24)} ${ms.map((m) => m.toFixed(1).padStart(8)).join(' ')} ms`);
const rounds = Math.max(1, Number(process.env.ROUNDS ?? 1));
const engine = createEngine();
/** The settings with only one check on. */
const only = (code: string) => ({ ...settings, severity: Object.fromEntries(CHECKS.map((c) => [c.code, c.code === code ? c.defaultSeverity : ('off' as const)])) });
const table = new Map<string, number[]>();
const put = (name: string, ms: number) => table.set(name, [...(table.get(name) ?? []), ms]);
for (let round = 0; round < rounds; round++) {
  engine.clearCaches();
  (globalThis as { gc?: () => void }).gc?.();
  let t0 = performance.now();
  const model = engine.parse(text, formatFor(file));
  put('parse', performance.now() - t0);
  let total = 0;
  for (const check of CHECKS) {
    t0 = performance.now();
    engine.lint(model, only(check.code), { docKey: `${file}#${round}` });
    const ms = performance.now() - t0;
    total += ms;
    put(check.code, ms);
  }
  put('all checks', total);
}
console.log(`${''.padEnd(24)} ${rounds > 1 ? '    cold     warm' : '    cold'}`);
for (const [name, ms] of table) row(name, rounds > 1 ? [ms[0], ms[ms.length - 1]] : ms);
