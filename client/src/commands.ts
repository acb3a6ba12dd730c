import * as vscode from 'vscode';
import { Commands } from '../../server/src/protocol';
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

/** One factory per command. */
export function registerCommands(brief: BriefClient): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(Commands.restartServer, () => brief.restart()),
    vscode.commands.registerCommand(Commands.showOutput, () => brief.output.show(true)),
    vscode.commands.registerCommand(Commands.insertFootnote, () => runServerCommand(brief, 'policyBrief.server.insertFootnote')),
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
