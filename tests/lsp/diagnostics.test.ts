/**
 * Diagnostics through the real server (dist/server.js over stdio): what is published, for which
 * version, under which settings, and that bad input or bad settings never stop the server.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import type { Diagnostic, PublishDiagnosticsParams, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CORPUS, LspClient, assertPartial, extractCursor, serverForSuite, textAt, uriOf, withServer, type ServerOptions } from './harness';

const PLANTED = path.join(CORPUS, 'planted-public.md');
const BRIEF_001 = path.join(CORPUS, 'brief-001.md');
const SEED_001 = path.join(CORPUS, 'seeds', '001_f6a241fe662aad72.txt');
const plantedText = fs.readFileSync(PLANTED, 'utf8');

/** A URI in the corpus folder for a document that exists only in the editor (each test its own). */
const virtualUri = (name: string) => uriOf(path.join(CORPUS, name));
const codes = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => d.code);
const withCode = (p: PublishDiagnosticsParams, code: string) => p.diagnostics.filter((d) => d.code === code);
const hasCode = (code: string) => (p: PublishDiagnosticsParams) => p.diagnostics.some((d) => d.code === code);
const lacksCode = (code: string) => (p: PublishDiagnosticsParams) => !p.diagnostics.some((d) => d.code === code);
/** The texts the diagnostics of one code cover, sorted. */
const coveredTexts = (text: string, p: PublishDiagnosticsParams, code: string) => withCode(p, code).map((d) => textAt(text, d.range)).sort();

/** Zero-based line and UTF-16 column of the only occurrence of `needle` on a 1-based line, computed from the file text. */
function locate(text: string, line1: number, needle: string, notFollowedBy?: string) {
  const lineText = text.split(/\r\n|\r|\n/)[line1 - 1];
  const hits: number[] = [];
  for (let i = lineText.indexOf(needle); i >= 0; i = lineText.indexOf(needle, i + 1)) if (!notFollowedBy || !lineText.startsWith(notFollowedBy, i + needle.length)) hits.push(i);
  assert.equal(hits.length, 1, `expected one ${needle} on line ${line1}`);
  return { line: line1 - 1, character: hits[0] };
}

/** Text after inserting `insert` at the end of a 1-based line, and the change event that does it. */
function appendToLine(text: string, line1: number, insert: string): { text: string; change: TextDocumentContentChangeEvent } {
  const lineText = text.split(/\r\n|\r|\n/)[line1 - 1];
  const pos = { line: line1 - 1, character: lineText.length };
  const doc = TextDocument.create('x', 'markdown', 1, text);
  const change = { range: { start: pos, end: pos }, text: insert };
  return { text: TextDocument.update(doc, [change], 2).getText(), change };
}

