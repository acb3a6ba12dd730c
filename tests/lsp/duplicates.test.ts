/** Duplicated paragraphs through the server: one finding per pasted run, the Delete fix, and across files. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import type { CodeAction, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CORPUS, serverForSuite, uriOf } from './harness';

const SEED_002 = fs.readFileSync(path.join(CORPUS, 'seeds', '002_8c149dea6a408ba4.txt'), 'utf8');
const apply = (text: string, edit: WorkspaceEdit) =>
  TextDocument.applyEdits(TextDocument.create('file:///x', 'x', 1, text), (edit.documentChanges ?? []).flatMap((c) => ('edits' in c ? c.edits : [])) as any);

const PARA = 'The provincial government spent most of its flood relief budget on roads rather than on the clinics that had closed during the monsoon season.';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pb-dup-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
const folder = path.join(tmp, 'workspace');
fs.mkdirSync(folder);
fs.writeFileSync(path.join(folder, 'a-earlier.brief.md'), `# Earlier brief\n\n${PARA}\n\nAnother paragraph that only this brief has, long enough to be compared with others.\n`);
const laterText = `# Later brief\n\nAn opening paragraph that is different from anything in the earlier brief at all.\n\n${PARA}\n`;

describe('duplicates through the server', () => {
  const client = serverForSuite({ workspaceFolders: [folder] });

  it('seed 002: one duplicate-paragraph finding for the pasted run, and Delete removes exactly it', async () => {
    client.ready();
    const uri = uriOf(path.join(CORPUS, 'seeds', 'dup-002.brief'));
    await client.open(uri, 'policy-brief', SEED_002);
    const pub = await client.waitForDiagnostics(uri);
    const dups = pub.diagnostics.filter((d) => d.code === 'duplicate-paragraph');
    assert.equal(dups.length, 1, JSON.stringify(pub.diagnostics.map((d) => d.message)));
    assert.equal(dups[0].range.start.line, 13);
    assert.equal(dups[0].range.end.line, 23);
    assert.match(dups[0].message as string, /Lines 14–24 \(8 paragraphs\) repeat lines 1–11/);
    assert.equal(dups[0].relatedInformation![0].location.range.start.line, 0);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: dups[0].range, context: { diagnostics: dups } });
    const del = actions.find((a) => /Delete/.test(a.title))!;
    assert.equal(del.title, 'Delete these 8 duplicated paragraphs');
    const after = apply(SEED_002, del.edit!);
    const lines = SEED_002.split('\n');
    assert.equal(after, [...lines.slice(0, 13), ...lines.slice(24)].join('\n'), 'lines 14–24 go, nothing else changes');
    await client.change(uri, 2, [{ text: after }]);
    const again = await client.waitForDiagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(again.diagnostics.filter((d) => d.code === 'duplicate-paragraph'), []);
  });

  it('a paragraph pasted from another brief of the folder is reported, with the other file as related information', async () => {
    client.ready();
    const uri = uriOf(path.join(folder, 'b-later.brief.md'));
    fs.writeFileSync(path.join(folder, 'b-later.brief.md'), laterText);
    await client.open(uri, 'policy-brief', laterText);
    const pub = await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'duplicate-paragraph'));
    const d = pub.diagnostics.find((x) => x.code === 'duplicate-paragraph')!;
    assert.equal(d.range.start.line, 4);
    assert.match(d.message as string, /repeats line 3 of a-earlier\.brief\.md/);
    assert.equal(d.relatedInformation![0].location.uri, uriOf(path.join(folder, 'a-earlier.brief.md')));
    assert.equal(d.relatedInformation![0].location.range.start.line, 2);
  });
});

describe('cross-file duplicates can be switched off', () => {
  const client = serverForSuite({ workspaceFolders: [folder], settings: { policyBrief: { crossFileDuplicates: false } } });
  it('no finding for a paragraph that only another file has', async () => {
    client.ready();
    const uri = uriOf(path.join(folder, 'b-later.brief.md'));
    fs.writeFileSync(path.join(folder, 'b-later.brief.md'), laterText);
    await client.open(uri, 'policy-brief', laterText);
    const pub = await client.waitForDiagnostics(uri);
    assert.deepEqual(pub.diagnostics.filter((d) => d.code === 'duplicate-paragraph'), []);
  });
});
