import type { TextDocument } from 'vscode-languageserver-textdocument';
import { formatFor, parseBrief, type BriefModel } from '../engine';

/** Parsed models of open documents, one per version: every feature of a request shares one parse. */
export class DocumentStore {
  private readonly cache = new Map<string, { version: number; model: BriefModel }>();

  model(doc: TextDocument): BriefModel {
    const hit = this.cache.get(doc.uri);
    if (hit && hit.version === doc.version) return hit.model;
    // The previous version's model lets the parser reuse every segment the edit did not touch.
    const model = parseBrief(doc.getText(), formatOf(doc), hit?.model);
    this.cache.set(doc.uri, { version: doc.version, model });
    return model;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}

/** Markdown when the language or the file name says so; plain text otherwise. */
export function formatOf(doc: { uri: string; languageId: string }) {
  if (doc.languageId === 'markdown') return 'markdown' as const;
  return formatFor(decodeURIComponent(doc.uri.replace(/[?#].*$/, '')));
}
