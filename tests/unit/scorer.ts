/**
 * A generic scorer for fixture sets that carry their expectations (`expected.json` beside the files):
 * lint every listed file, match findings to expected items, and count per-code precision and recall.
 *
 * `expected.json` maps a path (relative to the folder holding that expected.json) to
 * `{ expected: Item[], optional?: Item[], ignore_codes?: string[] }` where an Item is
 * `{ code, line, text }`: `line` is 1-based and `text` a substring of that line.
 *
 * A finding matches an item when the codes are equal, the finding's range covers the item's line, and
 * the range overlaps `text` on that line. When `text` occurs more than once on the line, occurrences
 * standing alone (not inside a longer word or number: `20` in "over 20 groups", not in "2025") are
 * preferred; the finding may overlap any of those. Findings and expected items are paired one to one
 * (a maximum matching), so two findings on one item make one true positive and one false positive.
 * A finding that matches only an `optional` item is neither rewarded nor counted as noise. Codes in a
 * file's `ignore_codes` (or `*`) are not scored for that file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseSettings } from '../../server/src/common/settings';
import { lintText } from '../support/engine';
import { formatFor } from '../../server/src/common/briefFiles';

/** An expectation as written in expected.json. */
export interface ExpectedItem {
  code: string;
  /** 1-based line. */
  line: number;
  /** A substring of that line the finding's range must overlap. */
  text: string;
}

export interface FileExpectation {
  expected: ExpectedItem[];
  optional?: ExpectedItem[];
  /** Codes not labelled on this file; `*` for all. */
  ignore_codes?: string[];
}

export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based UTF-16 column. */
  character: number;
}

/** A finding as the scorer sees it: a code and an LSP-style range (0-based line, UTF-16 character). */
export interface ScoredFinding {
  code: string;
  range: { start: Position; end: Position };
  message?: string;
}

/** Lints one file's text; `file` is its path (for the format). */
export type Linter = (text: string, file: string) => ScoredFinding[];

/** One file of a fixture set with its expectation. */
export interface FixtureFile {
  /** Path relative to the fixture set's root, with `/` separators. */
  name: string;
  /** Absolute path. */
  file: string;
  expectation: FileExpectation;
}

export interface CodeScore {
  code: string;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** Matches of optional items (neither rewarded nor noise). */
  optionalHits: number;
  /** tp / (tp + fp); 1 when nothing was reported. */
  precision: number;
  /** tp / (tp + fn); 1 when nothing was expected. */
  recall: number;
}

/** A mismatch, for failure messages. */
export interface Miss {
  file: string;
  code: string;
  /** 1-based line. */
  line: number;
  /** The expected text, or the text the finding covers (cut short). */
  text: string;
  message?: string;
}

export interface ScoreReport {
  /** Per scored code, in the order of `codes`. */
  perCode: CodeScore[];
  falsePositives: Miss[];
  falseNegatives: Miss[];
  files: number;
}

export interface ScoreOptions {
  /** The codes to score; findings and items of other codes are left out. */
  codes: readonly string[];
  lint: Linter;
}

/** Offsets at which each line starts (LF, CRLF and CR end a line). */
function lineStarts(text: string): number[] {
  const starts = [0];
  const re = /\r\n|\r|\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) starts.push(m.index + m[0].length);
  return starts;
}

function lineText(text: string, starts: number[], line0: number): string {
  const start = starts[line0];
  const next = line0 + 1 < starts.length ? starts[line0 + 1] : text.length;
  return text.slice(start, next).replace(/(\r\n|\r|\n)$/, '');
}

/** Reads every expected.json under `root` (at any depth) and lists the files they describe. */
export function loadFixtureSet(root: string): FixtureFile[] {
  const out: FixtureFile[] = [];
  const walk = (dir: string) => {
    const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    if (entries.some((e) => e.isFile() && e.name === 'expected.json')) {
      const table = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Record<string, FileExpectation>;
      for (const [rel, expectation] of Object.entries(table)) {
        const file = path.join(dir, rel);
        out.push({ name: path.relative(root, file).split(path.sep).join('/'), file, expectation });
      }
    }
    for (const e of entries) if (e.isDirectory()) walk(path.join(dir, e.name));
  };
  walk(root);
  return out;
}

