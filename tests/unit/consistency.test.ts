/** Every check is documented, listed in the README and declared in the settings schema of package.json. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { CHECKS } from '../../server/src/engine/checks';

const ROOT = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const props = pkg.contributes.configuration.properties;

describe('consistency of checks, docs, README and settings', () => {
  for (const check of CHECKS) {
    it(`${check.code}: docs page, README row, severity setting with the same default, options declared`, () => {
      assert.match(check.code, /^[a-z]+(-[a-z]+)*$/, 'kebab-case code');
      const doc = path.join(ROOT, 'docs', 'checks', `${check.code}.md`);
      assert.ok(fs.existsSync(doc), `docs/checks/${check.code}.md`);
      assert.match(fs.readFileSync(doc, 'utf8'), new RegExp(`^# ${check.code}\\n`));
      assert.match(fs.readFileSync(doc, 'utf8'), new RegExp(`\\*\\*Default severity:\\*\\* ${check.defaultSeverity}`));
      assert.ok(readme.includes(`| [\`${check.code}\`](docs/checks/${check.code}.md) | ${check.defaultSeverity} |`), 'README codes table row');
      const sev = props['policyBrief.severity'].properties[check.code];
      assert.ok(sev, 'policyBrief.severity entry');
      assert.equal(sev.default, check.defaultSeverity);
      const defaults = check.options.parse(undefined) as Record<string, unknown>;
      const declared = props['policyBrief.checks'].properties[check.code]?.properties ?? {};
      assert.deepEqual(Object.keys(declared).sort(), Object.keys(defaults).sort(), 'every option is declared in package.json');
      for (const [k, v] of Object.entries(defaults)) assert.deepEqual(declared[k].default, v, `default of ${k}`);
    });
  }
  it('no settings entry for a code that does not exist', () => {
    assert.deepEqual(Object.keys(props['policyBrief.severity'].properties).sort(), CHECKS.map((c) => c.code).sort());
  });
});
