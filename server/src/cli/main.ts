import * as fs from 'node:fs';
import * as path from 'node:path';
import { createEngine, type BriefModel, type Finding } from '../engine';
import { briefDecision, formatFor } from '../common/briefFiles';
import { parseSettings, type Settings } from '../common/settings';
import { findConfigAbove, readConfigFile } from '../node/configFile';
import { parseCliArgs, USAGE, UsageError } from './args';
import { defaultCacheDir, openResultCache, type CachedResult, type PositionedFinding } from './cache';
import { collectFiles } from './files';
import { FORMATTERS, type FileResult } from './formats';
import { VERSION } from './version';

export type { JsonFinding } from './formats';

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  cwd: string;
}

function positioned(model: BriefModel, findings: Finding[]): PositionedFinding[] {
  return findings.map((f) => {
    const s = model.lines.positionAt(f.span.start);
    const e = model.lines.positionAt(f.span.end);
    return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1, severity: f.severity, code: f.code, message: f.message };
  });
}

const PROCESS_IO: CliIo = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s), cwd: process.cwd() };

export async function main(argv: string[], io: CliIo = PROCESS_IO): Promise<number> {
  let args: ReturnType<typeof parseCliArgs>;
  try {
    args = parseCliArgs(argv);
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
      const parsed = readConfigFile(file);
      for (const p of parsed.problems) io.err(`policy-brief-lint: ${p}\n`);
      if (parsed.unreadable) failed = true;
      if (parsed.value !== undefined) {
        const r = parseSettings(parsed.value, `${path.basename(file)}`);
        for (const p of r.problems) io.err(`policy-brief-lint: ${file}: ${p}\n`);
        settings = r.settings;
      }
    }
    configCache.set(key, settings);
    return settings;
  };
  if (args.config && !fs.existsSync(path.resolve(io.cwd, args.config))) {
    io.err(`policy-brief-lint: config file not found: ${args.config}\n`);
    return 2;
  }

  const { files, problems } = collectFiles(args.paths, io.cwd);
  for (const p of problems) io.err(`policy-brief-lint: ${p}\n`);
  if (problems.length) failed = true;

  const engine = createEngine();
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
    const decision = briefDecision({ name: file, explicit }, settings.documents);
    if (decision === 'skip') continue;
    // Files found in folders are checked only when they look like briefs (or settings say all).
    const mustCheck = decision === 'check';
    const format = formatFor(file);
    const key = cache?.key(text, format, settings);
    let result: CachedResult | undefined = key ? cache!.get(key) : undefined;
    // An entry that remembers a skip does not hold the findings this file needs.
    if (result && !result.checked && mustCheck) result = undefined;
    if (!result) {
      const model = engine.parse(text, format);
      const brief = engine.looksLikeBrief(model);
      if (!mustCheck && !brief) {
        if (key) cache!.set(key, { brief, checked: false, findings: [] });
        continue;
      }
      const r = engine.lint(model, settings, { docKey: abs });
      for (const e of r.errors) io.err(`policy-brief-lint: internal error in check ${e.code} on ${file}: ${(e.error as Error)?.message ?? e.error}\n`);
      result = { brief, checked: true, findings: positioned(model, r.findings) };
      // A check that failed is not remembered: the next run tries again.
      if (key && r.errors.length === 0) cache!.set(key, result);
      // What the engine keeps for this file (figures of its paragraphs, its duplicate index) is not
      // needed for the next one.
      engine.forget(abs);
      engine.clearCaches();
    } else if (!mustCheck && !result.brief) continue;
    results.push({ file, findings: result.findings });
  }

  io.out(FORMATTERS[args.format](results));
  if (failed) return 2;
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}
