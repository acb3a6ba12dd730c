import * as path from 'node:path';
import { fdir } from 'fdir';
import { CANDIDATE_FILE } from '../common/briefFiles';

/** Folders never searched: installed packages; hidden entries (`.git`, `.venv`) are skipped too. */
const ALWAYS_SKIPPED = new Set(['node_modules']);

export interface WalkOptions {
  /** More folder names to skip (the server leaves out build output). */
  skipDirs?: ReadonlySet<string>;
  /** Stop after this many files. */
  maxFiles?: number;
}

/** Compares paths folder by folder, so a folder's files stay together (`a/x.md` before `a.md`, as `ls -R` lists them). */
function bySegments(a: string, b: string): number {
  const x = a.split(path.sep);
  const y = b.split(path.sep);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  return x.length - y.length;
}

/**
 * The candidate briefs under a folder (`.md`, `.txt`, `.brief`…), in a stable order. Symbolic
 * links are listed as they are, not followed: a link to a folder is not searched (a link to `..`
 * would never end), and a link to a file is for the caller to open, which reports a broken or
 * looping link as such. The crawl is fdir's (a library made for it, which skips folders without
 * reading them).
 */
export function findCandidateFiles(root: string, options: WalkOptions = {}): string[] {
  const skip = options.skipDirs;
  let crawler = new fdir()
    .withFullPaths()
    .exclude((name) => ALWAYS_SKIPPED.has(name) || name.startsWith('.') || (skip?.has(name) ?? false))
    .filter((file) => {
      const base = path.basename(file);
      return !base.startsWith('.') && CANDIDATE_FILE.test(base);
    });
  if (options.maxFiles !== undefined) crawler = crawler.withMaxFiles(options.maxFiles);
  return crawler.crawl(root).sync().sort(bySegments);
}
