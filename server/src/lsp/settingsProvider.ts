import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connection } from 'vscode-languageserver';
import { mergeSettingInputs, parseSettings, SETTINGS_PREFIX, type Settings } from '../common/settings';
import { CONFIG_FILE, findConfigAbove, readConfigFile } from '../node/configFile';

interface Resolved {
  settings: Settings;
  problems: string[];
}

/**
 * Settings per document: VS Code's `policyBrief.*` for the document's scope, overlaid with the
 * nearest `.policybrief.json`. Invalid values are reported once per distinct message.
 */
export class SettingsProvider {
  private readonly cache = new Map<string, Promise<Resolved>>();
  private readonly reported = new Set<string>();
  supportsConfiguration = false;
  workspaceRoots: string[] = [];

  constructor(private readonly connection: Connection) {}

  invalidate(): void {
    this.cache.clear();
    this.reported.clear();
  }

  get(uri: string): Promise<Resolved> {
    let hit = this.cache.get(uri);
    if (!hit) {
      hit = this.resolve(uri);
      this.cache.set(uri, hit);
    }
    return hit;
  }

  private async resolve(uri: string): Promise<Resolved> {
    let editor: unknown = {};
    if (this.supportsConfiguration) {
      try {
        editor = await this.connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_PREFIX });
      } catch {
        editor = {};
      }
    }
    const problems: string[] = [];
    const editorResult = parseSettings(editor, SETTINGS_PREFIX);
    problems.push(...editorResult.problems);
    const file = findConfigFile(uri, this.workspaceRoots);
    if (!file) return { settings: editorResult.settings, problems };
    const parsed = readConfigFile(file);
    problems.push(...parsed.problems);
    if (parsed.value === undefined) return { settings: editorResult.settings, problems };
    const fileResult = parseSettings(parsed.value, CONFIG_FILE);
    problems.push(...fileResult.problems);
    // Layer only the valid values: an invalid value in either source falls back to what the other (or the default) says.
    const merged = parseSettings(mergeSettingInputs(editorResult.valid, fileResult.valid), SETTINGS_PREFIX);
    return { settings: merged.settings, problems };
  }

  /** Shows each settings problem once (a warning message and the output channel). */
  report(problems: string[]): void {
    for (const p of problems) {
      if (this.reported.has(p)) continue;
      this.reported.add(p);
      this.connection.console.warn(p);
      void this.connection.window.showWarningMessage(`Policy Brief: ${p}`);
    }
  }
}

/** The nearest `.policybrief.json` from the document's folder up to its workspace root. */
export function findConfigFile(uri: string, roots: string[]): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  let dir: string;
  try {
    dir = path.dirname(fileURLToPath(uri));
  } catch {
    return undefined;
  }
  const root = roots.filter((r) => dir === r || dir.startsWith(r + path.sep)).sort((a, b) => b.length - a.length)[0];
  return findConfigAbove(dir, root);
}
