import type { Connection, Disposable, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { BriefModel, BriefWorkspace, Engine, Finding } from '../../engine';
import { shouldCheck as shouldCheckCandidate } from '../../common/briefFiles';
import type { DocumentStore } from '../documentStore';
import { StatusNotification, type StatusParams } from '../../common/protocol';
import type { Settings } from '../../common/settings';
import type { SettingsProvider } from '../settingsProvider';
import { toDiagnostic } from './convert';
import { IdleCollector } from '../idleGc';

/** Pause after the last edit before the duplicate checks run again. */
const SLOW_DELAY_MS = 300;

export interface DiagnosticsDeps {
  engine: Engine;
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  store: DocumentStore;
  settings: SettingsProvider;
  /** The workspace a document is compared with (fed with its latest model), if any. */
  workspaceFor?: (doc: TextDocument, model: BriefModel, settings: Settings) => BriefWorkspace | undefined;
}

/**
 * Publishes diagnostics on type (debounced) or on save, per the document's settings. A result is
 * published only for the version it was computed from, so a slow run never overwrites a newer one.
 */
export class DiagnosticsScheduler implements Disposable {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly notices = new Set<string>();
  /** Last version published per document; -1 when cleared. */
  readonly published = new Map<string, number>();
  /** Last results per document: fast and slow (duplicate) findings, for carrying over on edits. */
  private readonly results = new Map<string, { version: number; text: string; fast: Finding[]; slow: Finding[] }>();
  private readonly slowTimers = new Map<string, NodeJS.Timeout>();

  /** Gives back the memory that checking big documents used, once typing pauses. */
  private readonly idle = new IdleCollector();

  constructor(private readonly deps: DiagnosticsDeps) {}

  /** Set once the client asked the server to shut down: nothing more is linted or published. */
  private stopped = false;

  dispose(): void {
    this.stopped = true;
    this.idle.dispose();
    for (const t of this.timers.values()) clearTimeout(t);
    for (const t of this.slowTimers.values()) clearTimeout(t);
    this.timers.clear();
    this.slowTimers.clear();
  }

  /** Schedules a run after an edit: debounced in onType mode, nothing in onSave mode. */
  async changed(doc: TextDocument): Promise<void> {
    const { settings } = await this.deps.settings.get(doc.uri);
    if (settings.run === 'onSave') return;
    this.schedule(doc.uri, settings.debounceMs);
  }

  /** Runs now (open, save, settings change). */
  now(uri: string): void {
    this.schedule(uri, 0);
  }

  private schedule(uri: string, delay: number): void {
    const prev = this.timers.get(uri);
    if (prev) clearTimeout(prev);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.run(uri);
      }, delay),
    );
  }

  closed(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
    this.published.delete(uri);
    this.results.delete(uri);
    const slow = this.slowTimers.get(uri);
    if (slow) clearTimeout(slow);
    this.slowTimers.delete(uri);
    void this.deps.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private notice(uri: string, kind: string, message: string): void {
    const key = `${kind}:${uri}`;
    if (this.notices.has(key)) return;
    this.notices.add(key);
    this.deps.connection.console.warn(message);
    void this.deps.connection.window.showInformationMessage(`Policy Brief: ${message}`);
  }

  async run(uri: string): Promise<void> {
    const { connection, documents, store } = this.deps;
    const first = documents.get(uri);
    if (!first) return;
    const { settings, problems } = await this.deps.settings.get(uri);
    if (this.stopped) return;
    this.deps.settings.report(problems);
    const doc = documents.get(uri);
    // The document changed while settings were fetched: the newer version has its own run scheduled.
    if (!doc || doc.version !== first.version) return;
    const text = doc.getText();
    const name = decodeURIComponent(uri.replace(/^.*\//, ''));
    if (text.length > settings.maxFileSize) {
      this.notice(uri, 'size', `${name} is ${(text.length / 1048576).toFixed(1)} MB, over policyBrief.maxFileSize (${(settings.maxFileSize / 1048576).toFixed(1)} MB): not checked.`);
      return this.clear(uri, doc.version);
    }
    if (text.includes('\u0000')) {
      if (doc.languageId === 'policy-brief') this.notice(uri, 'binary', `${name} contains NUL bytes: it looks like a binary file, not a brief, and is not checked.`);
      return this.clear(uri, doc.version);
    }
    const model = store.model(doc);
    const { engine } = this.deps;
    if (!shouldCheckCandidate({ name: uri, languageId: doc.languageId }, settings.documents, () => engine.looksLikeBrief(model))) return this.clear(uri, doc.version);
    // Fast checks run on every version. The duplicate checks compare the whole document: on an
    // edit, their previous findings are carried over (moved with the text) and recomputed once
    // typing pauses, so the edit's diagnostics are not held up by them.
    const fast = engine.lint(model, settings, { docKey: uri, checks: 'immediate' });
    const prev = this.results.get(uri);
    let slow: Finding[];
    let slowPending = false;
    if (prev && prev.version !== doc.version && prev.text !== text) {
      slow = engine.carryOver(prev.slow, prev.text, text);
      slowPending = true;
    } else {
      const r = this.lintSlow(doc, model, settings);
      slow = r.findings;
      fast.errors.push(...r.errors);
    }
    const result = { findings: [...fast.findings, ...slow].sort((a, b) => a.span.start - b.span.start), errors: fast.errors };
    this.results.set(uri, { version: doc.version, text, fast: fast.findings, slow });
    if (slowPending) this.scheduleSlow(uri, doc.version, settings.debounceMs);
    for (const e of result.errors) connection.console.error(`Check ${e.code} failed on ${uri}: ${(e.error as Error)?.stack ?? e.error}`);
    this.published.set(uri, doc.version);
    void connection.sendDiagnostics({ uri, version: doc.version, diagnostics: result.findings.map((f) => toDiagnostic(model, uri, f)) });
    this.idle.checked(text.length);
    const status: StatusParams = result.errors.length
      ? { state: 'error', message: `A check failed on ${name}; see the output channel.` }
      : problems.length
        ? { state: 'warning', message: `Settings problems: ${problems.length}; see the output channel.` }
        : { state: 'ok', message: `${name}: ${result.findings.length} finding${result.findings.length === 1 ? '' : 's'}` };
    void connection.sendNotification(StatusNotification, status);
  }

  /** Recomputes the duplicate checks for a version once typing pauses, and publishes if they changed. */
  private scheduleSlow(uri: string, version: number, debounceMs: number): void {
    const prev = this.slowTimers.get(uri);
    if (prev) clearTimeout(prev);
    this.slowTimers.set(
      uri,
      setTimeout(() => {
        this.slowTimers.delete(uri);
        void this.runSlow(uri, version);
      }, Math.max(SLOW_DELAY_MS, debounceMs)),
    );
  }

  private async runSlow(uri: string, version: number): Promise<void> {
    if (this.stopped) return;
    const doc = this.deps.documents.get(uri);
    const last = this.results.get(uri);
    if (!doc || doc.version !== version || !last || last.version !== version) return;
    const { settings } = await this.deps.settings.get(uri);
    const again = this.deps.documents.get(uri);
    if (this.stopped || !again || again.version !== version) return;
    const model = this.deps.store.model(doc);
    const r = this.lintSlow(doc, model, settings);
    for (const e of r.errors) this.deps.connection.console.error(`Check ${e.code} failed on ${uri}: ${(e.error as Error)?.stack ?? e.error}`);
    last.slow = r.findings;
    const all = [...last.fast, ...r.findings].sort((a, b) => a.span.start - b.span.start);
    void this.deps.connection.sendDiagnostics({ uri, version, diagnostics: all.map((f) => toDiagnostic(model, uri, f)) });
    this.idle.checked(model.text.length);
  }

  /** The duplicate checks; the duplicate index is fed only here, not on every keystroke. */
  private lintSlow(doc: TextDocument, model: BriefModel, settings: Settings) {
    return this.deps.engine.lint(model, settings, { docKey: doc.uri, workspace: this.deps.workspaceFor?.(doc, model, settings), checks: 'deferred' });
  }

  private clear(uri: string, version: number): void {
    this.results.delete(uri);
    if (this.published.get(uri) === -1) return;
    this.published.set(uri, -1);
    void this.deps.connection.sendDiagnostics({ uri, version, diagnostics: [] });
  }
}
