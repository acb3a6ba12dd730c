// Bundles the client (vscode external), the language server and the CLI into dist/.
// --production minifies; --watch rebuilds on change. A build error fails the process.
import * as path from 'node:path';
import { createRequire } from 'node:module';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/**
 * zod's classic API re-exports every locale (about forty, 280 KB minified: 40 % of the CLI bundle)
 * through `locales/index.js`. Nothing here switches locale, and zod itself configures English from
 * `locales/en.js` directly, so that index is replaced by one that offers English only: the CLI
 * and the server load faster (measured in the closing note of issue 7).
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => {
      if (!args.importer.split(path.sep).includes('zod')) return undefined;
      return { path: path.resolve(path.dirname(args.importer), args.path), namespace: 'zod-locales' };
    });
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: 'export { default as en } from "./en.js";',
      resolveDir: path.dirname(args.path),
      loader: 'js',
    }));
  },
};

/**
 * markdown-it's build defines every class field of every token through a generic helper
 * (`_defineProperty`: key coercion, an `in` test, then Object.defineProperty when the key exists).
 * Its classes have no accessors, so a plain assignment does the same; the parser makes tens of
 * thousands of tokens for a 1 MB brief.
 */
const markdownItPlainFields = {
  name: 'markdown-it-plain-fields',
  setup(build) {
    build.onLoad({ filter: /[\\/]markdown-it[\\/]dist[\\/]markdown-it\.mjs$/ }, async (args) => {
      const fs = await import('node:fs/promises');
      const source = await fs.readFile(args.path, 'utf8');
      const helper = /function _defineProperty\(e, r, t\) \{[^}]*\}\) : e\[r\] = t, e;\n\}/;
      if (!helper.test(source)) return undefined; // another build of markdown-it: bundled as it is
      return { contents: source.replace(helper, 'function _defineProperty(e, r, t) {\n\te[r] = t;\n\treturn e;\n}'), loader: 'js' };
    });
  },
};

/**
 * fdir's ES module build finds an optional glob library through `createRequire(import.meta.url)`,
 * which has no meaning in a CommonJS bundle; its CommonJS build (what `require('fdir')` loads) is
 * bundled instead.
 */
const fdirCommonJs = {
  name: 'fdir-commonjs',
  setup(build) {
    const resolved = createRequire(import.meta.url).resolve('fdir');
    build.onResolve({ filter: /^fdir$/ }, () => ({ path: resolved }));
  },
};

const common = {
  plugins: [zodEnglishOnly, markdownItPlainFields, fdirCommonJs],
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
  { entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' },
  // Small first stage of the CLI: loads dist/cli.js with a code cache (see server/src/cli/start.ts).
  { entryPoints: ['server/src/cli/start.ts'], outfile: 'dist/cli-start.js', external: ['./cli'] },
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
