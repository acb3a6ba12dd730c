/**
 * The registry is the one list of checks: package.json's settings schema and the README's codes
 * table are generated from it (`npm run generate`), and every check has its docs page.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { CHECKS } from '../../server/src/engine';
import { generate } from '../../scripts/generate';

const ROOT = path.resolve(__dirname, '..', '..');

describe('the check registry and the files generated from it', () => {
  const g = generate(ROOT);

  it('package.json holds the settings schema generated from the registry (run `npm run generate`)', () => {
    assert.equal(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'), g.packageJson);
  });

  it('README.md holds the codes table generated from the registry (run `npm run generate`)', () => {
    assert.equal(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'), g.readme);
  });

  it('every check has its docs page', () => {
    assert.deepEqual(g.missingDocs, [], 'docs/checks/<code>.md missing');
  });

  for (const check of CHECKS) {
    it(`${check.code}: a kebab-case code, a docs page that names it and its default severity, options with defaults`, () => {
      assert.match(check.code, /^[a-z]+(-[a-z]+)*$/);
      const doc = path.join(ROOT, 'docs', 'checks', `${check.code}.md`);
      if (!fs.existsSync(doc)) return; // reported above
      const text = fs.readFileSync(doc, 'utf8');
      assert.match(text, new RegExp(`^# ${check.code}\\n`));
      assert.match(text, new RegExp(`\\*\\*Default severity:\\*\\* ${check.defaultSeverity}`));
      // Options parse from nothing to their defaults (settings fall back to them).
      assert.equal(typeof check.options.parse(undefined), 'object');
    });
  }

  it('the generated schema lists every code, and the options of every check that has options', () => {
    const props = JSON.parse(g.packageJson).contributes.configuration.properties;
    assert.deepEqual(Object.keys(props['policyBrief.severity'].properties), CHECKS.map((c) => c.code));
    for (const c of CHECKS) {
      const defaults = c.options.parse(undefined) as Record<string, unknown>;
      const declared = props['policyBrief.checks'].properties[c.code]?.properties ?? {};
      assert.deepEqual(Object.keys(declared).sort(), Object.keys(defaults).sort(), c.code);
      for (const [k, v] of Object.entries(defaults)) assert.deepEqual(declared[k].default, v, `${c.code}.${k}`);
    }
  });
});
