/**
 * `npm run bench`: generates briefs of 50 KB to 10 MB (Markdown and plain text), then measures
 *  1. the engine (parse + every check) per size: median time, MB/s, peak memory, growth 1 MB -> 10 MB;
 *  2. whole processes on the Markdown briefs: rumdl check, markdownlint-cli2, remark with
 *     no-undefined-references and no-unused-definitions, and policy-brief-lint, with ratios; cold
 *     (no cache) and, for the two tools that cache results, cached (the same file a second time);
 *  3. edit latency through the real server (didChange -> publishDiagnostics, 200 edits) at 200 KB
 *     and 1 MB, and the server's memory with the 10 MB brief open.
 * Figures, not assertions: this machine is shared and noisy. `--quick` skips 10 MB and the peers.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { writeBriefs } from './generate';
import { measureLatency } from './latency';

const ROOT = path.resolve(__dirname, '..', '..');
const quick = parseArgs({ options: { quick: { type: 'boolean', default: false } } }).values.quick;
const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', name);

/**
 * rumdl is installed on first use into .bench-tools/ (git-ignored) rather than as a devDependency:
 * its per-platform binaries are optional dependencies that npm leaves out of the lock file here,
 * which makes `npm ci` fail on a clean machine.
 */
function rumdlBin(): string {
  const dir = path.join(ROOT, '.bench-tools');
  const exe = path.join(dir, 'node_modules', '.bin', 'rumdl');
  if (!fs.existsSync(exe)) {
    console.log('Installing rumdl@0.2.75 into .bench-tools/ (once)…');
    fs.mkdirSync(dir, { recursive: true });
    const r = spawnSync('npm', ['install', '--prefix', dir, '--no-save', '--no-package-lock', 'rumdl@0.2.75'], { stdio: 'inherit' });
    if (r.status !== 0) console.log('rumdl could not be installed; it is left out of the comparison.');
  }
  return exe;
}

