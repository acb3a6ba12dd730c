/**
 * Text from a brief is untrusted: a note can hold command: links, raw HTML, javascript:/data:/vscode:
 * URIs, or a URL written to break out of Markdown link syntax. Through the real server, hover and
 * completion text built from such notes must be inert (links only to http, https or mailto; no raw
 * HTML; no images), completion documentation plain text, and document links only http/https/mailto.
 * The client must not trust the Markdown it renders, and the manifest must say what the extension
 * does in an untrusted workspace.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import MarkdownIt from 'markdown-it';
import type { CompletionItem, DocumentLink, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CORPUS, extractCursor, PROJECT_ROOT, serverForSuite, uriOf } from './harness';

/** No suite may hang `npm test`: a stuck await fails its suite, naming it. */
const SUITE_TIMEOUT_MS = 180_000;

let n = 0;
const docUri = (name: string) => uriOf(path.join(CORPUS, `security-${++n}-${name}`));

/** Note texts written to smuggle something into a hover. */
const HOSTILE = [
  '[x](command:workbench.action.terminal.new)',
  '[x](command:workbench.action.terminal.new "title") and [y]( command:_workbench.downloadResource )',
  'raw <b>bold</b> and <script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[js](javascript:alert(1)) and bare javascript:alert(1) and [JS](JaVaScRiPt:alert(1))',
  '[d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) and data:text/html,<script>alert(1)</script>',
  '[v](vscode://vscode.git/clone?url=https://evil.example) and vscode:extension/evil.ext',
  '<command:workbench.action.terminal.new> <javascript:alert(1)> <file:///etc/passwd>',
  'https://example.org/a)(command:workbench.action.terminal.new) tries to close the link',
  'https://example.org/a b](command:workbench.action.terminal.new) tries a space',
  'https://example.org/x"onmouseover="alert(1) and https://example.org/<img/src=x/onerror=alert(1)>',
  '![img](https://evil.example/pixel.png) and ![x](command:workbench.action.terminal.new)',
  '&lt;b&gt;entity&lt;/b&gt; and &#60;img src=x onerror=alert(1)&#62; and &#x5B;x&#x5D;(command:foo)',
  '\\[x\\](command:workbench.action.terminal.new) and \\<b>escaped\\</b>',
  'file:///etc/passwd and [f](file:///etc/passwd) and [w](\\\\server\\share)',
  '[ref link][evil] with a definition on the same line [evil]: command:workbench.action.terminal.new',
  '`code` **bold** _it_ ~~s~~ # heading | a | b | --- <!-- comment -->',
  'Report, 2024, https://example.org/report?a=1&b=(2) and mailto:desk@example.org',
];

/**
 * URLs written so that, once put inside `[…](…)`, they close the link and open another one. The
 * URL extractor takes `)`, `[` and `]` as part of a URL, so the hover's link target must encode them.
 */
const BREAKOUT = [
  'https://example.org/a)[x](command:workbench.action.terminal.new)',
  'https://example.org/a)[x](command:workbench.action.terminal.new',
  'https://example.org/a\\)[x](javascript:alert(1))',
  '<https://example.org/a)[x](command:workbench.action.terminal.new)>',
];

/** Labels that are themselves hostile (a footnote label may hold anything but spaces and brackets). */
const HOSTILE_LABELS = ['<b>x</b>', '<img/src=x/onerror=alert(1)>', 'javascript:alert(1)', '*_`#'];

const ALLOWED_LINK = /^(https?:|mailto:)/i;

type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];

/**
 * Renders hover Markdown as a permissive renderer would (HTML on, bare URLs linked, every link
 * scheme kept) and returns what is not inert: raw HTML, images, and links to other schemes.
 */
function dangers(markdown: string): string[] {
  const md = new MarkdownIt({ html: true, linkify: true });
  md.validateLink = () => true;
  const out: string[] = [];
  const walk = (tokens: Token[]) => {
    for (const t of tokens) {
      if (t.type === 'html_inline' || t.type === 'html_block') out.push(`raw HTML ${JSON.stringify(t.content)}`);
      if (t.type === 'image') out.push(`image ${JSON.stringify(t.attrGet('src'))}`);
      if (t.type === 'link_open') {
        const href = String(t.attrGet('href') ?? '');
        if (!ALLOWED_LINK.test(href)) out.push(`link to ${JSON.stringify(href)}`);
      }
      if (t.children) walk(t.children);
    }
  };
  walk(md.parse(markdown, {}));
  // What a renderer decodes must not become a scheme either (a link is only a link if the parser made it one).
  for (const m of markdown.matchAll(/\]\(\s*<?([a-z][a-z0-9+.-]*):/gi)) if (!/^(https?|mailto)$/i.test(m[1])) out.push(`link syntax to ${m[1]}:`);
  return out;
}

