// The offline VS Code: the VS Code server that the npm package `code-server` bundles, run with
// Node 24 from the npm registry, and its workbench in Debian's headless Chromium driven by
// playwright-core. Shared by run-tests.mjs and screenshot.mjs. Everything is cached in
// .vscode-test/ (git-ignored) and reused; what is missing is installed on first use.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CACHE = path.join(ROOT, '.vscode-test');
export const LOGS = path.join(CACHE, 'logs');
export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_MAJOR = 24;
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/** User settings for the test profile: nothing reaches for the network, nothing pops up. */
export const USER_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'extensions.experimental.useUtilityProcess': false,
  'workbench.enableExperiments': false,
  'workbench.settings.enableNaturalLanguageSearch': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'chat.setupFromDialog': false,
  'github.copilot.enable': { '*': false },
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'git.autofetch': false,
  'npm.fetchOnlinePackageInfo': false,
  'json.schemaDownload.enable': false,
  'typescript.disableAutomaticTypeAcquisition': true,
  'window.commandCenter': false,
};

export function log(message) {
  console.log(`[vscode-test] ${message}`);
}

/** Runs a command to completion; rejects with its tail of output when it fails. */
export function exec(command, args, { cwd = ROOT, env = process.env, logFile, quiet = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks = [];
    const out = logFile ? fs.createWriteStream(logFile) : undefined;
    const take = (to) => (data) => {
      chunks.push(data);
      out?.write(data);
      if (!quiet && !logFile) to.write(data);
    };
    child.stdout.on('data', take(process.stdout));
    child.stderr.on('data', take(process.stderr));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      out?.end();
      const text = Buffer.concat(chunks).toString('utf8');
      if (code === 0) resolve(text);
      else {
        const tail = text.split('\n').slice(-40).join('\n');
        reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})${logFile ? `; log: ${logFile}` : ''}\n${tail}`));
      }
    });
  });
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

function debianPackageInstalled(name) {
  return spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' }).stdout?.includes('install ok installed') ?? false;
}

/**
 * Installs missing Debian packages (a fresh CI machine has none of them). Only as root with
 * apt-get; otherwise says what to install.
 */
export async function ensureDebianPackages(wanted) {
  const missing = wanted.filter((p) => !(p.present ? p.present() : debianPackageInstalled(p.name)));
  if (missing.length === 0) return;
  const names = missing.map((p) => p.name);
  if (!isRoot() || !hasCommand('apt-get')) {
    throw new Error(`missing system packages: ${names.join(', ')}. Install them (Debian: sudo apt-get install ${names.join(' ')}) or set CHROMIUM_PATH.`);
  }
  fs.mkdirSync(LOGS, { recursive: true });
  log(`installing Debian packages ${names.join(', ')} (apt-get update first)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await exec('apt-get', ['update'], { env, logFile: path.join(LOGS, 'apt-update.log') });
  await exec('apt-get', ['install', '-y', ...names], { env, logFile: path.join(LOGS, 'apt-install.log') });
}

export const CHROMIUM_PACKAGE = { name: 'chromium', present: () => fs.existsSync(CHROMIUM) };
/** A native module of the VS Code server (kerberos) builds against its headers. */
export const KRB5_PACKAGE = { name: 'libkrb5-dev', present: () => fs.existsSync('/usr/include/krb5.h') || fs.existsSync('/usr/include/krb5/krb5.h') };

/** Node 24 (the VS Code server's Node) from the npm package node-<platform>-<arch>, headers included. */
export async function ensureNode() {
  const pkg = `node-${process.platform}-${process.arch}`;
  const dir = path.join(CACHE, `node${NODE_MAJOR}`);
  const home = path.join(dir, 'node_modules', pkg);
  const bin = path.join(home, 'bin', 'node');
  const version = () => spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout?.trim() ?? '';
  if (fs.existsSync(bin) && version().startsWith(`v${NODE_MAJOR}.`)) return { bin, home };
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'vscode-test-node', private: true }, null, 2));
  log(`installing ${pkg}@${NODE_MAJOR} into ${path.relative(ROOT, dir)}/`);
  await exec('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', `${pkg}@${NODE_MAJOR}`], { cwd: dir, env: cleanNpmEnv(), logFile: path.join(dir, 'install.log') });
  if (!version().startsWith(`v${NODE_MAJOR}.`)) throw new Error(`${bin} is not Node ${NODE_MAJOR} after the install`);
  return { bin, home };
}

