/**
 * A small LSP client that drives the real server (`dist/server.js --stdio`) over stdio, in the style of
 * rust-analyzer's slow tests: start the server, open documents, wait for events with a timeout (never
 * sleep), match responses partially, and always shut down.
 *
 * Every wait is event-driven: a `waitFor…` looks first at what already arrived since the last action the
 * test took (open, change, save, close, settings change), then at what arrives next, and fails with a
 * readable message when nothing matching arrives in time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before } from 'node:test';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, ResponseError, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type {
  ConfigurationParams,
  Diagnostic,
  InitializeResult,
  Position,
  PublishDiagnosticsParams,
  Registration,
  ShowMessageParams,
  TextDocumentContentChangeEvent,
  WorkspaceFolder,
} from 'vscode-languageserver-protocol';

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
/** The bundled server; POLICY_BRIEF_SERVER_JS points the tests at another build (e.g. a production bundle). */
export const SERVER_JS = process.env.POLICY_BRIEF_SERVER_JS ? path.resolve(process.env.POLICY_BRIEF_SERVER_JS) : path.join(PROJECT_ROOT, 'dist', 'server.js');
export const CORPUS = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'corpus');

const DEFAULT_TIMEOUT_MS = 10_000;

export interface ServerOptions {
  /**
   * The client's configuration, keyed by section as VS Code holds it (e.g. `{ policyBrief: { run: 'onSave' } }`).
   * `workspace/configuration` requests are answered from it by dotted section path.
   */
  settings?: Record<string, unknown>;
  /** Workspace folders (paths or file URIs) sent in `initialize`. */
  workspaceFolders?: string[];
  /** Whether the client advertises `workspace.configuration` (default true). */
  configurationCapability?: boolean;
  /** Whether the client advertises `workspace.workspaceFolders` (default true; many non-VS Code clients do not). */
  workspaceFoldersCapability?: boolean;
  /** Extra environment for the server process. */
  env?: NodeJS.ProcessEnv;
}

/** One `textDocument/publishDiagnostics` as received, with its arrival order. */
export interface Publish {
  seq: number;
  params: PublishDiagnosticsParams;
}

/** A `window/showMessage` notification or a `window/showMessageRequest` request. */
export interface ShownMessage extends ShowMessageParams {
  seq: number;
  /** True when it came as `window/showMessageRequest` (which vscode-languageserver uses for show…Message). */
  request: boolean;
}

/** Servers started and not yet shut down, killed when the test process exits as a last resort. */
const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const p of live) p.kill('SIGKILL');
});

/** A file URI for a path. */
export function uriOf(p: string): string {
  return pathToFileURL(p).toString();
}

/**
 * Removes the `$0` cursor marker from a fixture text and returns where it stood, as an LSP position
 * (zero-based line, UTF-16 character).
 */
export function extractCursor(textWithCursor: string): { text: string; position: Position; offset: number } {
  const offset = textWithCursor.indexOf('$0');
  if (offset < 0) throw new Error('extractCursor: no $0 marker in the text');
  if (textWithCursor.indexOf('$0', offset + 2) >= 0) throw new Error('extractCursor: more than one $0 marker in the text');
  const text = textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 2);
  return { text, position: positionAt(text, offset), offset };
}

/** LSP position of a UTF-16 offset (LF, CRLF and CR all end a line). */
export function positionAt(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: offset - lineStart };
}

/** Offset at which each line starts (LF, CRLF and CR all end a line). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  const re = /\r\n|\r|\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) starts.push(m.index + m[0].length);
  return starts;
}

/** UTF-16 offset of an LSP position. */
export function offsetAt(text: string, p: Position): number {
  const starts = lineStarts(text);
  if (p.line >= starts.length) return text.length;
  return Math.min(starts[p.line] + p.character, text.length);
}

/** The text a range covers. */
export function textAt(text: string, range: { start: Position; end: Position }): string {
  return text.slice(offsetAt(text, range.start), offsetAt(text, range.end));
}

/**
 * Asserts that `actual` contains everything `expected` states (objects compared key by key, arrays
 * element by element and of equal length); keys `expected` leaves out are not checked.
 */
