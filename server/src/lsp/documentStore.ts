import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { BriefModel, Engine } from '../engine';
import { formatOfDocument } from '../common/briefFiles';

/** Parsed models of open documents, one per version: every feature of a request shares one parse. */
export class DocumentStore {
  private readonly cache = new Map<string, { version: number; model: BriefModel }>();

  constructor(private readonly engine: Engine) {}

  model(doc: TextDocument): BriefModel {
    const hit = this.cache.get(doc.uri);
    if (hit && hit.version === doc.version) return hit.model;
    // The previous version's model lets the parser reuse every segment the edit did not touch.
    const model = this.engine.parse(doc.getText(), formatOfDocument(doc), hit?.model);
    this.cache.set(doc.uri, { version: doc.version, model });
    return model;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
    this.engine.forget(uri);
  }
}
