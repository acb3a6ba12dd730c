/**
 * The command-line linter as CI runs it: `node bin/policy-brief-lint.js` on real files (the bundle in
 * dist/ must be built: `npm test` builds first). Exit status, output formats, settings files.
 */
import * as assert from 'node:assert/strict';
import type { JsonFinding } from '../../server/src/cli/main';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'policy-brief-lint.js');
const CORPUS = 'tests/fixtures/corpus';
const FIX = 'tests/fixtures/cli';
const PLANTED = `${CORPUS}/planted-public.md`;
const SEED_001 = `${CORPUS}/seeds/001_f6a241fe662aad72.txt`;
/** A fully clean brief (seed 001 has one info finding: its repeated Overview sentence). */
const CLEAN = path.join(ROOT, 'tests', 'fixtures', 'footnotes', 'superscript-clean.brief');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Every run of these tests caches its results here, never in the user's cache folder. */
const CACHE = fs.mkdtempSync(path.join(os.tmpdir(), 'pb-cli-cache-'));
after(() => fs.rmSync(CACHE, { recursive: true, force: true }));

/** Runs the CLI to completion (spawnSync: nothing can outlive the call; the timeout kills a hang). */
function lint(args: string[], cwd = ROOT, cacheDir = CACHE, env: NodeJS.ProcessEnv = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, POLICY_BRIEF_CACHE_DIR: cacheDir, ...env } });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}


function lintJson(args: string[], cwd = ROOT): Run & { findings: JsonFinding[] } {
  const r = lint(['--format', 'json', ...args], cwd);
  let findings: JsonFinding[];
  try {
    findings = JSON.parse(r.stdout);
  } catch (e) {
    throw new Error(`stdout is not one JSON document: ${(e as Error).message}\n${r.stdout.slice(0, 500)}\nstderr: ${r.stderr}`);
  }
  return { ...r, findings };
}

const show = (r: Run) => `status ${r.status}\nstdout: ${r.stdout.slice(0, 1000)}\nstderr: ${r.stderr.slice(0, 1000)}`;

/** 1-based line and UTF-16 column of the only `needle` on a 1-based line that is not followed by `notFollowedBy`. */
function locate(file: string, line1: number, needle: string, notFollowedBy?: string) {
  const text = fs.readFileSync(path.resolve(ROOT, file), 'utf8');
  const lineText = text.split(/\r\n|\r|\n/)[line1 - 1];
  const hits: number[] = [];
  for (let i = lineText.indexOf(needle); i >= 0; i = lineText.indexOf(needle, i + 1)) if (!notFollowedBy || !lineText.startsWith(notFollowedBy, i + needle.length)) hits.push(i);
  assert.equal(hits.length, 1, `one ${needle} on line ${line1} of ${file}`);
  // JavaScript string indices are UTF-16 code units, which is what the columns count.
  return { line: line1, column: hits[0] + 1, endLine: line1, endColumn: hits[0] + 1 + needle.length };
}

