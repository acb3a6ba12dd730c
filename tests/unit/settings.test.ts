/** Settings validation: defaults, one readable message per bad value, fallbacks, and layering. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHECKS } from '../../server/src/engine/checks';
import { defaultSettings, effectiveSeverity, mergeSettingInputs, parseConfigFileText, parseSettings } from '../../server/src/common/settings';

const CODES = CHECKS.map((c) => c.code);
const DEFAULTS = parseSettings({}).settings;

describe('parseSettings: defaults', () => {
  it('empty input gives the documented defaults and no problems', () => {
    const r = parseSettings({});
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.valid, {});
    const { severity, checks, ...fields } = r.settings;
    assert.deepEqual(fields, { run: 'onType', debounceMs: 250, documents: 'auto', crossFileDuplicates: true, maxFileSize: 16 * 1024 * 1024 });
    assert.deepEqual(Object.keys(severity).sort(), [...CODES].sort(), 'every code has a severity');
    for (const c of CHECKS) assert.equal(severity[c.code], c.defaultSeverity, c.code);
    assert.deepEqual(Object.keys(checks).sort(), [...CODES].sort(), 'every check has its options');
    for (const c of CHECKS) assert.deepEqual(checks[c.code], c.options.parse(undefined), c.code);
  });

  it('undefined and null mean "nothing set"', () => {
    for (const input of [undefined, null]) {
      const r = parseSettings(input);
      assert.deepEqual(r.problems, [], String(input));
      assert.deepEqual(r.settings, DEFAULTS);
    }
  });

  it('defaultSettings() equals parseSettings({}).settings', () => {
    assert.deepEqual(defaultSettings(), DEFAULTS);
  });

  it('$schema is allowed in a settings file', () => {
    assert.deepEqual(parseSettings({ $schema: './schema.json' }).problems, []);
  });
});

describe('parseSettings: an invalid value gives exactly one message naming it, and its default is used', () => {
  const firstCode = CODES[0];
  const cases: { input: Record<string, unknown>; name: string; field: (s: typeof DEFAULTS) => unknown; fallback: unknown }[] = [
    { input: { run: 'sometimes' }, name: 'policyBrief.run', field: (s) => s.run, fallback: 'onType' },
    { input: { run: 5 }, name: 'policyBrief.run', field: (s) => s.run, fallback: 'onType' },
    { input: { debounceMs: '100' }, name: 'policyBrief.debounceMs', field: (s) => s.debounceMs, fallback: 250 },
    { input: { debounceMs: -1 }, name: 'policyBrief.debounceMs', field: (s) => s.debounceMs, fallback: 250 },
    { input: { debounceMs: 1.5 }, name: 'policyBrief.debounceMs', field: (s) => s.debounceMs, fallback: 250 },
    { input: { debounceMs: 10_001 }, name: 'policyBrief.debounceMs', field: (s) => s.debounceMs, fallback: 250 },
    { input: { documents: 'some' }, name: 'policyBrief.documents', field: (s) => s.documents, fallback: 'auto' },
    { input: { documents: ['all'] }, name: 'policyBrief.documents', field: (s) => s.documents, fallback: 'auto' },
    { input: { crossFileDuplicates: 'yes' }, name: 'policyBrief.crossFileDuplicates', field: (s) => s.crossFileDuplicates, fallback: true },
    { input: { crossFileDuplicates: 0 }, name: 'policyBrief.crossFileDuplicates', field: (s) => s.crossFileDuplicates, fallback: true },
    { input: { maxFileSize: 10 }, name: 'policyBrief.maxFileSize', field: (s) => s.maxFileSize, fallback: 16 * 1024 * 1024 },
    { input: { maxFileSize: '1MB' }, name: 'policyBrief.maxFileSize', field: (s) => s.maxFileSize, fallback: 16 * 1024 * 1024 },
    { input: { maxFileSize: 1e12 }, name: 'policyBrief.maxFileSize', field: (s) => s.maxFileSize, fallback: 16 * 1024 * 1024 },
    { input: { severity: 'off' }, name: 'policyBrief.severity', field: (s) => s.severity, fallback: DEFAULTS.severity },
    { input: { severity: ['off'] }, name: 'policyBrief.severity', field: (s) => s.severity, fallback: DEFAULTS.severity },
    { input: { checks: 5 }, name: 'policyBrief.checks', field: (s) => s.checks, fallback: DEFAULTS.checks },
    { input: { checks: [] }, name: 'policyBrief.checks', field: (s) => s.checks, fallback: DEFAULTS.checks },
  ];
  for (const code of CODES) {
    cases.push(
      { input: { severity: { [code]: 'loud' } }, name: `policyBrief.severity.${code}`, field: (s) => s.severity[code], fallback: DEFAULTS.severity[code] },
      { input: { severity: { [code]: 2 } }, name: `policyBrief.severity.${code}`, field: (s) => s.severity[code], fallback: DEFAULTS.severity[code] },
      { input: { severity: { [code]: 'Error' } }, name: `policyBrief.severity.${code}`, field: (s) => s.severity[code], fallback: DEFAULTS.severity[code] },
      { input: { checks: { [code]: 5 } }, name: `policyBrief.checks.${code}`, field: (s) => s.checks[code], fallback: DEFAULTS.checks[code] },
      { input: { checks: { [code]: 'yes' } }, name: `policyBrief.checks.${code}`, field: (s) => s.checks[code], fallback: DEFAULTS.checks[code] },
    );
  }

  for (const c of cases) {
    it(`${JSON.stringify(c.input)} → ${c.name}`, () => {
      const r = parseSettings(c.input);
      assert.equal(r.problems.length, 1, JSON.stringify(r.problems));
      const msg = r.problems[0];
      // The setting's full name, not a prefix of a longer one (policyBrief.run, not policyBrief.runner).
      assert.ok(new RegExp(`${c.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w.-])`).test(msg), `names ${c.name}: ${msg}`);
      assert.match(msg, /default/i, `says what is used instead: ${msg}`);
      assert.deepEqual(c.field(r.settings), c.fallback);
      assert.deepEqual(r.valid, {}, 'an invalid value is not passed on for layering');
      // Everything else keeps its default.
      const { severity, checks, ...fields } = r.settings;
      const { severity: ds, checks: dc, ...defaultFields } = DEFAULTS;
      const key = Object.keys(c.input)[0];
      for (const [k, v] of Object.entries(fields)) if (k !== key) assert.deepEqual(v, (defaultFields as Record<string, unknown>)[k], k);
      if (key !== 'severity') assert.deepEqual(severity, ds);
      if (key !== 'checks') assert.deepEqual(checks, dc);
    });
  }

  it('the message shows the bad value and the allowed ones', () => {
    const [msg] = parseSettings({ run: 'sometimes' }).problems;
    assert.match(msg, /"sometimes"/);
    assert.match(msg, /"onType"/);
    assert.match(msg, /"onSave"/);
  });

  it('a non-object input gives one message and the defaults', () => {
    for (const input of [5, 'x', [], true]) {
      const r = parseSettings(input);
      assert.equal(r.problems.length, 1, JSON.stringify(input));
      assert.match(r.problems[0], /policyBrief/);
      assert.deepEqual(r.settings, DEFAULTS);
    }
  });

  it('the source name is used in messages (a .policybrief.json file)', () => {
    const r = parseSettings({ run: 'sometimes' }, '.policybrief.json');
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0], /\.policybrief\.json\.run/);
  });

  it('several bad values give one message each, in any combination', () => {
    const r = parseSettings({ run: 'x', debounceMs: 'x', documents: 'x', crossFileDuplicates: 'x', maxFileSize: 'x', severity: { [firstCode]: 'x' } });
    assert.equal(r.problems.length, 6, JSON.stringify(r.problems));
    for (const name of ['run', 'debounceMs', 'documents', 'crossFileDuplicates', 'maxFileSize', `severity.${firstCode}`])
      assert.equal(r.problems.filter((p) => p.includes(`policyBrief.${name} `) || p.includes(`policyBrief.${name}:`)).length, 1, name);
  });

  it('one bad severity does not discard the good ones next to it', () => {
    if (CODES.length < 2) return;
    const [a, b] = CODES;
    const r = parseSettings({ severity: { [a]: 'loud', [b]: 'hint' } });
    assert.equal(r.problems.length, 1);
    assert.equal(r.settings.severity[a], DEFAULTS.severity[a]);
    assert.equal(r.settings.severity[b], 'hint');
    assert.deepEqual(r.valid, { severity: { [b]: 'hint' } });
  });

  it(
    'an unknown option inside a check\'s options is reported (a typo must not pass silently)',
    () => {
      const r = parseSettings({ checks: { [firstCode]: { noSuchOption: 1 } } });
      assert.equal(r.problems.length, 1, JSON.stringify(r.problems));
      assert.match(r.problems[0], new RegExp(`policyBrief\\.checks\\.${firstCode}`));
      assert.match(r.problems[0], /noSuchOption/);
    },
  );
});

describe('parseSettings: unknown names are reported', () => {
  it('an unknown code in severity', () => {
    const r = parseSettings({ severity: { 'no-such-check': 'off' } });
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0], /policyBrief\.severity/);
    assert.match(r.problems[0], /"no-such-check"/);
    for (const c of CODES) assert.ok(r.problems[0].includes(c), `lists the known code ${c}`);
    assert.deepEqual(r.settings.severity, DEFAULTS.severity);
  });

  it('an unknown code in checks', () => {
    const r = parseSettings({ checks: { 'no-such-check': {} } });
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0], /policyBrief\.checks/);
    assert.match(r.problems[0], /"no-such-check"/);
  });

  it('an unknown top-level setting', () => {
    const r = parseSettings({ runMode: 'onSave' });
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0], /policyBrief\.runMode/);
    assert.deepEqual(r.settings, DEFAULTS);
  });
});

describe('parseSettings: valid values pass through', () => {
  it('every field', () => {
    const input = { run: 'onSave', debounceMs: 0, documents: 'all', crossFileDuplicates: false, maxFileSize: 1000 };
    const r = parseSettings(input);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.valid, input);
    const { severity: _s, checks: _c, ...fields } = r.settings;
    assert.deepEqual(fields, input);
  });

  it('the boundaries are allowed', () => {
    for (const input of [{ debounceMs: 10_000 }, { maxFileSize: 512 * 1024 * 1024 }, { documents: 'briefs' }, { run: 'onType' }])
      assert.deepEqual(parseSettings(input).problems, [], JSON.stringify(input));
  });

  it('every severity for every code', () => {
    for (const code of CODES)
      for (const sev of ['off', 'hint', 'info', 'warning', 'error'] as const) {
        const r = parseSettings({ severity: { [code]: sev } });
        assert.deepEqual(r.problems, []);
        assert.equal(r.settings.severity[code], sev);
        assert.equal(effectiveSeverity(r.settings, code), sev);
        assert.deepEqual(r.valid, { severity: { [code]: sev } });
      }
  });

  it('each check\'s default options are accepted when given explicitly', () => {
    for (const c of CHECKS) {
      const r = parseSettings({ checks: { [c.code]: c.options.parse(undefined) } });
      assert.deepEqual(r.problems, [], c.code);
      assert.deepEqual(r.settings.checks[c.code], c.options.parse(undefined));
    }
  });
});

describe('mergeSettingInputs: layering a settings file over editor settings', () => {
  it('the file wins where it sets a value; the editor value stays elsewhere', () => {
    assert.deepEqual(mergeSettingInputs({ run: 'onSave', debounceMs: 100 }, { run: 'onType' }), { run: 'onType', debounceMs: 100 });
  });

  it('severity and checks are merged per code, not replaced', () => {
    const [a, b = 'other-code'] = CODES;
    const merged = mergeSettingInputs({ severity: { [a]: 'info', [b]: 'hint' }, checks: { [a]: { x: 1 } } }, { severity: { [b]: 'off' }, checks: { [b]: { y: 2 } } });
    assert.deepEqual(merged, { severity: { [a]: 'info', [b]: 'off' }, checks: { [a]: { x: 1 }, [b]: { y: 2 } } });
  });

  it('an override that is not an object leaves the base as it is', () => {
    const base = { run: 'onSave' };
    for (const o of [undefined, null, 5, 'x', []]) assert.deepEqual(mergeSettingInputs(base, o), base, JSON.stringify(o));
  });

  it('a base that is not an object is treated as empty', () => {
    assert.deepEqual(mergeSettingInputs(undefined, { run: 'onSave' }), { run: 'onSave' });
    assert.deepEqual(mergeSettingInputs('x', { severity: { a: 'off' } }), { severity: { a: 'off' } });
  });

  it('does not modify its inputs', () => {
    const base = { severity: { a: 'info' } };
    const over = { severity: { b: 'off' } };
    mergeSettingInputs(base, over);
    assert.deepEqual(base, { severity: { a: 'info' } });
    assert.deepEqual(over, { severity: { b: 'off' } });
  });

  it('layering only the valid parts: an invalid file value falls back to the editor value, not the default', () => {
    // What the server does: parse each source, merge their `valid` parts, parse the result.
    const editor = parseSettings({ run: 'onSave', debounceMs: 100 });
    const file = parseSettings({ run: 'sometimes', debounceMs: 500 }, '.policybrief.json');
    assert.equal(file.problems.length, 1);
    const merged = parseSettings(mergeSettingInputs(editor.valid, file.valid));
    assert.deepEqual(merged.problems, []);
    assert.equal(merged.settings.run, 'onSave');
    assert.equal(merged.settings.debounceMs, 500);
  });
});

describe('parseConfigFileText', () => {
  it('valid JSON', () => {
    assert.deepEqual(parseConfigFileText('{"run":"onSave"}', '/w/.policybrief.json'), { value: { run: 'onSave' }, problems: [] });
  });

  it('a syntax error is one problem naming the file, not a throw', () => {
    const r = parseConfigFileText('{ "run": "onSave", }', '/w/.policybrief.json');
    assert.equal(r.value, undefined);
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0], /\/w\/\.policybrief\.json/);
  });
});
