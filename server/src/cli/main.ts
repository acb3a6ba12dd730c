import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CANDIDATE_FILE, CHECKS, formatFor, isBriefFileName, lintModel, looksLikeBrief, parseBrief, type BriefModel, type Finding } from '../engine';
import { CONFIG_FILE, findConfigAbove } from '../lsp/settingsProvider';
import { parseConfigFileText, parseSettings, type Settings } from '../common/settings';
import { clearFigureMemo } from '../engine/checks/uncited-figure';
import { defaultCacheDir, openResultCache, type CachedResult, type PositionedFinding } from './cache';

const VERSION = '0.1.0';

const USAGE = `Usage: policy-brief-lint [--format text|json|sarif] [--config FILE] [--no-cache] [--cache-dir DIR] PATHS…

Checks policy briefs for uncited figures, mismatched footnotes and duplicated paragraphs.
PATHS are files or folders (folders are searched for .brief, .brief.md, .brief.txt, .md and .txt files;
files found in folders are checked when they look like briefs: they have notes or markers).

Options:
  --format text|json|sarif   output format (default text)
  --config FILE              settings file (default: the nearest ${CONFIG_FILE} above each file)
  --no-cache                 check every file again (by default an unchanged file, with the same
                             settings and the same version of this tool, reuses its last result)
  --cache-dir DIR            where results are cached (default: $POLICY_BRIEF_CACHE_DIR, else the
                             per-user cache folder, e.g. ~/.cache/policy-brief)
  -h, --help                 show this help
  --version                  show the version

Exit status: 0 no error-severity finding, 1 error findings, 2 bad usage or unreadable input.`;

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  cwd: string;
}

