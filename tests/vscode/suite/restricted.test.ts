/**
 * Restricted Mode: the second pass of `npm run test:vscode` opens the workspace with workspace trust
 * enabled and the folder not trusted. package.json declares `capabilities.untrustedWorkspaces.supported:
 * true`, so the extension must stay enabled there and check briefs as usual.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, describeDiagnostics, expected, hasCode, openBrief, waitForDiagnostics } from './helpers';

describe('Restricted Mode (workspace not trusted)', () => {
  it('the workspace is not trusted in this pass', () => {
    assert.equal(vscode.workspace.isTrusted, false, 'this pass must run with workspace trust enabled and the folder untrusted');
  });

  it('the extension is enabled, activates on a brief and reports its findings', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not enabled in Restricted Mode`);
    assert.equal(ext.isActive, false, 'nothing activated the extension before a brief was opened');
    const { doc } = await openBrief('water.brief.md');
    const diags = await waitForDiagnostics(doc.uri, hasCode('footnote-undefined'), 'footnote-undefined in Restricted Mode');
    assert.equal(ext.isActive, true);
    assert.deepEqual(describeDiagnostics(doc, diags), [
      expected(doc, 'footnote-order', '[^3]'),
      expected(doc, 'footnote-undefined', '[^9]'),
      expected(doc, 'footnote-unused', '[^5]:'),
    ]);
    assert.equal(vscode.workspace.isTrusted, false, 'still untrusted');
  });
});
