/**
 * One engine measurement in its own process (so peak memory is this run's): full parse and lint of
 * a file, N times, prints JSON {medianMs, minMs, peakRssMb, findings}. Every run is a full lint:
 * nothing found in an earlier run is reused (the engine's caches are cleared, the duplicate index is new).
 */
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { createEngine } from '../../server/src/engine';
import { formatFor } from '../../server/src/common/briefFiles';
import { parseSettings } from '../../server/src/common/settings';

const { positionals } = parseArgs({ allowPositionals: true });
if (positionals.length < 1 || positionals.length > 2) throw new Error('usage: engine-one.ts <brief> [runs]');
const [file, runsArg] = positionals;
const runs = Number(runsArg ?? 5);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`runs: ${runsArg} is not a count`);
const text = fs.readFileSync(file, 'utf8');
const settings = parseSettings({}).settings;
const engine = createEngine();
const times: number[] = [];
let findings = 0;
for (let i = 0; i < runs; i++) {
  engine.clearCaches();
  // Each run starts from a collected heap (run.ts passes --expose-gc), so one run's garbage is not
  // charged to the next.
  (globalThis as { gc?: () => void }).gc?.();
  const t0 = performance.now();
  const model = engine.parse(text, formatFor(file));
  findings = engine.lint(model, settings, { docKey: `${file}#${i}` }).findings.length;
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
if (process.env.BENCH_VERBOSE) console.error(times.map((t) => t.toFixed(0)).join(" "));
console.log(JSON.stringify({ medianMs: times[Math.floor(times.length / 2)], minMs: times[0], peakRssMb: hwm ? Number(hwm[1]) / 1024 : NaN, findings }));