/** Where an item's text stands on its line: the half-open offset ranges it may be matched on. */
export function itemSpans(text: string, item: ExpectedItem, starts = lineStarts(text)): { start: number; end: number }[] {
  const line0 = item.line - 1;
  if (line0 < 0 || line0 >= starts.length) throw new Error(`line ${item.line} is past the end of the file (${starts.length} lines)`);
  const lt = lineText(text, starts, line0);
  const all: number[] = [];
  for (let i = lt.indexOf(item.text); i >= 0 && item.text.length > 0; i = lt.indexOf(item.text, i + 1)) all.push(i);
  if (all.length === 0) throw new Error(`${JSON.stringify(item.text)} does not occur on line ${item.line}: ${JSON.stringify(lt.slice(0, 120))}`);
  const word = /[\p{L}\p{N}]/u;
  const standalone = all.filter((i) => {
    const before = lt[i - 1];
    const after = lt[i + item.text.length];
    const startsWord = word.test(item.text[0]);
    const endsWord = word.test(item.text[item.text.length - 1]);
    return !(startsWord && before !== undefined && word.test(before)) && !(endsWord && after !== undefined && word.test(after));
  });
  const chosen = standalone.length > 0 ? standalone : all;
  return chosen.map((i) => ({ start: starts[line0] + i, end: starts[line0] + i + item.text.length }));
}

function offsetOf(text: string, starts: number[], p: Position): number {
  if (p.line >= starts.length) return text.length;
  return Math.min(starts[p.line] + p.character, text.length);
}

interface Prepared {
  item: ExpectedItem;
  spans: { start: number; end: number }[];
}

function matches(f: { start: number; end: number; startLine: number; endLine: number }, p: Prepared): boolean {
  const line0 = p.item.line - 1;
  if (line0 < f.startLine || line0 > f.endLine) return false;
  return p.spans.some((s) => (f.start === f.end ? f.start >= s.start && f.start <= s.end : f.start < s.end && f.end > s.start));
}

/** Maximum one-to-one matching (Kuhn's algorithm): `adj[i]` lists the items finding i may take. */
function maxMatching(adj: number[][], items: number): (number | undefined)[] {
  const owner: (number | undefined)[] = new Array(items).fill(undefined);
  const tryFinding = (i: number, seen: boolean[]): boolean => {
    for (const j of adj[i]) {
      if (seen[j]) continue;
      seen[j] = true;
      if (owner[j] === undefined || tryFinding(owner[j]!, seen)) {
        owner[j] = i;
        return true;
      }
    }
    return false;
  };
  for (let i = 0; i < adj.length; i++) tryFinding(i, new Array(items).fill(false));
  return owner;
}

/** Scores one file: counts per code, and the misses. */
export function scoreFile(
  name: string,
  text: string,
  findings: ScoredFinding[],
  expectation: FileExpectation,
  codes: readonly string[],
): { perCode: Map<string, Omit<CodeScore, 'precision' | 'recall' | 'code'>>; falsePositives: Miss[]; falseNegatives: Miss[] } {
  const starts = lineStarts(text);
  const ignored = new Set(expectation.ignore_codes ?? []);
  const scored = (code: string) => codes.includes(code) && !ignored.has('*') && !ignored.has(code);
  const prepare = (items: ExpectedItem[] | undefined) =>
    (items ?? []).map((item) => {
      try {
        return { item, spans: itemSpans(text, item, starts) };
      } catch (e) {
        throw new Error(`${name}: bad expectation ${JSON.stringify(item)}: ${(e as Error).message}`);
      }
    });
  // Validate every item, scored or not: a fixture whose text is not on its line is broken.
  const expected = prepare(expectation.expected);
  const optional = prepare(expectation.optional);

  const perCode = new Map<string, Omit<CodeScore, 'precision' | 'recall' | 'code'>>();
  const falsePositives: Miss[] = [];
  const falseNegatives: Miss[] = [];
  for (const code of codes) {
    if (!scored(code)) continue;
    const exp = expected.filter((p) => p.item.code === code);
    const opt = optional.filter((p) => p.item.code === code);
    const fs_ = findings
      .filter((f) => f.code === code)
      .map((f) => {
        const start = offsetOf(text, starts, f.range.start);
        const end = offsetOf(text, starts, f.range.end);
        // A range ending at the start of a line does not reach into that line.
        const endLine = f.range.end.line > f.range.start.line && f.range.end.character === 0 ? f.range.end.line - 1 : f.range.end.line;
        return { f, start, end, startLine: f.range.start.line, endLine };
      });
    const adj = fs_.map((f) => exp.flatMap((p, j) => (matches(f, p) ? [j] : [])));
    // A finding that covers several expected items (one finding for a run of pasted paragraphs)
    // claims all of them; it is noise only if another such finding already claimed them all.
    const claimed = new Set<number>();
    const taken = new Set<number>();
    adj.forEach((items, i) => {
      if (items.length < 2) return;
      if (items.some((j) => !claimed.has(j))) taken.add(i);
      for (const j of items) claimed.add(j);
    });
    // The other findings are paired one to one with the items left, so a repeated finding is noise.
    const owner = maxMatching(adj.map((items, i) => (items.length >= 2 ? [] : items.filter((j) => !claimed.has(j)))), exp.length);
    owner.forEach((o, j) => {
      if (o !== undefined) taken.add(o);
      else if (claimed.has(j)) owner[j] = -1;
    });
    let optionalHits = 0;
    fs_.forEach((f, i) => {
      if (taken.has(i)) return;
      if (opt.some((p) => matches(f, p))) {
        optionalHits++;
        return;
      }
      const covered = text.slice(f.start, f.end);
      falsePositives.push({ file: name, code, line: f.startLine + 1, text: covered.length > 60 ? covered.slice(0, 57) + '...' : covered, message: f.f.message });
    });
    let found = 0;
    owner.forEach((o, j) => {
      if (o === undefined) falseNegatives.push({ file: name, code, line: exp[j].item.line, text: exp[j].item.text });
      else found++;
    });
    const fp = fs_.length - taken.size - optionalHits;
    perCode.set(code, { truePositives: found, falsePositives: fp, falseNegatives: exp.length - found, optionalHits });
  }
  return { perCode, falsePositives, falseNegatives };
}

