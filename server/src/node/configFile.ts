/** `.policybrief.json` on disk, for the hosts that run on Node (the CLI and the desktop server). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseConfigFileText } from '../common/settings';

export const CONFIG_FILE = '.policybrief.json';

/** The nearest `.policybrief.json` in `dir` or a folder above it, stopping at `stopAt` (or the file-system root). */
export function findConfigAbove(dir: string, stopAt?: string): string | undefined {
  for (let i = 0; i < 64; i++) {
    const candidate = path.join(dir, CONFIG_FILE);
    if (fs.existsSync(candidate)) return candidate;
    if (dir === stopAt) break;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

/**
 * Reads and parses a settings file: its JSON value, or the problems that kept it from being read
 * (`unreadable` when the file itself could not be read, as opposed to invalid JSON).
 */
export function readConfigFile(file: string): { value: unknown; problems: string[]; unreadable?: boolean } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return { value: undefined, problems: [`Could not read ${file}: ${(e as Error).message}.`], unreadable: true };
  }
  return parseConfigFileText(text, file);
}
