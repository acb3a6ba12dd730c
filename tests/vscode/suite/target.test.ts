import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './helpers';

/** Set by scripts/vscode/run-tests.mjs: which copy of the extension this run must be testing. */
const target = process.env.POLICY_BRIEF_TEST_TARGET;
const extensionsDir = process.env.POLICY_BRIEF_TEST_EXTENSIONS_DIR;

describe('The extension under test', () => {
  it(`is the ${target === 'vsix' ? 'VSIX installed into the server' : 'development folder'}`, async function () {
    if (!target) this.skip();
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed`);
    const where = ext.extensionUri.fsPath;
    if (target === 'vsix') {
      assert.ok(extensionsDir, 'POLICY_BRIEF_TEST_EXTENSIONS_DIR is set for a VSIX run');
      assert.equal(path.dirname(where), path.resolve(extensionsDir), `the extension was loaded from ${where}`);
    } else {
      assert.equal(where, path.resolve(process.env.POLICY_BRIEF_TEST_DEVELOPMENT_PATH ?? where));
    }
  });
});
