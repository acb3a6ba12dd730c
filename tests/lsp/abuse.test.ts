/**
 * The real server (dist/server.js over stdio) under abuse: a flood of edits sent without waiting,
 * requests for places and documents that do not exist, cancelled requests, a 10 MB paste and its
 * undo, a file with NUL bytes, and shutdown in the middle of a lint. The server must keep answering,
 * publish diagnostics only for the version it checked, answer bad requests with null, an empty list
 * or a proper LSP error, and exit cleanly when asked.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { CancellationTokenSource, createMessageConnection, ResponseError, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { Diagnostic, DocumentSymbol, Hover, Position, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex } from '../../server/src/engine';
import { seededRandom } from '../support/random';
import { DEFAULT_CONFIG, plantedBriefArb } from '../unit/generators';
import { CORPUS, LspClient, PROJECT_ROOT, SERVER_JS, serverForSuite, uriOf, withServer } from './harness';
import { lintText } from '../support/engine';

/** No suite may hang `npm test`: a stuck await fails its suite, naming it. */
const SUITE_TIMEOUT_MS = 180_000;

let n = 0;
/** A URI in the corpus folder for a document that exists only in the editor (each test its own). */
const docUri = (name: string) => uriOf(path.join(CORPUS, `abuse-${++n}-${name}`));

/** A few generated Markdown briefs with planted defects (deterministic). */
const BRIEFS = fc.sample(plantedBriefArb.filter((b) => b.format === 'markdown' && b.text.length > 800), { numRuns: 400, seed: 8 }).map((b) => b.text);
const BRIEF = BRIEFS[0];

/** About `bytes` of brief text: generated briefs, each with its own source tags so they are not all copies. */
function bigBrief(bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const t = BRIEFS[i % BRIEFS.length].replace(/\bS(\d+)\b/g, `S$1x${i}`).replace(/\r\n/g, '\n') + '\n\n';
    parts.push(t);
    size += t.length;
  }
  return parts.join('');
}

/** What the engine finds in a text, as the server would publish it (code and range). */
function expectedDiagnostics(text: string, format: 'markdown' | 'plaintext' = 'markdown'): string[] {
  const lines = new LineIndex(text);
  return lintText(text, format, DEFAULT_CONFIG, { docKey: 'x' })
    .findings.map((f) => key(f.code, lines.positionAt(f.span.start), lines.positionAt(f.span.end)))
    .sort();
}
const key = (code: unknown, s: Position, e: Position) => `${code}@${s.line}:${s.character}-${e.line}:${e.character}`;
const published = (p: PublishDiagnosticsParams) => p.diagnostics.map((d: Diagnostic) => key(d.code, d.range.start, d.range.end)).sort();

/** A server stack trace or an uncaught error in what the server wrote or logged. */
function assertNoCrash(lsp: LspClient, what: string): void {
  assert.equal(lsp.exited, false, `${what}: the server exited`);
  assert.doesNotMatch(lsp.stderr, /Error|uncaught|unhandled|\n\s+at /i, `${what}: stderr has a crash trace:\n${lsp.stderr}`);
  const bad = lsp.logs.filter((l) => /uncaught|unhandled|failed on/i.test(l ?? ''));
  assert.deepEqual(bad, [], `${what}: the server logged a crash`);
}

/** The request either succeeds (with null, an empty list or a value) or is refused with a proper LSP error. */
async function answered(lsp: LspClient, method: string, params: unknown): Promise<{ result?: unknown; error?: ResponseError<unknown> }> {
  try {
    return { result: await lsp.request(method, params) };
  } catch (e) {
    assert.ok(e instanceof ResponseError, `${method}: not an LSP error response but ${(e as Error).message}`);
    assert.ok(Number.isInteger(e.code) && e.message.length > 0, `${method}: an error without a code or message`);
    return { error: e };
  }
}

