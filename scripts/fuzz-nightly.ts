/**
 * The fuzz and fix properties of `npm test`, with large counts, for a nightly job.
 *
 *   FUZZ_RUNS=200000 npx tsx scripts/fuzz-nightly.ts
 *
 * Environment (all optional):
 *   FUZZ_RUNS          hostile brief-shaped documents, each linted in both formats   (default 100,000)
 *   FUZZ_UNICODE_RUNS  arbitrary UTF-16 documents (lone surrogates included)        (default FUZZ_RUNS / 2)
 *   FUZZ_FIX_RUNS      generated briefs on which every fix of every finding and an
 *                      Insert footnote are applied and checked                       (default FUZZ_RUNS / 20)
 *   FUZZ_SEED          seed; printed at the start, so a failing night can be replayed (default: time-based)
 *   FUZZ_MAX_MS        longest a single document may take to parse and lint         (default 2,000 ms)
 *   FUZZ_BIG=1         also the pathological shapes at 10x the size `npm test` uses
 *
 * Exits 1 on the first failing property, printing the counterexample, the seed and fast-check's
 * replay path. Inputs that hit a known product bug (KNOWN_BUGS in tests/unit/generators.ts) are
 * counted and skipped, so one known bug does not hide new ones.
 */
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { planRenumber } from '../server/src/engine/fixes';
import {
  checkEveryFix,
  checkInsertFootnote,
  hostileBriefArb,
  KNOWN_BUGS,
  knownBug,
  lintChecked,
  plantedBriefArb,
  unicodeTextArb,
  type FixKind,
} from '../tests/unit/generators';

const num = (name: string, fallback: number) => {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name}=${v} is not a count`);
  return Math.floor(n);
};

const RUNS = num('FUZZ_RUNS', 100_000);
const UNICODE_RUNS = num('FUZZ_UNICODE_RUNS', Math.ceil(RUNS / 2));
const FIX_RUNS = num('FUZZ_FIX_RUNS', Math.ceil(RUNS / 20));
const SEED = num('FUZZ_SEED', Date.now() % 2 ** 31);
const MAX_MS = num('FUZZ_MAX_MS', 2000);

let slowest = { ms: 0, what: '' };
const skipped = new Map<string, number>();
const applied = new Map<FixKind, number>();

/** Lints a document in both formats within the time budget. */
function engineHolds(text: string): void {
  for (const format of ['markdown', 'plaintext'] as const) {
    const t0 = performance.now();
    lintChecked(text, format);
    const ms = performance.now() - t0;
    if (ms > slowest.ms) slowest = { ms, what: `${format}, ${text.length} chars` };
    if (ms > MAX_MS) throw new Error(`${format}: ${ms.toFixed(0)} ms for ${text.length} chars (FUZZ_MAX_MS ${MAX_MS})`);
  }
}

/** Every fix of every finding, and an Insert footnote, on one generated brief. */
function fixesHold(brief: { text: string; format: 'markdown' | 'plaintext' }, where: number): void {
  const { model, findings } = lintChecked(brief.text, brief.format);
  const r = checkEveryFix(model, findings);
  for (const bug of r.skipped) skipped.set(bug, (skipped.get(bug) ?? 0) + 1);
  for (const kind of r.kinds) applied.set(kind, (applied.get(kind) ?? 0) + 1);
  const para = model.paragraphs[where % model.paragraphs.length];
  const part = para.parts[where % para.parts.length];
  const at = part.start + (where % (part.end - part.start + 1));
  const bug = knownBug(model, undefined, { title: 'Insert footnote', edits: planRenumber(model, { at, noteText: 'NEW NOTE' }).edits });
  if (bug) {
    skipped.set(bug, (skipped.get(bug) ?? 0) + 1);
    return;
  }
  checkInsertFootnote(model, at);
  applied.set('insert-footnote', (applied.get('insert-footnote') ?? 0) + 1);
}

/** Runs one property with progress every 10%, and exits on failure. */
function run<T>(name: string, arb: fc.Arbitrary<T>, numRuns: number, seed: number, body: (v: T) => void): void {
  if (numRuns === 0) return;
  const t0 = performance.now();
  let done = 0;
  const step = Math.max(1, Math.ceil(numRuns / 10));
  const details = fc.check(
    fc.property(arb, (v) => {
      body(v);
      if (++done % step === 0) console.log(`  ${name}: ${done}/${numRuns} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    }),
    { numRuns, seed, endOnFailure: false },
  );
  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  if (details.failed) {
    console.error(`\nFAILED: ${name} after ${details.numRuns} runs (${secs} s)`);
    console.error(`replay: FUZZ_SEED=${SEED} (this property's seed ${seed}, path ${JSON.stringify(details.counterexamplePath)})`);
    console.error(`counterexample: ${JSON.stringify(details.counterexample, null, 1)?.slice(0, 20_000)}`);
    console.error(`error: ${(details.errorInstance as Error)?.stack ?? details.errorInstance}`);
    process.exit(1);
  }
  console.log(`ok ${name}: ${details.numRuns} runs in ${secs} s`);
}

function pathological(): void {
  const k = 10;
  const cases: [string, string][] = [
    ['10 MB line of figures', '1,2.3 45% $6 '.repeat(80_000 * k)],
    ['10 MB line of markers', '[^1]¹[2]'.repeat(130_000 * k)],
    ['1M tiny lines', 'a\n'.repeat(100_000 * k)],
    ['deeply nested lists', Array.from({ length: 2000 * k }, (_, i) => `${'  '.repeat(i % 500)}- item [^1]`).join('\n') + '\n\n[^1]: n\n'],
    ['deeply nested quotes', '>'.repeat(5000 * k) + ' quoted [^1]\n'],
    ['unterminated fence', '```\n[^1] in code\n' + 'x\n'.repeat(1000 * k)],
    ['500-digit markers', `Claim.[^${'9'.repeat(500)}] Other.${'¹'.repeat(500)} [${'9'.repeat(500)}]\n\n[^${'9'.repeat(500)}]: n\n`],
  ];
  for (const [name, text] of cases) {
    for (const format of ['markdown', 'plaintext'] as const) {
      const t0 = performance.now();
      try {
        lintChecked(text, format);
      } catch (e) {
        console.error(`FAILED: pathological ${name} (${format}): ${(e as Error).stack}`);
        process.exit(1);
      }
      console.log(`ok pathological ${name} (${format}): ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
  }
}

console.log(`fuzz-nightly: FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS} FUZZ_UNICODE_RUNS=${UNICODE_RUNS} FUZZ_FIX_RUNS=${FIX_RUNS} FUZZ_MAX_MS=${MAX_MS}`);
const started = performance.now();
run('hostile brief-shaped documents, both formats', hostileBriefArb, RUNS, SEED, engineHolds);
run('arbitrary UTF-16 documents, both formats', unicodeTextArb, UNICODE_RUNS, SEED + 1, engineHolds);
run('every fix on generated briefs with planted defects', fc.tuple(plantedBriefArb, fc.nat()), FIX_RUNS, SEED + 2, ([brief, where]) => fixesHold(brief, where));
if (process.env.FUZZ_BIG === '1') pathological();

console.log(`\nslowest document: ${slowest.ms.toFixed(0)} ms (${slowest.what})`);
console.log(`fixes applied and checked: ${JSON.stringify(Object.fromEntries(applied))}`);
if (skipped.size) {
  console.log(`skipped, known product bugs (${KNOWN_BUGS.length} open):`);
  for (const [id, count] of skipped) console.log(`  ${id}: ${count} — ${KNOWN_BUGS.find((b) => b.id === id)?.what}`);
}
console.log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