let tmp: string;
before(() => {
  assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'cli.js')), 'dist/cli.js is missing: run `npm run build` first');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-brief-cli-'));
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('exit status', () => {
  it('0 on seed 001 (no error findings)', () => {
    const r = lint([SEED_001]);
    assert.equal(r.status, 0, show(r));
    assert.equal(r.stderr, '');
  });

  it('1 on planted-public.md (an error finding)', () => {
    const r = lint([PLANTED]);
    assert.equal(r.status, 1, show(r));
    assert.match(r.stdout, /planted-public\.md:43:\d+: error footnote-undefined/);
  });

  it('0 when the only findings are warnings', () => {
    const file = path.join(tmp, 'warnings-only.md');
    fs.writeFileSync(file, '# Brief\n\nA claim.[^1]\n\n[^1]: A source.\n[^2]: Never cited.\n');
    const r = lintJson([file]);
    assert.deepEqual(r.findings.map((f) => [f.code, f.severity]), [['footnote-unused', 'warning']]);
    assert.equal(r.status, 0, show(r));
  });

  const usage: [string, string[], RegExp][] = [
    ['an unknown option', ['--bogus', SEED_001], /Unknown option --bogus/],
    ['an unknown format', ['--format', 'xml', SEED_001], /format/i],
    ['--format with no value', [SEED_001, '--format'], /--format needs a value/],
    ['a missing file', [`${CORPUS}/no-such-file.md`], /no-such-file\.md: no such file/],
    ['no paths', [], /No files given/],
    ['a missing --config file', ['--config', `${FIX}/no-such-config.json`, SEED_001], /config file not found: .*no-such-config\.json/],
  ];
  for (const [what, args, message] of usage) {
    it(`2 on ${what}, with a clear message on stderr`, () => {
      const r = lint(args);
      assert.equal(r.status, 2, show(r));
      assert.match(r.stderr, message);
      assert.match(r.stderr, /^policy-brief-lint: /, 'messages name the tool');
    });
  }

  it('2 on a binary file with NUL bytes given by name, with a clear message', () => {
    const file = path.join(tmp, 'binary.brief');
    fs.writeFileSync(file, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x41, 0x0a]));
    const r = lint([file]);
    assert.equal(r.status, 2, show(r));
    assert.match(r.stderr, /binary\.brief: contains NUL bytes/);
  });

  it('a missing file among good ones still exits 2, and the good ones are still checked', () => {
    const r = lintJson([PLANTED, `${CORPUS}/no-such-file.md`]);
    assert.equal(r.status, 2, show(r));
    assert.ok(r.findings.some((f) => f.code === 'footnote-undefined'));
  });

  it('--help and --version exit 0', () => {
    assert.equal(lint(['--help']).status, 0);
    assert.match(lint(['--version']).stdout, /^\d+\.\d+\.\d+\n$/);
  });
});

describe('--format json', () => {
  it('prints one array of {file, line, column, endLine, endColumn, severity, code, message}', () => {
    const r = lintJson([PLANTED]);
    assert.equal(r.status, 1);
    assert.ok(Array.isArray(r.findings) && r.findings.length > 0);
    for (const f of r.findings) {
      assert.deepEqual(Object.keys(f).sort(), ['code', 'column', 'endColumn', 'endLine', 'file', 'line', 'message', 'severity']);
      assert.equal(f.file, PLANTED, 'the path as given');
      for (const k of ['line', 'column', 'endLine', 'endColumn'] as const) assert.ok(Number.isInteger(f[k]) && f[k] >= 1, `${k} is 1-based: ${JSON.stringify(f)}`);
      assert.ok(f.endLine > f.line || (f.endLine === f.line && f.endColumn >= f.column));
      assert.ok(['error', 'warning', 'info', 'hint'].includes(f.severity));
      assert.ok(f.message.length > 0);
    }
  });

  it('the [^9] finding of planted-public.md is at the line and UTF-16 column computed from the file', () => {
    const r = lintJson([PLANTED]);
    const undef = r.findings.filter((f) => f.code === 'footnote-undefined');
    assert.equal(undef.length, 1);
    assert.deepEqual({ line: undef[0].line, column: undef[0].column, endLine: undef[0].endLine, endColumn: undef[0].endColumn }, locate(PLANTED, 43, '[^9]', ':'));
    assert.equal(undef[0].severity, 'error');
    const unused = r.findings.filter((f) => f.code === 'footnote-unused');
    assert.deepEqual(unused.map((f) => [f.line, f.column]), [[122, 1]]);
  });

  it('columns count UTF-16 code units: astral characters before a marker count two', () => {
    const file = `${FIX}/utf16.md`;
    const r = lintJson([file]);
    const expected = locate(file, 3, '[^2]');
    const lineText = fs.readFileSync(path.resolve(ROOT, file), 'utf8').split('\n')[2];
    // Code points and UTF-16 units differ on this line: a column in code points would be wrong.
    assert.notEqual([...lineText.slice(0, expected.column - 1)].length + 1, expected.column);
    assert.deepEqual(
      r.findings.map((f) => ({ line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn, code: f.code })),
      [{ ...expected, code: 'footnote-undefined' }],
    );
  });

  it('CRLF line endings give the same lines and columns', () => {
    const file = path.join(tmp, 'planted-crlf.md');
    fs.writeFileSync(file, fs.readFileSync(path.resolve(ROOT, PLANTED), 'utf8').replace(/\n/g, '\r\n'));
    const lf = lintJson([PLANTED]).findings.map(({ file: _f, ...rest }) => rest);
    const crlf = lintJson([file]).findings.map(({ file: _f, ...rest }) => rest);
    assert.deepEqual(crlf, lf);
  });

  it('no findings: an empty array', () => {
    const r = lintJson([CLEAN]);
    assert.deepEqual(r.findings, []);
    assert.equal(r.status, 0);
  });

  it('several files: still one array', () => {
    const r = lintJson([PLANTED, `${FIX}/utf16.md`]);
    assert.deepEqual([...new Set(r.findings.map((f) => f.file))], [PLANTED, `${FIX}/utf16.md`]);
  });
});