describe('1,000 edits sent as fast as possible', { timeout: SUITE_TIMEOUT_MS }, () => {
  it('the server keeps answering, and the last diagnostics published are for the last version and the final text', async () => {
    await withServer({}, async (lsp) => {
      const uri = docUri('flood.md');
      await lsp.open(uri, 'markdown', BRIEF);
      await lsp.waitForDiagnostics(uri);

      // Random typing, deleting and pasting (markers, figures, line breaks), computed on a local copy.
      let doc = TextDocument.create(uri, 'markdown', 1, BRIEF);
      const rnd = seededRandom(12345).below;
      const snippets = [' word', '[^1]', '[^99]', ' 56%', ' over 600 attacks', '\n', '\n\n', '.', ' A claim.[^2]', '[^7]: A late note, 2020.\n'];
      const sends: Promise<void>[] = [];
      const EDITS = 1000;
      for (let i = 0; i < EDITS; i++) {
        const text = doc.getText();
        const start = rnd(text.length + 1);
        const end = rnd(4) === 0 ? Math.min(text.length, start + rnd(20)) : start;
        const change = { range: { start: doc.positionAt(start), end: doc.positionAt(end) }, text: rnd(5) === 0 ? '' : snippets[rnd(snippets.length)] };
        doc = TextDocument.update(doc, [change], i + 2);
        // Not awaited: every notification is queued at once.
        sends.push(lsp.change(uri, i + 2, [change]));
      }
      const lastVersion = EDITS + 1;
      // Requests sent right behind the flood are answered.
      const symbols = lsp.request<DocumentSymbol[] | null>('textDocument/documentSymbol', { textDocument: { uri } });
      const hover = lsp.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 3 } });
      await Promise.all(sends);
      assert.ok(Array.isArray(await symbols), 'documentSymbol after the flood');
      await hover;

      const last = await lsp.waitForDiagnostics(uri, (p) => p.version === lastVersion, 60_000);
      // A barrier: a document opened now is checked at once; when its diagnostics arrive, any run for the flooded document has had its turn.
      const barrier = docUri('barrier.md');
      await lsp.open(barrier, 'markdown', 'A claim.[^1]\n');
      await lsp.waitForDiagnostics(barrier);
      const versions = lsp.diagnosticsFor(uri).map((p) => p.params.version!);
      assert.deepEqual(versions, [...versions].sort((a, b) => a - b), `publishes in version order: ${versions.join(',')}`);
      assert.equal(versions.at(-1), lastVersion, 'nothing older is published after the last version');
      const finalText = doc.getText();
      assert.deepEqual(published(lsp.diagnosticsFor(uri).at(-1)!.params), expectedDiagnostics(finalText), 'the last publish matches the final text');
      assert.deepEqual(published(last), expectedDiagnostics(finalText));
      assertNoCrash(lsp, 'after the flood');
    });
  });
});

