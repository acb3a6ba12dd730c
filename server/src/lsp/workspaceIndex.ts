import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Connection } from 'vscode-languageserver';
import { CANDIDATE_FILE, formatFor, isBriefFileName, looksLikeBrief, parseBrief, type BriefModel } from '../engine';
import { DuplicateStore, dupOptionsFrom } from '../engine/dup/store';
import type { DuplicateWorkspace } from '../engine/checks/duplicates';
import type { Settings } from '../common/settings';

const SKIP_DIR = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', 'build', '.vscode-test']);
/** Files indexed per folder at most, and per event-loop turn. */
const MAX_FILES = 5000;
const FILES_PER_TICK = 4;

/**
 * Briefs of each workspace folder, indexed in the background for cross-file duplicates. Work is
 * done a few files per event-loop turn, so requests and the diagnostics of the document being
 * typed are never queued behind it.
 */
export class WorkspaceIndex {
  private readonly stores = new Map<string, DuplicateStore>();
  private readonly open = new Set<string>();
  /** Documents outside workspace folders (or with cross-file checks off): an index of their own. */
  private readonly own = new Map<string, { key: string; store: DuplicateStore }>();
  private queue: string[] = [];
  private running = false;
  private indexed = 0;
  /** Called when a background pass finishes (to refresh open documents). */
  onIndexed: () => void = () => undefined;

  constructor(private readonly connection: Connection, private roots: () => string[], private readonly maxFileSize: () => number) {}

  private rootOf(file: string): string | undefined {
    return this.roots()
      .filter((r) => file === r || file.startsWith(r + path.sep))
      .sort((a, b) => b.length - a.length)[0];
  }

  private storeFor(root: string, settings?: Settings): DuplicateStore {
    let s = this.stores.get(root);
    if (!s) {
      s = new DuplicateStore(settings ? dupOptionsFrom(settings.checks) : undefined);
      this.stores.set(root, s);
    }
    return s;
  }

  /** What the duplicate checks get for an open document: its folder's store, or nothing outside folders. */
  workspaceFor(uri: string, model: BriefModel, settings: Settings): DuplicateWorkspace | undefined {
    const file = uri.startsWith('file:') ? safePath(uri) : undefined;
    const root = file && this.rootOf(file);
    if (!settings.crossFileDuplicates || !root) {
      // Still one lasting index per open document: an edit recomputes only the paragraphs it touched.
      let own = this.own.get(uri);
      const key = JSON.stringify(dupOptionsFrom(settings.checks));
      if (!own || own.key !== key) {
        own = { key, store: new DuplicateStore(dupOptionsFrom(settings.checks)) };
        this.own.set(uri, own);
      }
      return { store: own.store, crossFile: false };
    }
    this.open.add(uri);
    const store = this.storeFor(root, settings);
    store.setModel(uri, model);
    return { store, crossFile: true };
  }

  /** An open document closed: index what is on disk again (or forget it). */
  closed(uri: string): void {
    this.open.delete(uri);
    this.own.delete(uri);
    this.enqueue([uri]);
  }

  /** Files created, changed or deleted on disk. */
  filesChanged(uris: string[]): void {
    this.enqueue(uris.filter((u) => !this.open.has(u)));
  }

  /** Starts (or restarts) a background pass over every folder. */
  scanAll(): void {
    const files: string[] = [];
    for (const root of this.roots()) walk(root, files, MAX_FILES);
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
    const store = this.storeFor(root);
    try {
      const stat = fs.statSync(file, { throwIfNoEntry: false });
      if (!stat || !stat.isFile() || stat.size > this.maxFileSize()) {
        store.removeDocument(uri);
        return;
      }
      const buf = fs.readFileSync(file);
      if (buf.includes(0)) return store.removeDocument(uri);
      const model = parseBrief(buf.toString('utf8').replace(/^\uFEFF/, ''), formatFor(file));
      if (!isBriefFileName(file) && !looksLikeBrief(model)) return store.removeDocument(uri);
      store.setModel(uri, model);
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

function walk(dir: string, out: string[], max: number): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (out.length >= max) return;
    if (e.isDirectory()) {
      if (!SKIP_DIR.has(e.name) && !e.name.startsWith('.')) walk(path.join(dir, e.name), out, max);
    } else if (e.isFile() && CANDIDATE_FILE.test(e.name)) out.push(path.join(dir, e.name));
  }
}