describe('--format sarif', () => {
  /** Structural checks of SARIF 2.1.0 for what code-scanning consumers read (no network, no schema download). */
  function validateSarif(log: any): void {
    assert.equal(log.version, '2.1.0');
    assert.equal(typeof log.$schema, 'string');
    assert.match(log.$schema, /sarif-(schema-)?2\.1\.0(\.json)?$/);
    assert.ok(Array.isArray(log.runs) && log.runs.length === 1, 'one run');
    const run = log.runs[0];
    const driver = run.tool?.driver;
    assert.equal(typeof driver?.name, 'string');
    assert.ok(driver.name.length > 0);
    assert.ok(Array.isArray(driver.rules));
    const ids = driver.rules.map((r: any) => r.id);
    assert.equal(new Set(ids).size, ids.length, 'rule ids are unique');
    for (const rule of driver.rules) {
      assert.match(rule.id, /^[a-z]+(-[a-z]+)*$/);
      assert.equal(typeof rule.shortDescription?.text, 'string');
      if (rule.defaultConfiguration?.level !== undefined) assert.ok(['none', 'note', 'warning', 'error'].includes(rule.defaultConfiguration.level));
    }
    assert.ok(Array.isArray(run.results));
    for (const res of run.results) {
      assert.ok(ids.includes(res.ruleId), `ruleId ${res.ruleId} is a rule`);
      if (res.ruleIndex !== undefined) assert.equal(driver.rules[res.ruleIndex].id, res.ruleId, 'ruleIndex points at the rule');
      assert.ok(['none', 'note', 'warning', 'error'].includes(res.level), `level ${res.level}`);
      assert.equal(typeof res.message?.text, 'string');
      assert.ok(res.message.text.length > 0);
      const loc = res.locations?.[0]?.physicalLocation;
      assert.equal(typeof loc?.artifactLocation?.uri, 'string');
      const region = loc.region;
      assert.ok(Number.isInteger(region?.startLine) && region.startLine >= 1);
      assert.ok(Number.isInteger(region.startColumn) && region.startColumn >= 1);
      if (region.endLine !== undefined) assert.ok(region.endLine >= region.startLine);
      if (region.endColumn !== undefined && region.endLine === region.startLine) assert.ok(region.endColumn >= region.startColumn);
    }
    if (run.columnKind !== undefined) assert.ok(['utf16CodeUnits', 'unicodeCodePoints'].includes(run.columnKind));
  }

  it('is valid SARIF 2.1.0 with a rule for every check and results for the findings', () => {
    const r = lint(['--format', 'sarif', PLANTED]);
    assert.equal(r.status, 1, show(r));
    const log = JSON.parse(r.stdout);
    validateSarif(log);
    const run = log.runs[0];
    assert.equal(run.tool.driver.name, 'policy-brief-lint');
    const json = lintJson([PLANTED]).findings;
    assert.equal(run.results.length, json.length);
    const undef = run.results.find((x: any) => x.ruleId === 'footnote-undefined');
    assert.equal(undef.level, 'error');
    assert.equal(undef.locations[0].physicalLocation.artifactLocation.uri, PLANTED);
    const j = json.find((f) => f.code === 'footnote-undefined')!;
    assert.deepEqual(undef.locations[0].physicalLocation.region, { startLine: j.line, startColumn: j.column, endLine: j.endLine, endColumn: j.endColumn });
    assert.equal(run.results.find((x: any) => x.ruleId === 'footnote-unused').level, 'warning');
  });

  it('no findings: still a valid log with the rules and no results', () => {
    const r = lint(['--format', 'sarif', CLEAN]);
    const log = JSON.parse(r.stdout);
    validateSarif(log);
    assert.deepEqual(log.runs[0].results, []);
    assert.ok(log.runs[0].tool.driver.rules.length > 0);
  });

  it(
    'artifactLocation.uri is a valid URI reference that resolves to the file, whatever its name',
    () => {
      const dir = path.join(tmp, 'sarif names');
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, 'my brief #2.md');
      fs.writeFileSync(file, 'A claim.[^1]\n');
      const r = lint(['--format', 'sarif', path.relative(tmp, file)], tmp);
      const uri: string = JSON.parse(r.stdout).runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri;
      assert.match(uri, /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*$/, `only URI characters: ${uri}`);
      assert.equal(fileURLToPath(new URL(uri, pathToFileURL(tmp + path.sep))), file);
    },
  );
});

