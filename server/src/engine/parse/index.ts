import type { BriefFormat, BriefModel } from '../model';
import { parseMarkdown, type MarkdownCache } from './markdown';
import { parsePlainText, type PlainCache } from './plaintext';

export { parseMarkdown, parsePlainText };

/** Files that may hold a brief: briefs by name, and Markdown or plain text that may look like one. */
export const CANDIDATE_FILE = /\.(brief|brief\.md|brief\.txt|md|markdown|txt)$/i;

/** A file named as a brief (`.brief`, `.brief.md`, `.brief.txt`): always checked, whatever it holds. */
export function isBriefFileName(name: string): boolean {
  return /\.brief(\.md|\.txt)?$/i.test(name);
}

/** Markdown by file name (`.md`, `.markdown`, `.brief.md`) or language; everything else is plain text. */
export function formatFor(fileNameOrLanguage: string): BriefFormat {
  const s = fileNameOrLanguage.toLowerCase();
  if (s === 'markdown' || /\.(md|markdown|mdown|mkd)$/.test(s)) return 'markdown';
  return 'plaintext';
}

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
