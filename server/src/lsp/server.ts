import { fileURLToPath } from 'node:url';
import { DidChangeConfigurationNotification, TextDocuments, TextDocumentSyncKind, type Connection, type InitializeResult } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createEngine, type Engine } from '../engine';
import { DocumentStore } from './documentStore';
import { DiagnosticsScheduler } from './features/diagnostics';
import { registerFixSupport, RENUMBER_KIND, ServerCommands } from './features/fixes';
import { registerNavigationSupport } from './features/navigation';
import { SettingsProvider } from './settingsProvider';
import { WorkspaceIndex } from './workspaceIndex';

export interface ServerHandle {
  engine: Engine;
  documents: TextDocuments<TextDocument>;
  store: DocumentStore;
  settings: SettingsProvider;
  diagnostics: DiagnosticsScheduler;
}

/** Wires the engine to an LSP connection: capabilities, documents, and one register…Support per feature. */
export function startServer(connection: Connection): ServerHandle {
  const engine = createEngine();
  const documents = new TextDocuments(TextDocument);
  const store = new DocumentStore(engine);
  const settings = new SettingsProvider(connection);
  const workspace = new WorkspaceIndex(engine, connection, () => settings.workspaceRoots, () => 16 * 1024 * 1024);
  const diagnostics = new DiagnosticsScheduler({
    engine,
    connection,
    documents,
    store,
    settings,
    workspaceFor: (doc, model, s) => workspace.workspaceFor(doc.uri, model, s),
  });
  // Once the folder is indexed, open briefs are checked again against the other files.
  workspace.onIndexed = () => {
    for (const d of documents.all()) diagnostics.now(d.uri);
  };
  const handle: ServerHandle = { engine, documents, store, settings, diagnostics };

  connection.onInitialize((params): InitializeResult => {
    settings.supportsConfiguration = !!params.capabilities.workspace?.configuration;
    workspaceFolderEvents = !!params.capabilities.workspace?.workspaceFolders;
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    settings.workspaceRoots = folders.filter((f) => f.uri.startsWith('file:')).map((f) => fileURLToPath(f.uri));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentLinkProvider: { resolveProvider: false },
        completionProvider: { triggerCharacters: ['^'] },
        documentSymbolProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix', RENUMBER_KIND] },
        executeCommandProvider: { commands: Object.values(ServerCommands) },
      },
      serverInfo: { name: 'policy-brief-server', version: '0.1.0' },
    };
  });

  let workspaceFolderEvents = false;
  connection.onInitialized(() => {
    workspace.scanAll();
    // Only a client that announced workspace folders may be asked for their change events (the getter throws otherwise).
    if (workspaceFolderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const add = e.added.filter((f) => f.uri.startsWith('file:')).map((f) => fileURLToPath(f.uri));
        const removed = new Set(e.removed.filter((f) => f.uri.startsWith('file:')).map((f) => fileURLToPath(f.uri)));
        settings.workspaceRoots = [...settings.workspaceRoots.filter((r) => !removed.has(r)), ...add];
        workspace.scanAll();
        rerunAll();
      });
    }
    if (settings.supportsConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'policyBrief' }).catch(() => undefined);
    }
  });

  const rerunAll = () => {
    settings.invalidate();
    for (const d of documents.all()) diagnostics.now(d.uri);
  };
  connection.onDidChangeConfiguration(rerunAll);
  connection.onDidChangeWatchedFiles((e) => {
    if (e.changes.some((c) => c.uri.endsWith('.policybrief.json'))) rerunAll();
    workspace.filesChanged(e.changes.filter((c) => !c.uri.endsWith('.policybrief.json')).map((c) => c.uri));
  });

  // TextDocuments reports an open as a content change too: the open is checked at once, not debounced.
  const opened = new Map<string, number>();
  documents.onDidOpen((e) => {
    opened.set(e.document.uri, e.document.version);
    diagnostics.now(e.document.uri);
  });
  documents.onDidChangeContent((e) => {
    if (opened.get(e.document.uri) === e.document.version) return;
    opened.delete(e.document.uri);
    void diagnostics.changed(e.document);
  });
  documents.onDidSave((e) => diagnostics.now(e.document.uri));
  documents.onDidClose((e) => {
    opened.delete(e.document.uri);
    store.forget(e.document.uri);
    workspace.closed(e.document.uri);
    diagnostics.closed(e.document.uri);
  });

  registerNavigationSupport({ engine, connection, documents, store });
  registerFixSupport({ engine, connection, documents, store });

  connection.onShutdown(() => diagnostics.dispose());

  documents.listen(connection);
  connection.listen();
  return handle;
}
