/**
 * The TextMate grammars in syntaxes/: `text.policy-brief` (the policy-brief language) and the
 * `markdown.policy-brief.injection` grammar injected into Markdown.
 *
 * The scope assertions live in tests/grammar/*.test (vscode-tmgrammar-test's format: a header line
 * `// SYNTAX TEST "<scope>" "<description>"`, then source lines, each followed by `//` lines of `^`/`<-`
 * assertions). They are run here by spawning the tool's own bin with `node`; the injection test file
 * (`*.md.test`) uses tests/grammar/stub-markdown.tmLanguage.json as its base grammar, because no Markdown
 * grammar ships in node_modules.
 *
 * Run alone: node --import tsx --test tests/grammar/grammar.test.ts
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';

const ROOT = path.resolve(__dirname, '..', '..');
const GRAMMAR_DIR = path.join(ROOT, 'tests', 'grammar');
const MAIN_GRAMMAR = path.join(ROOT, 'syntaxes', 'policy-brief.tmLanguage.json');
const INJECTION_GRAMMAR = path.join(ROOT, 'syntaxes', 'policy-brief-markdown-injection.tmLanguage.json');
const STUB_MARKDOWN = path.join(GRAMMAR_DIR, 'stub-markdown.tmLanguage.json');
const LANGUAGE_CONFIGURATION = path.join(ROOT, 'language-configuration.json');

const MAIN_SCOPE = 'text.policy-brief';
const INJECTION_SCOPE = 'markdown.policy-brief.injection';
const INJECTION_SELECTOR = 'L:text.html.markdown -markup.fenced_code -markup.inline.raw -comment';

/** vscode-tmgrammar-test's package.json, resolved the way Node resolves it (no npx, no PATH). */
const TOOL_PACKAGE_JSON = require.resolve('vscode-tmgrammar-test/package.json');
const TOOL_BIN = path.join(
  path.dirname(TOOL_PACKAGE_JSON),
  (JSON.parse(fs.readFileSync(TOOL_PACKAGE_JSON, 'utf8')) as { bin: Record<string, string> }).bin['vscode-tmgrammar-test'],
);
/** vscode-textmate and vscode-oniguruma as the tool itself loads them. */
const toolRequire = createRequire(TOOL_PACKAGE_JSON);

interface Run {
  status: number | null;
  output: string;
}

let tmp: string;
/**
 * A --config file for the tool. `-g` alone cannot register an injection (the tool takes `injectTo` only from
 * a package.json-style `contributes.grammars`), and pointing --config at a file of our own keeps the run
 * independent of whatever the extension's package.json contributes. Paths are relative to the config file.
 */
let toolConfig: string;

function runTool(testFiles: string[]): Run {
  const args = [TOOL_BIN, '--config', toolConfig, '-g', MAIN_GRAMMAR, '-g', STUB_MARKDOWN, ...testFiles];
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

function readJson(file: string): any {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

const testFiles = fs
  .readdirSync(GRAMMAR_DIR)
  .filter((f) => f.endsWith('.test'))
  .sort()
  .map((f) => path.join(GRAMMAR_DIR, f));

before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-brief-grammar-'));
  toolConfig = path.join(tmp, 'package.json');
  fs.writeFileSync(
    toolConfig,
    JSON.stringify({
      contributes: {
        grammars: [{ scopeName: INJECTION_SCOPE, path: path.relative(tmp, INJECTION_GRAMMAR), injectTo: ['text.html.markdown'] }],
      },
    }),
  );
});

