import { CHECKS } from './checks';
import type { Analysis, CheckContext, CheckDefinition, Finding, Severity, SeveritySetting } from './checks/types';
import type { BriefModel } from './model';
import { SuppressionMap } from './suppressions';
import type { BriefWorkspace } from './workspace';

/** What the engine needs of the settings: a severity per code and options per check. */
export interface EngineConfig {
  severity: Record<string, SeveritySetting>;
  checks: Record<string, unknown>;
}

export interface LintOptions {
  /** Key of the document (its URI or path): names it in cross-file findings and keys its caches. */
  docKey?: string;
  /** The other briefs of the document's workspace (see `Engine.createWorkspace`). */
  workspace?: BriefWorkspace;
  /**
   * Which checks run: `immediate` (paragraph and document scope: every edit), `deferred`
   * (workspace scope: when typing pauses) or `all` (the default).
   */
  checks?: 'all' | 'immediate' | 'deferred';
}

export interface LintResult {
  findings: Finding[];
  /** Checks that failed on this document (a bug of ours, never the writer's): reported, not thrown. */
  errors: { code: string; error: unknown }[];
}

/** Findings of one code kept per document; the rest are summarised in one finding. */
export const MAX_FINDINGS_PER_CODE = 1000;

/** The engine's long-lived state per check and per analysis (see `createState`). */
export interface EngineState {
  checkState(check: CheckDefinition<any, any>): unknown;
  analysisState(analysis: Analysis<any, any, any>): unknown;
}

function wanted(check: CheckDefinition<any, any>, which: LintOptions['checks']): boolean {
  if (which === 'immediate') return check.scope !== 'workspace';
  if (which === 'deferred') return check.scope === 'workspace';
  return true;
}

/** Runs every enabled check on a parsed brief and drops what suppression comments switch off. */
export function lintModel(model: BriefModel, config: EngineConfig, state: EngineState, opts: LintOptions = {}): LintResult {
  const findings: Finding[] = [];
  const errors: LintResult['errors'] = [];
  const suppressions = new SuppressionMap(model);
  const optionsOf = (check: CheckDefinition<any, any>) => config.checks[check.code] ?? check.options.parse(undefined);
  const docKey = opts.docKey ?? '';
  const analyses = new Map<Analysis<any, any, any>, unknown>();
  const analysis = <P, R, S>(a: Analysis<P, R, S>): R => {
    if (analyses.has(a)) return analyses.get(a) as R;
    // Parameters from every check that shares the analysis, each its own options' part.
    const params: Record<string, unknown> = {};
    for (const c of CHECKS) if (c.shares?.analysis === a) Object.assign(params, c.shares.params(optionsOf(c)));
    const result = a.compute({ model, docKey, workspace: opts.workspace, state: state.analysisState(a) as S }, params as Partial<P>);
    analyses.set(a, result);
    return result;
  };
  for (const check of CHECKS) {
    const severity = config.severity[check.code] ?? check.defaultSeverity;
    if (severity === 'off' || !wanted(check, opts.checks)) continue;
    const ctx: CheckContext<unknown> = { model, docKey, workspace: opts.workspace, state: state.checkState(check), analysis };
    let count = 0;
    let overflow: Finding | undefined;
    try {
      check.run(ctx, optionsOf(check), (f) => {
        if (suppressions.isSuppressed(check.code, model.lines.lineAt(f.span.start))) return;
        if (++count > MAX_FINDINGS_PER_CODE) {
          overflow ??= { span: f.span, code: check.code, severity: 'info', message: '' };
          return;
        }
        findings.push({ ...f, code: check.code, severity: f.severity ? lowerOf(f.severity, severity) : severity });
      });
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
