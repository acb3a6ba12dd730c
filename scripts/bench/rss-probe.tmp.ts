import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
const file = process.argv[2];
const flags = (process.env.FLAGS ?? '').split(' ').filter(Boolean);
const child = spawn(process.execPath, [...flags, '/work/main/dist/server.js', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
const rss = () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) / 1024;
const hwm = () => Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) / 1024;
let last = 0; const waiting = new Map<number, () => void>();
conn.onNotification('textDocument/publishDiagnostics', (p: any) => { last = p.version; waiting.get(p.version)?.(); });
conn.onRequest('workspace/configuration', (p: any) => p.items.map(() => ({})));
conn.onRequest('client/registerCapability', () => null);
conn.onNotification(() => undefined);
conn.listen();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
(async () => {
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
  await conn.sendNotification('initialized', {});
  const text = fs.readFileSync(file, 'utf8');
  const uri = pathToFileURL(file).toString();
  const opened = new Promise<void>((r) => waiting.set(1, r));
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  await opened;
  console.log('after open', rss().toFixed(0), 'MB');
  await sleep(2000);
  console.log('open +2s', rss().toFixed(0), 'MB');
  const lines = text.split('\n'); let line = Math.floor(lines.length / 2); while (lines[line].length < 20) line++;
  for (let i = 0; i < 20; i++) {
    const v = i + 2; const done = new Promise<void>((r) => waiting.set(v, r));
    await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [i % 2 ? { range: { start: { line, character: 5 }, end: { line, character: 6 } }, text: '' } : { range: { start: { line, character: 5 }, end: { line, character: 5 } }, text: 'x' }] });
    await done;
    await sleep(100);
  }
  console.log('after 20 edits', rss().toFixed(0), 'MB');
  for (const s of [2, 5, 10]) { await sleep(s === 2 ? 2000 : (s === 5 ? 3000 : 5000)); console.log(`+${s}s`, rss().toFixed(0), 'MB'); }
  console.log('peak', hwm().toFixed(0), 'MB');
  child.kill(); process.exit(0);
})();
