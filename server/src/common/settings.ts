import { z } from 'zod';
import { CHECKS, findCheck, type Severity, type SeveritySetting } from '../engine';
import type { DocumentsMode } from './briefFiles';

/** Which documents are checked. */
export const DocumentsSetting = z.enum(['auto', 'all', 'briefs']) satisfies z.ZodType<DocumentsMode>;

const SeveritySchema = z.enum(['off', 'hint', 'info', 'warning', 'error']);

/** Top-level settings other than the per-code tables, each with its default. */
const FIELDS = {
  run: z.enum(['onType', 'onSave']).default('onType'),
  debounceMs: z.number().int().min(0).max(10_000).default(250),
  documents: DocumentsSetting.default('auto'),
  crossFileDuplicates: z.boolean().default(true),
  maxFileSize: z.number().int().min(1_000).max(512 * 1024 * 1024).default(16 * 1024 * 1024),
} as const;

type Fields = { [K in keyof typeof FIELDS]: z.output<(typeof FIELDS)[K]> };

export interface Settings extends Fields {
  /** Severity per code (every code present). */
  severity: Record<string, SeveritySetting>;
  /** Options per check (every check present, defaults filled in). */
  checks: Record<string, any>;
}

export interface SettingsResult {
  settings: Settings;
  /** One readable message per invalid value; each names the setting and says what was used instead. */
  problems: string[];
  /** The input with every invalid value removed, for layering one source over another. */
  valid: Record<string, unknown>;
}

export const SETTINGS_PREFIX = 'policyBrief';

export function defaultSettings(): Settings {
  return parseSettings({}).settings;
}

function show(value: unknown): string {
  const s = JSON.stringify(value);
  if (s === undefined) return String(value);
  return s.length > 60 ? s.slice(0, 57) + '...' : s;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const i = issue as any;
  if (i.code === 'invalid_value' && Array.isArray(i.values)) return `expected one of ${i.values.map((v: unknown) => JSON.stringify(v)).join(', ')}`;
  if (i.code === 'invalid_type') return `expected ${i.expected}`;
  if (i.code === 'too_small') return `expected at least ${i.minimum}`;
  if (i.code === 'too_big') return `expected at most ${i.maximum}`;
  if (i.code === 'unrecognized_keys') return `unknown option${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k: string) => JSON.stringify(k)).join(', ')}`;
  return issue.message;
}

function valueAt(obj: unknown, path: PropertyKey[]): unknown {
  let cur: any = obj;
  for (const k of path) cur = cur == null ? undefined : cur[k as any];
  return cur;
}

/**
 * Validates settings from VS Code (`policyBrief.*`, prefix removed) or `.policybrief.json`.
 * Never throws: an invalid value is reported by name and replaced by its default.
 */
