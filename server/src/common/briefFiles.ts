/**
 * Which files and documents are briefs: the one answer the client, the server and the CLI share.
 * No Node, LSP or VS Code imports (the client bundle and the browser use it too).
 */

/** How the settings choose documents (`policyBrief.documents`). */
export type DocumentsMode = 'auto' | 'all' | 'briefs';

/** Files that may hold a brief: briefs by name, and Markdown (with Quarto and R Markdown) or plain text that may look like one. */
export const CANDIDATE_FILE = /\.(brief|brief\.md|brief\.txt|md|markdown|qmd|rmd|txt)$/i;

/** A file named as a brief (`.brief`, `.brief.md`, `.brief.txt`): always checked, whatever it holds. */
export function isBriefFileName(name: string): boolean {
  return /\.brief(\.md|\.txt)?$/i.test(name);
}

/** Editor languages that are Markdown: VS Code's own, the Quarto extension's and R Markdown's. */
export const MARKDOWN_LANGUAGES: ReadonlySet<string> = new Set(['markdown', 'quarto', 'rmd']);

/**
 * Markdown by file name (`.md`, `.markdown`, `.brief.md`, Quarto's `.qmd`, R Markdown's `.Rmd`)
 * or language; everything else is plain text.
 */
export function formatFor(fileNameOrLanguage: string): 'markdown' | 'plaintext' {
  const s = fileNameOrLanguage.toLowerCase();
  if (MARKDOWN_LANGUAGES.has(s) || /\.(md|markdown|mdown|mkd|qmd|rmd)$/.test(s)) return 'markdown';
  return 'plaintext';
}

/** The format of an open document: Markdown when its language or its name says so. */
export function formatOfDocument(doc: { uri: string; languageId: string }): 'markdown' | 'plaintext' {
  if (MARKDOWN_LANGUAGES.has(doc.languageId)) return 'markdown';
  return formatFor(decodeURIComponent(doc.uri.replace(/[?#].*$/, '')));
}

/** Editor languages whose documents may be briefs. */
export const BRIEF_LANGUAGES: ReadonlySet<string> = new Set(['policy-brief', 'plaintext', ...MARKDOWN_LANGUAGES]);

/** Documents that are views of something else (a diff's old side, output, settings): never checked. */
const SKIPPED_SCHEMES = /^(git|output|vscode-scm|vscode-settings|gitlens|pr|review):/;

/**
 * A quick look at a text, before any parse (the client decides with it whether to start the
 * server): a footnote marker, a superscript marker or a Notes heading. The parsed model decides
 * for good (`Engine.looksLikeBrief`).
 */
export function looksLikeBriefText(text: string): boolean {
  return /\[\^[^\]\s]{1,100}\]|[¹²³⁴⁵⁶⁷⁸⁹]|^\s{0,3}(?:#{1,6}\s*)?(?:Notes|Endnotes|Footnotes|References|Sources)\s*:?\s*$/m.test(text.slice(0, 2_000_000));
}

export interface BriefCandidate {
  /** The file's name or path (a URI for an editor document). */
  name: string;
  /** The editor's language id, for an open document. */
  languageId?: string;
  /** Named by the user (on the command line): checked whatever it holds. */
  explicit?: boolean;
}

/**
 * Whether to check a document or file: `check` for briefs by name or language and files the user
 * named, `skip` for what is not prose or what the settings leave out, `if-brief` for other
 * Markdown and plain text in `auto` mode, which are checked when they look like briefs.
 */
export function briefDecision(c: BriefCandidate, mode: DocumentsMode): 'check' | 'skip' | 'if-brief' {
  if (SKIPPED_SCHEMES.test(c.name)) return 'skip';
  if (c.languageId !== undefined && !BRIEF_LANGUAGES.has(c.languageId)) return 'skip';
  if (c.explicit || c.languageId === 'policy-brief' || (c.languageId === undefined && isBriefFileName(c.name))) return 'check';
  if (mode === 'briefs') return 'skip';
  return mode === 'all' ? 'check' : 'if-brief';
}

/** `briefDecision`, asking `looksLikeBrief` only when it decides. */
export function shouldCheck(c: BriefCandidate, mode: DocumentsMode, looksLikeBrief: () => boolean): boolean {
  const d = briefDecision(c, mode);
  return d === 'if-brief' ? looksLikeBrief() : d === 'check';
}
