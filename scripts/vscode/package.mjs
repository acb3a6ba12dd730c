// `npm run package`: production bundles, then a VSIX with @vscode/vsce, then a check of what is in
// it (only the files the installed extension reads, no source maps) and of its size (< 2 MB).
// Usage: node scripts/vscode/package.mjs [--out FILE.vsix]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const MAX_BYTES = 2 * 1024 * 1024;
/** What may be in the VSIX (paths inside extension/), beside the manifest files vsce adds. */
const ALLOWED = [
  /^package\.json$/,
  /^README\.md$/,
  /^LICENSE(\.md|\.txt)?$/,
  /^CHANGELOG\.md$/,
  /^dist\/(client|server)\.js$/,
  /^language-configuration\.json$/,
  /^syntaxes\/[^/]+\.tmLanguage\.json$/,
  /^docs\/checks\/[a-z-]+\.md$/,
];
const REQUIRED = ['package.json', 'dist/client.js', 'dist/server.js'];

function run(command, args, cwd) {
  const r = spawnSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (r.status !== 0) {
    process.stdout.write(r.stdout ?? '');
    throw new Error(`${command} ${args.join(' ')} failed with ${r.status ?? r.signal}`);
  }
  return r.stdout;
}

/** Files of the work tree the VSIX may take (the .vscodeignore decides), copied into the stage. */
const STAGED = ['package.json', '.vscodeignore', 'README.md', 'LICENSE', 'LICENSE.md', 'LICENSE.txt', 'CHANGELOG.md', 'language-configuration.json', 'syntaxes', 'docs/checks'];

/**
 * Packages from a stage folder, not from the work tree: the production bundles are built into
 * the stage's dist/, so a development build running at the same time (watch, `npm test`) can
 * neither end up in the VSIX nor be replaced by minified bundles.
 */
export function packageExtension(out) {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const vsix = path.resolve(ROOT, out ?? `${pkg.name}-${pkg.version}.vsix`);
  fs.mkdirSync(path.dirname(vsix), { recursive: true });
  const stage = path.join(ROOT, '.vscode-test', 'package');
  fs.rmSync(stage, { recursive: true, force: true });
  fs.mkdirSync(stage, { recursive: true });
  for (const dir of ['client', 'server', 'node_modules']) fs.symlinkSync(path.join(ROOT, dir), path.join(stage, dir), 'dir');
  for (const item of STAGED) {
    if (fs.existsSync(path.join(ROOT, item))) fs.cpSync(path.join(ROOT, item), path.join(stage, item), { recursive: true });
  }
  // esbuild.mjs takes its entry points and outputs relative to the working folder: the stage.
  run(process.execPath, [path.join(ROOT, 'esbuild.mjs'), '--production'], stage);

  const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const files = run(process.execPath, [vsce, 'ls', '--no-dependencies'], stage).split('\n').map((l) => l.trim()).filter(Boolean);
  const unexpected = files.filter((f) => !ALLOWED.some((re) => re.test(f)));
  const missing = REQUIRED.filter((f) => !files.includes(f));
  if (unexpected.length || missing.length) {
    throw new Error(`the VSIX would hold ${unexpected.length ? `unexpected files: ${unexpected.join(', ')}` : ''}${missing.length ? ` and lacks ${missing.join(', ')}` : ''}; fix .vscodeignore`);
  }
  const hasLicense = files.some((f) => f.startsWith('LICENSE'));
  // Without a LICENSE file vsce asks on the terminal whether to go on; a script cannot answer.
  const args = [vsce, 'package', '--no-dependencies', '--out', vsix, ...(hasLicense ? [] : ['--skip-license'])];
  run(process.execPath, args, stage);

  const size = fs.statSync(vsix).size;
  console.log(`[package] ${path.relative(ROOT, vsix)}: ${(size / 1024).toFixed(0)} KiB (${size} bytes), ${files.length} files:`);
  for (const f of files) console.log(`[package]   ${f}  ${(fs.statSync(path.join(stage, f)).size / 1024).toFixed(0)} KiB`);
  if (size >= MAX_BYTES) throw new Error(`the VSIX is ${size} bytes, over the 2 MB budget`);
  return { vsix, size, files };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  try {
    packageExtension(values.out);
  } catch (e) {
    console.error(`[package] ${e.message}`);
    process.exit(1);
  }
}
