/**
 * Benchmark for the duplicate detector (server/src/engine/dup).
 *
 *   npm run bench:duplicates                       # all scenarios, each in its own process
 *   npx tsx scripts/bench/duplicates.ts distinct   # one scenario in this process
 *
 * Scenarios (one document each):
 *   distinct  20,000 distinct synthetic paragraphs (60–120 words, 3–6 sentences)
 *   near      20,000 near-duplicates: variants of 300 base paragraphs, 1–3 words changed each
 *   template  20,000 copies of one paragraph (worst case for exact matching)
 *   brief     1,000 distinct paragraphs with 20 pasted back (a long real brief), for edit latency
 * For each: full index time (setDocument), findings time, then an incremental
 * edit (one paragraph changed, setDocument again, findings), and peak RSS.
 * Each scenario runs in a child process so peak RSS is per scenario.
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { DuplicateIndex, type DupParagraph } from '../../server/src/engine/dup/detector';
import { seededRandom } from '../../tests/support/random';

const BIG = 20_000;
const BASES = 300;

const SYL = ['ba', 'ce', 'di', 'fo', 'gu', 'ha', 'je', 'ki', 'lo', 'mu', 'na', 'pe', 'qi', 'ro', 'su', 'ta', 've', 'wi', 'xo', 'yu', 'za', 'tion', 'ment', 'al', 'er', 'ous'];
function makeVocab(size: number, rand: () => number): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const common = ['the', 'of', 'and', 'to', 'in', 'a', 'is', 'that', 'for', 'on', 'with', 'as', 'by', 'was', 'are', 'this', 'from', 'at', 'or', 'its'];
  for (const w of common) {
    seen.add(w);
    out.push(w);
  }
  while (out.length < size) {
    const n = 1 + Math.floor(rand() * 3);
    let w = '';
    for (let i = 0; i < n; i++) w += SYL[Math.floor(rand() * SYL.length)];
    if (!seen.has(w)) {
      seen.add(w);
      out.push(w);
    }
  }
  return out;
}

/** Zipf-ish word choice: common words often, the long tail rarely. */
function pickWord(vocab: string[], rand: () => number): string {
  const u = rand();
  return vocab[Math.min(vocab.length - 1, Math.floor(Math.pow(u, 2.2) * vocab.length))]!;
}

function makeParagraph(vocab: string[], rand: () => number): string[] {
  const sentences = 3 + Math.floor(rand() * 4);
  const words: string[] = [];
  for (let s = 0; s < sentences; s++) {
    const len = 12 + Math.floor(rand() * 14);
    for (let i = 0; i < len; i++) {
      let w = pickWord(vocab, rand);
      if (i === 0) w = w[0]!.toUpperCase() + w.slice(1);
      if (i === len - 1) w += rand() < 0.1 ? '.¹' : '.';
      else if (rand() < 0.06) w += ',';
      words.push(w);
    }
  }
  return words;
}

function variant(base: string[], vocab: string[], rand: () => number): string {
  const w = base.slice();
  const changes = 1 + Math.floor(rand() * 3);
  for (let c = 0; c < changes; c++) {
    const at = Math.floor(rand() * w.length);
    const punct = /[.,¹]+$/.exec(w[at]!)?.[0] ?? '';
    w[at] = pickWord(vocab, rand) + 'x' + punct;
  }
  return w.join(' ');
}

function mb(kb: number): string {
  return (kb / 1024).toFixed(0) + ' MB';
}

/** [result, wall ms, CPU ms] — CPU time is printed too because wall time suffers on a shared machine */
function timed<T>(f: () => T): [T, number, number] {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const v = f();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return [v, wall, (c.user + c.system) / 1000];
}

interface Result {
  scenario: string;
  paragraphs: number;
  words: number;
  indexMs: number;
  indexCpu: number;
  findingsMs: number;
  findingsCpu: number;
  findings: Record<string, number>;
  editIndexMs: number;
  editIndexCpu: number;
  editFindingsMs: number;
  editFindingsCpu: number;
  editSignaturesComputed: number;
  rssBeforeKB: number;
  peakRssKB: number;
  heapUsedMB: number;
}

