import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  State,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type Message,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { looksLikeBriefText, shouldCheck, type DocumentsMode } from '../../server/src/common/briefFiles';
import { StatusNotification, type StatusParams } from '../../server/src/common/protocol';
import { StatusItem } from './status';

/** Restarts allowed within RESTART_WINDOW_MS after unexpected exits before we give up and tell the user. */
const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

/** Whether the client hands a document to the server: the shared rule, with a quick look at the text. */
export function isBriefDocument(doc: vscode.TextDocument): boolean {
  if (doc.uri.scheme !== 'file' && doc.uri.scheme !== 'untitled' && doc.uri.scheme !== 'vscode-remote') return false;
  const mode = vscode.workspace.getConfiguration('policyBrief', doc.uri).get<DocumentsMode>('documents', 'auto');
  return shouldCheck({ name: doc.uri.toString(), languageId: doc.languageId }, mode, () => looksLikeBriefText(doc.getText()));
}

/** Owns the language client: start on the first brief, status, bounded restarts, output channel. */
export class BriefClient implements vscode.Disposable {
  readonly output = vscode.window.createOutputChannel('Policy Brief', { log: true });
  readonly status = new StatusItem();
  client: LanguageClient | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private restarts: number[] = [];
  /** Messages shown to the user about the server's life (also kept for tests and the output channel). */
  readonly notices: string[] = [];
  private starting: Promise<void> | undefined;
  private crashNotified = false;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.disposables.push(
      this.output,
      this.status,
      vscode.window.onDidChangeActiveTextEditor((e) => this.status.update(e, isBriefDocument)),
    );
  }

  /** Starts the server once a brief is open (now, or when one is opened later). */
  async startWhenNeeded(): Promise<void> {
    if (vscode.workspace.textDocuments.some(isBriefDocument) || vscode.workspace.workspaceFolders === undefined || this.hasBriefLanguageDocs()) {
      await this.start();
    }
    if (!this.client) {
      const sub = vscode.workspace.onDidOpenTextDocument((doc) => {
        if (isBriefDocument(doc)) {
          sub.dispose();
          void this.start();
        }
      });
      this.disposables.push(sub);
    }
    this.status.update(vscode.window.activeTextEditor, isBriefDocument);
  }

  private hasBriefLanguageDocs(): boolean {
    return vscode.workspace.textDocuments.some((d) => d.languageId === 'policy-brief');
  }

  start(): Promise<void> {
    this.starting ??= this.doStart().finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async doStart(): Promise<void> {
    if (this.client) return;
    const module = this.context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { language: 'policy-brief' },
        { language: 'markdown', scheme: 'file' },
        { language: 'markdown', scheme: 'untitled' },
        { language: 'plaintext', scheme: 'file' },
        { language: 'plaintext', scheme: 'untitled' },
      ],
      // Settings files, and briefs on disk for cross-file duplicate checks.
      synchronize: {
        fileEvents: [vscode.workspace.createFileSystemWatcher('**/.policybrief.json'), vscode.workspace.createFileSystemWatcher('**/*.{brief,md,txt,markdown}')],
      },
      outputChannel: this.output,
      // Hover and completion text comes from the brief: never trusted, never raw HTML.
      markdown: { isTrusted: false, supportHtml: false },
      errorHandler: this.errorHandler(),
    };
    const client = new LanguageClient('policyBrief', 'Policy Brief', serverOptions, clientOptions);
    client.onNotification(StatusNotification, (p: StatusParams) => this.status.set(p.state, p.message));
    client.onDidChangeState((e) => {
      if (e.newState === State.Stopped) this.status.set('stopped', 'The server is stopped.');
      if (e.newState === State.Starting) this.status.set('starting', 'Starting the server…');
      if (e.newState === State.Running) this.status.set('ok', 'The server is running.');
    });
    this.client = client;
    try {
      await client.start();
    } catch (e) {
      this.status.set('error', `The server failed to start: ${(e as Error).message}`);
      this.output.error(`Failed to start the server: ${(e as Error).stack ?? e}`);
      void vscode.window.showErrorMessage(`Policy Brief: the language server failed to start. ${(e as Error).message}`);
    }
  }

  private errorHandler(): ErrorHandler {
    return {
      // Connection errors (EPIPE while the server dies) go to the output channel: the crash itself is
      // announced once by `closed`, so the user is not told twice.
      error: (error: Error, _message: Message | undefined, count: number | undefined): ErrorHandlerResult => {
        this.output.warn(`Connection to the server: ${error.message}`);
        return { action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true };
      },
      closed: (): CloseHandlerResult => {
        const now = Date.now();
        this.restarts = this.restarts.filter((t) => now - t < RESTART_WINDOW_MS);
        this.restarts.push(now);
        if (this.restarts.length > MAX_RESTARTS) {
          this.status.set('error', 'The server stopped repeatedly and was not restarted.');
          const message = `Policy Brief: the language server stopped ${MAX_RESTARTS + 1} times in 3 minutes and will not be restarted. Run "Policy Brief: Restart Server" to try again; details are in the Policy Brief output.`;
          this.notices.push(message);
          return { action: CloseAction.DoNotRestart, message };
        }
        if (!this.crashNotified) {
          this.crashNotified = true;
          const message = 'Policy Brief: the language server stopped unexpectedly and is being restarted.';
          this.notices.push(message);
          void vscode.window.showWarningMessage(message);
        }
        return { action: CloseAction.Restart, handled: true };
      },
    };
  }

  /** Stops and starts the server again (the user's Restart command). */
  async restart(): Promise<void> {
    this.restarts = [];
    this.crashNotified = false;
    if (this.client) {
      this.status.set('starting', 'Restarting the server…');
      try {
        await this.client.restart();
      } catch (e) {
        this.output.error(`Restart failed: ${(e as Error).message}`);
        const old = this.client;
        this.client = undefined;
        await old.dispose().catch(() => undefined);
        await this.start();
      }
    } else await this.start();
  }

  async stop(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    if (c) await c.stop().catch(() => undefined);
  }

  dispose(): void {
    void this.stop();
    for (const d of this.disposables) d.dispose();
  }
}