describe('settings files', () => {
  it('--config with a file that sets a severity to off changes the output', () => {
    const before = lintJson([PLANTED]).findings.map((f) => f.code);
    assert.ok(before.includes('footnote-unused'));
    for (const args of [['--config', `${FIX}/unused-off.json`], [`--config=${FIX}/unused-off.json`]]) {
      const r = lintJson([...args, PLANTED]);
      const codes = r.findings.map((f) => f.code);
      assert.ok(!codes.includes('footnote-unused'), JSON.stringify(codes));
      assert.ok(codes.includes('footnote-undefined'));
      assert.equal(r.stderr, '');
      assert.equal(r.status, 1);
    }
  });

  it('an invalid .policybrief.json: a readable message naming each setting; the exit status still follows the findings', () => {
    const clean = lint([`${FIX}/invalid-config/clean.md`]);
    assert.equal(clean.status, 0, show(clean));
    assert.match(clean.stderr, /\.policybrief\.json/);
    assert.match(clean.stderr, /\brun\b.*"sometimes"/);
    assert.match(clean.stderr, /severity\.footnote-unused.*"loud"/);
    assert.match(clean.stderr, /default/i);
    assert.equal(clean.stderr.trim().split('\n').length, 2, 'one line per problem');

    const withError = lint([`${FIX}/invalid-config/with-error.md`]);
    assert.equal(withError.status, 1, show(withError));
    assert.match(withError.stderr, /severity\.footnote-unused/);
  });

  it('the problems of a settings file are reported once, however many files use it', () => {
    const r = lint([`${FIX}/invalid-config/clean.md`, `${FIX}/invalid-config/with-error.md`]);
    assert.equal(r.status, 1);
    assert.equal(r.stderr.match(/severity\.footnote-unused/g)?.length, 1, r.stderr);
  });

  it('a .policybrief.json with a JSON syntax error: a message naming the file, and the defaults apply', () => {
    // The broken settings file of fixtures/cli/broken-json/, beside the same clean brief as invalid-config's.
    const dir = path.join(tmp, 'broken-json');
    fs.mkdirSync(dir);
    fs.copyFileSync(`${FIX}/broken-json/.policybrief.json`, path.join(dir, '.policybrief.json'));
    fs.copyFileSync(`${FIX}/invalid-config/clean.md`, path.join(dir, 'clean.md'));
    const r = lint([path.join(dir, 'clean.md')]);
    assert.equal(r.status, 0, show(r));
    assert.match(r.stderr, /broken-json[\\/]\.policybrief\.json/);
  });

  it('an invalid --config file is reported the same way', () => {
    const r = lintJson(['--config', `${FIX}/invalid-config/.policybrief.json`, PLANTED]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /severity\.footnote-unused/);
    assert.ok(r.findings.some((f) => f.code === 'footnote-unused'), 'the invalid value falls back to the default (on)');
  });
});