function runScenario(name: string): Result {
  const N = name === 'brief' ? 1000 : BIG;
  const rand = seededRandom(42).float;
  const vocab = makeVocab(8000, rand);
  const doc = 'file:///bench/' + name + '.md';
  const texts: string[] = [];
  if (name === 'distinct') {
    for (let i = 0; i < N; i++) texts.push(makeParagraph(vocab, rand).join(' '));
  } else if (name === 'near') {
    const bases: string[][] = [];
    for (let b = 0; b < BASES; b++) bases.push(makeParagraph(vocab, rand));
    for (let i = 0; i < N; i++) texts.push(variant(bases[i % BASES]!, vocab, rand));
  } else if (name === 'brief') {
    for (let i = 0; i < N; i++) texts.push(makeParagraph(vocab, rand).join(' '));
    for (let i = 0; i < 20; i++) texts[500 + i] = texts[100 + i]!;
  } else if (name === 'template') {
    const one = makeParagraph(vocab, rand).join(' ');
    for (let i = 0; i < N; i++) texts.push(one);
  } else {
    throw new Error('unknown scenario ' + name);
  }
  let words = 0;
  for (const t of texts) words += t.split(' ').length;
  const paras = (): DupParagraph[] => texts.map((text, id) => ({ id, text, doc }));
  const rssBeforeKB = process.memoryUsage().rss / 1024;

  const index = new DuplicateIndex();
  const p0 = paras();
  const [, indexMs, indexCpu] = timed(() => index.setDocument(doc, p0));
  const [fs, findingsMs, findingsCpu] = timed(() => index.findings(doc, true));
  const counts: Record<string, number> = {};
  for (const f of fs) counts[f.kind] = (counts[f.kind] ?? 0) + 1;

  // incremental edit: one paragraph in the middle changes
  const before = index.stats().signaturesComputed;
  texts[N >> 1] = texts[N >> 1] + ' An added closing sentence changes this paragraph for the benchmark.';
  const p1 = paras();
  const [, editIndexMs, editIndexCpu] = timed(() => index.setDocument(doc, p1));
  const [, editFindingsMs, editFindingsCpu] = timed(() => index.findings(doc, true));
  const editSignaturesComputed = index.stats().signaturesComputed - before;

  return {
    scenario: name,
    paragraphs: texts.length,
    words,
    indexMs,
    indexCpu,
    findingsMs,
    findingsCpu,
    findings: counts,
    editIndexMs,
    editIndexCpu,
    editFindingsMs,
    editFindingsCpu,
    editSignaturesComputed,
    rssBeforeKB,
    peakRssKB: process.resourceUsage().maxRSS,
    heapUsedMB: process.memoryUsage().heapUsed / 1048576,
  };
}

function print(r: Result): void {
  const f = Object.entries(r.findings)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ') || 'none';
  console.log(`\n${r.scenario}: ${r.paragraphs.toLocaleString('en')} paragraphs, ${r.words.toLocaleString('en')} words`);
  const t = (wall: number, cpu: number) => `${wall.toFixed(0).padStart(6)} ms (cpu ${cpu.toFixed(0).padStart(5)} ms)`;
  console.log(`  full index (setDocument)   ${t(r.indexMs, r.indexCpu)}`);
  console.log(`  findings                   ${t(r.findingsMs, r.findingsCpu)}   ${f}`);
  console.log(`  edit one paragraph: index  ${t(r.editIndexMs, r.editIndexCpu)}   ${r.editSignaturesComputed} signature recomputed`);
  console.log(`  edit one paragraph: find.  ${t(r.editFindingsMs, r.editFindingsCpu)}`);
  console.log(
    `  peak RSS                   ${mb(r.peakRssKB).padStart(9)}   (RSS with the test texts built, before indexing: ${mb(r.rssBeforeKB)}; heap used at end ${r.heapUsedMB.toFixed(0)} MB)`,
  );
}

const SCENARIOS = ['distinct', 'near', 'template', 'brief'];
// `--child NAME` is how the parent runs one scenario in a fresh process (it prints JSON).
const { values, positionals } = parseArgs({ options: { child: { type: 'string' } }, allowPositionals: true });
for (const name of [values.child, ...positionals]) if (name !== undefined && !SCENARIOS.includes(name)) throw new Error(`unknown scenario ${name} (one of ${SCENARIOS.join(', ')})`);
if (values.child) {
  process.stdout.write(JSON.stringify(runScenario(values.child)));
} else if (positionals.length) {
  for (const name of positionals) print(runScenario(name));
} else {
  console.log(`duplicate detector benchmark (node ${process.version}, ${process.platform}/${process.arch})`);
  for (const name of SCENARIOS) {
    const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, '--child', name], {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    if (child.status !== 0) {
      console.error(child.stderr);
      process.exitCode = 1;
      continue;
    }
    print(JSON.parse(child.stdout) as Result);
  }
}
