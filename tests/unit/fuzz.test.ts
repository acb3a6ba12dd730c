/**
 * The engine on hostile input: it never throws, finishes, and every range it reports lies inside
 * the document and on character boundaries. Counts are modest here; `FUZZ_RUNS` raises them.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { type BriefFormat, type BriefModel, type Span } from '../../server/src/engine';
import { parseSettings } from '../../server/src/common/settings';
import { HOSTILE_TOKENS } from './generators';
import { engine } from '../support/engine';

const RUNS = Number(process.env.FUZZ_RUNS ?? 8000);
const config = parseSettings({}).settings;

/** Pieces briefs (and broken briefs) are made of: the shared hostile tokens. */
const TOKENS = HOSTILE_TOKENS;

const briefArb = fc.array(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...TOKENS) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) }), { maxLength: 120 }).map((parts) => parts.join(''));

function isBoundary(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return true;
  const prev = text.charCodeAt(offset - 1);
  const next = text.charCodeAt(offset);
  return !(prev >= 0xd800 && prev <= 0xdbff && next >= 0xdc00 && next <= 0xdfff);
}

function checkSpan(text: string, s: Span, what: string): void {
  assert.ok(Number.isInteger(s.start) && Number.isInteger(s.end), `${what}: non-integer span`);
  assert.ok(s.start >= 0 && s.start <= s.end && s.end <= text.length, `${what}: span ${s.start}-${s.end} outside 0-${text.length}`);
  assert.ok(isBoundary(text, s.start) && isBoundary(text, s.end), `${what}: span splits a surrogate pair`);
}

function checkModel(model: BriefModel): void {
  const { text } = model;
  for (const b of model.blocks) checkSpan(text, b.span, `block ${b.kind}`);
  for (const m of model.markers) checkSpan(text, m.span, 'marker');
  for (const n of model.notes) {
    checkSpan(text, n.span, 'note');
    checkSpan(text, n.labelSpan, 'note label');
    for (const u of n.urls) checkSpan(text, u.span, 'url');
  }
  for (const p of model.paragraphs) for (const s of p.parts) checkSpan(text, s, 'paragraph part');
}

function lintEverything(text: string, format: BriefFormat): void {
  const model = engine.parse(text, format);
  checkModel(model);
  const r = engine.lint(model, config, { docKey: 'fuzz' });
  assert.deepEqual(r.errors.map((e) => `${e.code}: ${(e.error as Error)?.stack}`), [], 'a check threw');
  for (const f of r.findings) {
    checkSpan(text, f.span, f.code);
    for (const rel of f.related ?? []) if (!rel.uri) checkSpan(text, rel.span, `${f.code} related`);
    assert.ok(f.message.length > 0);
  }
}

test(`engine on ${RUNS} generated hostile briefs, in both formats`, () => {
  fc.assert(
    fc.property(briefArb, (text) => {
      lintEverything(text, 'markdown');
      lintEverything(text, 'plaintext');
    }),
    { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 424242), includeErrorInReport: true },
  );
});

test('engine on arbitrary Unicode strings (lone surrogates included)', () => {
  const anyText = fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c))), { maxLength: 30 }).map((a) => a.join(''));
  fc.assert(
    fc.property(anyText, (text) => {
      lintEverything(text, 'markdown');
      lintEverything(text, 'plaintext');
    }),
    { numRuns: Math.ceil(RUNS / 2), seed: 99, includeErrorInReport: true },
  );
});

/**
 * CPU time (of this process, so a busy shared machine does not count) one pathological shape may
 * take to parse and lint in one format. The slowest, 1 MB of markers in Markdown, takes about
 * 2.5 s on the shared two-core development machine; 6x that leaves room for a slow CI machine,
 * while quadratic work on a megabyte would take hours. A shape that never finishes is stopped by
 * the test runner's --test-timeout instead (a synchronous loop cannot be interrupted from here).
 */
const FINISH_BUDGET_MS = 15_000;

test(`pathological shapes finish within ${FINISH_BUDGET_MS / 1000} s of CPU time each: 1 MB single line, 100k tiny lines, deep nesting, unterminated fence, 50-digit markers`, () => {
  const cases: [string, string][] = [
    ['1 MB line of figures', '1,2.3 45% $6 '.repeat(80_000)],
    ['1 MB line of markers', '[^1]¹[2]'.repeat(130_000)],
    ['100k tiny lines', 'a\n'.repeat(100_000)],
    ['100k CRLF lines with markers', 'x¹\r\n'.repeat(100_000) + 'Notes\r\n- ¹ n\r\n'],
    ['deeply nested lists', Array.from({ length: 2000 }, (_, i) => `${'  '.repeat(i)}- item [^1]`).join('\n') + '\n\n[^1]: n\n'],
    ['deeply nested quotes', '>'.repeat(5000) + ' quoted [^1]\n'],
    ['unterminated fence', '```\n[^1] in code\n' + 'x\n'.repeat(1000)],
    ['notes section with no notes', 'Notes\n\nReferences\n\nSources\n'],
    ['50-digit markers', `Claim.[^${'9'.repeat(50)}] Other.${'¹'.repeat(50)} [${'9'.repeat(50)}]\n\n[^${'9'.repeat(50)}]: n\n`],
    ['BOM and mixed endings', '\uFEFF# T\r\nA claim.[^1]\rMore\n\n[^1]: n\r\n'],
  ];
  const slow: string[] = [];
  for (const [name, text] of cases) {
    for (const format of ['markdown', 'plaintext'] as const) {
      const t0 = process.cpuUsage();
      try {
        lintEverything(text, format);
      } catch (e) {
        throw new Error(`${name} (${format}): ${(e as Error).message}`);
      }
      const t = process.cpuUsage(t0);
      const ms = (t.user + t.system) / 1000;
      if (ms > FINISH_BUDGET_MS) slow.push(`${name} (${format}): ${(ms / 1000).toFixed(1)} s`);
    }
  }
  assert.deepEqual(slow, [], `over the ${FINISH_BUDGET_MS / 1000} s budget`);
});
