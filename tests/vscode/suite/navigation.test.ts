import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { hoverText, locate, openBrief, waitForDiagnostics } from './helpers';

/** Inside a marker: one character after its start. */
function inside(range: vscode.Range): vscode.Position {
  return range.start.translate(0, 1);
}

function targetsOf(links: readonly vscode.DocumentLink[]): string[] {
  return links.map((l) => l.target?.toString(true) ?? '');
}

describe('Navigation', () => {
  it('hover on a Markdown marker shows its note with the URL', async () => {
    const { doc } = await openBrief('water.brief.md');
    await waitForDiagnostics(doc.uri, (d) => d.length > 0, 'diagnostics (the server has the document)');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, inside(locate(doc, '[^1]')));
    const text = hoverText(hovers);
    assert.match(text, /National Water Agency, Groundwater Report/);
    assert.match(text, /https:\/\/example\.org\/groundwater-report/);
  });

  it('hover on a superscript marker of a plain-text brief shows its note with the URL', async () => {
    const { doc } = await openBrief('identity.brief');
    await waitForDiagnostics(doc.uri, (d) => d.length > 0, 'diagnostics (the server has the document)');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, locate(doc, '²').start);
    const text = hoverText(hovers);
    assert.match(text, /Central Bank, Payments Statistics/);
    assert.match(text, /https:\/\/example\.org\/payments-statistics/);
  });

  it('go to definition from a marker lands on the note label', async () => {
    const { doc } = await openBrief('water.brief.md');
    const found = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, inside(locate(doc, '[^2]')));
    const ranges = found
      .map((l) => ('targetUri' in l ? { uri: l.targetUri, range: l.targetRange } : l))
      .filter((l) => l.uri.toString() === doc.uri.toString())
      .map((l) => l.range);
    const label = locate(doc, '[^2]:');
    assert.ok(
      ranges.some((r) => r.start.isEqual(label.start) && doc.getText(r).startsWith('[^2]')),
      `expected a definition at ${label.start.line + 1}:${label.start.character + 1}, got ${JSON.stringify(ranges)}`,
    );
  });

  it('document links include every note URL', async () => {
    const { doc } = await openBrief('water.brief.md');
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri, 50);
    const targets = targetsOf(links);
    for (const url of ['https://example.org/groundwater-report', 'https://example.org/urban-demand', 'https://example.org/metering-pilot']) {
      assert.ok(targets.includes(url), `${url} not among the links ${JSON.stringify(targets)}`);
    }
    const plain = (await openBrief('identity.brief')).doc;
    const plainLinks = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', plain.uri, 50);
    const link = plainLinks.find((l) => l.target?.toString(true) === 'https://example.org/payments-statistics');
    assert.ok(link, `the note URL is not among the links ${JSON.stringify(targetsOf(plainLinks))}`);
    assert.equal(plain.getText(link.range), 'https://example.org/payments-statistics');
  });

  it('Open Cited Source on a marker whose note has no link shows the note', async () => {
    const { doc, editor } = await openBrief('water.brief.md');
    const marker = locate(doc, '[^3]');
    editor.selection = new vscode.Selection(inside(marker), inside(marker));
    await vscode.commands.executeCommand('policyBrief.openCitedSource');
    assert.equal(editor.selection.active.line, locate(doc, '[^3]: Ibid.').start.line);
  });
});
