import * as fs from 'node:fs';
import * as path from 'node:path';
import { findCandidateFiles } from '../node/walk';

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
  const abs = path.resolve(cwd, p);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(abs);
  } catch {
    problems.push(`${p}: no such file or folder.`);
    return;
  }
  if (!stat.isDirectory()) {
    out.push({ file: p, explicit });
    return;
  }
  let found: string[];
  try {
    found = findCandidateFiles(abs);
  } catch (e) {
    problems.push(`${p}: cannot read folder (${(e as Error).message}).`);
    return;
  }
  // Paths as the user wrote the folder, so messages name files the way they named them.
  for (const f of found) out.push({ file: path.join(p, path.relative(abs, f)), explicit: false });
}
