/**
 * Entry of the `policy-brief-lint` command (bin/policy-brief-lint.js loads this small bundle first).
 *
 * It loads the CLI bundle with a V8 code cache kept next to the result cache (also with --no-cache,
 * which is about results; NODE_DISABLE_COMPILE_CACHE turns it off), so that a run does not parse
 * and compile the whole bundle again (measured: requiring dist/cli.js 34 ms without, ~21 ms
 * with). Node 22.1 and later have this built in (module.enableCompileCache); on Node 20 the bundle
 * is compiled through vm.Script with cached data, as Node's own loader would wrap it. A cache that
 * is missing, damaged (checked by digest) or from another build is compiled again and rewritten;
 * one that cannot be written only makes the next run as slow as this one.
 */
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { createHash } from 'node:crypto';
import { codeCacheRoot, writeWhole } from './cache';

type Cli = typeof import('./main');

interface Loaded {
  cli: Cli;
  /** Writes the code cache once the run is over (it then holds the functions the run compiled). */
  save: () => void;
}

function plain(file: string): Loaded {
  return { cli: require(file) as Cli, save: () => undefined };
}

function withCodeCache(file: string, root: string): Loaded {
  const enable = (Module as unknown as { enableCompileCache?: (dir: string) => unknown }).enableCompileCache;
  if (typeof enable === 'function') {
    enable(root);
    return plain(file);
  }
  const source = fs.readFileSync(file, 'utf8');
  const st = fs.statSync(file);
  const id = createHash('sha256').update(`${process.version}\0${file}\0${st.size}\0${st.mtimeMs}`).digest('hex').slice(0, 32);
  const cacheFile = path.join(root, `cli-${id}.bin`);
  // The file is a SHA-256 of the cached data, then the data. V8 checks that cached data belongs to
  // this source and this V8, not that it is intact: data damaged on disk can crash the process in
  // V8's deserializer (no exception to catch), so it is only handed over when the digest matches.
  let cached: Buffer | undefined;
  try {
    const file = fs.readFileSync(cacheFile);
    const data = file.subarray(32);
    if (file.length > 32 && createHash('sha256').update(data).digest().equals(file.subarray(0, 32))) {
      cached = data;
      const now = new Date();
      fs.utimes(cacheFile, now, now, () => undefined); // in use: pruning keeps it
    }
  } catch {
    cached = undefined;
  }
  const script = new vm.Script((Module as unknown as { wrap(s: string): string }).wrap(source), { filename: file, cachedData: cached });
  const m = new Module(file, module);
  m.filename = file;
  m.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
  const fn = script.runInThisContext() as (exports: unknown, require: NodeRequire, module: Module, filename: string, dirname: string) => void;
  fn.call(m.exports, m.exports, ((id: string) => m.require(id)) as NodeRequire, m, file, path.dirname(file));
  m.loaded = true;
  const stale = cached === undefined || script.cachedDataRejected === true;
  return {
    cli: m.exports as Cli,
    save: () => {
      if (!stale) return;
      try {
        fs.mkdirSync(path.dirname(cacheFile), { recursive: true, mode: 0o700 });
        const data = script.createCachedData();
        writeWhole(cacheFile, Buffer.concat([createHash('sha256').update(data).digest(), data]));
      } catch {
        // Not writable: the next run compiles again.
      }
    },
  };
}

export async function run(argv: string[], bundle: string): Promise<number> {
  const root = codeCacheRoot(argv, process.cwd());
  let loaded: Loaded;
  try {
    loaded = root ? withCodeCache(bundle, root) : plain(bundle);
  } catch {
    loaded = plain(bundle);
  }
  const code = await loaded.cli.main(argv);
  // Cached code holds what the run compiled: a run that checked nothing (--help, --version, a
  // usage error) would leave a cache that covers almost none of the CLI.
  if (code !== 2 && argv.some((a) => !a.startsWith('-'))) loaded.save();
  return code;
}
