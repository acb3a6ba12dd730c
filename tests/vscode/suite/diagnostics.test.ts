import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, briefDiagnostics, codeOf, describeDiagnostics, expected, openBrief, setSetting, settle, waitForDiagnostics, workspaceFile } from './helpers';

describe('Diagnostics on open', () => {
  it('opening a brief activates the extension and starts the server (no explicit activate)', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    assert.equal(ext.isActive, false, 'nothing activated the extension before a brief was opened');
    const { doc } = await openBrief('water.brief.md');
    await waitForDiagnostics(doc.uri, (d) => d.length > 0, 'diagnostics from the server the activation started');
    assert.equal(ext.isActive, true);
  });

  it('gives a Markdown .brief.md the policy-brief language and its footnote findings with their ranges', async () => {
    const { doc } = await openBrief('water.brief.md');
    assert.equal(doc.languageId, 'policy-brief');
    const diags = await waitForDiagnostics(doc.uri, (d) => d.length > 0, 'diagnostics');
    assert.deepEqual(describeDiagnostics(doc, diags), [
      expected(doc, 'footnote-order', '[^3]'),
      expected(doc, 'footnote-undefined', '[^9]'),
      expected(doc, 'footnote-unused', '[^5]:'),
    ]);
    assert.equal(diags.find((d) => codeOf(d) === 'footnote-undefined')?.severity, vscode.DiagnosticSeverity.Error);
    assert.ok(diags.every((d) => d.source === 'policy-brief'));
  });

  it('checks a plain-text .brief with superscript markers and a Notes list', async () => {
    const { doc } = await openBrief('identity.brief');
    assert.equal(doc.languageId, 'policy-brief');
    const diags = await waitForDiagnostics(doc.uri, (d) => d.length > 0, 'diagnostics');
    assert.deepEqual(describeDiagnostics(doc, diags), [
      expected(doc, 'footnote-undefined', '⁴'),
      expected(doc, 'ibid-without-antecedent', 'Ibid.'),
      expected(doc, 'footnote-duplicate', '²', 2),
      expected(doc, 'footnote-unused', '³'),
    ]);
  });

  it('finds the planted footnote defects of the public corpus brief at their lines', async () => {
    const { doc } = await openBrief('planted.brief.md');
    const diags = await waitForDiagnostics(doc.uri, (d) => d.length > 0, 'diagnostics');
    // Only the footnote codes: checks added later (figures, duplicates) report more on this brief.
    const footnotes = describeDiagnostics(doc, diags).filter((s) => /^(footnote|ibid)-/.test(s));
    assert.deepEqual(footnotes, [
      expected(doc, 'footnote-undefined', '[^9]'),
      expected(doc, 'footnote-order', '[^15]'),
      expected(doc, 'footnote-unused', '[^27]:'),
    ]);
    assert.deepEqual(
      footnotes.map((s) => Number(/ (\d+):/.exec(s)?.[1])),
      [43, 55, 122],
      'lines as in the corpus expectations',
    );
  });

  it('checks Markdown and plain-text files that look like briefs (markers, a Notes list)', async () => {
    const markdown = (await openBrief('field-notes.md')).doc;
    assert.equal(markdown.languageId, 'markdown');
    const md = await waitForDiagnostics(markdown.uri, (d) => d.length > 0, 'diagnostics');
    assert.deepEqual(describeDiagnostics(markdown, md), [expected(markdown, 'footnote-undefined', '[^2]')]);

    const text = (await openBrief('memo.txt')).doc;
    assert.equal(text.languageId, 'plaintext');
    const txt = await waitForDiagnostics(text.uri, (d) => d.length > 0, 'diagnostics');
    assert.deepEqual(describeDiagnostics(text, txt), [expected(text, 'footnote-unused', '²')]);
  });

  it('policyBrief.documents = briefs checks only .brief files', async () => {
    const markdown = (await openBrief('field-notes.md')).doc;
    const brief = (await openBrief('water.brief.md')).doc;
    await waitForDiagnostics(markdown.uri, (d) => d.length > 0, 'diagnostics');
    try {
      await setSetting('documents', 'briefs');
      await waitForDiagnostics(markdown.uri, (d) => d.length === 0, 'the Markdown file to be left alone');
      assert.equal(briefDiagnostics(brief.uri).length, 3, 'the .brief.md file is still checked');
    } finally {
      await setSetting('documents', undefined);
    }
    await waitForDiagnostics(markdown.uri, (d) => d.length > 0, 'diagnostics back with documents = auto');
  });

  it('leaves an ordinary README.md alone', async () => {
    const { doc } = await openBrief('README.md');
    assert.equal(doc.languageId, 'markdown');
    // The README was opened before the sentinel brief: once the sentinel is checked, the README's turn has passed.
    await settle();
    assert.deepEqual(briefDiagnostics(doc.uri), []);
    assert.deepEqual(briefDiagnostics(workspaceFile('README.md')), []);
  });
});