/** The link targets a renderer finds in Markdown. */
function linkTargets(markdown: string): string[] {
  const md = new MarkdownIt({ html: true });
  md.validateLink = () => true;
  const out: string[] = [];
  const walk = (tokens: Token[]) => {
    for (const t of tokens) {
      if (t.type === 'link_open') out.push(String(t.attrGet('href') ?? ''));
      if (t.children) walk(t.children);
    }
  };
  walk(md.parse(markdown, {}));
  return out;
}

function hoverMarkdown(h: Hover | null): string {
  if (!h) return '';
  const c = h.contents as MarkupContent | string | { value: string } | (string | { value: string })[];
  if (typeof c === 'string') return c;
  if (Array.isArray(c)) return c.map((x) => (typeof x === 'string' ? x : x.value)).join('\n');
  return c.value;
}

function positionOf(text: string, needle: string, nth = 0) {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} not found`);
  return TextDocument.create('file:///x', 'x', 1, text).positionAt(at);
}

/** A Markdown brief citing each hostile note, an Ibid. of each, and markers with hostile labels and no note. */
function markdownBrief(): string {
  const claims = HOSTILE.map((_, i) => `Claim ${i}.[^h${i}] Again.[^i${i}]`).join(' ');
  const labels = HOSTILE_LABELS.map((l) => `Odd.[^${l}]`).join(' ');
  const notes = HOSTILE.map((h, i) => `[^h${i}]: ${h}\n[^i${i}]: Ibid., p. ${i + 1}`).join('\n');
  return `# Brief\n\n${claims}\n\n${labels}\n\n${notes}\n`;
}

