import type { BriefModel } from './model';
import type { DupOptions } from './dup/detector';
import { DuplicateStore } from './dup/store';

/**
 * The briefs of one workspace folder, as the engine compares them (cross-file duplicates). A host
 * makes one per folder with `engine.createWorkspace()` and keeps it current: the open documents'
 * latest models, and the files on disk it has read. Checks receive it through `lint`.
 */
export interface BriefWorkspace {
  /** Adds a brief, or replaces its previous model (cheap when most paragraphs are unchanged). */
  set(docKey: string, model: BriefModel): void;
  /** Forgets a brief (deleted, no longer a brief). */
  remove(docKey: string): void;
  has(docKey: string): boolean;
  /** Briefs in the workspace. */
  readonly size: number;
}

/** Option sets kept at once: a change of settings builds a new index; the previous one is kept in case it comes back. */
const MAX_STORES = 2;

export class Workspace implements BriefWorkspace {
  private readonly models = new Map<string, BriefModel>();
  private readonly stores = new Map<string, DuplicateStore>();

  set(docKey: string, model: BriefModel): void {
    this.models.set(docKey, model);
    for (const s of this.stores.values()) s.setModel(docKey, model);
  }

  remove(docKey: string): void {
    this.models.delete(docKey);
    for (const s of this.stores.values()) s.removeDocument(docKey);
  }

  has(docKey: string): boolean {
    return this.models.has(docKey);
  }

  get size(): number {
    return this.models.size;
  }

  /** The duplicate index of this workspace for one set of options, holding every brief. */
  duplicateStore(options: Partial<DupOptions>): DuplicateStore {
    const key = JSON.stringify(options);
    let store = this.stores.get(key);
    if (store) {
      // Most recently used last.
      this.stores.delete(key);
      this.stores.set(key, store);
      return store;
    }
    store = new DuplicateStore(options);
    for (const [doc, model] of this.models) store.setModel(doc, model);
    this.stores.set(key, store);
    while (this.stores.size > MAX_STORES) this.stores.delete(this.stores.keys().next().value!);
    return store;
  }
}