describe('the server starts', () => {
  for (const configurationCapability of [true, false]) {
    it(`answers initialize and shuts down on request (client with${configurationCapability ? '' : 'out'} workspace.configuration)`, async () => {
      await withServer({ configurationCapability }, async (lsp) => {
        assert.ok(lsp.initializeResult?.capabilities.textDocumentSync, 'textDocumentSync capability');
        const uri = virtualUri(`start-${configurationCapability}.md`);
        await lsp.open(uri, 'markdown', 'A claim.[^1]\n');
        assert.ok(hasCode('footnote-undefined')(await lsp.waitForDiagnostics(uri)));
        assert.equal(lsp.exited, false);
      });
    });
  }

  it('a client that does not announce workspace folders is served too (regression: the server asked for folder events before initialize)', async () => {
    await withServer({ workspaceFoldersCapability: false, configurationCapability: false }, async (lsp) => {
      const uri = virtualUri('start-no-folders.md');
      await lsp.open(uri, 'markdown', 'A claim.[^1]\n');
      assert.ok(hasCode('footnote-undefined')(await lsp.waitForDiagnostics(uri)));
      assert.equal(lsp.exited, false);
    });
  });

  it('a client that announces workspace folders can change them', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-brief-folders-'));
    try {
      fs.writeFileSync(path.join(dir, '.policybrief.json'), JSON.stringify({ severity: { 'footnote-undefined': 'hint' } }));
      await withServer({ workspaceFolders: [] }, async (lsp) => {
        const uri = uriOf(path.join(dir, 'brief.md'));
        await lsp.open(uri, 'markdown', 'A claim.[^1]\n');
        await lsp.waitForDiagnostics(uri);
        await lsp.notify('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: uriOf(dir), name: 'ws' }], removed: [] } });
        // The change re-checks the open documents, with the folder's settings file.
        const p = await lsp.waitForDiagnostics(uri, undefined, undefined, lsp.lastSeq);
        assert.equal(withCode(p, 'footnote-undefined')[0]?.severity, 4, 'hint, from the folder\'s .policybrief.json');
        assert.equal(lsp.exited, false);
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('diagnostics on the corpus (default settings)', () => {
  const lsp = serverForSuite();

  it('planted-public.md: footnote-undefined exactly at [^9] on line 43, footnote-unused at [^27] on line 122', async () => {
    lsp.ready();
    await lsp.open(uriOf(PLANTED), 'markdown', plantedText);
    const p = await lsp.waitForDiagnostics(uriOf(PLANTED));
    assert.equal(p.version, 1);

    const undef = withCode(p, 'footnote-undefined');
    assert.equal(undef.length, 1, `footnote-undefined: ${JSON.stringify(undef)}`);
    const start = locate(plantedText, 43, '[^9]', ':');
    assertPartial(undef[0], {
      range: { start, end: { line: start.line, character: start.character + '[^9]'.length } },
      severity: 1, // an error by default
      code: 'footnote-undefined',
      source: 'policy-brief',
    });

    const unused = withCode(p, 'footnote-unused');
    assert.equal(unused.length, 1, `footnote-unused: ${JSON.stringify(unused)}`);
    const label = locate(plantedText, 122, '[^27]');
    const r = unused[0].range;
    assert.equal(r.start.line, 121);
    assert.equal(r.end.line, 121);
    assert.ok(r.start.character <= label.character && r.end.character >= label.character + '[^27]'.length, `range ${JSON.stringify(r)} covers [^27]`);
    assert.equal(unused[0].severity, 2, 'footnote-unused is a warning by default');
  });

  it('every diagnostic has a code, source "policy-brief" and a codeDescription link', async () => {
    lsp.ready();
    const uri = virtualUri('planted-shape.md');
    await lsp.open(uri, 'markdown', plantedText);
    const p = await lsp.waitForDiagnostics(uri);
    assert.ok(p.diagnostics.length > 0);
    for (const d of p.diagnostics) {
      assert.equal(typeof d.code, 'string', JSON.stringify(d));
      assert.match(String(d.code), /^[a-z]+(-[a-z]+)*$/, 'codes are kebab-case');
      assert.equal(d.source, 'policy-brief');
      assert.ok(d.codeDescription?.href, `codeDescription.href on ${d.code}`);
      const href = new URL(d.codeDescription.href);
      assert.ok(href.pathname.endsWith(`/${d.code}.md`), `${href} names the code's page`);
      if (href.protocol === 'file:') assert.ok(fs.existsSync(fileURLToPath(href)), `${href} exists`);
      assert.ok(typeof d.message === 'string' && d.message.length > 0);
    }
  });

  it('seed 001 (policy-brief, plain text) gets no footnote findings', async () => {
    lsp.ready();
    await lsp.open(uriOf(SEED_001), 'policy-brief', fs.readFileSync(SEED_001, 'utf8'));
    const p = await lsp.waitForDiagnostics(uriOf(SEED_001));
    assert.deepEqual(codes(p).filter((c) => String(c).startsWith('footnote-')), []);
  });

  it('brief-001.md gets no footnote findings', async () => {
    lsp.ready();
    await lsp.open(uriOf(BRIEF_001), 'markdown', fs.readFileSync(BRIEF_001, 'utf8'));
    const p = await lsp.waitForDiagnostics(uriOf(BRIEF_001));
    assert.deepEqual(codes(p).filter((c) => String(c).startsWith('footnote-')), []);
  });

  it('an ordinary README (no notes) gets an empty list', async () => {
    lsp.ready();
    const uri = virtualUri('README-ordinary.md');
    await lsp.open(uri, 'markdown', '# Project\n\nInstall it with `npm install`. It has 3 commands and [a link](https://example.com).\n\n- one\n- two\n');
    const p = await lsp.waitForDiagnostics(uri);
    assert.deepEqual(p.diagnostics, []);
  });

  it('closing a document clears its diagnostics', async () => {
    lsp.ready();
    const uri = virtualUri('closed.md');
    await lsp.open(uri, 'markdown', 'A claim.[^1]\n');
    await lsp.waitForDiagnostics(uri, hasCode('footnote-undefined'));
    await lsp.close(uri);
    const p = await lsp.waitForDiagnostics(uri);
    assert.deepEqual(p.diagnostics, []);
  });
});

describe('diagnostics follow edits', () => {
  const lsp = serverForSuite();

  it('an edit that adds [^99] gets a diagnostic for the new version', async () => {
    lsp.ready();
    const uri = virtualUri('edit-add-99.md');
    await lsp.open(uri, 'markdown', plantedText);
    await lsp.waitForDiagnostics(uri);
    const edited = appendToLine(plantedText, 7, ' A new claim.[^99]');
    await lsp.change(uri, 2, [edited.change]);
    const p = await lsp.waitForDiagnostics(uri, (q) => q.version === 2);
    assert.deepEqual(coveredTexts(edited.text, p, 'footnote-undefined'), ['[^99]', '[^9]']);
    const d = withCode(p, 'footnote-undefined').find((x) => textAt(edited.text, x.range) === '[^99]')!;
    assert.equal(d.range.start.line, 6);
  });

  for (const debounceMs of [undefined, 0]) {
    it(`20 rapid edits: the last publish carries the last version and matches the final text (debounceMs ${debounceMs ?? 'default'})`, async () => {
      lsp.ready();
      await lsp.setSettings({ policyBrief: debounceMs === undefined ? {} : { debounceMs } });
      const uri = virtualUri(`rapid-${debounceMs ?? 'default'}.md`);
      await lsp.open(uri, 'markdown', plantedText);
      await lsp.waitForDiagnostics(uri);

      // Each edit replaces the marker the previous one inserted, so a stale result names a marker the final text lacks.
      const doc = TextDocument.create(uri, 'markdown', 1, plantedText);
      const line = 6; // the first paragraph of planted-public.md
      const base = plantedText.split('\n')[line].length;
      let current = doc;
      let previous = '';
      for (let i = 0; i < 20; i++) {
        const marker = ` [^u${i}]`;
        const change = { range: { start: { line, character: base }, end: { line, character: base + previous.length } }, text: marker };
        current = TextDocument.update(current, [change], i + 2);
        previous = marker;
        await lsp.change(uri, i + 2, [change]);
      }
      const finalVersion = 21;
      const finalText = current.getText();
      const p = await lsp.waitForDiagnostics(uri, (q) => q.version === finalVersion);
      assert.deepEqual(coveredTexts(finalText, p, 'footnote-undefined'), ['[^9]', '[^u19]']);

      const versions = lsp.diagnosticsFor(uri).map((q) => q.params.version!);
      assert.deepEqual(versions, [...versions].sort((a, b) => a - b), `publishes in version order: ${versions}`);
      assert.equal(versions.at(-1), finalVersion, 'nothing older is published after the final version');
    });
  }
});

describe('policyBrief.run = onSave', () => {
  // debounceMs 0: if an edit did schedule a run, it would be published before the barrier document's.
  const lsp = serverForSuite({ settings: { policyBrief: { run: 'onSave', debounceMs: 0 } } });

  it('an edit publishes nothing until didSave', async () => {
    lsp.ready();
    const uri = virtualUri('on-save.md');
    await lsp.open(uri, 'markdown', plantedText);
    const opened = await lsp.waitForDiagnostics(uri);
    assert.equal(opened.version, 1, 'an opened document is checked at once, even on save');
    assert.ok(hasCode('footnote-undefined')(opened));

    const edited = appendToLine(plantedText, 7, ' A new claim.[^99]');
    await lsp.change(uri, 2, [edited.change]);
    // Barrier: a document opened after the edit is checked; everything the edit caused would come first.
    const barrier = virtualUri('on-save-barrier.md');
    await lsp.open(barrier, 'markdown', 'A claim.[^1]\n');
    await lsp.waitForDiagnostics(barrier);
    assert.deepEqual(
      lsp.diagnosticsFor(uri).map((q) => q.params.version),
      [1],
      'no diagnostics for version 2 before it is saved',
    );

    await lsp.save(uri);
    const saved = await lsp.waitForDiagnostics(uri);
    assert.equal(saved.version, 2);
    assert.deepEqual(coveredTexts(edited.text, saved, 'footnote-undefined'), ['[^99]', '[^9]']);
  });
});

describe('policyBrief.severity', () => {
  const lsp = serverForSuite({ settings: { policyBrief: { severity: { 'footnote-unused': 'off' } } } });

  it("{ 'footnote-unused': 'off' } removes that code, and turning it back on restores it", async () => {
    lsp.ready();
    const uri = uriOf(PLANTED);
    await lsp.open(uri, 'markdown', plantedText);
    const off = await lsp.waitForDiagnostics(uri);
    assert.ok(lacksCode('footnote-unused')(off), `codes: ${codes(off)}`);
    assert.ok(hasCode('footnote-undefined')(off));

    await lsp.setSettings({ policyBrief: { severity: { 'footnote-undefined': 'info' } } });
    const on = await lsp.waitForDiagnostics(uri, hasCode('footnote-unused'));
    assert.equal(withCode(on, 'footnote-undefined')[0].severity, 3, 'info');
  });
});

describe('invalid editor settings', () => {
  const lsp = serverForSuite({ settings: { policyBrief: { run: 'sometimes', severity: { 'footnote-unused': 'loud' } } } });

  it("run: 'sometimes' shows a warning naming policyBrief.run, and diagnostics still arrive", async () => {
    lsp.ready();
    const uri = uriOf(PLANTED);
    await lsp.open(uri, 'markdown', plantedText);
    const p = await lsp.waitForDiagnostics(uri);
    assert.ok(hasCode('footnote-undefined')(p));
    const m = await lsp.waitForMessage((x) => x.message.includes('policyBrief.run'), undefined, 0);
    assert.equal(m.type, 2, 'a warning');
    assert.match(m.message, /sometimes/);
  });

  it('an invalid severity names policyBrief.severity.footnote-unused and the default applies', async () => {
    lsp.ready();
    const p = await lsp.waitForDiagnostics(uriOf(PLANTED), undefined, undefined, 0);
    assert.equal(withCode(p, 'footnote-unused')[0]?.severity, 2, 'the default (warning) is used');
    const m = await lsp.waitForMessage((x) => x.message.includes('policyBrief.severity.footnote-unused'), undefined, 0);
    assert.equal(m.type, 2);
  });

  it('each problem is shown once, however many documents are checked', async () => {
    lsp.ready();
    const uri = virtualUri('second-doc.md');
    await lsp.open(uri, 'markdown', 'A claim.[^1]\n');
    await lsp.waitForDiagnostics(uri);
    const runMessages = lsp.messages.filter((m) => m.message.includes('policyBrief.run'));
    assert.equal(runMessages.length, 1, JSON.stringify(lsp.messages.map((m) => m.message)));
  });
});

describe('.policybrief.json in a workspace folder', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-brief-ws-'));
  const config = path.join(dir, '.policybrief.json');
  const brief = path.join(dir, 'brief.md');
  fs.writeFileSync(brief, plantedText);
  const options: ServerOptions = { workspaceFolders: [dir], settings: { policyBrief: { severity: { 'footnote-undefined': 'info' } } } };
  const lsp = serverForSuite(options);
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('invalid JSON: a message names the file, and the editor settings still apply', async () => {
    fs.writeFileSync(config, '{ "run": "onType", }');
    lsp.ready();
    await lsp.open(uriOf(brief), 'markdown', plantedText);
    const p = await lsp.waitForDiagnostics(uriOf(brief));
    assert.equal(withCode(p, 'footnote-undefined')[0]?.severity, 3, 'editor severity (info) still applies');
    const m = await lsp.waitForMessage((x) => x.message.includes('.policybrief.json'), undefined, 0);
    assert.ok(m.message.includes(config), `names the file: ${m.message}`);
  });

  it('an invalid value: a message names the setting in the file', async () => {
    lsp.ready();
    fs.writeFileSync(config, JSON.stringify({ run: 'sometimes' }));
    await lsp.filesChanged([{ uri: uriOf(config), type: 2 }]);
    const m = await lsp.waitForMessage((x) => x.message.includes('.policybrief.json') && x.message.includes('run'));
    assert.match(m.message, /\.policybrief\.json\.run/);
    const p = await lsp.waitForDiagnostics(uriOf(brief));
    assert.ok(hasCode('footnote-undefined')(p), 'diagnostics still arrive');
  });

  it('a valid file layers over the editor settings', async () => {
    lsp.ready();
    fs.writeFileSync(config, JSON.stringify({ severity: { 'footnote-unused': 'off' } }));
    await lsp.filesChanged([{ uri: uriOf(config), type: 2 }]);
    // A lint that began before the file changed may still publish once with the old settings:
    // what matters is that the settings file takes effect.
    const p = await lsp.waitForDiagnostics(uriOf(brief), lacksCode('footnote-unused'));
    assert.ok(lacksCode('footnote-unused')(p), `codes: ${codes(p)}`);
    assert.equal(withCode(p, 'footnote-undefined')[0]?.severity, 3, 'the editor setting the file does not name still applies');
  });
});

describe('documents with NUL bytes', () => {
  const lsp = serverForSuite();

  it('a Markdown document with NUL bytes gets an empty list and the server keeps working', async () => {
    lsp.ready();
    const uri = virtualUri('binary.md');
    await lsp.open(uri, 'markdown', 'PK\u0003\u0004\u0000\u0000 A claim.[^1]\u0000\n');
    const p = await lsp.waitForDiagnostics(uri);
    assert.deepEqual(p.diagnostics, []);

    // Requests on the document itself are answered, not crashed on …
    for (const [method, extra] of [
      ['textDocument/hover', { position: { line: 0, character: 9 } }],
      ['textDocument/definition', { position: { line: 0, character: 18 } }],
      ['textDocument/documentSymbol', {}],
      ['textDocument/documentLink', {}],
    ] as const) {
      if (!(lsp.initializeResult?.capabilities as Record<string, unknown>)[method.replace('textDocument/', '') + 'Provider']) continue;
      await lsp.request(method, { textDocument: { uri }, ...extra });
    }
    // … the server still answers (an unknown method is refused, not ignored) …
    await assert.rejects(lsp.request('policyBrief/harnessPing', {}), (e: { code?: number }) => e.code === -32601);
    // … and still checks documents.
    await lsp.open(uriOf(PLANTED), 'markdown', plantedText);
    const next = await lsp.waitForDiagnostics(uriOf(PLANTED));
    assert.ok(hasCode('footnote-undefined')(next));
    assert.equal(lsp.exited, false);
  });

  it('a policy-brief document with NUL bytes is not checked, and the writer is told why', async () => {
    lsp.ready();
    const uri = virtualUri('binary.brief');
    await lsp.open(uri, 'policy-brief', 'Title\n\nA claim.\u00b9\u0000\u0000\n');
    const p = await lsp.waitForDiagnostics(uri);
    assert.deepEqual(p.diagnostics, []);
    const m = await lsp.waitForMessage((x) => /NUL/.test(x.message));
    assert.match(m.message, /binary\.brief/);
    // Once the NUL bytes are gone (a whole-document change), it is checked again.
    const { text, position } = extractCursor('Title\n\nA claim.$0\u00b9\n');
    await lsp.change(uri, 2, [{ text }]);
    const fixed = await lsp.waitForDiagnostics(uri, (q) => q.version === 2);
    assert.deepEqual(withCode(fixed, 'footnote-undefined').map((d) => d.range.start), [position]);
    assert.equal(lsp.exited, false);
  });
});

describe('suppression comments', () => {
  const lsp = serverForSuite();

  it('<!-- policy-brief-disable-next-line footnote-undefined --> above line 43 of planted-public.md suppresses [^9]', async () => {
    lsp.ready();
    const lines = plantedText.split('\n');
    lines.splice(42, 0, '<!-- policy-brief-disable-next-line footnote-undefined -->');
    const text = lines.join('\n');
    const uri = virtualUri('planted-suppressed.md');
    await lsp.open(uri, 'markdown', text);
    const p = await lsp.waitForDiagnostics(uri);
    assert.deepEqual(withCode(p, 'footnote-undefined'), []);
    assert.ok(hasCode('footnote-unused')(p), 'other codes are still reported');
  });

  it('Markdown: disable-next-line suppresses only the next line and only the named code', async () => {
    lsp.ready();
    const { text, position } = extractCursor(
      [
        '# Title',
        '',
        'Intro text with a note.[^1]',
        '',
        '<!-- policy-brief-disable-next-line footnote-undefined -->',
        'A claim with a missing note.[^2]',
        '',
        '<!-- policy-brief-disable-next-line footnote-unused -->',
        'Another claim with a missing note.$0[^3]',
        '',
        '[^1]: A source.',
        '',
      ].join('\n'),
    );
    const uri = virtualUri('suppress-md.md');
    await lsp.open(uri, 'markdown', text);
    const p = await lsp.waitForDiagnostics(uri);
    const undef = withCode(p, 'footnote-undefined');
    assert.equal(undef.length, 1, JSON.stringify(undef));
    assert.deepEqual(undef[0].range.start, position);
  });

  it('plain text: %% policy-brief-disable … %% policy-brief-enable, and %% policy-brief-disable-next-line', async () => {
    lsp.ready();
    const { text, position } = extractCursor(
      [
        'Title',
        '',
        'Intro with a note.¹',
        '',
        '%% policy-brief-disable footnote-undefined',
        'A claim with a missing note.²',
        '%% policy-brief-enable footnote-undefined',
        '',
        'Another claim.$0³',
        '',
        '%% policy-brief-disable-next-line footnote-undefined',
        'Yet another claim.⁴',
        '',
        'Notes',
        '- ¹ A source.',
        '',
      ].join('\n'),
    );
    const uri = virtualUri('suppress-plain.brief');
    await lsp.open(uri, 'policy-brief', text);
    const p = await lsp.waitForDiagnostics(uri);
    const undef = withCode(p, 'footnote-undefined');
    assert.equal(undef.length, 1, JSON.stringify(undef.map((d: Diagnostic) => textAt(text, d.range))));
    assert.deepEqual(undef[0].range.start, position);
    assert.equal(textAt(text, undef[0].range), '³');
  });
});

// Keep the harness's own contract honest: helpers used above behave as documented.
describe('harness helpers', () => {
  it('extractCursor returns the UTF-16 position of $0 and removes it', () => {
    const { text, position, offset } = extractCursor('ab\r\n😀x$0y\nz');
    assert.equal(text, 'ab\r\n😀xy\nz');
    assert.deepEqual(position, { line: 1, character: 3 });
    assert.equal(offset, 7);
  });

  it('assertPartial checks only what the expectation states', () => {
    assertPartial({ a: 1, b: { c: [1, 2], d: 'x' } }, { b: { c: [1, 2] } });
    assert.throws(() => assertPartial({ a: 1 }, { a: 2 }), /\$\.a: expected 2, got 1/);
    assert.throws(() => assertPartial({ c: [1, 2] }, { c: [1] }), /expected an array of 1/);
  });

  it('a server that cannot start fails fast, is reported, and leaves no process behind', async () => {
    const lsp = new LspClient({ env: { NODE_OPTIONS: '--require=/nonexistent/policy-brief-harness-probe.js' } });
    await assert.rejects(lsp.start(), /exited while starting|error while starting|no response/);
    await lsp.shutdown();
    assert.equal(lsp.exited, true);
  });
});