interface Args {
  format: 'text' | 'json' | 'sarif';
  config?: string;
  cache: boolean;
  cacheDir?: string;
  paths: string[];
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Args | 'help' | 'version' {
  const args: Args = { format: 'text', cache: true, paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (name: string) => {
      const eq = a.indexOf('=');
      if (eq >= 0) return a.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${name} needs a value.`);
      return v;
    };
    if (a === '-h' || a === '--help') return 'help';
    if (a === '--version') return 'version';
    if (a === '--format' || a.startsWith('--format=')) {
      const f = value('--format');
      if (f !== 'text' && f !== 'json' && f !== 'sarif') throw new UsageError(`Unknown format "${f}": use text, json or sarif.`);
      args.format = f;
    } else if (a === '--config' || a.startsWith('--config=')) args.config = value('--config');
    else if (a === '--no-cache') args.cache = false;
    else if (a === '--cache-dir' || a.startsWith('--cache-dir=')) {
      args.cacheDir = value('--cache-dir');
      if (args.cacheDir === '') throw new UsageError('--cache-dir needs a folder.');
    }
    else if (a === '--') args.paths.push(...argv.slice(i + 1)), (i = argv.length);
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`Unknown option ${a}.`);
    else args.paths.push(a);
  }
  if (args.paths.length === 0) throw new UsageError('No files given.');
  return args;
}

function collect(p: string, io: CliIo, explicit: boolean, out: { file: string; explicit: boolean }[], problems: string[]): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(path.resolve(io.cwd, p));
  } catch {
    problems.push(`${p}: no such file or folder.`);
    return;
  }
  if (stat.isDirectory()) {
    let entries: string[];
    try {
      entries = fs.readdirSync(path.resolve(io.cwd, p)).sort();
    } catch (e) {
      problems.push(`${p}: cannot read folder (${(e as Error).message}).`);
      return;
    }
    for (const e of entries) {
      if (e === 'node_modules' || e.startsWith('.')) continue;
      const child = path.join(p, e);
      const s = fs.statSync(path.resolve(io.cwd, child), { throwIfNoEntry: false });
      if (s?.isDirectory()) collect(child, io, false, out, problems);
      else if (s?.isFile() && CANDIDATE_FILE.test(e)) out.push({ file: child, explicit: false });
    }
  } else out.push({ file: p, explicit });
}


interface FileResult {
  file: string;
  findings: PositionedFinding[];
}

function positioned(model: BriefModel, findings: Finding[]): PositionedFinding[] {
  return findings.map((f) => {
    const s = model.lines.positionAt(f.span.start);
    const e = model.lines.positionAt(f.span.end);
    return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1, severity: f.severity, code: f.code, message: f.message };
  });
}

export async function main(argv: string[], io: CliIo = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s), cwd: process.cwd() }): Promise<number> {
  let args: Args | 'help' | 'version';
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`policy-brief-lint: ${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
  if (args === 'help') {
    io.out(USAGE + '\n');
    return 0;
  }
  if (args === 'version') {
    io.out(`${VERSION}\n`);
    return 0;
  }

  let failed = false;
  const configCache = new Map<string, Settings>();
  const loadConfig = (file: string | undefined): Settings => {
    const key = file ?? '';
    const hit = configCache.get(key);
    if (hit) return hit;
    let settings = parseSettings({}).settings;
    if (file) {
      let text: string | undefined;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (e) {
        io.err(`policy-brief-lint: cannot read config ${file}: ${(e as Error).message}\n`);
        failed = true;
      }
      if (text !== undefined) {
        const parsed = parseConfigFileText(text, file);
        for (const p of parsed.problems) io.err(`policy-brief-lint: ${p}\n`);
        if (parsed.value !== undefined) {
          const r = parseSettings(parsed.value, `${path.basename(file)}`);
          for (const p of r.problems) io.err(`policy-brief-lint: ${file}: ${p}\n`);
          settings = r.settings;
        }
      }
    }
    configCache.set(key, settings);
    return settings;
  };
  if (args.config && !fs.existsSync(path.resolve(io.cwd, args.config))) {
    io.err(`policy-brief-lint: config file not found: ${args.config}\n`);
    return 2;
  }

  const files: { file: string; explicit: boolean }[] = [];
  const problems: string[] = [];
  for (const p of args.paths) collect(p, io, true, files, problems);
  for (const p of problems) io.err(`policy-brief-lint: ${p}\n`);
  if (problems.length) failed = true;

  const cacheRoot = args.cache ? (args.cacheDir !== undefined ? path.resolve(io.cwd, args.cacheDir) : defaultCacheDir()) : undefined;
  const cache = cacheRoot !== undefined ? openResultCache(cacheRoot, VERSION) : undefined;
  const results: FileResult[] = [];
  for (const { file, explicit } of files) {
    const abs = path.resolve(io.cwd, file);
    let buf: Buffer;
    try {
      buf = fs.readFileSync(abs);
    } catch (e) {
      io.err(`policy-brief-lint: ${file}: cannot read (${(e as Error).message}).\n`);
      failed = true;
      continue;
    }
    if (buf.includes(0)) {
      io.err(`policy-brief-lint: ${file}: contains NUL bytes; it looks like a binary file, not a brief. Skipped.\n`);
      if (explicit) failed = true;
      continue;
    }
    const settings = loadConfig(args.config ? path.resolve(io.cwd, args.config) : findConfigAbove(path.dirname(abs)));
    const text = buf.toString('utf8').replace(/^\uFEFF/, '');
    if (text.length > settings.maxFileSize) {
      io.err(`policy-brief-lint: ${file}: ${text.length} characters, over maxFileSize (${settings.maxFileSize}). Skipped.\n`);
      if (explicit) failed = true;
      continue;
    }
    const format = formatFor(file);
    const key = cache?.key(text, format, settings);
    // Files found in folders are checked only when they look like briefs (or settings say all).
    const mustCheck = explicit || settings.documents === 'all' || isBriefFileName(file);
    let result: CachedResult | undefined = key ? cache!.get(key) : undefined;
    // An entry that remembers a skip does not hold the findings this file needs.
    if (result && !result.checked && mustCheck) result = undefined;
    if (!result) {
      const model = parseBrief(text, format);
      const brief = looksLikeBrief(model);
      if (!mustCheck && !brief) {
        if (key) cache!.set(key, { brief, checked: false, findings: [] });
        continue;
      }
      const r = lintModel(model, settings, { docKey: abs });
      for (const e of r.errors) io.err(`policy-brief-lint: internal error in check ${e.code} on ${file}: ${(e.error as Error)?.message ?? e.error}\n`);
      result = { brief, checked: true, findings: positioned(model, r.findings) };
      // A check that failed is not remembered: the next run tries again.
      if (key && r.errors.length === 0) cache!.set(key, result);
    } else if (!mustCheck && !result.brief) continue;
    results.push({ file, findings: result.findings });
    // Memoised figures hold this file's text: the next file has other paragraphs.
    clearFigureMemo();
  }

  if (args.format === 'json') io.out(JSON.stringify(toJson(results), null, 2) + '\n');
  else if (args.format === 'sarif') io.out(JSON.stringify(toSarif(results), null, 2) + '\n');
  else io.out(toText(results));

  if (failed) return 2;
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

/** One finding of `--format json`: the file, then the finding as printed (see PositionedFinding). */
export interface JsonFinding extends PositionedFinding {
  file: string;
}

function toJson(results: FileResult[]): JsonFinding[] {
  const out: JsonFinding[] = [];
  for (const r of results) for (const f of r.findings) out.push({ file: r.file, ...f });
  return out;
}

function toText(results: FileResult[]): string {
  let s = '';
  let count = 0;
  const bySeverity: Record<string, number> = {};
  for (const f of toJson(results)) {
    s += `${f.file}:${f.line}:${f.column}: ${f.severity} ${f.code}: ${f.message}\n`;
    count++;
    bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
  }
  const parts = ['error', 'warning', 'info', 'hint'].filter((k) => bySeverity[k]).map((k) => `${bySeverity[k]} ${k}${bySeverity[k] === 1 ? '' : 's'}`);
  s += count === 0 ? `No findings in ${results.length} file${results.length === 1 ? '' : 's'}.\n` : `${count} finding${count === 1 ? '' : 's'} (${parts.join(', ')}) in ${results.length} file${results.length === 1 ? '' : 's'}.\n`;
  return s;
}

/** A relative path as a URI reference (spaces, `#` and `%` encoded), or a file URI for an absolute one. */
function toUriReference(file: string): string {
  if (path.isAbsolute(file)) return pathToFileURL(file).toString();
  return file.split(path.sep).join('/').split('/').map((seg) => (seg === '..' || seg === '.' ? seg : encodeURIComponent(seg))).join('/');
}

const SARIF_LEVEL: Record<string, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

function toSarif(results: FileResult[]): unknown {
  const rules = CHECKS.map((c) => ({
    id: c.code,
    name: c.code.replace(/(^|-)(\w)/g, (_m, _d, ch: string) => ch.toUpperCase()),
    shortDescription: { text: c.description },
    fullDescription: { text: c.description },
    defaultConfiguration: { level: SARIF_LEVEL[c.defaultSeverity] },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'policy-brief-lint', version: VERSION, informationUri: 'https://github.com/policy-brief/policy-brief', rules } },
        columnKind: 'utf16CodeUnits',
        results: toJson(results).map((f) => ({
          ruleId: f.code,
          ruleIndex: index.get(f.code),
          level: SARIF_LEVEL[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: toUriReference(f.file) },
                region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
              },
            },
          ],
        })),
      },
    ],
  };
}
