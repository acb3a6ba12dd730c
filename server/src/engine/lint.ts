import { CHECKS } from './checks';
import type { CheckEnv, Finding, Severity, SeveritySetting } from './checks/types';
import type { BriefFormat, BriefModel } from './model';
import { parseBrief } from './parse';
import { SuppressionMap } from './suppressions';

/** What the engine needs of the settings: a severity per code and options per check. */
export interface EngineConfig {
  severity: Record<string, SeveritySetting>;
  checks: Record<string, unknown>;
}

export interface LintResult {
  findings: Finding[];
  /** Checks that failed on this document (a bug of ours, never the writer's): reported, not thrown. */
  errors: { code: string; error: unknown }[];
}

/** Findings of one code kept per document; the rest are summarised in one finding. */
export const MAX_FINDINGS_PER_CODE = 1000;

/** Runs every enabled check on a parsed brief and drops what suppression comments switch off. */
export function lintModel(model: BriefModel, config: EngineConfig, env: CheckEnv = { docKey: '' }, include: (code: string) => boolean = () => true): LintResult {
  const findings: Finding[] = [];
  const errors: LintResult['errors'] = [];
  const suppressions = new SuppressionMap(model);
  const allOptions: Record<string, unknown> = {};
  for (const check of CHECKS) allOptions[check.code] = config.checks[check.code] ?? check.options.parse(undefined);
  env = { ...env, checks: allOptions };
  for (const check of CHECKS) {
    const severity = config.severity[check.code] ?? check.defaultSeverity;
    if (severity === 'off' || !include(check.code)) continue;
    const options = allOptions[check.code];
    let count = 0;
    let overflow: Finding | undefined;
    try {
      check.run(
        model,
        options,
        (f) => {
          if (suppressions.isSuppressed(check.code, model.lines.lineAt(f.span.start))) return;
          if (++count > MAX_FINDINGS_PER_CODE) {
            overflow ??= { span: f.span, code: check.code, severity: 'info', message: '' };
            return;
          }
          findings.push({ ...f, code: check.code, severity: f.severity ? lowerOf(f.severity, severity) : severity });
        },
        env,
      );
    } catch (error) {
      errors.push({ code: check.code, error });
    }
    if (overflow) {
      // A broken document can produce thousands of findings; the editor shows a bounded number and says so.
      overflow.message = `${count - MAX_FINDINGS_PER_CODE} more ${check.code} findings from here on are not shown (only the first ${MAX_FINDINGS_PER_CODE} are).`;
      findings.push(overflow);
    }
  }
  findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return { findings, errors };
}

const ORDER: Severity[] = ['hint', 'info', 'warning', 'error'];

/** A finding that asks for a milder severity than its code's setting keeps the milder one. */
function lowerOf(a: Severity, b: Severity): Severity {
  return ORDER[Math.min(ORDER.indexOf(a), ORDER.indexOf(b))];
}

export function lintText(text: string, format: BriefFormat, config: EngineConfig, env?: CheckEnv): LintResult & { model: BriefModel } {
  const model = parseBrief(text, format);
  return { model, ...lintModel(model, config, env) };
}
