/**
 * Edit latency through the real server over stdio: one-character edits in the middle of a brief,
 * time from didChange to the publishDiagnostics for that version. Debounce is set to 0 so the
 * figure is the server's processing time (the editor's debounce is a setting, 250 ms by default).
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

const ROOT = path.resolve(__dirname, '..', '..');

export interface LatencyResult {
  file: string;
  edits: number;
  p50: number;
  p95: number;
  max: number;
  firstMs: number;
  rssMb: number;
  /** RSS once the server has been idle for `settleMs` (when asked for). */
  settledRssMb?: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function measureLatency(file: string, text: string, languageId: string, edits = 200, settleMs = 0): Promise<LatencyResult> {
  const child = spawn(process.execPath, [...(process.env.BENCH_NODE_FLAGS ? process.env.BENCH_NODE_FLAGS.split(' ') : []), ...(process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : []), path.join(ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const waiting = new Map<number, (t: number) => void>();
  conn.onNotification('textDocument/publishDiagnostics', (p: { version?: number }) => {
    const now = performance.now();
    if (p.version !== undefined) waiting.get(p.version)?.(now);
  });
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({ debounceMs: 0 })));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/showMessageRequest', () => null);
  conn.onNotification(() => undefined);
  conn.listen();
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
  await conn.sendNotification('initialized', {});
  const uri = pathToFileURL(file).toString();
  const waitFor = (version: number) => new Promise<number>((resolve) => waiting.set(version, resolve));
  const t0 = performance.now();
  const first = waitFor(1);
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  const firstMs = (await first) - t0;
  // The middle of the document, on a line with prose.
  const lines = text.split('\n');
  let line = Math.floor(lines.length / 2);
  while (lines[line].length < 20) line++;
  const times: number[] = [];
  for (let i = 0; i < edits; i++) {
    const version = i + 2;
    const insert = i % 2 === 0;
    const change = insert
      ? { range: { start: { line, character: 5 }, end: { line, character: 5 } }, text: 'x' }
      : { range: { start: { line, character: 5 }, end: { line, character: 6 } }, text: '' };
    const done = waitFor(version);
    const start = performance.now();
    await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    times.push((await done) - start);
  }
  const rss = await rssOf(child.pid!);
  let settledRssMb: number | undefined;
  if (settleMs > 0) {
    await new Promise((r) => setTimeout(r, settleMs));
    settledRssMb = await rssOf(child.pid!);
  }
  await conn.sendRequest('shutdown');
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await conn.sendNotification('exit');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
  conn.dispose();
  child.kill();
  times.sort((a, b) => a - b);
  return { file, edits, p50: percentile(times, 50), p95: percentile(times, 95), max: times[times.length - 1], firstMs, rssMb: rss, settledRssMb };
}

async function rssOf(pid: number): Promise<number> {
  try {
    const status = require('node:fs').readFileSync(`/proc/${pid}/status`, 'utf8') as string;
    const m = /VmRSS:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

if (require.main === module) {
  (async () => {
    const fs = require('node:fs') as typeof import('node:fs');
    for (const f of parseArgs({ allowPositionals: true }).positionals) {
      const r = await measureLatency(path.resolve(f), fs.readFileSync(f, 'utf8'), f.endsWith('.md') ? 'markdown' : 'policy-brief');
      console.log(`${path.basename(f)}: open ${r.firstMs.toFixed(0)} ms, p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, max ${r.max.toFixed(0)} ms, RSS ${r.rssMb.toFixed(0)} MB`);
    }
  })();
}
