import * as vscode from 'vscode';

export type StatusState = 'starting' | 'ok' | 'busy' | 'warning' | 'error' | 'stopped';

const ICONS: Record<StatusState, string> = {
  starting: '$(sync~spin)',
  ok: '$(book)',
  busy: '$(sync~spin)',
  warning: '$(warning)',
  error: '$(error)',
  stopped: '$(circle-slash)',
};

/** One status item for the extension, driven by `set` only. */
export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('policyBrief.status', vscode.StatusBarAlignment.Right, 100);

  constructor() {
    this.item.name = 'Policy Brief';
    this.item.command = 'policyBrief.showOutput';
    this.set('starting', 'Starting the Policy Brief server…');
  }

  set(state: StatusState, detail: string): void {
    this.item.text = `${ICONS[state]} Brief`;
    this.item.tooltip = `Policy Brief: ${detail}\nClick to show the output.`;
    this.item.backgroundColor =
      state === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : state === 'warning' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  /** Shown only while a brief is the active editor. */
  update(editor: vscode.TextEditor | undefined, isBrief: (doc: vscode.TextDocument) => boolean): void {
    if (editor && isBrief(editor.document)) this.item.show();
    else this.item.hide();
  }

  dispose(): void {
    this.item.dispose();
  }
}
