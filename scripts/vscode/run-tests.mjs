// `npm run test:vscode`: the mocha suite of tests/vscode/suite inside a real VS Code.
//
// Two routes, chosen here and printed:
//   electron  @vscode/test-electron's runTests, when VSCODE_EXECUTABLE_PATH names an installed
//             VS Code or VS Code can be downloaded (a developer's laptop, a public CI). It tests
//             the development folder (dev bundles with source maps).
//   offline   where VS Code cannot be downloaded: the VS Code server bundled in the npm package
//             code-server, run with Node 24, its workbench in headless Chromium (playwright-core).
//             By default it builds the VSIX (npm run package), installs it into the server with
//             --install-extension and runs the suite against that installed copy, so every run
//             proves the package a writer installs; --target=dev tests the development folder.
//
// Two passes, each in a fresh profile and workspace copy (see PASSES):
//   main        the whole suite, workspace trust off.
//   restricted  a short pass in Restricted Mode: workspace trust on, the folder not trusted.
//
// Options: --route=auto|electron|offline (or POLICY_BRIEF_VSCODE_ROUTE), --target=vsix|dev,
// --pass=all|main|restricted (or POLICY_BRIEF_VSCODE_PASS), --grep=PATTERN (mocha grep, every
// pass), --verbose (server output too), --keep (keep the temp profiles).
// Prints one `pass NAME: vscode: ...` line per pass, then `vscode: N passed, N failed, N skipped`
// over all passes, and exits non-zero if any pass failed.
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { spawnSync } from 'node:child_process';
import {
  CACHE,
  LOGS,
  ROOT,
  copyWorkspace,
  ensureOfflineVSCode,
  installVsix,
  launchChromium,
  log,
  makeProfile,
  consoleText,
  startServer,
  workbenchUrl,
} from './offline.mjs';

const SUITE_ENTRY = path.join(ROOT, 'tests', 'vscode', 'suite', 'index.ts');
const SUITE_OUT = path.join(CACHE, 'suite', 'index.js');
const VSIX = path.join(CACHE, 'policy-brief.vsix');
/** The whole suite, from the workbench opening to its exit; the first install is not counted. */
const SUITE_TIMEOUT_MS = Number(process.env.POLICY_BRIEF_VSCODE_TIMEOUT_MS || 6 * 60_000);

