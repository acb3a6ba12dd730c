import * as vscode from 'vscode';
import { Commands } from '../../server/src/common/protocol';
import type { BriefClient } from './client';

/** Runs a server-side command for the active editor's document and cursor. */
async function runServerCommand(brief: BriefClient, command: string): Promise<unknown> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Policy Brief: open a brief first.');
    return undefined;
  }
  if (!brief.client) await brief.start();
  if (!brief.client) return undefined;
  const pos = editor.selection.active;
  return brief.client.sendRequest('workspace/executeCommand', {
    command,
    arguments: [{ uri: editor.document.uri.toString(), version: editor.document.version, position: { line: pos.line, character: pos.character } }],
  });
}

/** Puts the cursor at a position of a visible editor (after an edit that added a note). */
function moveCursor(uri: string | undefined, pos: { line: number; character: number }): void {
  const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri);
  if (!editor) return;
  const p = new vscode.Position(pos.line, pos.character);
  editor.selection = new vscode.Selection(p, p);
  editor.revealRange(new vscode.Range(p, p), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/** One factory per command. */
export function registerCommands(brief: BriefClient): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(Commands.restartServer, () => brief.restart()),
    vscode.commands.registerCommand(Commands.showOutput, () => brief.output.show(true)),
    vscode.commands.registerCommand(Commands.insertFootnote, async () => {
      const result = (await runServerCommand(brief, 'policyBrief.server.insertFootnote')) as { applied?: boolean; cursor?: { line: number; character: number } } | undefined;
      if (result?.applied && result.cursor) moveCursor(vscode.window.activeTextEditor?.document.uri.toString(), result.cursor);
    }),
    vscode.commands.registerCommand('policyBrief.moveCursor', (uri: string, pos: { line: number; character: number }) => moveCursor(uri, pos)),
    vscode.commands.registerCommand(Commands.renumberFootnotes, () => runServerCommand(brief, 'policyBrief.server.renumberFootnotes')),
    vscode.commands.registerCommand(Commands.openCitedSource, async () => {
      const result = (await runServerCommand(brief, 'policyBrief.server.citedSource')) as
        | { url?: string; noteRange?: { start: { line: number; character: number }; end: { line: number; character: number } }; message?: string }
        | undefined;
      const editor = vscode.window.activeTextEditor;
      if (!result || !editor) return;
      if (result.url && /^(https?|mailto):/i.test(result.url)) {
        await vscode.env.openExternal(vscode.Uri.parse(result.url, true));
      } else if (result.noteRange) {
        const r = new vscode.Range(result.noteRange.start.line, result.noteRange.start.character, result.noteRange.end.line, result.noteRange.end.character);
        editor.selection = new vscode.Selection(r.start, r.start);
        editor.revealRange(r, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
        if (result.message) void vscode.window.showInformationMessage(`Policy Brief: ${result.message}`);
      } else if (result.message) void vscode.window.showInformationMessage(`Policy Brief: ${result.message}`);
    }),
  ];
}
