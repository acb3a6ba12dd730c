/**
 * Entry point VS Code loads as `extensionTestsPath`: runs the mocha suite in the extension host and
 * prints one closing line `vscode: N passed, N failed, N skipped` that the runner repeats.
 */
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
  require('./target.test');
  require('./diagnostics.test');
  require('./navigation.test');
  require('./fixes.test');
  require('./run.test');
  require('./settings.test');
  require('./restart.test');

  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const { passes = 0, pending = 0, tests = 0 } = runner.stats ?? {};
      console.log(`vscode: ${passes} passed, ${failures} failed, ${pending} skipped`);
      if (failures > 0) reject(new Error(`${failures} of ${tests} tests failed`));
      else if (passes === 0) reject(new Error('no test ran'));
      else resolve();
    });
  });
}
