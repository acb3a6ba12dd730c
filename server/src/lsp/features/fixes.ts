import {
  CodeActionKind,
  ResponseError,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type TextDocuments,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { applyEdits, LineIndex, type BriefModel, type Engine, type TextEdit } from '../../engine';
import type { DocumentStore } from '../documentStore';
import { toRange } from './convert';

/** Commands the server executes (the client's commands forward to them). */
export const ServerCommands = {
  renumber: 'policyBrief.server.renumberFootnotes',
  insertFootnote: 'policyBrief.server.insertFootnote',
  citedSource: 'policyBrief.server.citedSource',
} as const;

/** Client command that puts the cursor somewhere after an edit. */
export const MOVE_CURSOR = 'policyBrief.moveCursor';

export const RENUMBER_KIND = `${CodeActionKind.Source}.renumberFootnotes.policyBrief`;

export interface FixDeps {
  engine: Engine;
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  store: DocumentStore;
}

export function toWorkspaceEdit(model: BriefModel, uri: string, version: number, edits: TextEdit[]): WorkspaceEdit {
  return { documentChanges: [{ textDocument: { uri, version }, edits: edits.map((e) => ({ range: toRange(model, e.span), newText: e.newText })) }] };
}

/** Line/character of an offset in the text after the edits. */
export function positionAfter(model: BriefModel, edits: TextEdit[], offset: number) {
  return new LineIndex(applyEdits(model.text, edits)).positionAt(offset);
}

/** Quick fixes for this document's diagnostics, plus the Renumber source action. */
export function codeActions(engine: Engine, model: BriefModel, uri: string, version: number, diagnostics: Diagnostic[], only?: string[]): CodeAction[] {
  const actions: CodeAction[] = [];
  const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(o + '.'));
  const seen = new Set<string>();
  if (wants(CodeActionKind.QuickFix)) {
    for (const d of diagnostics) {
      if (d.source !== 'policy-brief' || typeof d.code !== 'string') continue;
      const span = { start: model.lines.offsetAt(d.range.start), end: model.lines.offsetAt(d.range.end) };
      for (const fix of engine.fixes(model, { code: d.code, span, data: d.data as Record<string, unknown> | undefined })) {
        // One Renumber for several footnote-order findings.
        const key = `${fix.title}|${JSON.stringify(fix.edits)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const cursor = fix.cursor !== undefined ? positionAfter(model, fix.edits, fix.cursor) : undefined;
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          isPreferred: fix.isPreferred,
          edit: toWorkspaceEdit(model, uri, version, fix.edits),
          command: cursor ? { title: 'Go to the new note', command: MOVE_CURSOR, arguments: [uri, cursor] } : undefined,
        });
      }
    }
  }
  if (only && wants(RENUMBER_KIND)) {
    const plan = engine.renumber(model);
    if (plan.edits.length) actions.push({ title: 'Renumber footnotes in order of appearance', kind: RENUMBER_KIND, edit: toWorkspaceEdit(model, uri, version, plan.edits) });
  }
  return actions;
}

interface CommandArgs {
  uri: string;
  version?: number;
  position?: { line: number; character: number };
}

export function registerFixSupport(deps: FixDeps): void {
  const { engine, connection, documents, store } = deps;
  connection.onCodeAction((p) => {
    const doc = documents.get(p.textDocument.uri);
    if (!doc) return null;
    return codeActions(engine, store.model(doc), doc.uri, doc.version, p.context.diagnostics, p.context.only);
  });

  connection.onExecuteCommand(async (p) => {
    if (!(Object.values(ServerCommands) as string[]).includes(p.command)) throw new ResponseError(-32601, `Unknown command ${p.command}`);
    const args = (p.arguments?.[0] ?? {}) as CommandArgs;
    const doc = typeof args.uri === 'string' ? documents.get(args.uri) : undefined;
    if (!doc) throw new ResponseError(-32602, 'Policy Brief: no open document for this command.');
    const model = store.model(doc);
    const offset = args.position ? model.lines.offsetAt(args.position) : 0;
    switch (p.command) {
      case ServerCommands.renumber: {
        const plan = engine.renumber(model);
        if (plan.edits.length === 0) return { applied: false, message: 'The notes are already in order.' };
        const r = await connection.workspace.applyEdit({ label: 'Renumber footnotes', edit: toWorkspaceEdit(model, doc.uri, doc.version, plan.edits) });
        return { applied: r.applied };
      }
      case ServerCommands.insertFootnote: {
        const plan = engine.renumber(model, { at: offset, noteText: '' });
        const cursor = plan.cursor !== undefined ? positionAfter(model, plan.edits, plan.cursor) : undefined;
        const r = await connection.workspace.applyEdit({ label: 'Insert footnote', edit: toWorkspaceEdit(model, doc.uri, doc.version, plan.edits) });
        return { applied: r.applied, cursor, number: plan.insertedNumber };
      }
      case ServerCommands.citedSource: {
        const notes = engine.notes(model);
        const { marker, note: labelNote } = notes.itemAt(offset);
        const note = labelNote ?? (marker ? notes.notesOf(marker.key)[0] : notes.noteAt(offset));
        if (!note) return { message: marker ? `Marker ${marker.label} has no note.` : 'Put the cursor on a note marker to open its source.' };
        const url = note.urls.find((u) => /^(https?:|mailto:)/i.test(u.url))?.url;
        if (url) return { url };
        return { noteRange: toRange(model, note.span), message: `Note ${note.label} has no link; showing the note.` };
      }
    }
    throw new ResponseError(-32601, `Unknown command ${p.command}`);
  });
}
