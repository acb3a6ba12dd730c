import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { briefDiagnostics, codesOf, hasCode, lacksCode, locate, openBrief, revert, setSetting, settle, waitForDiagnostics } from './helpers';

/** A sentence with a marker that has no note, added after the fixture's only cited sentence. */
const ADDED = ' The reservoirs stayed low.[^7]';

async function addUndefinedMarker(doc: vscode.TextDocument): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, locate(doc, 'valley.[^1]').end, ADDED);
  assert.ok(await vscode.workspace.applyEdit(edit));
}

async function removeUndefinedMarker(doc: vscode.TextDocument): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.delete(doc.uri, locate(doc, ADDED));
  assert.ok(await vscode.workspace.applyEdit(edit));
}

describe('policyBrief.run', () => {
  afterEach(async () => {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.path.endsWith('/onsave.brief.md'));
    if (doc) await revert(doc);
    await setSetting('run', undefined);
  });

  it('onType (the default) checks an edit without a save', async () => {
    const { doc } = await openBrief('onsave.brief.md');
    await waitForDiagnostics(doc.uri, hasCode('footnote-unused'), 'footnote-unused');
    await addUndefinedMarker(doc);
    await waitForDiagnostics(doc.uri, hasCode('footnote-undefined'), 'footnote-undefined after the edit');
    await revert(doc);
    await waitForDiagnostics(doc.uri, lacksCode('footnote-undefined'), 'footnote-undefined to go after the revert');
  });

  it('the settle barrier sees an onType check of an edit made before it (control for the next test)', async () => {
    const { doc } = await openBrief('onsave.brief.md');
    await addUndefinedMarker(doc);
    await settle();
    assert.ok(codesOf(briefDiagnostics(doc.uri)).includes('footnote-undefined'), 'the edit was checked before the barrier returned');
    await revert(doc);
    await waitForDiagnostics(doc.uri, lacksCode('footnote-undefined'), 'footnote-undefined to go after the revert');
  });

  it('onSave: no new diagnostics after an edit until the document is saved', async () => {
    const { doc } = await openBrief('onsave.brief.md');
    await setSetting('run', 'onSave');
    await addUndefinedMarker(doc);
    await settle();
    assert.deepEqual(codesOf(briefDiagnostics(doc.uri)), ['footnote-unused'], 'the edit was checked before the save');
    assert.ok(await doc.save());
    await waitForDiagnostics(doc.uri, hasCode('footnote-undefined'), 'footnote-undefined after the save');
    await removeUndefinedMarker(doc);
    assert.ok(await doc.save());
    await waitForDiagnostics(doc.uri, lacksCode('footnote-undefined'), 'footnote-undefined to go after the second save');
  });
});
