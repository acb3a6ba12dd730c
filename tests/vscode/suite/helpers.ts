/**
 * Helpers for the suite that runs inside VS Code's extension host. Everything here uses the public
 * `vscode` API and waits on events (diagnostics, configuration) with a timeout: nothing sleeps.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'policy-brief.policy-brief';
export const SOURCE = 'policy-brief';

/** Long enough for a cold server start on a slow CI machine, short enough to fail a run quickly. */
export const WAIT_MS = 20_000;

/** What the extension's `activate` returns (its exports): only the parts the suite reads. */
export interface BriefExports {
  client?: {
    /** The LanguageClient logs the server's `window/logMessage` warnings through this method. */
    warn(message: string, data?: unknown, showNotification?: boolean): void;
  };
}

export async function activateExtension(): Promise<vscode.Extension<BriefExports>> {
  const ext = vscode.extensions.getExtension<BriefExports>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this VS Code`);
  await ext.activate();
  return ext;
}

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need the fixture workspace to be open');
  return vscode.Uri.joinPath(folder.uri, name);
}

export function briefDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

function pos(p: vscode.Position): string {
  return `${p.line + 1}:${p.character + 1}`;
}

/** `code line:col-line:col "covered text"` (1-based), sorted: readable in an assertion diff. */
export function describeDiagnostics(doc: vscode.TextDocument, diags: readonly vscode.Diagnostic[]): string[] {
  return diags
    .map((d) => ({ d, key: doc.offsetAt(d.range.start) }))
    .sort((a, b) => a.key - b.key || codeOf(a.d).localeCompare(codeOf(b.d)))
    .map(({ d }) => `${codeOf(d)} ${pos(d.range.start)}-${pos(d.range.end)} ${JSON.stringify(doc.getText(d.range))}`);
}

/** The range of the nth (0-based) occurrence of `needle` in the document. */
export function locate(doc: vscode.TextDocument, needle: string, nth = 0): vscode.Range {
  const text = doc.getText();
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    assert.notEqual(at, -1, `${JSON.stringify(needle)} (occurrence ${nth}) is not in ${path.basename(doc.uri.path)}`);
  }
  return new vscode.Range(doc.positionAt(at), doc.positionAt(at + needle.length));
}

/** The description `describeDiagnostics` gives a diagnostic of `code` covering that occurrence. */
export function expected(doc: vscode.TextDocument, code: string, needle: string, nth = 0): string {
  const r = locate(doc, needle, nth);
  return `${code} ${pos(r.start)}-${pos(r.end)} ${JSON.stringify(needle)}`;
}

/**
 * Resolves with the document's policy-brief diagnostics once `accept` holds for them: now, or at a
 * later `onDidChangeDiagnostics` for that document. Rejects after `timeoutMs` with what was there.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diags: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = WAIT_MS,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const key = uri.toString();
    const done = (): boolean => {
      const diags = briefDiagnostics(uri);
      if (!accept(diags)) return false;
      cleanup();
      resolve(diags);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === key)) done();
    });
    const timer = setTimeout(() => {
      cleanup();
      const now = briefDiagnostics(uri).map((d) => `${codeOf(d)}@${pos(d.range.start)}`);
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} on ${path.basename(uri.path)}; its diagnostics now: [${now.join(', ')}]`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      sub.dispose();
    };
    done();
  });
}

export const hasCode = (code: string) => (diags: vscode.Diagnostic[]) => diags.some((d) => codeOf(d) === code);
export const lacksCode = (code: string) => (diags: vscode.Diagnostic[]) => diags.length > 0 && !diags.some((d) => codeOf(d) === code);
export const codesOf = (diags: readonly vscode.Diagnostic[]) => diags.map(codeOf);

let sentinels = 0;

/**
 * A barrier through the server, instead of a sleep: opens a new brief and waits for its diagnostics.
 * The server checks opened documents (and, with `debounceMs: 0`, edited ones) in the order their
 * notifications arrive, so once the new brief's diagnostics are back, every check that was due
 * before it has been published too. A negative claim ("no diagnostics for X") is made after this.
 */
export async function settle(): Promise<void> {
  const n = ++sentinels;
  const doc = await vscode.workspace.openTextDocument({ language: 'policy-brief', content: `Sentinel ${n}: a marker with no note.[^1]\n` });
  await waitForDiagnostics(doc.uri, hasCode('footnote-undefined'), `the sentinel brief's footnote-undefined`);
}

/** Resolves when VS Code reports a configuration change that affects `section`. */
function configurationChanged(section: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const sub = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(section)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve();
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for a change of ${section}`));
    }, WAIT_MS);
  });
}

/**
 * Sets `policyBrief.<key>` in the workspace settings (undefined removes it) and returns once the
 * server has re-read its settings and rechecked the open documents (see `settle`).
 */
export async function setSetting(key: string, value: unknown): Promise<void> {
  const config = vscode.workspace.getConfiguration('policyBrief');
  if (JSON.stringify(config.inspect(key)?.workspaceValue) === JSON.stringify(value)) return;
  const changed = configurationChanged(`policyBrief.${key}`);
  await config.update(key, value, vscode.ConfigurationTarget.Workspace);
  await changed;
  await settle();
}

export async function openBrief(name: string): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor }> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(name));
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  return { doc, editor };
}

/** Drops unsaved edits of a workspace file so the next test sees the fixture as it is on disk. */
export async function revert(doc: vscode.TextDocument): Promise<void> {
  if (!doc.isDirty) return;
  await vscode.window.showTextDocument(doc, { preview: false });
  await vscode.commands.executeCommand('workbench.action.files.revert');
  assert.equal(doc.isDirty, false, `${path.basename(doc.uri.path)} could not be reverted`);
}

/** Text of a hover, whatever form its contents take. */
export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}