/** Lints and scores every file of a fixture set. */
export function scoreFixtureSet(root: string, options: ScoreOptions): ScoreReport {
  return scoreFixtures(loadFixtureSet(root), options);
}

export function scoreFixtures(files: FixtureFile[], options: ScoreOptions): ScoreReport {
  const totals = new Map(options.codes.map((c) => [c, { truePositives: 0, falsePositives: 0, falseNegatives: 0, optionalHits: 0 }]));
  const falsePositives: Miss[] = [];
  const falseNegatives: Miss[] = [];
  for (const f of files) {
    const text = fs.readFileSync(f.file, 'utf8');
    const r = scoreFile(f.name, text, options.lint(text, f.file), f.expectation, options.codes);
    for (const [code, s] of r.perCode) {
      const t = totals.get(code)!;
      t.truePositives += s.truePositives;
      t.falsePositives += s.falsePositives;
      t.falseNegatives += s.falseNegatives;
      t.optionalHits += s.optionalHits;
    }
    falsePositives.push(...r.falsePositives);
    falseNegatives.push(...r.falseNegatives);
  }
  const perCode = options.codes.map((code) => {
    const t = totals.get(code)!;
    const reported = t.truePositives + t.falsePositives;
    const wanted = t.truePositives + t.falseNegatives;
    return { code, ...t, precision: reported === 0 ? 1 : t.truePositives / reported, recall: wanted === 0 ? 1 : t.truePositives / wanted };
  });
  return { perCode, falsePositives, falseNegatives, files: files.length };
}

/** A fixed-width table: code, tp, fp, fn, optional, precision, recall. */
export function formatScoreTable(report: ScoreReport): string {
  const rows = [['code', 'tp', 'fp', 'fn', 'opt', 'precision', 'recall']];
  for (const s of report.perCode)
    rows.push([s.code, String(s.truePositives), String(s.falsePositives), String(s.falseNegatives), String(s.optionalHits), s.precision.toFixed(3), s.recall.toFixed(3)]);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')).join('\n');
}

/** One line per miss, for an assertion message. */
export function formatMisses(misses: Miss[]): string {
  return misses.map((m) => `  ${m.file}:${m.line} ${m.code} ${JSON.stringify(m.text)}${m.message ? ` (${m.message})` : ''}`).join('\n');
}

/**
 * The engine as a linter: default settings (`parseSettings({}).settings`), format from the file name.
 * Checks that throw are passed to `onError` (they are a bug of ours, never a finding).
 */
export function engineLinter(onError?: (file: string, code: string, error: unknown) => void): Linter {
  const settings = parseSettings({}).settings;
  return (text, file) => {
    const r = lintText(text, formatFor(file), settings, { docKey: file });
    for (const e of r.errors) onError?.(file, e.code, e.error);
    return r.findings.map((f) => ({ code: f.code, message: f.message, range: { start: r.model.lines.positionAt(f.span.start), end: r.model.lines.positionAt(f.span.end) } }));
  };
}
