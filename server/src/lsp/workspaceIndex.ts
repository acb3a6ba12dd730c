import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Connection } from 'vscode-languageserver';
import type { BriefModel, BriefWorkspace, Engine } from '../engine';
import { formatFor, shouldCheck } from '../common/briefFiles';
import { findCandidateFiles } from '../node/walk';
import type { Settings } from '../common/settings';

/** Build output is not written by hand: not indexed (node_modules and hidden folders never are). */
const SKIP_DIR = new Set(['dist', 'out', 'build']);
/** Files indexed per folder at most, and per event-loop turn. */
const MAX_FILES = 5000;
const FILES_PER_TICK = 4;

/**
 * Briefs of each workspace folder, indexed in the background for cross-file duplicates. Work is
 * done a few files per event-loop turn, so requests and the diagnostics of the document being
 * typed are never queued behind it.
 */
export class WorkspaceIndex {
  private readonly workspaces = new Map<string, BriefWorkspace>();
  private readonly open = new Set<string>();
  private queue: string[] = [];
  private running = false;
  private indexed = 0;
  /** Called when a background pass finishes (to refresh open documents). */
  onIndexed: () => void = () => undefined;

  constructor(
    private readonly engine: Engine,
    private readonly connection: Connection,
    private roots: () => string[],
    private readonly maxFileSize: () => number,
  ) {}

  private rootOf(file: string): string | undefined {
    return this.roots()
      .filter((r) => file === r || file.startsWith(r + path.sep))
      .sort((a, b) => b.length - a.length)[0];
  }

  private workspace(root: string): BriefWorkspace {
    let w = this.workspaces.get(root);
    if (!w) this.workspaces.set(root, (w = this.engine.createWorkspace()));
    return w;
  }

  /**
   * The workspace an open document is compared with, holding its latest model; undefined outside
   * the folders or with cross-file checks off (the engine then compares the document with itself).
   */
  workspaceFor(uri: string, model: BriefModel, settings: Settings): BriefWorkspace | undefined {
    const file = uri.startsWith('file:') ? safePath(uri) : undefined;
    const root = file && this.rootOf(file);
    if (!settings.crossFileDuplicates || !root) return undefined;
    this.open.add(uri);
    const w = this.workspace(root);
    w.set(uri, model);
    return w;
  }

  /** An open document closed: index what is on disk again (or forget it). */
  closed(uri: string): void {
    this.open.delete(uri);
    this.enqueue([uri]);
  }

  /** Files created, changed or deleted on disk. */
  filesChanged(uris: string[]): void {
    this.enqueue(uris.filter((u) => !this.open.has(u)));
  }

  /** Starts (or restarts) a background pass over every folder. */
  scanAll(): void {
    const files: string[] = [];
    for (const root of this.roots()) files.push(...findCandidateFiles(root, { skipDirs: SKIP_DIR, maxFiles: MAX_FILES }));
    this.enqueue(files.map((f) => pathToFileURL(f).toString()));
  }

  private enqueue(uris: string[]): void {
    this.queue.push(...uris);
    if (!this.running) {
      this.running = true;
      setImmediate(() => this.drain());
    }
  }

  private drain(): void {
    for (let i = 0; i < FILES_PER_TICK && this.queue.length; i++) this.indexOne(this.queue.shift()!);
    if (this.queue.length) setImmediate(() => this.drain());
    else {
      this.running = false;
      this.onIndexed();
    }
  }

  private indexOne(uri: string): void {
    if (this.open.has(uri)) return;
    const file = safePath(uri);
    const root = file && this.rootOf(file);
    if (!file || !root) return;
    const w = this.workspace(root);
    try {
      const stat = fs.statSync(file, { throwIfNoEntry: false });
      if (!stat || !stat.isFile() || stat.size > this.maxFileSize()) {
        w.remove(uri);
        return;
      }
      const buf = fs.readFileSync(file);
      if (buf.includes(0)) return w.remove(uri);
      const model = this.engine.parse(buf.toString('utf8').replace(/^\uFEFF/, ''), formatFor(file));
      if (!shouldCheck({ name: file }, 'auto', () => this.engine.looksLikeBrief(model))) return w.remove(uri);
      w.set(uri, model);
      this.indexed++;
    } catch (e) {
      this.connection.console.warn(`Policy Brief: could not index ${file}: ${(e as Error).message}`);
    }
  }

  get size(): number {
    return this.indexed;
  }
}

function safePath(uri: string): string | undefined {
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
