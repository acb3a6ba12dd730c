/**
 * The CLI's result cache: what a file's check found, keyed by everything the result depends on (the
 * file's text and format, the settings, and the build of the engine), so an unchanged brief is not
 * checked again on the next run (a pre-commit hook or CI job over a folder of briefs).
 *
 * Content-addressed: a key is a SHA-256 of its inputs, an entry is one small JSON file. Nothing is
 * ever invalidated by hand: another text, setting or build is another key. A cache that cannot be
 * read or written is skipped without a word (the run is only slower); an entry that does not parse
 * or has the wrong shape is a miss. Entries unused for 30 days are deleted now and then.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A finding as the CLI prints it (positions 1-based, columns in UTF-16 code units). */
export interface PositionedFinding {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
}

export interface CachedResult {
  /** Whether the text looks like a brief (files found in folders are checked only then). */
  brief: boolean;
  /**
   * Whether the checks ran. A file found in a folder that does not look like a brief is skipped,
   * and remembered as skipped (no findings): the same text named on the command line, or in a
   * file called *.brief, must be checked, so such an entry does not stand for its findings.
   */
  checked: boolean;
  findings: PositionedFinding[];
}

/** Bumped when the entry format changes. */
const FORMAT = 'v2';
const MAX_AGE_MS = 30 * 24 * 3600 * 1000;
/** One run in PRUNE_EVERY looks for stale entries (when it writes one). */
const PRUNE_EVERY = 50;

/**
 * Writes a cache file whole under another name, then renames it: a reader (another run) never sees
 * half a file. Throws as fs does.
 */
export function writeWhole(file: string, data: string | Uint8Array): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

/** Where the cache lives: POLICY_BRIEF_CACHE_DIR, else the platform's per-user cache folder. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.POLICY_BRIEF_CACHE_DIR) return env.POLICY_BRIEF_CACHE_DIR;
  if (process.platform === 'win32') return path.join(env.LOCALAPPDATA || path.join(os.homedir(), 'AppData', 'Local'), 'policy-brief', 'Cache');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Caches', 'policy-brief');
  return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'policy-brief');
}

/**
 * Where the compiled CLI is cached (cliStart.ts), for a command line: the --cache-dir value, else the
 * default root. --no-cache does not turn it off: it is about results, and compiled code holds none
 * (Node's own NODE_DISABLE_COMPILE_CACHE does). The CLI's own argument parser validates the rest.
 */
export function codeCacheRoot(argv: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  let dir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    if (a === '--cache-dir' && i + 1 < argv.length) dir = argv[++i];
    else if (a.startsWith('--cache-dir=')) dir = a.slice('--cache-dir='.length);
  }
  // An empty value is a usage error (reported by the CLI), never the working folder.
  if (dir === '') return undefined;
  return path.join(dir !== undefined ? path.resolve(cwd, dir) : defaultCacheDir(env), 'code');
}

/**
 * Identifies the running build: the CLI bundle, by size and modification time. Undefined when
 * the CLI runs from its TypeScript sources (development): this file's own date then says nothing
 * about the engine's, so nothing is cached.
 */
function buildId(version: string): string | undefined {
  if (!__filename.endsWith('.js')) return undefined;
  try {
    const st = fs.statSync(__filename);
    return `${version}:${st.size}:${st.mtimeMs}`;
  } catch {
    return undefined;
  }
}

/** A result cache for this build, or undefined when results cannot be cached (see buildId). */
export function openResultCache(root: string, version: string): ResultCache | undefined {
  const build = buildId(version);
  return build === undefined ? undefined : new ResultCache(root, build);
}

export class ResultCache {
  private readonly dir: string;
  private wrote = false;

  /** `build` identifies the engine (openResultCache passes the bundle's identity). */
  constructor(
    root: string,
    private readonly build: string,
  ) {
    this.dir = path.join(root, FORMAT);
  }

  key(text: string, format: string, settings: unknown): string {
    return createHash('sha256').update(this.build).update('\0').update(format).update('\0').update(JSON.stringify(settings)).update('\0').update(text).digest('hex');
  }

  get(key: string): CachedResult | undefined {
    const file = this.file(key);
    let raw: string;
    try {
      raw = fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
    try {
      const value = JSON.parse(raw) as CachedResult;
      if (typeof value !== 'object' || value === null || typeof value.brief !== 'boolean' || typeof value.checked !== 'boolean' || !Array.isArray(value.findings)) return undefined;
      for (const f of value.findings) if (!isFinding(f)) return undefined;
      // Mark it used, so pruning keeps it.
      const now = new Date();
      fs.utimes(file, now, now, () => undefined);
      return value;
    } catch {
      return undefined;
    }
  }

  set(key: string, value: CachedResult): void {
    const file = this.file(key);
    try {
      if (!this.wrote) {
        fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
        const tag = path.join(path.dirname(this.dir), 'CACHEDIR.TAG');
        if (!fs.existsSync(tag)) fs.writeFileSync(tag, 'Signature: 8a477f597d28d172789f06886806bc55\n# policy-brief-lint result cache: safe to delete.\n');
        if (Math.floor(Math.random() * PRUNE_EVERY) === 0) {
          this.prune();
          this.prune(Date.now(), path.join(path.dirname(this.dir), 'code')); // see codeCacheRoot
        }
        this.wrote = true;
      }
      writeWhole(file, JSON.stringify(value));
    } catch {
      // A read-only or full disk only makes the next run slower.
    }
  }

  /** Deletes entries (or code caches, see cliStart.ts) not used for MAX_AGE_MS, and leftovers of interrupted writes. */
  prune(now = Date.now(), dir = this.dir): number {
    let removed = 0;
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      return 0;
    }
    for (const name of names) {
      const f = path.join(dir, name);
      try {
        const st = fs.statSync(f);
        if (now - st.mtimeMs > MAX_AGE_MS || (name.endsWith('.tmp') && now - st.mtimeMs > 3600_000)) {
          // Folders are Node's own compile cache (one per Node version, see cliStart.ts).
          fs.rmSync(f, { recursive: true, force: true });
          removed++;
        }
      } catch {
        // Another run removed it first.
      }
    }
    return removed;
  }

  private file(key: string): string {
    return path.join(this.dir, `${key}.json`);
  }
}

function isFinding(f: unknown): f is PositionedFinding {
  if (typeof f !== 'object' || f === null) return false;
  const o = f as Record<string, unknown>;
  return (
    Number.isInteger(o.line) &&
    Number.isInteger(o.column) &&
    Number.isInteger(o.endLine) &&
    Number.isInteger(o.endColumn) &&
    typeof o.severity === 'string' &&
    typeof o.code === 'string' &&
    typeof o.message === 'string'
  );
}