/** The same notes in a plain-text superscript brief. */
function plainBrief(): string {
  const sup = (k: number) => String(k).split('').map((d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[+d]).join('');
  const claims = HOSTILE.map((_, i) => `Claim ${i}.${sup(2 * i + 1)} Again.${sup(2 * i + 2)}`).join(' ');
  const notes = HOSTILE.map((h, i) => `- ${sup(2 * i + 1)} ${h}\n- ${sup(2 * i + 2)} Ibid., p. ${i + 1}`).join('\n');
  return `Brief\n\n${claims}\n\nNotes\n\n${notes}\n`;
}

describe('hover and completion text from hostile notes is inert', { timeout: SUITE_TIMEOUT_MS }, () => {
  const lsp = serverForSuite();

  it('hover on every marker, Ibid. marker and note label of a Markdown brief: no raw HTML, no images, links only to http(s)/mailto', async () => {
    lsp.ready();
    const text = markdownBrief();
    const uri = docUri('hostile.md');
    await lsp.open(uri, 'markdown', text);
    const problems: string[] = [];
    let hovers = 0;
    const probe = async (needle: string, nth = 0) => {
      const h = await lsp.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, needle, nth) });
      const value = hoverMarkdown(h);
      if (value) hovers++;
      for (const d of dangers(value)) problems.push(`hover on ${needle}: ${d}\n  ${JSON.stringify(value)}`);
    };
    for (let i = 0; i < HOSTILE.length; i++) {
      await probe(`[^h${i}]`); // the marker: the note's text
      await probe(`[^i${i}]`); // the Ibid. marker: the note it repeats
      await probe(`[^h${i}]:`); // the note: where it is cited
    }
    for (const l of HOSTILE_LABELS) await probe(`[^${l}]`);
    assert.deepEqual(problems, []);
    assert.ok(hovers >= HOSTILE.length * 2, `hovers answered: ${hovers}`);
    // The safe URL is still a link, to the whole URL (its parentheses inside the target).
    const safe = hoverMarkdown(await lsp.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, `[^h${HOSTILE.length - 1}]`) }));
    assert.ok(linkTargets(safe).some((t) => decodeURI(t) === 'https://example.org/report?a=1&b=(2)'), `the safe URL is not a link: ${safe}`);
  });

  it('hover on the same notes in a plain-text superscript brief', async () => {
    lsp.ready();
    const text = plainBrief();
    const uri = docUri('hostile.brief');
    await lsp.open(uri, 'policy-brief', text);
    const problems: string[] = [];
    const model = TextDocument.create(uri, 'policy-brief', 1, text);
    // Every character of the claims line and the notes: whatever is under the cursor.
    const claimsLine = 2;
    const lineText = text.split('\n')[claimsLine];
    let hovers = 0;
    for (let c = 0; c < lineText.length; c++) {
      const h = await lsp.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: claimsLine, character: c } });
      const value = hoverMarkdown(h);
      if (value) hovers++;
      for (const d of dangers(value)) problems.push(`hover at ${claimsLine}:${c}: ${d}\n  ${JSON.stringify(value)}`);
    }
    for (let line = model.positionAt(text.indexOf('Notes')).line; line < model.lineCount; line++) {
      const h = await lsp.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character: 2 } });
      for (const d of dangers(hoverMarkdown(h))) problems.push(`hover on note line ${line}: ${d}`);
    }
    assert.deepEqual(problems, []);
    assert.ok(hovers > 0, 'the markers have hovers');
  });

  // Found by this file: safeLink "encoded" ( and ) with encodeURIComponent, which leaves them as they are, so
  // https://example.org/a)[x](command:…) in a note became a second link, to command: (fixed in 7b7fb42).
  it('a URL written to break out of the link syntax stays one link to http(s)', async () => {
    lsp.ready();
    const problems: string[] = [];
    for (const [i, url] of BREAKOUT.entries()) {
      for (const [languageId, text] of [
        ['markdown', `A claim.[^1]\n\n[^1]: Report, 2024, ${url} end\n`],
        ['policy-brief', `Brief\n\nA claim.¹\n\nNotes\n\n- ¹ Report, 2024, ${url} end\n`],
      ] as const) {
        const uri = docUri(`breakout-${i}.${languageId === 'markdown' ? 'md' : 'brief'}`);
        await lsp.open(uri, languageId, text);
        const value = hoverMarkdown(await lsp.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, languageId === 'markdown' ? '[^1]' : '¹') }));
        assert.ok(value, `a hover for ${url}`);
        for (const d of dangers(value)) problems.push(`${languageId} ${url}: ${d}\n  ${JSON.stringify(value)}`);
      }
    }
    assert.equal(problems.length, 0, `${problems.length} problems, e.g.:\n${problems.slice(0, 2).join('\n')}`);
  });

  it('completion after [^ offers the hostile notes as plain text only', async () => {
    lsp.ready();
    const { text, position } = extractCursor(markdownBrief().replace('# Brief\n\n', '# Brief\n\nNew claim.[^$0\n\n'));
    const uri = docUri('complete.md');
    await lsp.open(uri, 'markdown', text);
    const result = await lsp.request<CompletionItem[] | { items: CompletionItem[] } | null>('textDocument/completion', { textDocument: { uri }, position });
    const items = Array.isArray(result) ? result : (result?.items ?? []);
    assert.ok(items.length >= HOSTILE.length, `completion items: ${items.length}`);
    for (const item of items) {
      const doc = item.documentation;
      assert.ok(doc === undefined || typeof doc === 'string' || doc.kind === 'plaintext', `${item.label}: documentation is ${JSON.stringify(doc)}`);
      assert.ok(item.detail === undefined || typeof item.detail === 'string');
      assert.equal(item.command, undefined, `${item.label}: a completion carries a command`);
      assert.ok(!item.additionalTextEdits?.length, `${item.label}: a completion edits elsewhere`);
      // What it inserts is the label (and its bracket), never note text.
      assert.ok(item.insertText === undefined || item.insertText === item.label || item.insertText === `${item.label}]`, `${item.label}: inserts ${JSON.stringify(item.insertText)}`);
    }
  });
});

