import {
  CompletionItemKind,
  LSPErrorCodes,
  MarkupKind,
  ResponseError,
  SymbolKind,
  type CompletionItem,
  type Connection,
  type DocumentSymbol,
  type Hover,
  type Location,
  type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { BriefModel, Engine, Marker, Note, NoteIndex } from '../../engine';
import type { DocumentStore } from '../documentStore';
import { toRange } from './convert';
import { escapeMarkdown, isSafeLink, noteToMarkdown, safeLink } from './markdownText';

export interface FeatureDeps {
  engine: Engine;
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  store: DocumentStore;
}

/** A document's model and its note index, when it is open. */
function modelAt(deps: FeatureDeps, uri: string): { model: BriefModel; notes: NoteIndex } | undefined {
  const doc = deps.documents.get(uri);
  if (!doc) return undefined;
  const model = deps.store.model(doc);
  return { model, notes: deps.engine.notes(model) };
}

function offsetOf(model: BriefModel, pos: { line: number; character: number }): number {
  return model.lines.offsetAt(pos);
}

function lineOf(model: BriefModel, offset: number): number {
  return model.lines.positionAt(offset).line + 1;
}

function describeNote(model: BriefModel, notes: NoteIndex, note: Note): string {
  const parts = [`**Note ${escapeMarkdown(note.label)}** (line ${lineOf(model, note.span.start)})`, '', noteToMarkdown(note.text, note.urls)];
  const res = notes.ibid(note);
  if (res?.source) {
    const rest = notes.ibidRest(note);
    parts.push('', `*Ibid.* refers to note ${escapeMarkdown(res.source.label)}${rest ? `, ${escapeMarkdown(rest)}` : ''}:`, '', noteToMarkdown(res.source.text, res.source.urls));
  } else if (res) parts.push('', '*Ibid.* with no note it can refer to.');
  return parts.join('\n');
}

export function hover(model: BriefModel, notes: NoteIndex, offset: number): Hover | undefined {
  const { marker, note } = notes.itemAt(offset);
  if (marker) {
    const defs = notes.notesOf(marker.key);
    const value = defs.length ? describeNote(model, notes, defs[0]) : `No note ${escapeMarkdown(marker.label)} is defined for this marker.`;
    return { contents: { kind: MarkupKind.Markdown, value }, range: toRange(model, marker.span) };
  }
  if (note) {
    const refs = notes.markersOf(note.key);
    const lines = refs.map((m) => lineOf(model, m.span.start));
    const value = refs.length
      ? `Note ${escapeMarkdown(note.label)} is cited ${refs.length === 1 ? 'once' : `${refs.length} times`}: line${lines.length > 1 ? 's' : ''} ${lines.join(', ')}.`
      : `Note ${escapeMarkdown(note.label)} is never cited.`;
    return { contents: { kind: MarkupKind.Markdown, value }, range: toRange(model, note.labelSpan) };
  }
  return undefined;
}

export function definition(model: BriefModel, notes: NoteIndex, uri: string, offset: number): Location[] {
  const { marker } = notes.itemAt(offset);
  if (!marker) return [];
  return notes.notesOf(marker.key).map((n) => ({ uri, range: toRange(model, n.labelSpan) }));
}

export function references(model: BriefModel, notes: NoteIndex, uri: string, offset: number, includeDeclaration: boolean): Location[] {
  const { marker, note } = notes.itemAt(offset);
  const key = marker?.key ?? note?.key;
  if (!key) return [];
  const out: Location[] = [];
  if (includeDeclaration) for (const n of notes.notesOf(key)) out.push({ uri, range: toRange(model, n.labelSpan) });
  const seen = new Set<number>();
  for (const m of notes.markersOf(key)) {
    if (seen.has(m.span.start)) continue;
    seen.add(m.span.start);
    out.push({ uri, range: toRange(model, m.span) });
  }
  return out;
}

/** The label inside `[^label]` or `[^label]:`. */
function labelRange(item: Marker | Note): { start: number; end: number } {
  if ('labelSpan' in item) {
    const s = item.labelSpan;
    return { start: s.start + 2, end: s.start + 2 + item.label.length };
  }
  return { start: item.span.start + 2, end: item.span.end - 1 };
}

export function prepareRename(model: BriefModel, notes: NoteIndex, offset: number) {
  const { marker, note } = notes.itemAt(offset);
  const item = marker ?? note;
  if (!item) return null;
  if (item.style !== 'footnote') throw new ResponseError(LSPErrorCodes.RequestFailed, 'Only [^label] footnotes can be renamed; use "Renumber Footnotes" for numbered notes.');
  const r = labelRange(item);
  return { range: toRange(model, r), placeholder: item.label };
}

export function rename(model: BriefModel, notes: NoteIndex, uri: string, offset: number, newName: string, version: number) {
  const { marker, note } = notes.itemAt(offset);
  const item = marker ?? note;
  if (!item || item.style !== 'footnote') throw new ResponseError(LSPErrorCodes.RequestFailed, 'Only [^label] footnotes can be renamed.');
  if (!/^[^\s[\]^]{1,100}$/.test(newName)) throw new ResponseError(LSPErrorCodes.RequestFailed, `"${newName}" is not a valid footnote label: use letters, digits or dashes, no spaces or brackets.`);
  const key = item.key;
  const newKey = `fn:${newName.toLowerCase()}`;
  if (newKey !== key && (notes.notesOf(newKey).length > 0 || notes.markersOf(newKey).length > 0)) throw new ResponseError(LSPErrorCodes.RequestFailed, `A footnote [^${newName}] already exists.`);
  const edits = [
    ...notes.markersOf(key).map((m) => ({ range: toRange(model, labelRange(m)), newText: newName })),
    ...notes.notesOf(key).map((n) => ({ range: toRange(model, labelRange(n)), newText: newName })),
  ];
  return { documentChanges: [{ textDocument: { uri, version }, edits }] };
}

export function documentLinks(model: BriefModel) {
  const out = [];
  for (const n of model.notes) for (const u of n.urls) if (isSafeLink(u.url)) out.push({ range: toRange(model, u.span), target: u.url, tooltip: `Open the source of note ${n.label}` });
  return out;
}

export function completion(model: BriefModel, offset: number): CompletionItem[] {
  const line = model.lines.lineAt(offset);
  const before = model.text.slice(model.lines.starts[line], offset);
  const m = /\[\^([^\]\s]*)$/.exec(before);
  if (!m) return [];
  const closes = model.text[offset] === ']';
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  for (const n of model.notes) {
    if (n.style !== 'footnote' || seen.has(n.key)) continue;
    seen.add(n.key);
    const preview = n.text.length > 120 ? n.text.slice(0, 117) + '…' : n.text;
    items.push({
      label: n.label,
      kind: CompletionItemKind.Reference,
      detail: preview,
      // Plain text: the note is untrusted content.
      documentation: { kind: MarkupKind.PlainText, value: n.text },
      insertText: closes ? n.label : `${n.label}]`,
      sortText: n.number !== undefined ? String(n.number).padStart(6, '0') : n.label,
    });
  }
  return items;
}

export function documentSymbols(model: BriefModel): DocumentSymbol[] {
  const root: DocumentSymbol[] = [];
  const stack: { level: number; sym: DocumentSymbol }[] = [];
  const endOfDoc = model.text.length;
  const headings = model.blocks.filter((b) => b.kind === 'heading');
  headings.forEach((h, i) => {
    const name = model.text.slice(h.span.start, h.span.end).trim() || '(untitled)';
    const level = h.level ?? 1;
    // A heading's section runs to the next heading of the same or a higher level.
    let end = endOfDoc;
    for (let j = i + 1; j < headings.length; j++) if ((headings[j].level ?? 1) <= level) { end = headings[j].span.start; break; }
    const trimmedEnd = Math.max(h.span.end, end - (/\s*$/.exec(model.text.slice(h.span.start, end))?.[0].length ?? 0));
    const sym: DocumentSymbol = { name, kind: SymbolKind.String, range: toRange(model, { start: h.span.start, end: trimmedEnd }), selectionRange: toRange(model, h.span), children: [] };
    while (stack.length && stack[stack.length - 1].level >= level) stack.pop();
    (stack.length ? stack[stack.length - 1].sym.children! : root).push(sym);
    stack.push({ level, sym });
  });
  const notes = [...model.notes].sort((a, b) => a.span.start - b.span.start);
  if (notes.length) {
    const children = notes.map((n) => ({
      name: `${n.style === 'footnote' ? `[^${n.label}]` : n.label}`,
      detail: n.text.slice(0, 80),
      kind: SymbolKind.Key,
      range: toRange(model, n.span),
      selectionRange: toRange(model, n.labelSpan),
    }));
    const section = model.notesSections[0];
    const start = section?.heading?.start ?? notes[0].span.start;
    const end = Math.max(notes[notes.length - 1].span.end, section?.span.end ?? 0);
    root.push({ name: `Notes (${notes.length})`, kind: SymbolKind.Namespace, range: toRange(model, { start, end }), selectionRange: toRange(model, section?.heading ?? notes[0].labelSpan), children });
  }
  return root;
}

/** Hover, definition, references, rename, links, completion and symbols. */
export function registerNavigationSupport(deps: FeatureDeps): void {
  const { connection } = deps;
  connection.onHover((p) => {
    const at = modelAt(deps, p.textDocument.uri);
    return at ? hover(at.model, at.notes, offsetOf(at.model, p.position)) : null;
  });
  connection.onDefinition((p) => {
    const at = modelAt(deps, p.textDocument.uri);
    return at ? definition(at.model, at.notes, p.textDocument.uri, offsetOf(at.model, p.position)) : null;
  });
  connection.onReferences((p) => {
    const at = modelAt(deps, p.textDocument.uri);
    return at ? references(at.model, at.notes, p.textDocument.uri, offsetOf(at.model, p.position), p.context.includeDeclaration) : null;
  });
  connection.onPrepareRename((p) => {
    const at = modelAt(deps, p.textDocument.uri);
    return at ? prepareRename(at.model, at.notes, offsetOf(at.model, p.position)) : null;
  });
  connection.onRenameRequest((p) => {
    const doc = deps.documents.get(p.textDocument.uri);
    if (!doc) return null;
    const model = deps.store.model(doc);
    return rename(model, deps.engine.notes(model), p.textDocument.uri, offsetOf(model, p.position), p.newName, doc.version);
  });
  connection.onDocumentLinks((p) => {
    const at = modelAt(deps, p.textDocument.uri);
    return at ? documentLinks(at.model) : null;
  });
  connection.onCompletion((p) => {
    const at = modelAt(deps, p.textDocument.uri);
    return at ? completion(at.model, offsetOf(at.model, p.position)) : null;
  });
  connection.onDocumentSymbol((p) => {
    const at = modelAt(deps, p.textDocument.uri);
    return at ? documentSymbols(at.model) : null;
  });
}

export { safeLink };
