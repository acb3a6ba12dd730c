/**
 * Entry point VS Code loads as `extensionTestsPath`: runs the mocha suite in the extension host and
 * prints one closing line `vscode: N passed, N failed, N skipped` that the runner repeats.
 *
 * POLICY_BRIEF_TEST_PASS (set by scripts/vscode/run-tests.mjs) picks the files: `main` (the default)
 * is the whole suite in a trusted workspace; `restricted` is the short pass in Restricted Mode.
 */
import * as fs from 'node:fs';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: false,
    timeout: 60_000,
    grep: process.env.POLICY_BRIEF_TEST_GREP || undefined,
  });
  // The suite is one bundle: define mocha's globals, then evaluate each file's describe() calls.
  mocha.suite.emit(Mocha.Suite.constants.EVENT_FILE_PRE_REQUIRE, globalThis, 'policy-brief-vscode-suite', mocha);
  const pass = process.env.POLICY_BRIEF_TEST_PASS || 'main';
  require('./target.test');
  if (pass === 'restricted') {
    require('./restricted.test');
  } else {
    require('./diagnostics.test');
    require('./navigation.test');
    require('./fixes.test');
    require('./run.test');
    require('./settings.test');
    require('./restart.test');
    // Last: it kills the server repeatedly (it ends with the server running again).
    require('./crash.test');
  }

  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const { passes = 0, pending = 0, tests = 0 } = runner.stats ?? {};
      console.log(`vscode: ${passes} passed, ${failures} failed, ${pending} skipped`);
      // The runner sums the passes from this file (the electron route has no console to read).
      const resultFile = process.env.POLICY_BRIEF_TEST_RESULT_FILE;
      if (resultFile) fs.writeFileSync(resultFile, JSON.stringify({ passes, failures, pending }) + '\n');
      if (failures > 0) reject(new Error(`${failures} of ${tests} tests failed`));
      // A --grep may match nothing in one pass; without one, a pass that runs nothing is broken.
      else if (passes === 0 && !process.env.POLICY_BRIEF_TEST_GREP) reject(new Error('no test ran'));
      else resolve();
    });
  });
}