describe('document links', { timeout: SUITE_TIMEOUT_MS }, () => {
  const lsp = serverForSuite();

  for (const [name, languageId, build] of [
    ['hostile.md', 'markdown', markdownBrief],
    ['hostile.brief', 'policy-brief', plainBrief],
  ] as const) {
    it(`only http, https and mailto targets (${languageId})`, async () => {
      lsp.ready();
      const text = build();
      const uri = docUri(name);
      await lsp.open(uri, languageId, text);
      const links = (await lsp.request<DocumentLink[] | null>('textDocument/documentLink', { textDocument: { uri } })) ?? [];
      assert.ok(links.length > 0, 'the https URLs are linked');
      for (const l of links) {
        assert.match(l.target ?? '', ALLOWED_LINK, `link to ${l.target}`);
        assert.doesNotMatch(l.target ?? '', /[\s<>"`]/, `a link target with a space, quote or angle bracket: ${l.target}`);
      }
      const targets = links.map((l) => l.target ?? '');
      for (const bad of ['file:///etc/passwd', 'command:', 'javascript:', 'data:', 'vscode:', '\\\\server'])
        assert.ok(!targets.some((t) => t.toLowerCase().startsWith(bad.toLowerCase())), `a link to ${bad}`);
    });
  }

  it('a note with only file:, command: and javascript: URLs gets no link', async () => {
    lsp.ready();
    const text = 'A claim.[^1]\n\n[^1]: See file:///etc/passwd, <file:///etc/shadow>, command:workbench.action.terminal.new and javascript:alert(1), also [x](command:foo).\n';
    const uri = docUri('no-links.md');
    await lsp.open(uri, 'markdown', text);
    const links = (await lsp.request<DocumentLink[] | null>('textDocument/documentLink', { textDocument: { uri } })) ?? [];
    assert.deepEqual(links, []);
  });
});

describe('the client and the manifest', { timeout: SUITE_TIMEOUT_MS }, () => {
  const read = (p: string) => fs.readFileSync(path.join(PROJECT_ROOT, p), 'utf8');

  it('the language client renders server Markdown untrusted and without HTML', () => {
    const client = read('client/src/client.ts');
    assert.match(client, /markdown:\s*\{\s*isTrusted:\s*false,\s*supportHtml:\s*false\s*\}/, 'LanguageClientOptions.markdown is { isTrusted: false, supportHtml: false }');
  });

  it('no MarkdownString in the client is trusted, enables HTML or command links', () => {
    const dir = path.join(PROJECT_ROOT, 'client', 'src');
    const offenders: string[] = [];
    for (const f of fs.readdirSync(dir, { recursive: true }) as string[]) {
      if (!/\.ts$/.test(f)) continue;
      const src = fs.readFileSync(path.join(dir, f), 'utf8');
      for (const [re, what] of [
        [/isTrusted\s*[:=]\s*(true|\{)/, 'isTrusted'],
        [/supportHtml\s*[:=]\s*true/, 'supportHtml'],
        [/enabledCommands/, 'enabledCommands'],
        [/new\s+(?:vscode\.)?MarkdownString\([^)]*,\s*true\s*\)/, 'MarkdownString(…, supportThemeIcons) with untrusted text'],
      ] as const)
        if (re.test(src)) offenders.push(`${f}: ${what}`);
    }
    assert.deepEqual(offenders, []);
  });

  it('package.json declares capabilities.untrustedWorkspaces, and no setting names a program, path or command to run', () => {
    const pkg = JSON.parse(read('package.json'));
    const untrusted = pkg.capabilities?.untrustedWorkspaces;
    assert.ok(untrusted, 'capabilities.untrustedWorkspaces is declared');
    assert.ok(untrusted.supported === true || untrusted.supported === 'limited' || untrusted.supported === false, `supported: ${JSON.stringify(untrusted.supported)}`);
    if (untrusted.supported !== false) assert.ok(typeof untrusted.description === 'string' && untrusted.description.length > 0, 'a description says why it is safe');
    if (untrusted.supported === 'limited') assert.ok(Array.isArray(untrusted.restrictedConfigurations), 'limited support lists the restricted settings');
    // Declared supported: then no setting may point at something to execute (a workspace could set it).
    const props = Object.keys(pkg.contributes?.configuration?.properties ?? {});
    const risky = props.filter((p) => /path|command|executable|exec|script|runtime|module|plugin|node|shell/i.test(p));
    assert.deepEqual(risky, [], 'settings a hostile workspace could point at a program');
  });
});
