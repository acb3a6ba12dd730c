/**
 * Footnote navigation and fixes through the real server: hover, definition, references, rename,
 * links, completion, symbols, code actions and commands, on seed 001 and the planted brief.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { CodeAction, CompletionItem, DocumentLink, DocumentSymbol, Hover, Location, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CORPUS, extractCursor, serverForSuite, textAt, uriOf } from './harness';

const SEED_001 = fs.readFileSync(path.join(CORPUS, 'seeds', '001_f6a241fe662aad72.txt'), 'utf8');
const PLANTED = fs.readFileSync(path.join(CORPUS, 'planted-public.md'), 'utf8');
const BRIEF_001 = fs.readFileSync(path.join(CORPUS, 'brief-001.md'), 'utf8');
let n = 0;
const docUri = (name: string) => uriOf(path.join(CORPUS, `nav-${++n}-${name}`));

/** Applies a WorkspaceEdit (documentChanges form) to a text. */
function applyWorkspaceEdit(text: string, edit: WorkspaceEdit): string {
  const doc = TextDocument.create('file:///x', 'markdown', 1, text);
  const changes = (edit.documentChanges ?? []).flatMap((c) => ('edits' in c ? c.edits : []));
  return TextDocument.applyEdits(doc, changes as any);
}

function posOf(text: string, needle: string, nth = 0) {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} not found`);
  return TextDocument.create('file:///x', 'x', 1, text).positionAt(at);
}

describe('navigation through the server', () => {
  const client = serverForSuite();

  it('hover on a superscript marker shows the note text and its URL as a link', async () => {
    client.ready();
    const uri = docUri('seed.brief');
    await client.open(uri, 'policy-brief', SEED_001);
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: posOf(SEED_001, 'August 2021.¹') });
    assert.equal(hover, null, 'no hover on plain words');
    const onMarker = posOf(SEED_001, '¹ The collapse');
    const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: onMarker });
    const value = (h.contents as { value: string }).value;
    assert.match(value, /How the world reacted to Taliban takeover of Kabul/);
    assert.ok(value.includes('](https://www.aljazeera.com/news/2021/8/16/how-the-world-reacted-to-taliban-takeover-of-kabul)'), value);
  });

  it('hover on an Ibid. marker resolves the source and keeps the page', async () => {
    client.ready();
    const uri = docUri('seed-ibid.brief');
    await client.open(uri, 'policy-brief', SEED_001);
    const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: posOf(SEED_001, '(TJP).⁴') });
    // The position is on "(", move onto the marker.
    const p = posOf(SEED_001, '⁴\n');
    const h2 = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: p });
    assert.equal(h, null);
    const value = (h2.contents as { value: string }).value;
    assert.match(value, /Ibid/);
    assert.match(value, /refers to note 3, p\\. 18/);
    assert.match(value, /Thirty fifth Report of the Analytical Support and Sanctions Monitoring Team/);
  });

  it('hover on a note definition says where it is cited', async () => {
    client.ready();
    const uri = docUri('brief.md');
    await client.open(uri, 'markdown', BRIEF_001);
    const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: posOf(BRIEF_001, '[^12]: Ikram') });
    assert.match((h.contents as { value: string }).value, /Note 12 is cited once: line 47\./);
  });

  it('definition jumps from a marker to its note; references list the markers', async () => {
    client.ready();
    const uri = docUri('def.md');
    await client.open(uri, 'markdown', BRIEF_001);
    const defs = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: posOf(BRIEF_001, '[^7]') });
    assert.equal(defs.length, 1);
    assert.equal(textAt(BRIEF_001, defs[0].range), '[^7]:');
    assert.equal(defs[0].range.start.line, BRIEF_001.split('\n').findIndex((l) => l.startsWith('[^7]:')));
    const refs = await client.request<Location[]>('textDocument/references', { textDocument: { uri }, position: defs[0].range.start, context: { includeDeclaration: false } });
    assert.deepEqual(refs.map((r) => textAt(BRIEF_001, r.range)), ['[^7]']);
    const withDecl = await client.request<Location[]>('textDocument/references', { textDocument: { uri }, position: defs[0].range.start, context: { includeDeclaration: true } });
    assert.equal(withDecl.length, 2);
  });

  it('rename changes a [^label] marker and its definition in one edit, and refuses numbered superscripts', async () => {
    client.ready();
    const text = 'Intro sentence with a claim.[^src] Another claim.[^src]\n\n[^src]: A source, 2024.\n';
    const uri = docUri('rename.md');
    await client.open(uri, 'markdown', text);
    const prep = await client.request<{ range: any; placeholder: string }>('textDocument/prepareRename', { textDocument: { uri }, position: posOf(text, 'src]', 0) });
    assert.equal(prep.placeholder, 'src');
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: posOf(text, 'src]', 0), newName: 'world-bank' });
    assert.equal(applyWorkspaceEdit(text, edit), 'Intro sentence with a claim.[^world-bank] Another claim.[^world-bank]\n\n[^world-bank]: A source, 2024.\n');
    await assert.rejects(client.request('textDocument/rename', { textDocument: { uri }, position: posOf(text, 'src]', 0), newName: 'has space' }), /not a valid footnote label/);
    const seedUri = docUri('rename-seed.brief');
    await client.open(seedUri, 'policy-brief', SEED_001);
    await assert.rejects(client.request('textDocument/prepareRename', { textDocument: { uri: seedUri }, position: posOf(SEED_001, '¹ The collapse') }), /Renumber/);
  });

  it('document links cover every http(s) URL in the notes, and nothing else', async () => {
    client.ready();
    const uri = docUri('links.brief');
    await client.open(uri, 'policy-brief', SEED_001);
    const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri } });
    // 26 notes, of which three (4, 5, 13) are Ibid. with no URL.
    assert.equal(links.length, 23);
    assert.ok(links.every((l) => /^https:\/\//.test(l.target!)));
    assert.ok(links.some((l) => l.target === 'https://mid.ru/en/foreign_policy/international_safety/2052216/'), 'a bare URL without angle brackets is linked, without its trailing punctuation');
    for (const l of links) assert.equal(textAt(SEED_001, l.range), l.target);
  });

  it('completion after [^ offers the existing labels with a preview', async () => {
    client.ready();
    const { text, position } = extractCursor(BRIEF_001.replace('## Issue', 'A new claim.[^$0\n\n## Issue'));
    const uri = docUri('complete.md');
    await client.open(uri, 'markdown', text);
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position });
    assert.equal(items.length, 26);
    const twelve = items.find((i) => i.label === '12')!;
    assert.match(twelve.detail!, /Counterterrorism toll in 2025/);
    assert.equal(twelve.insertText, '12]');
  });

  it('document symbols give the headings as an outline and the notes section', async () => {
    client.ready();
    const uri = docUri('symbols.md');
    await client.open(uri, 'markdown', BRIEF_001);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const top = symbols.map((s) => s.name);
    assert.ok(top.includes('Afghanistan Becomes a Hub of International Terrorist Organisations, Once Again'));
    const title = symbols[0];
    assert.ok(title.children!.some((c) => c.name === 'Analysis'), 'second-level headings nest under the title');
    const notes = symbols.find((s) => s.name.startsWith('Notes'))!;
    assert.equal(notes.children!.length, 26);
  });

  it('code actions: renumber fixes the swapped markers; add and remove notes', async () => {
    client.ready();
    const uri = docUri('planted.md');
    await client.open(uri, 'markdown', PLANTED);
    const pub = await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'footnote-order'));
    const diags = pub.diagnostics;
    const order = diags.find((d) => d.code === 'footnote-order')!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: order.range, context: { diagnostics: [order] } });
    const renumber = actions.find((a) => /Renumber/.test(a.title))!;
    const fixed = applyWorkspaceEdit(PLANTED, renumber.edit!);
    assert.ok(fixed.includes('global security.[^14] Similarly') && fixed.includes('and beyond.[^15]'));
    // Each marker keeps its note: the note the first marker cited (the Joint Statement) becomes 14, listed first.
    assert.match(fixed, /\[\^14\]: Ministry of Foreign Affairs[^\n]*\n\[\^15\]: “There are over 23,000 terrorists/);

    const undef = diags.find((d) => d.code === 'footnote-undefined')!;
    const [add] = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: undef.range, context: { diagnostics: [undef] } });
    assert.equal(add.title, 'Add note 9');
    const added = applyWorkspaceEdit(PLANTED, add.edit!);
    assert.match(added, /\[\^8\]: SIGAR[^\n]*\n\[\^9\]: \n\[\^10\]: Centre/);
    assert.equal(add.command?.command, 'policyBrief.moveCursor');

    const unused = diags.find((d) => d.code === 'footnote-unused')!;
    const [remove] = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: unused.range, context: { diagnostics: [unused] } });
    assert.equal(remove.title, 'Remove unused note 27');
    const removed = applyWorkspaceEdit(PLANTED, remove.edit!);
    assert.ok(!removed.includes('[^27]'));
    assert.equal(removed, PLANTED.replace(/\n\[\^27\]: [^\n]*/, ''));
  });

  it('Insert footnote and Renumber commands send one edit each and put the cursor in the new note', async () => {
    client.ready();
    const uri = docUri('insert.brief');
    await client.open(uri, 'policy-brief', SEED_001);
    // Cursor after "Doha Accords 2020" in the Overview, before any note is cited: the new note becomes 1.
    const position = posOf(SEED_001, ' that mentioned commitments');
    const r = await client.request<{ applied: boolean; cursor: { line: number; character: number }; number: number }>('workspace/executeCommand', {
      command: 'policyBrief.server.insertFootnote',
      arguments: [{ uri, position }],
    });
    assert.equal(r.number, 1);
    const edit = client.appliedEdits[client.appliedEdits.length - 1].edit;
    const after = applyWorkspaceEdit(SEED_001, edit);
    assert.ok(after.includes('Doha Accords 2020¹ that mentioned'), 'the marker is at the cursor');
    assert.ok(after.includes('August 2021.² The collapse'), 'the next marker is renumbered');
    assert.ok(after.includes('- ¹ \n- ² “How the world reacted'), 'the note entry is added in order, in the list’s own style');
    assert.ok(after.includes('- ²⁷ Dawood Azami and Cherylann Mollan'), 'the last note becomes 27');
    const lines = after.split('\n');
    assert.equal(lines[r.cursor.line].slice(0, r.cursor.character), '- ¹ ', 'the cursor lands in the new note');
    // Notes 4 and 5 (Ibid. p. 18) still follow the UN report, so they stay Ibid.
    assert.ok(after.includes('- ⁵ Ibid. p. 18\n- ⁶ Ibid. p. 18'));

    const planted = docUri('renumber.md');
    await client.open(planted, 'markdown', PLANTED);
    await client.request('workspace/executeCommand', { command: 'policyBrief.server.renumberFootnotes', arguments: [{ uri: planted }] });
    const fixed = applyWorkspaceEdit(PLANTED, client.appliedEdits[client.appliedEdits.length - 1].edit);
    assert.ok(fixed.includes('global security.[^14] Similarly'));
    const again = await client.request<{ applied: boolean; message?: string }>('workspace/executeCommand', { command: 'policyBrief.server.renumberFootnotes', arguments: [{ uri: uri }] });
    assert.equal(again.applied, false, 'seed 001 is already in order: nothing to do');
  });

  it('the cited-source command returns the first URL of the note under the cursor', async () => {
    client.ready();
    const uri = docUri('source.brief');
    await client.open(uri, 'policy-brief', SEED_001);
    const r = await client.request<{ url?: string }>('workspace/executeCommand', { command: 'policyBrief.server.citedSource', arguments: [{ uri, position: posOf(SEED_001, '¹ The collapse') }] });
    assert.equal(r.url, 'https://www.aljazeera.com/news/2021/8/16/how-the-world-reacted-to-taliban-takeover-of-kabul');
    const noUrl = await client.request<{ url?: string; noteRange?: unknown }>('workspace/executeCommand', { command: 'policyBrief.server.citedSource', arguments: [{ uri, position: posOf(SEED_001, '⁴\n') }] });
    assert.equal(noUrl.url, undefined);
    assert.ok(noUrl.noteRange, 'a note with no URL is revealed instead');
  });
});

describe('hover text from a brief is inert', () => {
  const client = serverForSuite();
  it('command links, raw HTML, images and javascript: links in a note do not survive as Markdown', async () => {
    client.ready();
    const text = [
      'A claim.[^1] Another.[^2] A third.[^3]',
      '',
      '[^1]: [click](command:workbench.action.terminal.new) and <b>bold</b>',
      '[^2]: <img src=x onerror=alert(1)> ![pic](https://evil.example/x.png)',
      '[^3]: [js](javascript:alert(1)) see https://example.org/ok',
      '',
    ].join('\n');
    const uri = docUri('hostile.md');
    await client.open(uri, 'markdown', text);
    for (const [needle, i] of [['[^1]', 0], ['[^2]', 0], ['[^3]', 0]] as const) {
      const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: posOf(text, needle, i) });
      const value = (h.contents as { value: string }).value;
      assert.doesNotMatch(value, /\]\(command:/, 'no command link');
      assert.doesNotMatch(value, /\]\(javascript:/i, 'no javascript link');
      assert.doesNotMatch(value, /<img|<b>/, 'no raw HTML');
      assert.doesNotMatch(value, /!\[pic\]\(/, 'no image');
    }
    const h3 = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: posOf(text, '[^3]') });
    assert.match((h3.contents as { value: string }).value, /\]\(https:\/\/example\.org\/ok\)/, 'a plain https URL stays a link');
  });
});