describe('requests for places and documents that do not exist', { timeout: SUITE_TIMEOUT_MS }, () => {
  const lsp = serverForSuite();
  const far: Position[] = [
    { line: 1_000_000, character: 0 },
    { line: 0, character: 1_000_000_000 },
    { line: 2 ** 31 - 1, character: 2 ** 31 - 1 },
    { line: -1, character: -5 },
    { line: 3, character: -1 },
    { line: 1.5, character: 0.5 },
  ];

  it('positions outside the document: null, an empty list or an LSP error, never a crash', async () => {
    lsp.ready();
    const uri = docUri('far.md');
    await lsp.open(uri, 'markdown', BRIEF);
    await lsp.waitForDiagnostics(uri);
    for (const position of far) {
      const td = { textDocument: { uri }, position };
      const range = { start: position, end: { line: position.line + 1, character: position.character } };
      await answered(lsp, 'textDocument/hover', td);
      await answered(lsp, 'textDocument/definition', td);
      await answered(lsp, 'textDocument/references', { ...td, context: { includeDeclaration: true } });
      await answered(lsp, 'textDocument/completion', td);
      await answered(lsp, 'textDocument/prepareRename', td);
      await answered(lsp, 'textDocument/rename', { ...td, newName: 'renamed' });
      await answered(lsp, 'textDocument/codeAction', {
        textDocument: { uri },
        range,
        context: {
          diagnostics: [
            { range, message: 'x', source: 'policy-brief', code: 'footnote-undefined' },
            { range, message: 'x', source: 'policy-brief', code: 'footnote-unused' },
            { range, message: 'x', source: 'policy-brief', code: 'uncited-figure' },
            { range, message: 'x', source: 'policy-brief', code: 'footnote-order' },
            { range, message: 'x', source: 'policy-brief', code: 'duplicate-paragraph', data: { paragraphs: [[[0, 10 ** 12]]] } },
          ],
        },
      });
      await answered(lsp, 'workspace/executeCommand', { command: 'policyBrief.server.citedSource', arguments: [{ uri, position }] });
      await answered(lsp, 'workspace/executeCommand', { command: 'policyBrief.server.insertFootnote', arguments: [{ uri, version: 1, position }] });
      assertNoCrash(lsp, `position ${JSON.stringify(position)}`);
    }
    // Still answering, with the real document.
    assert.ok(Array.isArray(await lsp.request('textDocument/documentSymbol', { textDocument: { uri } })));
  });

  it('malformed diagnostic data sent back with a code action: an empty list or an LSP error', async () => {
    lsp.ready();
    const uri = docUri('bad-data.md');
    await lsp.open(uri, 'markdown', BRIEF);
    const range = { start: { line: 2, character: 0 }, end: { line: 2, character: 5 } };
    for (const data of [{ paragraphs: 'x' }, { paragraphs: [null] }, { paragraphs: [[['a', 'b']]] }, { paragraphs: [[[5, 2]]] }, { paragraphs: [[[-3, 2]]] }, null, 42, 'str']) {
      for (const code of ['duplicate-paragraph', 'similar-paragraph', 'footnote-undefined', 'footnote-unused', 'uncited-figure', 'footnote-order', 'no-such-code'])
        await answered(lsp, 'textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [{ range, message: 'x', source: 'policy-brief', code, data }] } });
    }
    assertNoCrash(lsp, 'malformed data');
    assert.ok(Array.isArray(await lsp.request('textDocument/documentSymbol', { textDocument: { uri } })));
  });

  // Found by this file: { paragraphs: [null] } threw a TypeError in deleteDuplicate, answered as InternalError -32603 (fixed in 7b7fb42).
  it('malformed diagnostic data is refused quietly (an empty list), not with an internal error', async () => {
    lsp.ready();
    const uri = docUri('bad-data-quiet.md');
    await lsp.open(uri, 'markdown', BRIEF);
    const range = { start: { line: 2, character: 0 }, end: { line: 2, character: 5 } };
    for (const code of ['duplicate-paragraph', 'similar-paragraph'])
      for (const data of [{ paragraphs: [null] }, { paragraphs: [5] }, { paragraphs: [[null]] }, { paragraphs: [['x']] }]) {
        const r = await answered(lsp, 'textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [{ range, message: 'x', source: 'policy-brief', code, data }] } });
        assert.equal(r.error, undefined, `${code} with ${JSON.stringify(data)}: ${r.error?.code} ${r.error?.message}`);
        assert.deepEqual(r.result, []);
      }
  });

  it('unknown documents: null for queries, an LSP error for commands, and notifications about them are ignored', async () => {
    lsp.ready();
    const unknown = ['file:///nowhere/unknown.md', 'untitled:Untitled-9', 'not a uri', '', 'file:///%E0%A4%A.md'];
    const pos = { line: 0, character: 0 };
    for (const uri of unknown) {
      for (const [method, params] of [
        ['textDocument/hover', { textDocument: { uri }, position: pos }],
        ['textDocument/definition', { textDocument: { uri }, position: pos }],
        ['textDocument/references', { textDocument: { uri }, position: pos, context: { includeDeclaration: true } }],
        ['textDocument/completion', { textDocument: { uri }, position: pos }],
        ['textDocument/prepareRename', { textDocument: { uri }, position: pos }],
        ['textDocument/rename', { textDocument: { uri }, position: pos, newName: 'x' }],
        ['textDocument/documentLink', { textDocument: { uri } }],
        ['textDocument/documentSymbol', { textDocument: { uri } }],
        ['textDocument/codeAction', { textDocument: { uri }, range: { start: pos, end: pos }, context: { diagnostics: [] } }],
      ] as const) {
        const r = await answered(lsp, method, params);
        if (!r.error) assert.ok(r.result === null || (Array.isArray(r.result) && r.result.length === 0), `${method} on ${JSON.stringify(uri)}: ${JSON.stringify(r.result)}`);
      }
      for (const command of ['policyBrief.server.renumberFootnotes', 'policyBrief.server.insertFootnote', 'policyBrief.server.citedSource']) {
        const r = await answered(lsp, 'workspace/executeCommand', { command, arguments: [{ uri, position: pos }] });
        assert.ok(r.error, `${command} on an unknown document is refused with an error`);
      }
      // Notifications for documents the server never saw.
      await lsp.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: 'x' }] });
      await lsp.notify('textDocument/didSave', { textDocument: { uri } });
      await lsp.notify('textDocument/didClose', { textDocument: { uri } });
    }
    // A command with no arguments at all, and one the server does not have.
    assert.ok((await answered(lsp, 'workspace/executeCommand', { command: 'policyBrief.server.renumberFootnotes' })).error);
    assert.ok((await answered(lsp, 'workspace/executeCommand', { command: 'policyBrief.server.nope', arguments: [] })).error);
    assertNoCrash(lsp, 'unknown documents');
    const uri = docUri('after-unknown.md');
    await lsp.open(uri, 'markdown', 'A claim.[^1]\n');
    const p = await lsp.waitForDiagnostics(uri);
    assert.deepEqual(p.diagnostics.map((d) => d.code), ['footnote-undefined']);
  });
});

