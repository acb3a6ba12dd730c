import type { z } from 'zod';
import type { BriefModel, Span } from '../model';

export type Severity = 'hint' | 'info' | 'warning' | 'error';
export type SeveritySetting = Severity | 'off';

/** Another place a finding involves (the first definition, the paragraph copied, another file). */
export interface RelatedPlace {
  span: Span;
  message: string;
  /** Another document, when the place is not in the one being checked. */
  uri?: string;
  /** Line/character positions for places in other documents (their text is not at hand). */
  range?: { start: { line: number; character: number }; end: { line: number; character: number } };
}

/** What a check reports: a place, a message and what a fix needs to know. */
export interface RawFinding {
  span: Span;
  message: string;
  related?: RelatedPlace[];
  /** Data for quick fixes (kept JSON-serialisable: it travels in LSP `Diagnostic.data`). */
  data?: Record<string, unknown>;
  /** Severity for this finding when it differs from the check's default (e.g. an ambiguous Ibid. is info). */
  severity?: Severity;
}

export interface Finding extends RawFinding {
  code: string;
  severity: Severity;
}

/** Services a check may use beyond the model (e.g. the workspace duplicate index). */
export interface CheckEnv {
  /** Key of the document being checked (its URI or path). */
  docKey: string;
  /** Other documents' paragraphs for cross-file checks, when the host provides them. */
  workspace?: unknown;
  /** Every check's options (defaults filled in), for checks that share one computation. */
  checks?: Record<string, any>;
}

export interface CheckDefinition<O = unknown> {
  /** Stable kebab-case diagnostic code. */
  code: string;
  /** One line for the README and settings. */
  description: string;
  defaultSeverity: Severity;
  /** Options of this check, with defaults. */
  options: z.ZodType<O>;
  /** Whether a quick fix is offered. */
  fixable: boolean;
  run(model: BriefModel, options: O, report: (f: RawFinding) => void, env: CheckEnv): void;
}

/** Helper that keeps a check's options type when it is put in the registry. */
export function defineCheck<O>(def: CheckDefinition<O>): CheckDefinition<O> {
  return def;
}
