import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { describeDiagnostics, openBrief, waitForDiagnostics } from './helpers';

describe('Restart', () => {
  it('Policy Brief: Restart Server clears the diagnostics and they come back', async () => {
    const { doc } = await openBrief('water.brief.md');
    const before = describeDiagnostics(doc, await waitForDiagnostics(doc.uri, (d) => d.length > 0, 'diagnostics'));
    // Subscribed before the command runs: the stop clears the client's diagnostics.
    const cleared = waitForDiagnostics(doc.uri, (d) => d.length === 0, 'the diagnostics to be cleared by the stop');
    await vscode.commands.executeCommand('policyBrief.restartServer');
    await cleared;
    const after = await waitForDiagnostics(doc.uri, (d) => d.length > 0, 'diagnostics from the restarted server');
    assert.deepEqual(describeDiagnostics(doc, after), before);
  });
});
