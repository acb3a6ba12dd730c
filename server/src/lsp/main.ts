import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

// The transport (stdio, node-ipc or a socket) is chosen by the command-line flags the client passes.
const connection = createConnection(ProposedFeatures.all);

process.on('uncaughtException', (err) => {
  connection.console.error(`Policy Brief server: uncaught exception: ${err?.stack ?? err}`);
});
process.on('unhandledRejection', (reason) => {
  connection.console.error(`Policy Brief server: unhandled rejection: ${(reason as Error)?.stack ?? reason}`);
});

startServer(connection);
