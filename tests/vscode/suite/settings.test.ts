import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, codeOf, hasCode, lacksCode, openBrief, setSetting, waitForDiagnostics, WAIT_MS } from './helpers';

/**
 * Resolves with the first warning the language client logs that matches. The server sends each
 * settings problem twice in the same call: as `window/showMessage` (the notification the writer
 * sees) and as `window/logMessage`; the extension API cannot read notifications, so the suite
 * reads the second through the client the extension exports.
 */
async function nextClientWarning(match: RegExp): Promise<{ message: Promise<string>; dispose(): void }> {
  const { exports } = await activateExtension();
  const client = exports?.client;
  assert.ok(client && typeof client.warn === 'function', 'the extension exports its language client');
  const original = client.warn;
  let timer: NodeJS.Timeout | undefined;
  const dispose = () => {
    clearTimeout(timer);
    client.warn = original;
  };
  const message = new Promise<string>((resolve, reject) => {
    timer = setTimeout(() => {
      dispose();
      reject(new Error(`no warning matching ${match} within ${WAIT_MS} ms`));
    }, WAIT_MS);
    client.warn = function (this: unknown, text: string, ...rest: unknown[]) {
      if (match.test(String(text))) {
        dispose();
        resolve(String(text));
      }
      return (original as (...a: unknown[]) => void).call(this, text, ...rest);
    };
  });
  return { message, dispose };
}

describe('Settings', () => {
  afterEach(async () => {
    await setSetting('severity', undefined);
    await setSetting('run', undefined);
  });

  it('a severity set to off removes that code; another severity is applied', async () => {
    const { doc } = await openBrief('water.brief.md');
    await waitForDiagnostics(doc.uri, hasCode('footnote-unused'), 'footnote-unused');
    await setSetting('severity', { 'footnote-unused': 'off', 'footnote-order': 'error' });
    const diags = await waitForDiagnostics(doc.uri, lacksCode('footnote-unused'), 'footnote-unused to be turned off');
    assert.deepEqual(diags.map(codeOf).sort(), ['footnote-order', 'footnote-undefined']);
    assert.equal(diags.find((d) => codeOf(d) === 'footnote-order')?.severity, vscode.DiagnosticSeverity.Error);
    await setSetting('severity', undefined);
    await waitForDiagnostics(doc.uri, hasCode('footnote-unused'), 'footnote-unused back with the default severity');
  });

  it('an invalid policyBrief.run gives a readable warning naming the setting, and checking goes on with the default', async () => {
    const { doc } = await openBrief('water.brief.md');
    await waitForDiagnostics(doc.uri, (d) => d.length > 0, 'diagnostics');
    const warning = await nextClientWarning(/policyBrief\.run/);
    try {
      await setSetting('run', 'sometimes');
      const text = await warning.message;
      assert.match(text, /policyBrief\.run/);
      assert.match(text, /"sometimes"/, 'the warning quotes the bad value');
      assert.match(text, /onType/, 'the warning says what is used instead (or allowed)');
    } finally {
      warning.dispose();
    }
    assert.deepEqual((await waitForDiagnostics(doc.uri, (d) => d.length > 0, 'diagnostics')).map(codeOf).sort(), ['footnote-order', 'footnote-undefined', 'footnote-unused']);
  });
});
