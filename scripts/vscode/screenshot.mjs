// `npm run screenshot`: docs/screenshot.png, taken in the same offline VS Code as the tests (the
// VSIX installed into the VS Code server, the workbench in headless Chromium). It opens the copy
// of the corpus brief with planted defects (planted.brief.md in the test workspace), shows the
// Problems panel and the hover on a marker, and saves the picture. Every step waits for what it
// needs to see on the page (the file's text, the problems, the hover), never for a set time.
// Options: --out=FILE (default docs/screenshot.png), --line=N --column=N (the marker to hover).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { LOGS, ROOT, USER_SETTINGS, copyWorkspace, ensureOfflineVSCode, installVsix, launchChromium, log, makeProfile, startServer, workbenchUrl } from './offline.mjs';
import { packageExtension } from './package.mjs';

const { values: args } = parseArgs({
  options: {
    out: { type: 'string', default: 'docs/screenshot.png' },
    line: { type: 'string', default: '55' },
    column: { type: 'string', default: '225' },
  },
});

const OUT = path.resolve(ROOT, args.out);
const FILE = 'planted.brief.md';
// [^15] on line 55 of the planted brief: a marker out of sequence, with a note and its URL.
const LINE = Number(args.line);
const COLUMN = Number(args.column);
const STEP_MS = 60_000;

/** Extra settings for a picture: wrapped lines, no minimap, nothing else on screen. */
const PICTURE_SETTINGS = {
  ...USER_SETTINGS,
  'editor.wordWrap': 'on',
  'editor.minimap.enabled': false,
  'editor.stickyScroll.enabled': false,
  'editor.hover.delay': 0,
  'editor.hover.sticky': true,
  'workbench.tips.enabled': false,
  'workbench.layoutControl.enabled': false,
  'breadcrumbs.enabled': false,
  'window.menuBarVisibility': 'compact',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.viewsWelcome.enabled': false,
};

async function main() {
  const vscode = await ensureOfflineVSCode();
  const profile = makeProfile('policy-brief-screenshot-');
  fs.writeFileSync(path.join(profile.userDataDir, 'User', 'settings.json'), JSON.stringify(PICTURE_SETTINGS, null, 2));
  const workspace = copyWorkspace(profile.tmp);
  const { vsix } = packageExtension(path.join('.vscode-test', 'policy-brief.vsix'));
  await installVsix(vscode, profile, vsix);
  const server = await startServer(vscode, profile, { env: { ...process.env, EXTENSIONS_GALLERY: '{}' } });
  let browser;
  try {
    const chromium = await launchChromium({ width: 1600, height: 1000 });
    browser = chromium.browser;
    const page = chromium.page;
    page.setDefaultTimeout(STEP_MS);
    await page.goto(workbenchUrl(server.port, workspace), { waitUntil: 'domcontentloaded' });
    await page.locator('.monaco-workbench .part.editor').waitFor();
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: FILE }).first().waitFor();

    log(`opening ${FILE}`);
    await page.keyboard.press('Control+P');
    const quickInput = page.locator('.quick-input-widget input');
    await quickInput.waitFor();
    await quickInput.fill(FILE);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: FILE }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor .view-lines', { hasText: 'AFGHANISTAN' }).first().waitFor();

    log('showing the Problems panel');
    await page.keyboard.press('Control+Shift+M');
    const problems = page.locator('.markers-panel .monaco-list-row');
    await problems.filter({ hasText: 'footnote-undefined' }).first().waitFor();
    await problems.filter({ hasText: 'footnote-unused' }).first().waitFor();
    await problems.filter({ hasText: 'footnote-order' }).first().waitFor();

    log(`hovering the marker at ${LINE}:${COLUMN}`);
    await page.locator('.monaco-editor textarea').first().focus();
    // Quick Open with ':' goes to a line and column.
    await page.keyboard.press('Control+P');
    await quickInput.waitFor();
    await quickInput.fill(`:${LINE}:${COLUMN}`);
    await page.locator('.quick-input-widget', { hasText: `${LINE}` }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    // Show Hover at the cursor (editor.action.showHover): Ctrl+K Ctrl+I.
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const hover = page.locator('.monaco-hover', { hasText: 'Note 15' }).first();
    await hover.waitFor();
    await page.locator('.monaco-hover', { hasText: 'https://mid.ru' }).first().waitFor();

    fs.mkdirSync(path.dirname(OUT), { recursive: true });
    await page.screenshot({ path: OUT });
    log(`saved ${path.relative(ROOT, OUT)} (${Math.round(fs.statSync(OUT).size / 1024)} KiB)`);
  } catch (e) {
    const shot = path.join(LOGS, 'screenshot-failure.png');
    fs.mkdirSync(LOGS, { recursive: true });
    await browser?.contexts()[0]?.pages()[0]?.screenshot({ path: shot }).catch(() => undefined);
    throw new Error(`${e.message}\n(the page at that moment: ${path.relative(ROOT, shot)})`);
  } finally {
    await browser?.close().catch(() => undefined);
    await server.stop();
    fs.rmSync(profile.tmp, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`[screenshot] ${err?.stack ?? err}`);
    process.exit(1);
  },
);