export function assertPartial(actual: unknown, expected: unknown, where = '$'): void {
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') throw new Error(`${where}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
    if (Array.isArray(expected)) {
      if (!Array.isArray(actual) || actual.length !== expected.length)
        throw new Error(`${where}: expected an array of ${expected.length}, got ${JSON.stringify(actual)}`);
      expected.forEach((e, i) => assertPartial(actual[i], e, `${where}[${i}]`));
      return;
    }
    for (const [k, v] of Object.entries(expected)) assertPartial((actual as Record<string, unknown>)[k], v, `${where}.${k}`);
    return;
  }
  if (!Object.is(actual, expected)) throw new Error(`${where}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

type Waiter = { test: () => boolean };

export class LspClient {
  private proc: ChildProcess | undefined;
  private conn: MessageConnection | undefined;
  private seq = 0;
  private actionSeq = 0;
  private waiters = new Set<Waiter>();
  private settings: Record<string, unknown>;
  private stderrText = '';
  private exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;

  /** Every diagnostics publish, in arrival order. */
  readonly publishes: Publish[] = [];
  /** Every message the server asked the client to show. */
  readonly messages: ShownMessage[] = [];
  /** `window/logMessage` lines, for failure reports. */
  readonly logs: string[] = [];
  /** Capabilities the server registered dynamically. */
  readonly registrations: Registration[] = [];
  /** Requests the harness does not know, answered with MethodNotFound. */
  readonly unexpectedRequests: string[] = [];
  /** Custom notifications (e.g. `policyBrief/status`). */
  readonly otherNotifications: { method: string; params: unknown }[] = [];
  initializeResult: InitializeResult | undefined;
  /** Set while `initialize` is pending: fails the start early when the server breaks or exits. */
  private startupFailed: ((message: string) => void) | undefined;
  /** Why `start()` failed, when it did (kept by `serverForSuite` for every test of the suite to report). */
  startError: Error | undefined;

  /** Edits the server asked the client to apply (`workspace/applyEdit`), in order. */
  readonly appliedEdits: { label?: string; edit: import('vscode-languageserver-protocol').WorkspaceEdit }[] = [];

  constructor(private readonly options: ServerOptions = {}) {
    this.settings = structuredClone(options.settings ?? {});
  }

  /** Call first in every test of a `serverForSuite` suite: throws the reason when the server did not start. */
  ready(): void {
    if (this.startError) throw this.startError;
  }

  /** Whether the server process has exited. */
  get exited(): boolean {
    return this.exitInfo !== undefined;
  }

  /** What the server wrote to stderr (crash traces land here). */
  get stderr(): string {
    return this.stderrText;
  }

  /** Starts the server and completes the `initialize` / `initialized` handshake. */
  async start(): Promise<InitializeResult> {
    if (this.proc) throw new Error('LspClient: already started');
    if (!fs.existsSync(SERVER_JS)) throw new Error(`${SERVER_JS} is missing: run \`npm run build\` first`);
    const proc = spawn(process.execPath, [SERVER_JS, '--stdio'], { cwd: PROJECT_ROOT, env: { ...process.env, ...this.options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc = proc;
    live.add(proc);
    proc.stderr!.setEncoding('utf8');
    proc.stderr!.on('data', (d: string) => (this.stderrText += d));
    proc.on('exit', (code, signal) => {
      this.exitInfo = { code, signal };
      live.delete(proc);
      this.startupFailed?.(`the server exited while starting (code ${code}, signal ${signal})`);
      this.wake();
    });
    // A write after the server died must not crash the test process.
    proc.stdin!.on('error', () => undefined);

    const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    this.conn = conn;
    conn.onNotification((method, params: any) => {
      const seq = ++this.seq;
      if (method === 'textDocument/publishDiagnostics') this.publishes.push({ seq, params });
      else if (method === 'window/showMessage') this.messages.push({ ...params, seq, request: false });
      else if (method === 'window/logMessage') {
        this.logs.push(params?.message);
        // An error logged before `initialize` is answered means the server broke while starting.
        if (params?.type === 1 && !this.initializeResult) this.startupFailed?.(`the server reported an error while starting: ${params.message}`);
      }
      else this.otherNotifications.push({ method, params });
      this.wake();
    });
    conn.onRequest((method, params: any) => {
      const seq = ++this.seq;
      try {
        switch (method) {
          case 'workspace/configuration':
            return (params as ConfigurationParams).items.map((item) => this.configValue(item.section));
          case 'window/showMessageRequest':
            this.messages.push({ ...params, seq, request: true });
            return null;
          case 'workspace/applyEdit':
            // Commands (Renumber, Insert footnote) send their edit here; tests read it from appliedEdits.
            this.appliedEdits.push(params);
            return { applied: true };
          case 'client/registerCapability':
            this.registrations.push(...(params?.registrations ?? []));
            return null;
          case 'client/unregisterCapability':
          case 'window/workDoneProgress/create':
          case 'workspace/diagnostic/refresh':
          case 'workspace/semanticTokens/refresh':
          case 'workspace/inlayHint/refresh':
          case 'workspace/codeLens/refresh':
            return null;
          default:
            this.unexpectedRequests.push(method);
            return new ResponseError(-32601, `The test client does not handle ${method}`);
        }
      } finally {
        this.wake();
      }
    });
    conn.onClose(() => this.wake());
    conn.listen();

    const folders: WorkspaceFolder[] | null = this.options.workspaceFolders
      ? this.options.workspaceFolders.map((f) => {
          const uri = f.startsWith('file:') ? f : uriOf(f);
          return { uri, name: path.basename(f) };
        })
      : null;
    const initialized = this.request<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: folders?.[0]?.uri ?? null,
      workspaceFolders: folders,
      capabilities: {
        workspace: {
          configuration: this.options.configurationCapability ?? true,
          workspaceFolders: this.options.workspaceFoldersCapability ?? true,
          didChangeConfiguration: { dynamicRegistration: true },
        },
        textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true }, synchronization: { didSave: true } },
        window: { showMessage: {}, workDoneProgress: true },
      },
      clientInfo: { name: 'policy-brief-test-harness' },
    });
    const failed = new Promise<never>((_, reject) => (this.startupFailed = (message) => reject(new Error(message + this.context()))));
    failed.catch(() => undefined);
    if (this.exited) this.startupFailed?.(`the server exited while starting (${JSON.stringify(this.exitInfo)})`);
    try {
      this.initializeResult = await Promise.race([initialized, failed]);
    } finally {
      this.startupFailed = undefined;
    }
    await this.notify('initialized', {});
    return this.initializeResult;
  }

  private configValue(section: string | undefined): unknown {
    if (!section) return this.settings;
    let cur: unknown = this.settings;
    for (const key of section.split('.')) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[key] : undefined;
    // VS Code answers an unset section with an empty object; null would be valid LSP too.
    return cur ?? {};
  }

  private get connection(): MessageConnection {
    if (!this.conn) throw new Error('LspClient: not started');
    return this.conn;
  }

  private wake(): void {
    for (const w of [...this.waiters]) if (w.test()) this.waiters.delete(w);
  }

  /** Marks the start of a new action: waits look at what arrives from here on. */
  private mark(): number {
    this.actionSeq = this.seq;
    return this.seq;
  }

  /** The arrival counter: pass it as `since` to look only at what arrives after this point. */
  get lastSeq(): number {
    return this.seq;
  }

  /** Sends a request and returns its result (an error response rejects). */
  async request<R = unknown>(method: string, params?: unknown, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<R> {
    const pending = this.connection.sendRequest<R>(method, params);
    return withTimeout(pending, timeoutMs, () => `no response to ${method} within ${timeoutMs} ms${this.context()}`);
  }

  async notify(method: string, params?: unknown): Promise<void> {
    await this.connection.sendNotification(method, params);
  }

  async open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    this.mark();
    await this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  async change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    this.mark();
    await this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  async save(uri: string, text?: string): Promise<void> {
    this.mark();
    await this.notify('textDocument/didSave', { textDocument: { uri }, ...(text !== undefined ? { text } : {}) });
  }

  async close(uri: string): Promise<void> {
    this.mark();
    await this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  /** Replaces the client's configuration and tells the server (`workspace/didChangeConfiguration`). */
  async setSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = structuredClone(settings);
    this.mark();
    await this.notify('workspace/didChangeConfiguration', { settings: this.settings });
  }

  /** Tells the server that watched files changed (e.g. a `.policybrief.json` was rewritten). */
  async filesChanged(changes: { uri: string; type: 1 | 2 | 3 }[]): Promise<void> {
    this.mark();
    await this.notify('workspace/didChangeWatchedFiles', { changes });
  }

  /** Every publish for a document, in arrival order. */
  diagnosticsFor(uri: string): Publish[] {
    return this.publishes.filter((p) => p.params.uri === uri);
  }

  /**
   * Resolves with the first publish for `uri` that matches `predicate` and arrived after the test's last
   * action (or after `since`); rejects after `timeoutMs` or when the server exits.
   */
  waitForDiagnostics(
    uri: string,
    predicate: (p: PublishDiagnosticsParams) => boolean = () => true,
    timeoutMs = DEFAULT_TIMEOUT_MS,
    since = this.actionSeq,
  ): Promise<PublishDiagnosticsParams> {
    return this.waitFor(
      () => this.publishes.find((p) => p.seq > since && p.params.uri === uri && predicate(p.params))?.params,
      timeoutMs,
      () => `no matching diagnostics for ${uri} within ${timeoutMs} ms; received: ${JSON.stringify(this.diagnosticsFor(uri).filter((p) => p.seq > since).map(summarise))}`,
    );
  }

  /** Resolves with the first shown message matching `predicate` since the last action (or `since`). */
  waitForMessage(predicate: (m: ShownMessage) => boolean = () => true, timeoutMs = DEFAULT_TIMEOUT_MS, since = this.actionSeq): Promise<ShownMessage> {
    return this.waitFor(
      () => this.messages.find((m) => m.seq > since && predicate(m)),
      timeoutMs,
      () => `no matching message within ${timeoutMs} ms; received: ${JSON.stringify(this.messages.filter((m) => m.seq > since).map((m) => m.message))}`,
    );
  }

  private waitFor<T>(probe: () => T | undefined, timeoutMs: number, describe: () => string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const waiter: Waiter = {
        test: () => {
          const hit = probe();
          if (hit !== undefined) {
            clearTimeout(timer);
            resolve(hit);
            return true;
          }
          if (this.exited) {
            clearTimeout(timer);
            reject(new Error(`the server exited (${JSON.stringify(this.exitInfo)}) while waiting: ${describe()}${this.context()}`));
            return true;
          }
          return false;
        },
      };
      if (waiter.test()) return;
      timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(describe() + this.context()));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  private context(): string {
    const tail = (s: string) => (s.length > 2000 ? '…' + s.slice(-2000) : s);
    return (this.stderrText ? `\nserver stderr:\n${tail(this.stderrText)}` : '') + (this.logs.length ? `\nserver log:\n${tail(this.logs.join('\n'))}` : '');
  }

  /** `shutdown` then `exit`; kills the process when it does not exit in time. Safe to call twice. */
  async shutdown(timeoutMs = 5_000): Promise<void> {
    const proc = this.proc;
    if (!proc) return;
    this.proc = undefined;
    const exited = new Promise<void>((resolve) => (this.exited ? resolve() : proc.once('exit', () => resolve())));
    try {
      // A server that never answered initialize cannot be asked to shut down.
      if (!this.initializeResult) throw new Error('not initialized');
      if (!this.exited) {
        await withTimeout(this.connection.sendRequest('shutdown'), timeoutMs, () => 'shutdown timed out');
        await this.connection.sendNotification('exit');
      }
      await withTimeout(exited, timeoutMs, () => 'the server did not exit after `exit`');
    } catch {
      proc.kill('SIGKILL');
      await exited;
    } finally {
      // Dispose only once the server's output is closed: disposing with half a message still
      // buffered leaves vscode-jsonrpc's partial-message timer re-arming itself, and the test
      // process never exits.
      if (proc.stdout && !proc.stdout.closed) {
        await withTimeout(new Promise<void>((resolve) => proc.stdout!.once('close', () => resolve())), 2_000, () => 'stdout did not close').catch(() => proc.stdout?.destroy());
      }
      this.conn?.dispose();
      proc.stdin?.destroy();
      for (const w of [...this.waiters]) w.test();
      live.delete(proc);
    }
  }
}

function summarise(p: Publish) {
  return { version: p.params.version, diagnostics: p.params.diagnostics.map((d: Diagnostic) => `${d.code}@${d.range.start.line}:${d.range.start.character}`) };
}

function withTimeout<T>(p: Promise<T>, ms: number, message: () => string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message())), ms);
    }),
  ]);
}

/**
 * Starts a server for the enclosing `describe` (in a `before` hook) and shuts it down in an `after`
 * hook, whatever the tests did. Use the returned client inside the suite's tests.
 */
export function serverForSuite(options: ServerOptions = {}): LspClient {
  const client = new LspClient(options);
  before(async () => {
    // A failed start is reported by each test (see `ready`), not by the hook: a failing hook cancels the suite.
    try {
      await client.start();
    } catch (e) {
      client.startError = e as Error;
    }
  });
  after(async () => {
    await client.shutdown();
  });
  return client;
}

/** Starts a server for one block of code and always shuts it down afterwards. */
export async function withServer<T>(options: ServerOptions, body: (client: LspClient) => Promise<T>): Promise<T> {
  const client = new LspClient(options);
  try {
    await client.start();
    return await body(client);
  } finally {
    await client.shutdown();
  }
}
