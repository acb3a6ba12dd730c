import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, locate, openBrief, revert, waitForDiagnostics } from './helpers';

const RENUMBERED = `# Sediment and the Delta

Rivers carry sediment to the delta.[^1] Dams trap most of it upstream.[^2] The delta shrinks as a result.[^3]

## Notes

[^1]: Delta Survey, Sediment Budget.
[^2]: Dam Operators Association, Reservoir Silting.
[^3]: Coastal Authority, Shoreline Retreat.
`;

const INSERTED = `# Wells and Migration

Wells ran dry in the north.[^1] Farmers moved south[^2]. Towns grew along the river.[^3]

## Notes

[^1]: Northern Wells Census.
[^2]: 
[^3]: Migration Office, Rural Movement.
`;

describe('Fixes and commands', () => {
  let touched: vscode.TextDocument | undefined;
  afterEach(async () => {
    if (touched) await revert(touched);
    touched = undefined;
  });

  it('the Renumber quick fix on footnote-order renumbers markers and notes in order of appearance', async () => {
    const { doc } = await openBrief('renumber.brief.md');
    touched = doc;
    const [order] = (await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'footnote-order'), 'footnote-order')).filter(
      (d) => codeOf(d) === 'footnote-order',
    );
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, order.range, vscode.CodeActionKind.QuickFix.value);
    const renumber = actions.find((a) => a.title === 'Renumber footnotes in order of appearance');
    assert.ok(renumber?.edit, `no Renumber quick fix among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(renumber.kind?.value, vscode.CodeActionKind.QuickFix.value);
    assert.ok(await vscode.workspace.applyEdit(renumber.edit));
    assert.equal(doc.getText(), RENUMBERED);
    await waitForDiagnostics(doc.uri, (d) => d.length === 0, 'no diagnostics once renumbered');
  });

  it('Policy Brief: Renumber Footnotes gives the same text', async () => {
    const { doc } = await openBrief('renumber.brief.md');
    touched = doc;
    await vscode.commands.executeCommand('policyBrief.renumberFootnotes');
    assert.equal(doc.getText(), RENUMBERED);
  });

  it('Policy Brief: Insert Footnote adds the next marker at the cursor, renumbers the rest and moves the cursor into the new note', async () => {
    const { doc, editor } = await openBrief('insert.brief.md');
    touched = doc;
    const at = locate(doc, 'Farmers moved south').end;
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('policyBrief.insertFootnote');
    assert.equal(doc.getText(), INSERTED);
    const note = locate(doc, '[^2]: \n').start.translate(0, '[^2]: '.length);
    assert.deepEqual(
      { line: editor.selection.active.line, character: editor.selection.active.character },
      { line: note.line, character: note.character },
      'the cursor is in the new note',
    );
  });

  it('contributes and registers every command', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    for (const id of ['policyBrief.restartServer', 'policyBrief.showOutput', 'policyBrief.openCitedSource', 'policyBrief.insertFootnote', 'policyBrief.renumberFootnotes']) {
      assert.ok(all.has(id), `${id} is not registered`);
    }
    await vscode.commands.executeCommand('policyBrief.showOutput');
  });
});