after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('grammar files', () => {
  it('declare the scope names and injection selector the extension manifest refers to', () => {
    const main = readJson(MAIN_GRAMMAR);
    assert.equal(main.scopeName, MAIN_SCOPE);
    const injection = readJson(INJECTION_GRAMMAR);
    assert.equal(injection.scopeName, INJECTION_SCOPE);
    assert.equal(injection.injectionSelector, INJECTION_SELECTOR);
    assert.equal(readJson(STUB_MARKDOWN).scopeName, 'text.html.markdown');
  });

  it('every regex compiles in Oniguruma', async () => {
    const onig = toolRequire('vscode-oniguruma');
    const wasm = fs.readFileSync(path.join(path.dirname(toolRequire.resolve('vscode-oniguruma')), 'onig.wasm'));
    await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const bad: string[] = [];
    let count = 0;
    const visit = (node: unknown, where: string): void => {
      if (Array.isArray(node)) {
        node.forEach((n, i) => visit(n, `${where}[${i}]`));
        return;
      }
      if (!node || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node)) {
        if (['match', 'begin', 'end', 'while'].includes(key) && typeof value === 'string') {
          // end/while may refer back to begin's captures (\1): vscode-textmate substitutes those first.
          const source = key === 'end' || key === 'while' ? value.replace(/\\(\d)/g, 'x') : value;
          count++;
          try {
            new onig.OnigScanner([source]).dispose();
          } catch (e) {
            bad.push(`${where}.${key}: ${value} (${(e as Error).message})`);
          }
        } else {
          visit(value, `${where}.${key}`);
        }
      }
    };
    for (const file of [MAIN_GRAMMAR, INJECTION_GRAMMAR, STUB_MARKDOWN]) visit(readJson(file), path.basename(file));
    assert.ok(count > 20, `only ${count} regexes found`);
    assert.deepEqual(bad, []);
  });

  it("package.json's contributes, when present, point at these files", (t) => {
    const manifest = readJson(path.join(ROOT, 'package.json'));
    const grammars: { language?: string; scopeName: string; path: string; injectTo?: string[] }[] | undefined = manifest.contributes?.grammars;
    if (!grammars) {
      t.skip('package.json has no contributes.grammars yet');
      return;
    }
    for (const g of grammars) {
      const file = path.resolve(ROOT, g.path);
      assert.ok(fs.existsSync(file), `${g.path} does not exist`);
      assert.equal(readJson(file).scopeName, g.scopeName, `${g.path}: scopeName`);
    }
    const main = grammars.find((g) => g.scopeName === MAIN_SCOPE);
    assert.equal(main?.language, 'policy-brief');
    assert.deepEqual(grammars.find((g) => g.scopeName === INJECTION_SCOPE)?.injectTo, ['text.html.markdown']);
    const language = manifest.contributes?.languages?.find((l: { id: string }) => l.id === 'policy-brief');
    if (language?.configuration) assert.equal(path.resolve(ROOT, language.configuration), LANGUAGE_CONFIGURATION);
  });
});

describe('vscode-tmgrammar-test', () => {
  it('finds the test files', () => {
    const names = testFiles.map((f) => path.basename(f));
    assert.ok(names.some((n) => n.endsWith('.brief.test')), names.join(', '));
    assert.ok(names.some((n) => n.endsWith('.md.test')), names.join(', '));
  });

  it('passes every scope assertion in tests/grammar/*.test', () => {
    const r = runTool(testFiles);
    assert.equal(r.status, 0, `vscode-tmgrammar-test failed:\n${r.output}`);
    for (const f of testFiles) assert.match(r.output, new RegExp(`${path.basename(f).replace(/\./g, '\\.')} run successful`));
  });

  it('exits non-zero on a wrong expectation (so the test above can fail)', () => {
    const wrong = path.join(tmp, 'wrong.brief.test');
    fs.writeFileSync(
      wrong,
      [
        `// SYNTAX TEST "${MAIN_SCOPE}" "deliberately wrong expectations"`,
        'Kabul fell in 2021.¹ See [1](http://x).',
        '//                 ^ keyword.other.ibid.policy-brief',
        '//                        ^^^ constant.other.reference.marker.bracket.policy-brief',
        '',
      ].join('\n'),
    );
    const r = runTool([wrong]);
    assert.notEqual(r.status, 0, `expected a failure, got:\n${r.output}`);
    assert.match(r.output, /wrong\.brief\.test failed/);
    assert.match(r.output, /keyword\.other\.ibid\.policy-brief/);
    assert.match(r.output, /constant\.other\.reference\.marker\.bracket\.policy-brief/);
  });

  it('exits non-zero when an injection expectation is wrong', () => {
    const wrong = path.join(tmp, 'wrong.md.test');
    fs.writeFileSync(
      wrong,
      [
        '// SYNTAX TEST "text.html.markdown" "deliberately wrong expectations"',
        '```',
        'code [^1]',
        '//   ^^^^ constant.other.reference.marker.footnote.policy-brief',
        '```',
        '',
      ].join('\n'),
    );
    const r = runTool([wrong]);
    assert.notEqual(r.status, 0, `expected a failure, got:\n${r.output}`);
    assert.match(r.output, /wrong\.md\.test failed/);
  });
});