/**
 * The environment without what `npm run` adds: its npm_config_* variables (user agent with the
 * outer Node version, which code-server's postinstall checks) would configure the inner npm.
 */
function cleanNpmEnv() {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) && k !== 'NODE' && k !== 'INIT_CWD') env[k] = v;
  return env;
}

/** The VS Code server inside code-server, installed with Node 24 so its native modules match. */
export async function ensureCodeServer(node) {
  const dir = path.join(CACHE, 'code-server');
  const vscodeDir = path.join(dir, 'node_modules', 'code-server', 'lib', 'vscode');
  const serverMain = path.join(vscodeDir, 'out', 'server-main.js');
  const stamp = path.join(dir, `.installed-${CODE_SERVER_VERSION}-node${NODE_MAJOR}`);
  if (fs.existsSync(stamp) && fs.existsSync(serverMain)) return { serverMain, vscodeDir };
  await ensureDebianPackages([KRB5_PACKAGE]);
  fs.mkdirSync(dir, { recursive: true });
  // code-server's postinstall installs the VS Code server's own modules (native ones built here).
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'vscode-test-code-server', private: true, allowScripts: { 'code-server': true, argon2: true } }, null, 2),
  );
  const logFile = path.join(dir, 'install.log');
  log(`installing code-server@${CODE_SERVER_VERSION} with Node ${NODE_MAJOR} into ${path.relative(ROOT, dir)}/ (a few minutes, once; log: ${path.relative(ROOT, logFile)})`);
  const started = Date.now();
  const env = { ...cleanNpmEnv(), PATH: `${path.join(node.home, 'bin')}${path.delimiter}${process.env.PATH}`, npm_config_nodedir: node.home };
  await exec('npm', ['install', '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`], { cwd: dir, env, logFile });
  if (!fs.existsSync(serverMain) || !fs.existsSync(path.join(vscodeDir, 'node_modules'))) {
    throw new Error(`code-server installed without its VS Code server modules (did its postinstall run?); see ${logFile}`);
  }
  fs.writeFileSync(stamp, new Date().toISOString() + '\n');
  log(`code-server installed in ${Math.round((Date.now() - started) / 1000)} s`);
  return { serverMain, vscodeDir };
}

/** Node, Chromium and the VS Code server, installing what is missing. */
export async function ensureOfflineVSCode() {
  await ensureDebianPackages([CHROMIUM_PACKAGE]);
  const node = await ensureNode();
  const server = await ensureCodeServer(node);
  return { node, ...server };
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Fresh, empty user/server/extensions folders for one run, user settings (USER_SETTINGS, then `settings`) written. */
export function makeProfile(prefix = 'policy-brief-vscode-', settings = {}) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const dirs = {
    tmp,
    userDataDir: path.join(tmp, 'user-data'),
    serverDataDir: path.join(tmp, 'server-data'),
    extensionsDir: path.join(tmp, 'extensions'),
  };
  for (const d of [dirs.userDataDir, dirs.serverDataDir, dirs.extensionsDir]) fs.mkdirSync(d, { recursive: true });
  // code-server keeps user settings on the server, in <user-data-dir>/User (VS Code desktop does too).
  fs.mkdirSync(path.join(dirs.userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(dirs.userDataDir, 'User', 'settings.json'), JSON.stringify({ ...USER_SETTINGS, ...settings }, null, 2));
  return dirs;
}

/**
 * Files of the test workspace that live elsewhere in the repository, copied in under these names:
 * the corpus brief with planted defects is kept once, in tests/fixtures/corpus/.
 */
export const WORKSPACE_EXTRAS = { 'planted.brief.md': path.join(ROOT, 'tests', 'fixtures', 'corpus', 'planted-public.md') };

/** Copies the fixture workspace (and WORKSPACE_EXTRAS) so tests may edit and save its files. */
export function copyWorkspace(tmp, from = path.join(ROOT, 'tests', 'vscode', 'workspace')) {
  const to = path.join(tmp, 'workspace');
  fs.cpSync(from, to, { recursive: true });
  for (const [name, file] of Object.entries(WORKSPACE_EXTRAS)) fs.copyFileSync(file, path.join(to, name));
  return to;
}

function serverArgs(serverMain, profile) {
  return [serverMain, '--user-data-dir', profile.userDataDir, '--server-data-dir', profile.serverDataDir, '--extensions-dir', profile.extensionsDir];
}

/** `server-main.js --install-extension`: the same install a writer's VS Code does with a VSIX. */
export async function installVsix({ node, serverMain }, profile, vsix) {
  const out = await exec(node.bin, [...serverArgs(serverMain, profile), '--install-extension', vsix, '--force'], { quiet: true });
  if (!/successfully installed/i.test(out)) throw new Error(`installing ${vsix} did not report success:\n${out}`);
  const installed = fs.readdirSync(profile.extensionsDir).filter((d) => !d.startsWith('.') && d !== 'extensions.json');
  log(`installed ${path.basename(vsix)} into the server's extensions folder: ${installed.join(', ')}`);
  return installed.map((d) => path.join(profile.extensionsDir, d));
}

/**
 * Starts the VS Code server on a free loopback port, in its own process group so that stop()
 * ends it and every process it started (extension host, language server) by its id.
 */
export async function startServer({ node, serverMain }, profile, { env = process.env, verbose = false } = {}) {
  const port = await freePort();
  fs.mkdirSync(LOGS, { recursive: true });
  const logFile = path.join(LOGS, 'server.log');
  const logStream = fs.createWriteStream(logFile);
  const args = [
    ...serverArgs(serverMain, profile),
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    '--without-connection-token',
    '--accept-server-license-terms',
    '--enable-smoke-test-driver',
    '--disable-telemetry',
  ];
  const child = spawn(node.bin, args, { cwd: profile.tmp, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let exited = false;
  const exit = new Promise((resolve) => child.on('exit', (code, signal) => {
    exited = true;
    resolve({ code, signal });
  }));
  const stop = () => stopProcessGroup(child, exit, () => exited);
  killOnExit.add(child.pid);
  child.on('exit', () => killOnExit.delete(child.pid));

  let buffered = '';
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the VS Code server did not report listening within 60 s; log: ${logFile}`)), 60_000);
    const onData = (data) => {
      logStream.write(data);
      if (verbose) process.stdout.write(`[server] ${data}`);
      buffered += data.toString('utf8');
      if (/Extension host agent listening on|Server bound to/.test(buffered)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    exit.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the VS Code server exited (${signal ?? code}) before listening:\n${buffered.slice(-3000)}`));
    });
  });
  try {
    await ready;
  } catch (e) {
    await stop();
    throw e;
  }
  log(`VS Code server (pid ${child.pid}) listening on http://127.0.0.1:${port}`);
  return { port, pid: child.pid, logFile, stop, exit };
}

