import type { BriefFormat, BriefModel } from '../model';
import { parseMarkdown } from './markdown';
import { parsePlainText } from './plaintext';

export { parseMarkdown, parsePlainText };

/** Markdown by file name (`.md`, `.markdown`, `.brief.md`) or language; everything else is plain text. */
export function formatFor(fileNameOrLanguage: string): BriefFormat {
  const s = fileNameOrLanguage.toLowerCase();
  if (s === 'markdown' || /\.(md|markdown|mdown|mkd)$/.test(s)) return 'markdown';
  return 'plaintext';
}

export function parseBrief(text: string, format: BriefFormat): BriefModel {
  return format === 'markdown' ? parseMarkdown(text) : parsePlainText(text);
}

/** A document is treated as a brief when it has citation markers or notes (an ordinary README has neither). */
export function looksLikeBrief(model: BriefModel): boolean {
  return model.markers.length > 0 || model.notes.length > 0;
}