describe('tokenizing', () => {
  interface Token {
    startIndex: number;
    endIndex: number;
    scopes: string[];
  }
  interface Grammar {
    tokenizeLine(line: string, stack: unknown): { tokens: Token[]; ruleStack: unknown };
  }
  let grammar: Grammar;
  let initial: unknown;

  before(async () => {
    const tm = toolRequire('vscode-textmate');
    const onig = toolRequire('vscode-oniguruma');
    const wasm = fs.readFileSync(path.join(path.dirname(toolRequire.resolve('vscode-oniguruma')), 'onig.wasm'));
    await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength)).catch(() => {
      /* already loaded by the Oniguruma test above */
    });
    const registry = new tm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new onig.OnigScanner(patterns),
        createOnigString: (s: string) => new onig.OnigString(s),
      }),
      loadGrammar: async (scopeName: string) =>
        scopeName === MAIN_SCOPE ? tm.parseRawGrammar(fs.readFileSync(MAIN_GRAMMAR, 'utf8'), MAIN_GRAMMAR) : null,
    });
    grammar = await registry.loadGrammar(MAIN_SCOPE);
    initial = tm.INITIAL;
  });

  function tokenize(text: string): { line: string; tokens: Token[] }[] {
    let stack = initial;
    return text.split(/\r?\n/).map((line) => {
      const r = grammar.tokenizeLine(line, stack);
      stack = r.ruleStack;
      return { line, tokens: r.tokens };
    });
  }

  it('stays linear on pathological lines (no catastrophic backtracking)', () => {
    const n = 20_000;
    const lines = [
      `[${'1, '.repeat(n)}`, // an unclosed bracket group
      `[${'1–2, '.repeat(n / 2)}x]`, // a bracket group that fails at the very end
      `https://x.org/${'.,;:!?'.repeat(n / 6)}`, // a URL followed by only trailing punctuation
      `<!-- policy-brief-disable ${'a '.repeat(n)}`, // an unterminated suppression comment
      `# ${' '.repeat(n)}x`, // a heading with a long run of spaces
      `${'`'.repeat(50)}${'x`'.repeat(n / 2)}`, // inline-code runs that never close
      `[^${'a'.repeat(n)}`, // an unclosed footnote marker
      `${'¹'.repeat(n)}[${'('.repeat(n)}`,
      `- ${'⁵'.repeat(n)} ${'Ibid. '.repeat(n / 6)}`,
    ];
    for (const line of lines) {
      const start = process.hrtime.bigint();
      tokenize(line);
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      assert.ok(ms < 2_000, `${ms.toFixed(0)} ms on a ${line.length}-char line starting ${JSON.stringify(line.slice(0, 30))}`);
    }
  });

  it('tokenizes the corpus briefs, when present, quickly and finds their markers', (t) => {
    const corpus = path.join(ROOT, 'tests', 'fixtures', 'corpus');
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.(md|txt|brief)$/.test(e.name)) files.push(p);
      }
    };
    if (fs.existsSync(corpus)) walk(corpus);
    if (files.length === 0) {
      t.skip('no corpus under tests/fixtures/corpus');
      return;
    }
    let markers = 0;
    for (const file of files) {
      const start = process.hrtime.bigint();
      const lines = tokenize(fs.readFileSync(file, 'utf8'));
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      assert.ok(ms < 5_000, `${path.relative(ROOT, file)}: ${ms.toFixed(0)} ms`);
      for (const { tokens } of lines) markers += tokens.filter((tok) => tok.scopes.some((s) => s.startsWith('constant.other.reference.marker.'))).length;
    }
    assert.ok(markers > 0, 'no citation markers found in the corpus');
  });
});

describe('language-configuration.json', () => {
  const config = readJson(LANGUAGE_CONFIGURATION);

  it('uses HTML block comments and pairs brackets and quotes', () => {
    assert.deepEqual(config.comments, { blockComment: ['<!--', '-->'] });
    const opens = config.autoClosingPairs.map((p: { open: string }) => p.open);
    for (const ch of ['[', '(', '{', '"', '“']) assert.ok(opens.includes(ch), `no auto-closing pair for ${ch}`);
    assert.deepEqual(config.brackets[0], ['[', ']']);
  });

  it('its wordPattern keeps the caret of [^label] and splits superscript markers from words', () => {
    const re = new RegExp(config.wordPattern.pattern, config.wordPattern.flags);
    const words = (s: string) => s.match(re) ?? [];
    assert.deepEqual(words('fell in 2021.[^kabul-1] Then'), ['fell', 'in', '2021', '^kabul-1', 'Then']);
    assert.deepEqual(words('the Taliban’s takeover”¹⁷ and'), ['the', 'Taliban’s', 'takeover', '¹⁷', 'and']);
    assert.deepEqual(words('[^'), ['^']);
    assert.deepEqual(words('a ^ b [2, 3]'), ['a', 'b', '2', '3']);
  });
});