export function parseSettings(input: unknown, source = SETTINGS_PREFIX): SettingsResult {
  const problems: string[] = [];
  const name = (...path: PropertyKey[]) => [source, ...path.map(String)].join('.');
  const raw: Record<string, unknown> = input && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
  if (input !== undefined && input !== null && raw !== input) problems.push(`Invalid ${source}: expected an object of settings, got ${show(input)}. Using the defaults.`);

  const out: Record<string, unknown> = {};
  const valid: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(FIELDS)) {
    const r = (schema as z.ZodType).safeParse(raw[key]);
    if (r.success) {
      out[key] = r.data;
      if (raw[key] !== undefined) valid[key] = raw[key];
    } else {
      const def = (schema as z.ZodType).parse(undefined);
      problems.push(`Invalid value for ${name(key)}: ${describeIssue(r.error.issues[0])}, got ${show(raw[key])}. Using the default (${show(def)}).`);
      out[key] = def;
    }
  }

  const severity: Record<string, SeveritySetting> = {};
  for (const c of CHECKS) severity[c.code] = c.defaultSeverity;
  const sevIn = raw.severity;
  if (sevIn !== undefined && sevIn !== null) {
    if (typeof sevIn !== 'object' || Array.isArray(sevIn)) problems.push(`Invalid value for ${name('severity')}: expected an object mapping codes to severities, got ${show(sevIn)}. Using the defaults.`);
    else
      for (const [code, value] of Object.entries(sevIn)) {
        if (!findCheck(code)) {
          problems.push(`Unknown code in ${name('severity')}: ${JSON.stringify(code)}. Known codes: ${CHECKS.map((c) => c.code).join(', ')}.`);
          continue;
        }
        const r = SeveritySchema.safeParse(value);
        if (r.success) {
          severity[code] = r.data;
          ((valid.severity ??= {}) as Record<string, unknown>)[code] = value;
        }
        else problems.push(`Invalid value for ${name('severity', code)}: expected one of "off", "hint", "info", "warning", "error", got ${show(value)}. Using the default (${JSON.stringify(severity[code])}).`);
      }
  }

  const checks: Record<string, unknown> = {};
  const checksIn = raw.checks;
  if (checksIn !== undefined && checksIn !== null && (typeof checksIn !== 'object' || Array.isArray(checksIn)))
    problems.push(`Invalid value for ${name('checks')}: expected an object mapping codes to options, got ${show(checksIn)}. Using the defaults.`);
  const checksObj = checksIn && typeof checksIn === 'object' && !Array.isArray(checksIn) ? (checksIn as Record<string, unknown>) : {};
  for (const code of Object.keys(checksObj)) if (!findCheck(code)) problems.push(`Unknown code in ${name('checks')}: ${JSON.stringify(code)}.`);
  for (const c of CHECKS) {
    const r = c.options.safeParse(checksObj[c.code] ?? undefined);
    if (r.success) {
      checks[c.code] = r.data;
      if (checksObj[c.code] !== undefined) ((valid.checks ??= {}) as Record<string, unknown>)[c.code] = checksObj[c.code];
    } else {
      const issue = r.error.issues[0];
      const path = issue.path;
      problems.push(`Invalid value for ${name('checks', c.code, ...path)}: ${describeIssue(issue)}, got ${show(valueAt(checksObj[c.code], path))}. Using the defaults for ${c.code}.`);
      checks[c.code] = c.options.parse(undefined);
    }
  }

  for (const key of Object.keys(raw)) {
    if (!(key in FIELDS) && key !== 'severity' && key !== 'checks' && key !== '$schema') problems.push(`Unknown setting ${name(key)}: ignored.`);
  }

  return { settings: { ...(out as Fields), severity, checks }, problems, valid };
}

/** Layers `.policybrief.json` (already parsed) over editor settings: the project file wins where it sets a value. */
export function mergeSettingInputs(base: unknown, override: unknown): unknown {
  if (!override || typeof override !== 'object' || Array.isArray(override)) return base;
  const b = base && typeof base === 'object' && !Array.isArray(base) ? (base as Record<string, unknown>) : {};
  const o = override as Record<string, unknown>;
  const out: Record<string, unknown> = { ...b };
  for (const [k, v] of Object.entries(o)) {
    if ((k === 'severity' || k === 'checks') && v && typeof v === 'object' && !Array.isArray(v) && b[k] && typeof b[k] === 'object') {
      out[k] = { ...(b[k] as object), ...(v as object) };
    } else out[k] = v;
  }
  return out;
}

/** Reads the text of `.policybrief.json`; a syntax error is a problem, not a crash. */
export function parseConfigFileText(text: string, fileName: string): { value: unknown; problems: string[] } {
  try {
    return { value: JSON.parse(text), problems: [] };
  } catch (e) {
    return { value: undefined, problems: [`Could not read ${fileName}: ${(e as Error).message}. Its settings are ignored.`] };
  }
}

export function effectiveSeverity(settings: Settings, code: string): SeveritySetting {
  return settings.severity[code] ?? findCheck(code)?.defaultSeverity ?? 'warning';
}

export type { Severity, SeveritySetting };
