import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './helpers';

/**
 * Set by scripts/vscode/run-tests.mjs: which copy of the extension this run must be testing. A run
 * started another way (VS Code's own test launcher) tests the development folder.
 */
const target = process.env.POLICY_BRIEF_TEST_TARGET || 'dev';
const extensionsDir = process.env.POLICY_BRIEF_TEST_EXTENSIONS_DIR;

/**
 * The checkout this suite was built from: POLICY_BRIEF_TEST_DEVELOPMENT_PATH, else the nearest
 * folder above the suite bundle (.vscode-test/suite/) whose package.json is this extension's.
 */
function developmentFolder(): string | undefined {
  if (process.env.POLICY_BRIEF_TEST_DEVELOPMENT_PATH) return path.resolve(process.env.POLICY_BRIEF_TEST_DEVELOPMENT_PATH);
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { publisher?: string; name?: string };
      if (`${pkg.publisher}.${pkg.name}` === EXTENSION_ID) return dir;
    } catch {
      // no package.json here, or not JSON: keep going up
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

describe('The extension under test', () => {
  it(`is the ${target === 'vsix' ? 'VSIX installed into the server' : 'development folder'}`, () => {
    assert.ok(target === 'vsix' || target === 'dev', `POLICY_BRIEF_TEST_TARGET is "${target}", not vsix or dev`);
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed`);
    const where = path.resolve(ext.extensionUri.fsPath);
    const dev = developmentFolder();
    if (target === 'vsix') {
      assert.ok(extensionsDir, 'POLICY_BRIEF_TEST_EXTENSIONS_DIR is set for a VSIX run');
      assert.equal(path.dirname(where), path.resolve(extensionsDir), `the extension was loaded from ${where}`);
      assert.notEqual(where, dev, 'a VSIX run loaded the development folder');
    } else {
      assert.ok(dev, `no development folder: set POLICY_BRIEF_TEST_DEVELOPMENT_PATH (the suite runs from ${__dirname})`);
      assert.equal(where, dev, `the extension was loaded from ${where}, not the development folder`);
    }
  });
});
