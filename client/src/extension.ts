import * as vscode from 'vscode';
import { BriefClient } from './client';
import { registerCommands } from './commands';

let brief: BriefClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<BriefClient> {
  brief = new BriefClient(context);
  context.subscriptions.push(brief, ...registerCommands(brief));
  await brief.startWhenNeeded();
  return brief;
}

export async function deactivate(): Promise<void> {
  await brief?.stop();
}