describe('folders', () => {
  it('a folder argument finds the briefs inside it (sub-folders too), skipping hidden folders and files that are not briefs', () => {
    const r = lintJson([`${FIX}/folder`]);
    assert.equal(r.status, 1, show(r));
    assert.deepEqual(
      r.findings.map((f) => [f.file.split(path.sep).join('/'), f.code]),
      [[`${FIX}/folder/report.md`, 'footnote-undefined']],
    );
    const text = lint([`${FIX}/folder`]);
    assert.match(text.stdout, /in 2 files\.\n$/, 'report.md and sub/memo.brief are checked; readme.md has no notes; .hidden is skipped');
  });

  it('the corpus folder: every brief with notes is checked', () => {
    const r = lintJson([CORPUS]);
    const files = new Set(r.findings.map((f) => f.file.split(path.sep).join('/')));
    assert.ok(files.has(PLANTED));
    assert.ok(files.has(`${CORPUS}/external/cncf-cloud-native-security-whitepaper-v1.md`));
    assert.ok(!files.has(`${CORPUS}/README.md`));
    assert.equal(r.status, 1);
  });

  it('a binary file found in a folder is skipped with a note, without failing the run', () => {
    const dir = path.join(tmp, 'with-binary');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'data.txt'), Buffer.from([0x00, 0x01, 0x02, 0x0a]));
    fs.writeFileSync(path.join(dir, 'brief.md'), '# B\n\nA claim.[^1]\n\n[^1]: A source.\n');
    const r = lint([dir]);
    assert.equal(r.status, 0, show(r));
    assert.match(r.stderr, /data\.txt: contains NUL bytes/);
  });
});

