/**
 * The generated figure-traps brief (tests/fixtures/figures/brief/) is what
 * scripts/make-figure-trap-brief.ts makes from the labelled traps today: a trap edited, added or
 * removed, or a change in how citations are found, fails here until the script is run again.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildTrapBrief, TRAP_BRIEF_DIR } from '../../scripts/make-figure-trap-brief';

test('the committed figure-traps brief and expected.json equal a fresh run of scripts/make-figure-trap-brief.ts', () => {
  const brief = buildTrapBrief();
  assert.ok(brief.traps >= 60 && brief.expected >= brief.traps, `only ${brief.traps} traps and ${brief.expected} expected findings generated`);
  for (const [name, text] of Object.entries(brief.files)) {
    const file = join(TRAP_BRIEF_DIR, name);
    assert.ok(existsSync(file), `${file} is missing: run npx tsx scripts/make-figure-trap-brief.ts`);
    assert.equal(readFileSync(file, 'utf8'), text, `${name} is out of date: run npx tsx scripts/make-figure-trap-brief.ts`);
  }
});
