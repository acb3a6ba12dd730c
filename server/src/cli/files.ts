import * as fs from 'node:fs';
import * as path from 'node:path';
import { CANDIDATE_FILE } from '../common/briefFiles';

/** A file to check: named on the command line (`explicit`), or found in a folder. */
export interface InputFile {
  file: string;
  explicit: boolean;
}

/**
 * The files the paths name: files as given, and in folders (recursively, in name order) the
 * candidate briefs, leaving out hidden entries and node_modules. Problems (a missing path, an
 * unreadable folder) are collected, not thrown.
 */
export function collectFiles(paths: string[], cwd: string): { files: InputFile[]; problems: string[] } {
  const files: InputFile[] = [];
  const problems: string[] = [];
  for (const p of paths) collect(p, cwd, true, files, problems);
  return { files, problems };
}

function collect(p: string, cwd: string, explicit: boolean, out: InputFile[], problems: string[]): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(path.resolve(cwd, p));
  } catch {
    problems.push(`${p}: no such file or folder.`);
    return;
  }
  if (!stat.isDirectory()) {
    out.push({ file: p, explicit });
    return;
  }
  let entries: string[];
  try {
    entries = fs.readdirSync(path.resolve(cwd, p)).sort();
  } catch (e) {
    problems.push(`${p}: cannot read folder (${(e as Error).message}).`);
    return;
  }
  for (const e of entries) {
    if (e === 'node_modules' || e.startsWith('.')) continue;
    const child = path.join(p, e);
    const s = fs.statSync(path.resolve(cwd, child), { throwIfNoEntry: false });
    if (s?.isDirectory()) collect(child, cwd, false, out, problems);
    else if (s?.isFile() && CANDIDATE_FILE.test(e)) out.push({ file: child, explicit: false });
  }
}
