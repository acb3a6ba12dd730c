// Bundles the client (vscode external), the language server and the CLI into dist/.
// --production minifies; --watch rebuilds on change. A build error fails the process.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

const builds = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js' },
];

try {
  if (watch) {
    for (const b of builds) await (await esbuild.context({ ...common, ...b })).watch();
    console.log('esbuild: watching');
  } else {
    await Promise.all(builds.map((b) => esbuild.build({ ...common, ...b })));
  }
} catch {
  process.exit(1);
}