const { values: args } = parseArgs({
  options: {
    route: { type: 'string' },
    target: { type: 'string' },
    grep: { type: 'string' },
    pass: { type: 'string' },
    verbose: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});

const routeWanted = args.route ?? (process.env.POLICY_BRIEF_VSCODE_ROUTE || 'auto');
const grep = args.grep ?? (process.env.POLICY_BRIEF_TEST_GREP || '');
const passWanted = args.pass ?? (process.env.POLICY_BRIEF_VSCODE_PASS || 'all');
const { verbose, keep } = args;

/**
 * The passes of a run. `settings` are added to the profile's user settings (USER_SETTINGS);
 * `trusted: false` also leaves out the electron route's --disable-workspace-trust. The suite's
 * index.ts picks its files by POLICY_BRIEF_TEST_PASS.
 */
const PASSES = {
  main: { settings: {}, trusted: true },
  // package.json declares capabilities.untrustedWorkspaces.supported: true; this pass proves it.
  // A folder opened for the first time is untrusted; `startupPrompt: never` keeps it so (no dialog).
  restricted: {
    settings: {
      'security.workspace.trust.enabled': true,
      'security.workspace.trust.startupPrompt': 'never',
      'security.workspace.trust.emptyWindow': false,
    },
    trusted: false,
  },
};

function passesToRun() {
  if (passWanted === 'all') return Object.keys(PASSES);
  if (!PASSES[passWanted]) throw new Error(`--pass=${passWanted}: expected all, ${Object.keys(PASSES).join(' or ')}`);
  return [passWanted];
}

/** The suite writes its counts here (index.ts), for the summary over all passes. */
function resultFile(profile) {
  return path.join(profile.tmp, 'result.json');
}

function readResult(profile) {
  try {
    const r = JSON.parse(fs.readFileSync(resultFile(profile), 'utf8'));
    return `vscode: ${r.passes} passed, ${r.failures} failed, ${r.pending} skipped`;
  } catch {
    return undefined;
  }
}

function npm(args) {
  const r = spawnSync('npm', args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed`);
}

/** Type-checks and bundles the suite (mocha and vscode stay external). */
async function buildSuite() {
  const tsc = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(ROOT, 'tests', 'vscode', 'tsconfig.json')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (tsc.status !== 0) throw new Error('the VS Code suite does not type-check');
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [SUITE_ENTRY],
    outfile: SUITE_OUT,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
}

/** A quick look at whether VS Code's download host answers; offline machines fail at once. */
function canDownloadVSCode(timeoutMs = 4000) {
  return new Promise((resolve) => {
    const req = https.get('https://update.code.visualstudio.com/api/releases/stable', { timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode !== undefined && res.statusCode < 500);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(false));
  });
}

async function chooseRoute() {
  if (routeWanted === 'offline' || routeWanted === 'electron') return { route: routeWanted, why: 'asked for' };
  if (process.env.VSCODE_EXECUTABLE_PATH) return { route: 'electron', why: `VSCODE_EXECUTABLE_PATH=${process.env.VSCODE_EXECUTABLE_PATH}` };
  if (fs.existsSync(CACHE) && fs.readdirSync(CACHE).some((d) => d.startsWith('vscode-'))) return { route: 'electron', why: 'a downloaded VS Code is cached in .vscode-test/' };
  if (await canDownloadVSCode()) return { route: 'electron', why: 'VS Code can be downloaded' };
  return { route: 'offline', why: 'VS Code cannot be downloaded here' };
}

/** Runs the passes one after the other; returns each pass's exit code and summary line. */
async function runElectron(passes) {
  const { runTests, downloadAndUnzipVSCode } = await import('@vscode/test-electron');
  const vscodeExecutablePath = process.env.VSCODE_EXECUTABLE_PATH || (await downloadAndUnzipVSCode({ cachePath: CACHE, timeout: 30_000 }));
  npm(['run', 'build']);
  await buildSuite();
  const results = [];
  for (const pass of passes) {
    log(`pass ${pass}: electron`);
    const profile = makeProfile(undefined, PASSES[pass].settings); // user settings included
    const workspace = copyWorkspace(profile.tmp);
    let exitCode;
    try {
      await runTests({
        vscodeExecutablePath,
        extensionDevelopmentPath: ROOT,
        extensionTestsPath: SUITE_OUT,
        extensionTestsEnv: {
          POLICY_BRIEF_TEST_TARGET: 'dev',
          POLICY_BRIEF_TEST_DEVELOPMENT_PATH: ROOT,
          POLICY_BRIEF_TEST_GREP: grep || '',
          POLICY_BRIEF_TEST_PASS: pass,
          POLICY_BRIEF_TEST_RESULT_FILE: resultFile(profile),
        },
        launchArgs: [
          workspace,
          '--disable-extensions',
          '--user-data-dir',
          profile.userDataDir,
          '--extensions-dir',
          profile.extensionsDir,
          ...(PASSES[pass].trusted ? ['--disable-workspace-trust'] : []),
          '--skip-welcome',
          '--skip-release-notes',
        ],
      });
      exitCode = 0;
    } catch (e) {
      console.error(`[vscode-test] ${e?.message ?? e}`);
      exitCode = typeof e?.code === 'number' && e.code !== 0 ? e.code : 1;
    } finally {
      results.push({ pass, exitCode, summary: readResult(profile) });
      if (!keep) fs.rmSync(profile.tmp, { recursive: true, force: true });
    }
  }
  return results;
}

/** Packages (or builds) once, then runs each pass in its own server, profile and Chromium. */
async function runOffline(target, passes) {
  const vscode = await ensureOfflineVSCode();
  if (target === 'vsix') {
    const { packageExtension } = await import('./package.mjs');
    packageExtension(VSIX);
  } else {
    npm(['run', 'build']);
  }
  await buildSuite();
  const results = [];
  for (const pass of passes) {
    log(`pass ${pass}: offline`);
    results.push({ pass, ...(await runOfflinePass(vscode, target, pass)) });
  }
  return results;
}

async function runOfflinePass(vscode, target, pass) {
  const profile = makeProfile(undefined, PASSES[pass].settings);
  let server;
  let browser;
  try {
    const workspace = copyWorkspace(profile.tmp);
    let extensionDevelopmentPath = ROOT;
    if (target === 'vsix') {
      await installVsix(vscode, profile, VSIX);
      // Tests run inside an extension under development: an empty one, so the installed VSIX is what is tested.
      extensionDevelopmentPath = path.join(profile.tmp, 'test-host');
      fs.mkdirSync(extensionDevelopmentPath);
      fs.writeFileSync(
        path.join(extensionDevelopmentPath, 'package.json'),
        JSON.stringify({ name: 'policy-brief-vscode-tests', publisher: 'policy-brief', version: '0.0.0', engines: { vscode: '*' } }, null, 2),
      );
    }

    const env = {
      ...process.env,
      // No extension gallery (code-server reads this): nothing to query on the network.
      EXTENSIONS_GALLERY: '{}',
      POLICY_BRIEF_TEST_TARGET: target,
      POLICY_BRIEF_TEST_EXTENSIONS_DIR: profile.extensionsDir,
      POLICY_BRIEF_TEST_DEVELOPMENT_PATH: ROOT,
      POLICY_BRIEF_TEST_GREP: grep || '',
      POLICY_BRIEF_TEST_PASS: pass,
      POLICY_BRIEF_TEST_RESULT_FILE: resultFile(profile),
    };
    server = await startServer(vscode, profile, { env, verbose });
    const chromium = await launchChromium();
    browser = chromium.browser;
    const page = chromium.page;
    let summary;
    let finish;
    const finished = new Promise((resolve) => (finish = resolve));
    // The workbench calls this when the extension host's test run ends, with its exit code.
    await page.exposeFunction('codeAutomationExit', (code) => finish({ code: Number(code) }));
    page.on('console', async (msg) => {
      const text = await consoleText(msg);
      const closing = /(vscode: \d+ passed, \d+ failed, \d+ skipped)\s*$/m.exec(text);
      if (closing) summary = closing[1];
      if (!verbose && NOISE.some((re) => re.test(text))) return;
      console.log(text.replace(/^INFO /, '').replace(/^/gm, '  '));
    });
    page.on('pageerror', (err) => console.log(`  [page error] ${err.message}`));
    browser.on('disconnected', () => finish({ error: 'Chromium went away' }));
    server.exit.then(({ code, signal }) => finish({ error: `the VS Code server exited (${signal ?? code})` }));
    const timer = setTimeout(() => finish({ error: `the suite did not finish within ${SUITE_TIMEOUT_MS / 1000} s` }), SUITE_TIMEOUT_MS);

    const url = workbenchUrl(server.port, workspace, { extensionDevelopmentPath, extensionTestsPath: SUITE_OUT });
    log(`opening the workbench in Chromium: ${url}`);
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    const result = await finished;
    clearTimeout(timer);
    if (result.error) {
      fs.mkdirSync(LOGS, { recursive: true });
      const shot = path.join(LOGS, 'failure.png');
      await page.screenshot({ path: shot }).catch(() => undefined);
      console.error(`[vscode-test] ${result.error}; workbench screenshot: ${path.relative(ROOT, shot)}; server log: ${path.relative(ROOT, server.logFile)}`);
      return { exitCode: 1, summary: summary ?? readResult(profile) };
    }
    await printNotificationCenter(page);
    return { exitCode: result.code, summary: summary ?? readResult(profile) };
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    if (!keep) fs.rmSync(profile.tmp, { recursive: true, force: true });
    else log(`kept the profile and workspace in ${profile.tmp}`);
  }
}

/**
 * Prints what the notification center holds at the end: the messages the extension showed. The
 * suite cannot read notifications through the extension API; this log line shows them.
 */
async function printNotificationCenter(page) {
  try {
    await page.locator('.statusbar [aria-label*="Notifications"], .statusbar [aria-label*="notifications"]').last().click({ timeout: 5_000 });
    const items = page.locator('.notifications-center .notification-list-item-message');
    await page.locator('.notifications-center').waitFor({ timeout: 5_000 });
    const texts = await items.allInnerTexts();
    log(`notification center: ${texts.length} message${texts.length === 1 ? '' : 's'}`);
    for (const t of texts) console.log(`  [notification] ${t}`);
  } catch (e) {
    log(`could not read the notification center (${e.message.split('\n')[0]})`);
  }
}

/** Workbench console lines that say nothing about the extension or the suite (shown with --verbose). */
const NOISE = [
  /A bad HTTP response code \(404\) was received when fetching the script/,
  /web worker extension host is started in a same-origin iframe/,
  /both allow-scripts and allow-same-origin/,
  /\[Service Worker\] registration/,
  /Failed to load resource/,
  /net::ERR_/,
  /vsda/,
  /^(INFO |WARN )?(Resolving connection token|Resolved connection token|Creating a socket|\[reconnection-grace-time\]|\[AgentHost|\[AccountPolicyGate\]|Ignoring fetching additional builtin extensions|Updating additional builtin extensions cache|Creation of workbench contribution)/,
  /^INFO$/,
];

async function main() {
  const started = Date.now();
  const { route, why } = await chooseRoute();
  const target = route === 'electron' ? 'dev' : args.target ?? (process.env.POLICY_BRIEF_VSCODE_TARGET || 'vsix');
  log(`route: ${route} (${why}); testing the ${target === 'vsix' ? 'VSIX installed into VS Code' : 'development folder'}`);
  const passes = passesToRun();
  let results;
  if (route === 'electron') {
    try {
      results = await runElectron(passes);
    } catch (e) {
      if (routeWanted === 'electron' || process.env.VSCODE_EXECUTABLE_PATH) throw e;
      log(`the electron route failed before the suite ran (${e?.message ?? e}); taking the offline route`);
      results = await runOffline(args.target ?? 'vsix', passes);
    }
  } else {
    results = await runOffline(target, passes);
  }
  const exitCode = results.find((r) => r.exitCode !== 0)?.exitCode ?? 0;
  log(`finished in ${Math.round((Date.now() - started) / 1000)} s with exit code ${exitCode}`);
  // One line per pass, then the total: a pass that failed without counts counts as one failure.
  const total = { passed: 0, failed: 0, skipped: 0 };
  for (const r of results) {
    const m = /vscode: (\d+) passed, (\d+) failed, (\d+) skipped/.exec(r.summary ?? '');
    const counts = m ? { passed: +m[1], failed: +m[2], skipped: +m[3] } : { passed: 0, failed: r.exitCode !== 0 ? 1 : 0, skipped: 0 };
    if (m && r.exitCode !== 0 && counts.failed === 0) counts.failed = 1; // the suite passed but the run did not end well
    total.passed += counts.passed;
    total.failed += counts.failed;
    total.skipped += counts.skipped;
    log(`pass ${r.pass}: vscode: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped (exit code ${r.exitCode})`);
  }
  console.log(`vscode: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  return exitCode;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`[vscode-test] ${err?.stack ?? err}`);
    console.log('vscode: 0 passed, 1 failed');
    process.exit(1);
  },
);