function engine(file: string, runs: number) {
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(__dirname, 'engine-one.ts'), file, String(runs)], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`engine-one failed on ${file}: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as { medianMs: number; peakRssMb: number; findings: number };
}

/** Median wall time of a whole process over `runs` runs (its exit code is not judged: linters exit 1 on findings). */
function wall(cmd: string, args: string[], runs = 3, env?: NodeJS.ProcessEnv): { ms: number; ok: boolean } {
  const times: number[] = [];
  let ok = true;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28, env: env ?? process.env });
    times.push(performance.now() - t0);
    if (r.error || (r.status !== 0 && r.status !== 1)) ok = false;
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], ok };
}

const pad = (s: string | number, n: number) => String(s).padStart(n);

(async () => {
  console.log('Generating briefs…');
  const briefs = writeBriefs().filter((b) => !quick || b.size !== '10MB');

  console.log('\n1. Engine: parse + every check (median of runs, fresh process per size)');
  console.log(`${'size'.padEnd(6)} ${'format'.padEnd(9)} ${pad('KB', 7)} ${pad('ms', 8)} ${pad('MB/s', 6)} ${pad('peak MB', 8)} ${pad('findings', 9)}`);
  const engineTimes: Record<string, number> = {};
  for (const b of briefs) {
    for (const [format, file] of [['markdown', b.md], ['plain', b.txt]] as const) {
      const bytes = fs.statSync(file).size;
      const r = engine(file, b.size === '10MB' ? 5 : 9);
      engineTimes[`${format}-${b.size}`] = r.medianMs;
      console.log(`${b.size.padEnd(6)} ${format.padEnd(9)} ${pad((bytes / 1024).toFixed(0), 7)} ${pad(r.medianMs.toFixed(1), 8)} ${pad((bytes / 1048576 / (r.medianMs / 1000)).toFixed(1), 6)} ${pad(r.peakRssMb.toFixed(0), 8)} ${pad(r.findings, 9)}`);
    }
  }
  if (!quick)
    for (const format of ['markdown', 'plain']) {
      const t1 = engineTimes[`${format}-1MB`];
      const t10 = engineTimes[`${format}-10MB`];
      const s1 = fs.statSync(briefs.find((b) => b.size === '1MB')![format === 'markdown' ? 'md' : 'txt']).size;
      const s10 = fs.statSync(briefs.find((b) => b.size === '10MB')![format === 'markdown' ? 'md' : 'txt']).size;
      console.log(`growth ${format}: 10 MB takes ${(t10 / t1).toFixed(1)}x the 1 MB time for ${(s10 / s1).toFixed(1)}x the size; exponent ${(Math.log(t10 / t1) / Math.log(s10 / s1)).toFixed(2)}`);
    }

  if (!quick) {
    console.log('\n2. Whole processes on the Markdown briefs (median of 3 runs, ms)');
    // Cold: no result cache (rumdl --no-cache, ours --no-cache: every check runs; our compiled
    // code is cached as Node's compile cache would, and a row shows a first run without it too).
    // Cached: the same file again, after one run that filled the tool's cache (rumdl keeps
    // .rumdl_cache/ in the working folder, ours the folder below). markdownlint-cli2 and remark
    // have no cache.
    const cacheDir = path.join(ROOT, 'bench-out', '.policy-brief-cache');
    fs.rmSync(cacheDir, { recursive: true, force: true });
    fs.rmSync(path.join(ROOT, '.rumdl_cache'), { recursive: true, force: true });
    const ours = path.join(ROOT, 'bin', 'policy-brief-lint.js');
    const firstRun = { ...process.env, NODE_DISABLE_COMPILE_CACHE: '1' };
    const tools: [string, string, (f: string) => string[], boolean, NodeJS.ProcessEnv?][] = [
      ['rumdl check --no-cache', rumdlBin(), (f) => ['check', '--no-cache', f], false],
      ['markdownlint-cli2', bin('markdownlint-cli2'), (f) => [f], false],
      ['remark (2 lint rules)', bin('remark'), (f) => ['--use', 'remark-lint-no-undefined-references', '--use', 'remark-lint-no-unused-definitions', '--quiet', '--no-config', '--no-ignore', f], false],
      ['policy-brief-lint --no-cache', process.execPath, (f) => [ours, '--no-cache', '--cache-dir', cacheDir, f], false],
      ['  same, compiled code cold', process.execPath, (f) => [ours, '--no-cache', f], false, firstRun],
      ['rumdl check (cached)', rumdlBin(), (f) => ['check', f], true],
      ['policy-brief-lint (cached)', process.execPath, (f) => [ours, '--cache-dir', cacheDir, f], true],
    ];
    console.log(`${'tool'.padEnd(30)} ${briefs.map((b) => pad(b.size, 9)).join(' ')}`);
    const rows = new Map<string, number[]>();
    for (const [name, cmd, args, cached, env] of tools) {
      if (!fs.existsSync(cmd)) {
        console.log(`${name.padEnd(30)} (not installed)`);
        continue;
      }
      const times = briefs.map((b) => {
        if (cached) wall(cmd, args(b.md), 1); // fills the cache
        return wall(cmd, args(b.md), b.size === '10MB' && !cached ? 1 : 3, env);
      });
      rows.set(name, times.map((t) => t.ms));
      console.log(`${name.padEnd(30)} ${times.map((t) => pad(t.ms.toFixed(0) + (t.ok ? '' : '!'), 9)).join(' ')}`);
    }
    console.log('ratio policy-brief-lint / tool (below 1: we are faster)');
    const cold = rows.get('policy-brief-lint --no-cache');
    const warm = rows.get('policy-brief-lint (cached)');
    for (const [name, times] of rows) {
      if (name.startsWith('policy-brief-lint') || name.startsWith(' ')) continue;
      const mine = name.endsWith('(cached)') ? warm : cold;
      if (mine) console.log(`  ${(name.endsWith('(cached)') ? 'cached vs ' : 'cold vs ') + name}`.padEnd(32) + briefs.map((b, i) => pad((mine[i] / times[i]).toFixed(2), 9)).join(' '));
    }
  }

  console.log('\n3. Edit latency through the server (debounce 0; 200 one-character edits mid-document)');
  for (const b of briefs.filter((x) => x.size === '200KB' || x.size === '1MB')) {
    for (const [file, lang] of [[b.md, 'markdown'], [b.txt, 'policy-brief']] as const) {
      const r = await measureLatency(file, fs.readFileSync(file, 'utf8'), lang, 200);
      console.log(`${path.basename(file).padEnd(20)} open ${pad(r.firstMs.toFixed(0), 5)} ms   p50 ${pad(r.p50.toFixed(1), 6)} ms   p95 ${pad(r.p95.toFixed(1), 6)} ms   max ${pad(r.max.toFixed(0), 4)} ms   RSS ${r.rssMb.toFixed(0)} MB`);
    }
  }
  const ten = briefs.find((b) => b.size === '10MB');
  if (ten) {
    const r = await measureLatency(ten.md, fs.readFileSync(ten.md, 'utf8'), 'markdown', 20, 4000);
    console.log(`${path.basename(ten.md).padEnd(20)} open ${pad(r.firstMs.toFixed(0), 5)} ms   p50 ${pad(r.p50.toFixed(1), 6)} ms   p95 ${pad(r.p95.toFixed(1), 6)} ms   (20 edits)`);
    console.log(`server RSS with the 10 MB brief open: ${r.rssMb.toFixed(0)} MB right after the 20th edit, ${r.settledRssMb!.toFixed(0)} MB after 4 s idle`);
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