/** Fails instead of waiting forever. */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([p.finally(() => clearTimeout(timer)), new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms)))]);
}

/** A server started by hand, for what the harness does not expose: request cancellation and the exit code. */
async function rawServer(options: { onConfiguration?: () => void } = {}) {
  const proc = spawn(process.execPath, [SERVER_JS, '--stdio'], { cwd: PROJECT_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr!.setEncoding('utf8');
  proc.stderr!.on('data', (d: string) => (stderr += d));
  proc.stdin!.on('error', () => undefined);
  // 'close', not 'exit': the server's last messages may still be in the pipe when it exits. A connection
  // disposed in the middle of a message leaves vscode-jsonrpc's partial-message timer re-arming itself
  // forever (its dispose does not clear it), and the test process never ends.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.on('close', (code, signal) => resolve({ code, signal })));
  const reader = new StreamMessageReader(proc.stdout!);
  const conn = createMessageConnection(reader, new StreamMessageWriter(proc.stdin!));
  const publishes: PublishDiagnosticsParams[] = [];
  const logs: string[] = [];
  const waiters = new Set<() => void>();
  conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    publishes.push(p);
    for (const w of [...waiters]) w();
  });
  /** The first publish for `uri`, waiting for it when it has not arrived yet. */
  const waitForPublish = (uri: string, timeoutMs: number) =>
    new Promise<PublishDiagnosticsParams>((resolve, reject) => {
      const probe = () => {
        const hit = publishes.find((p) => p.uri === uri);
        if (!hit) return false;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(hit);
        return true;
      };
      const check = () => void probe();
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms`));
      }, timeoutMs);
      if (!probe()) waiters.add(check);
    });
  conn.onNotification('window/logMessage', (p: { message: string }) => void logs.push(p.message));
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => {
    options.onConfiguration?.();
    return p.items.map(() => ({}));
  });
  conn.onRequest(() => null);
  conn.onNotification(() => undefined);
  conn.listen();
  await within(conn.sendRequest('initialize', { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: { workspace: { configuration: true } } }), 30_000, 'initialize');
  await conn.sendNotification('initialized', {});
  /** Ends the server (if still running) and the connection, once everything the server wrote is read. */
  const dispose = async () => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    await within(exited, 10_000, 'the server to close its pipes').catch(() => undefined);
    // A server that exits right after a large write can still leave half a message behind (see the
    // shutdown tests): stop the reader's timer for it, or it keeps this process alive.
    reader.partialMessageTimeout = 0;
    (reader as unknown as { clearPartialMessageTimer?: () => void }).clearPartialMessageTimer?.();
    conn.dispose();
  };
  return { proc, conn, exited, publishes, logs, dispose, waitForPublish, stderr: () => stderr };
}

describe('cancelled requests', { timeout: SUITE_TIMEOUT_MS }, () => {
  it('a request cancelled right after it is sent answers or reports RequestCancelled, and the server goes on', async () => {
    const s = await rawServer();
    try {
      const uri = docUri('cancel.md');
      const big = bigBrief(2 * 1024 * 1024);
      await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: big } });
      const outcomes: string[] = [];
      for (const [method, params] of [
        ['textDocument/documentSymbol', { textDocument: { uri } }],
        ['textDocument/documentLink', { textDocument: { uri } }],
        ['textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 3 } }],
        ['textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source'] } }],
      ] as const) {
        for (let i = 0; i < 5; i++) {
          const source = new CancellationTokenSource();
          const pending = s.conn.sendRequest(method, params, source.token);
          source.cancel();
          try {
            await within(pending, 60_000, `cancelled ${method}`);
            outcomes.push('answered');
          } catch (e) {
            assert.ok(e instanceof ResponseError, `${method}: ${(e as Error).message}`);
            assert.equal(e.code, -32800, `${method}: a cancelled request fails with RequestCancelled, not ${e.code} ${e.message}`);
            outcomes.push('cancelled');
          }
        }
      }
      assert.equal(outcomes.length, 20);
      // The server still answers, and still checks documents.
      const symbols = await within(s.conn.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } }), 60_000, 'documentSymbol');
      assert.ok(Array.isArray(symbols) && symbols.length > 0);
      const small = docUri('after-cancel.md');
      await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: small, languageId: 'markdown', version: 1, text: 'A claim.[^1]\n' } });
      await s.waitForPublish(small, 60_000);
      assert.deepEqual(s.publishes.find((p) => p.uri === small)!.diagnostics.map((d) => d.code), ['footnote-undefined']);
      assert.equal(s.proc.exitCode, null, 'the server is alive');
      assert.doesNotMatch(s.stderr(), /Error|\n\s+at /, s.stderr());
      await within(s.conn.sendRequest('shutdown'), 30_000, 'shutdown');
      await s.conn.sendNotification('exit');
      assert.deepEqual(await within(s.exited, 30_000, 'exit'), { code: 0, signal: null });
    } finally {
      await s.dispose();
    }
  });
});

describe('a 10 MB paste, then undo', { timeout: SUITE_TIMEOUT_MS }, () => {
  it('diagnostics arrive for the pasted and the restored version, and the server stays responsive', async () => {
    await withServer({}, async (lsp) => {
      const uri = docUri('paste.md');
      await lsp.open(uri, 'markdown', BRIEF);
      const first = await lsp.waitForDiagnostics(uri);
      const big = bigBrief(10 * 1024 * 1024);
      // One change replacing the whole text, as a select-all + paste sends it.
      await lsp.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: new LineIndex(BRIEF).positionAt(BRIEF.length) }, text: big }]);
      const hover = await lsp.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 3 } }, 60_000);
      assert.ok(hover === null || typeof hover === 'object');
      const pasted = await lsp.waitForDiagnostics(uri, (p) => p.version === 2, 120_000);
      assert.ok(pasted.diagnostics.length > 0, 'the pasted brief is checked');
      // Undo: the whole text back.
      await lsp.change(uri, 3, [{ range: { start: { line: 0, character: 0 }, end: new LineIndex(big).positionAt(big.length) }, text: BRIEF }]);
      const restored = await lsp.waitForDiagnostics(uri, (p) => p.version === 3, 120_000);
      assert.deepEqual(published(restored), published(first), 'the restored text gets the diagnostics it had');
      assert.ok(Array.isArray(await lsp.request('textDocument/documentSymbol', { textDocument: { uri } })));
      assertNoCrash(lsp, 'after the paste and undo');
    });
  });
});

describe('many short lines', { timeout: SUITE_TIMEOUT_MS }, () => {
  // Found by the nightly fuzz: segmentStarts (parse/markdown.ts) searched for '<' from each line to the end of the text,
  // quadratic in lines (1M lines took about 40 s; fixed in 7b7fb42).
  it('a 2 MB Markdown file of 1,000,000 one-letter lines is checked in bounded time, and the server answers after it', async () => {
    await withServer({}, async (lsp) => {
      const uri = docUri('tiny-lines.md');
      // With a marker, so that `documents: auto` checks it.
      const text = 'A claim.[^1]\n\n' + 'a\n'.repeat(1_000_000);
      await lsp.open(uri, 'markdown', text);
      const p = await lsp.waitForDiagnostics(uri, undefined, 15_000);
      assert.deepEqual(p.diagnostics.map((d) => d.code), ['footnote-undefined']);
      assert.ok(Array.isArray(await lsp.request('textDocument/documentSymbol', { textDocument: { uri } }, 15_000)));
    });
  });
});

describe('a policy-brief file with NUL bytes', { timeout: SUITE_TIMEOUT_MS }, () => {
  it('is reported once as not a brief, gets no diagnostics, and is not crashed on', async () => {
    await withServer({ settings: { policyBrief: { debounceMs: 0 } } }, async (lsp) => {
      const uri = docUri('binary.brief');
      const binary = 'PK\u0003\u0004\u0000\u0000\u0000 Title\n\nA claim.¹ 56% of \u0000 it.\n\nNotes\n\n- ² n\n';
      await lsp.open(uri, 'policy-brief', binary);
      await lsp.waitForDiagnostics(uri);
      // More edits that keep the NUL bytes, a save, and requests on it.
      for (let v = 2; v <= 6; v++) await lsp.change(uri, v, [{ text: binary + 'x'.repeat(v) + '\u0000' }]);
      await lsp.save(uri);
      for (const method of ['textDocument/hover', 'textDocument/definition', 'textDocument/completion', 'textDocument/prepareRename'])
        await answered(lsp, method, { textDocument: { uri }, position: { line: 2, character: 9 } });
      await answered(lsp, 'textDocument/documentSymbol', { textDocument: { uri } });
      await answered(lsp, 'textDocument/documentLink', { textDocument: { uri } });
      // The NUL bytes go: the file is checked again, which also proves every earlier run is over.
      await lsp.change(uri, 7, [{ text: 'Title\n\nA claim.¹\n' }]);
      const checked = await lsp.waitForDiagnostics(uri, (p) => p.version === 7);
      assert.deepEqual(checked.diagnostics.map((d) => d.code), ['footnote-undefined']);
      const before = lsp.diagnosticsFor(uri).filter((p) => p.params.version !== 7);
      assert.ok(before.length >= 1 && before.every((p) => p.params.diagnostics.length === 0), `diagnostics for the binary versions: ${JSON.stringify(before.map((p) => p.params))}`);
      const told = lsp.messages.filter((m) => /NUL|binary/i.test(m.message));
      assert.equal(told.length, 1, `told once: ${JSON.stringify(told.map((m) => m.message))}`);
      assert.match(told[0].message, /binary\.brief/);
      assertNoCrash(lsp, 'NUL bytes');
    });
  });
});

describe('shutdown in the middle of a lint', { timeout: SUITE_TIMEOUT_MS }, () => {
  for (const when of ['right after the open', 'while the lint runs'] as const) {
    it(`shutdown ${when}: the server exits with code 0 after exit, with no crash trace`, async () => {
      let sendShutdown: (() => void) | undefined;
      const s = await rawServer({ onConfiguration: () => sendShutdown?.() });
      try {
        const uri = docUri('shutdown.md');
        const big = bigBrief(4 * 1024 * 1024);
        let shutdownAnswer: Promise<unknown> | undefined;
        const stop = () => {
          if (shutdownAnswer) return;
          // The configuration answer goes out first; the lint starts as soon as the server reads it.
          shutdownAnswer = s.conn.sendRequest('shutdown').then(() => s.conn.sendNotification('exit'));
        };
        if (when === 'while the lint runs') sendShutdown = () => setImmediate(stop);
        await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: big } });
        if (when === 'right after the open') stop();
        const deadline = setTimeout(() => s.proc.kill('SIGKILL'), 120_000);
        const exit = await s.exited;
        clearTimeout(deadline);
        assert.ok(shutdownAnswer, 'shutdown was sent');
        await within(shutdownAnswer, 30_000, 'shutdown');
        assert.deepEqual(exit, { code: 0, signal: null }, `exit ${JSON.stringify(exit)}; stderr:\n${s.stderr()}`);
        assert.doesNotMatch(s.stderr(), /Error|uncaught|unhandled|\n\s+at /i, `crash trace on stderr:\n${s.stderr()}`);
        assert.deepEqual(s.logs.filter((l) => /uncaught|unhandled/i.test(l)), []);
      } finally {
        await s.dispose();
      }
    });
  }
});
