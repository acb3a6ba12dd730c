import type { BriefFormat, BriefModel } from '../model';
import { parseMarkdown, type MarkdownCache } from './markdown';
import { parsePlainText, type PlainCache } from './plaintext';

export { parseMarkdown, parsePlainText };

/**
 * Parses a brief. `previous`, the model of the document's previous version, lets the parser reuse
 * what an edit did not touch; the result is the same with or without it.
 */
export function parseBrief(text: string, format: BriefFormat, previous?: BriefModel): BriefModel {
  if (format === 'markdown') return parseMarkdown(text, previous?.format === 'markdown' ? (previous.cache as MarkdownCache | undefined) : undefined);
  return parsePlainText(text, previous?.format === 'plaintext' ? (previous.cache as PlainCache | undefined) : undefined);
}

/** A document is treated as a brief when it has citation markers or notes (an ordinary README has neither). */
export function looksLikeBrief(model: BriefModel): boolean {
  return model.markers.length > 0 || model.notes.length > 0;
}