/** Server process groups still running, ended if this script exits early. */
const killOnExit = new Set();
process.on('exit', () => {
  for (const pid of killOnExit) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {}
  }
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    log(`${signal}: stopping`);
    process.exit(130);
  });
}

async function stopProcessGroup(child, exit, hasExited) {
  if (hasExited()) return;
  const send = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {}
  };
  send('SIGTERM');
  const timedOut = await Promise.race([exit.then(() => false), new Promise((r) => setTimeout(() => r(true), 5_000).unref())]);
  // Also the group's stragglers (the extension host can outlive the server for a moment).
  send('SIGKILL');
  if (timedOut) await exit;
  killOnExit.delete(child.pid);
  log(`VS Code server (pid ${child.pid}) stopped`);
}

/** The workbench URL for a folder on the server, with an extension under development and its tests. */
export function workbenchUrl(port, folder, { extensionDevelopmentPath, extensionTestsPath } = {}) {
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p.split(path.sep).join('/')}`;
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  let url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`;
  if (payload.length) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

export async function launchChromium({ width = 1600, height = 1000 } = {}) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  return { browser, page };
}

/**
 * The text of a workbench console message as a terminal would show it: printf-style `%s %d %o`
 * filled in, `%c` styling dropped. The workbench logs extension host output as
 * `('%c INFO', style, message, ...args)`, where the message is itself a format string (mocha's).
 */
export async function consoleText(msg) {
  const values = await Promise.all(msg.args().map((a) => a.jsonValue().catch(() => String(a))));
  if (values.length === 0) return msg.text();
  const show = (v) => (typeof v === 'string' ? v : JSON.stringify(v));
  const parts = [];
  let i = 0;
  while (i < values.length) {
    const v = values[i++];
    if (typeof v !== 'string' || !/%[csdifoO]/.test(v)) {
      parts.push(show(v));
      continue;
    }
    parts.push(
      v.replace(/%[csdifoO%]/g, (m) => {
        if (m === '%%') return '%';
        const arg = values[i++];
        return m === '%c' ? '' : show(arg);
      }),
    );
  }
  return parts.join(' ').trim();
}