describe('result cache', () => {
  let dir: string;
  let cacheDir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pb-cache-'));
    cacheDir = path.join(dir, 'cache');
    fs.copyFileSync(path.resolve(ROOT, PLANTED), path.join(dir, 'planted.md'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const entries = () => fs.readdirSync(path.join(cacheDir, 'v2')).filter((n) => n.endsWith('.json'));
  const run = (...args: string[]) => lint(['--format', 'json', ...args, 'planted.md'], dir, cacheDir);

  it('an unchanged file reuses its result: the cached entry is what the second run prints', () => {
    const first = run();
    assert.equal(first.status, 1, show(first));
    assert.equal(entries().length, 1, 'one entry written');
    assert.ok(fs.readdirSync(path.join(cacheDir, 'code')).length > 0, 'the compiled CLI is cached too');
    const entry = path.join(cacheDir, 'v2', entries()[0]);
    const cached = JSON.parse(fs.readFileSync(entry, 'utf8'));
    assert.deepEqual(cached.findings.map((f: JsonFinding) => f.message), JSON.parse(first.stdout).map((f: JsonFinding) => f.message));
    // Proof that the second run reads the entry instead of checking again: mark the entry.
    cached.findings[0].message = 'FROM THE CACHE';
    fs.writeFileSync(entry, JSON.stringify(cached));
    const second = run();
    assert.equal(JSON.parse(second.stdout)[0].message, 'FROM THE CACHE');
    assert.equal(second.status, first.status);
    // --no-cache checks again (and writes no result).
    const fresh = run('--no-cache');
    assert.equal(fresh.stdout, first.stdout);
    assert.equal(entries().length, 1);
  });

  it('a change to the text or to the settings is another key', () => {
    fs.appendFileSync(path.join(dir, 'planted.md'), '\nA closing remark with no figure in it at all.\n');
    const edited = run();
    assert.ok(!edited.stdout.includes('FROM THE CACHE'), show(edited));
    assert.equal(entries().length, 2);
    fs.writeFileSync(path.join(dir, '.policybrief.json'), JSON.stringify({ severity: { 'footnote-undefined': 'off' } }));
    const configured = run();
    assert.ok(!JSON.parse(configured.stdout).some((f: JsonFinding) => f.code === 'footnote-undefined'), show(configured));
    assert.equal(configured.status, 0, 'no error finding is left once footnote-undefined is off');
    assert.equal(entries().length, 3);
    fs.rmSync(path.join(dir, '.policybrief.json'));
  });

  it('a file skipped in a folder (not a brief) is still checked when named, or when it is a .brief file', () => {
    const docs = path.join(dir, 'docs');
    fs.mkdirSync(docs);
    const para = 'The ministry said that 47 percent of the districts had no working clinic at the end of the rainy season.';
    const notBrief = `# Field notes\n\n${para}\n\nSomething else entirely, for the record.\n\n${para}\n`;
    fs.writeFileSync(path.join(docs, 'notes.md'), notBrief);
    const alone = lint(['--format', 'json', '--no-cache', 'docs/notes.md'], dir, cacheDir);
    const expected = JSON.parse(alone.stdout).map((f: JsonFinding) => f.code).sort();
    assert.ok(expected.includes('uncited-figure') && expected.includes('duplicate-paragraph'), show(alone));
    // The folder run skips notes.md (no notes or markers) and remembers that; the same text in
    // x.brief.md must be checked all the same, and so must notes.md named on the command line.
    fs.writeFileSync(path.join(docs, 'x.brief.md'), notBrief);
    const folder = lint(['--format', 'json', 'docs'], dir, cacheDir);
    const inBrief = JSON.parse(folder.stdout).filter((f: JsonFinding) => f.file.endsWith('x.brief.md')).map((f: JsonFinding) => f.code).sort();
    assert.deepEqual(inBrief, expected, show(folder));
    assert.ok(!JSON.parse(folder.stdout).some((f: JsonFinding) => f.file.endsWith('notes.md') && !f.file.endsWith('x.brief.md')), 'notes.md itself is skipped in the folder');
    fs.rmSync(path.join(docs, 'x.brief.md'));
    lint(['--format', 'json', 'docs'], dir, cacheDir); // only the skip is cached now
    const named = lint(['--format', 'json', 'docs/notes.md'], dir, cacheDir);
    assert.deepEqual(JSON.parse(named.stdout).map((f: JsonFinding) => f.code).sort(), expected, show(named));
  });

  it('a damaged code cache is compiled again, never handed to V8', () => {
    run(); // makes sure a code cache exists
    const codeDir = path.join(cacheDir, 'code');
    const bins = fs.existsSync(codeDir) ? fs.readdirSync(codeDir).filter((n) => n.endsWith('.bin')) : [];
    if (bins.length === 0) return; // Node 22.1+: Node's own compile cache (it checks its files itself)
    const good = lint(['--format', 'json', '--no-cache', 'planted.md'], dir, cacheDir, { NODE_DISABLE_COMPILE_CACHE: '1' });
    for (const name of bins) {
      const f = path.join(codeDir, name);
      const bytes = fs.readFileSync(f);
      for (let i = 64; i < bytes.length; i += 997) bytes[i] ^= 0x5a; // scattered damage
      fs.writeFileSync(f, bytes);
    }
    const again = run('--no-cache'); // reads the damaged code cache (results are not read)
    assert.equal(again.status, good.status, show(again));
    assert.equal(again.stdout, good.stdout);
    const third = run('--no-cache'); // and this one the rewritten one
    assert.equal(third.status, good.status, show(third));
    assert.equal(third.stdout, good.stdout);
  });

  it('--cache-dir with no folder is a usage error, not the working folder', () => {
    const r = lint(['--cache-dir=', 'planted.md'], dir, cacheDir);
    assert.equal(r.status, 2, show(r));
    assert.match(r.stderr, /--cache-dir needs a folder/);
    assert.ok(!fs.existsSync(path.join(dir, 'CACHEDIR.TAG')) && !fs.existsSync(path.join(dir, 'code')), 'nothing written in the working folder');
  });

  it('a damaged entry is a miss, and a cache that cannot be written only costs time', () => {
    const good = run('--no-cache');
    for (const name of entries()) fs.writeFileSync(path.join(cacheDir, 'v2', name), '{"brief": true, "checked": true, "findings": [{"line": "x"}]}');
    const damaged = run();
    assert.equal(damaged.stdout, good.stdout);
    assert.equal(damaged.status, good.status);
    const blocked = path.join(dir, 'not-a-folder');
    fs.writeFileSync(blocked, 'a file where the cache folder should be');
    const r = lint(['--format', 'json', 'planted.md'], dir, blocked);
    assert.equal(r.stdout, good.stdout);
    assert.equal(r.stderr, '', 'no noise about the cache');
  });
});
