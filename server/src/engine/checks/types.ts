import type { z } from 'zod';
import type { BriefModel, Span } from '../model';
import type { Fix, FixableFinding } from '../fixes/types';
import type { BriefWorkspace } from '../workspace';

export type Severity = 'hint' | 'info' | 'warning' | 'error';
export type SeveritySetting = Severity | 'off';

/**
 * What a check's findings depend on, which says when a host must run it again:
 * - `paragraph`: each finding depends on its own paragraph (or table) only;
 * - `document`: on the whole document (markers against notes), and it is cheap;
 * - `workspace`: it compares every paragraph with the rest of the document and with the other
 *   briefs of the workspace; costly, so the server runs it when typing pauses and moves its last
 *   findings with the text meanwhile.
 */
export type CheckScope = 'paragraph' | 'document' | 'workspace';

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

/**
 * A computation several checks share (the duplicate detector serves three): computed once per
 * lint, with parameters assembled from the options of the checks that share it.
 */
export interface Analysis<P, R, S = undefined> {
  /** For messages and cache keys. */
  name: string;
  /** State kept as long as the engine (caches), made on first use. */
  createState(): S;
  compute(ctx: AnalysisContext<S>, params: Partial<P>): R;
}

export interface AnalysisContext<S> {
  readonly model: BriefModel;
  readonly docKey: string;
  readonly workspace: BriefWorkspace | undefined;
  readonly state: S;
}

/** What a check sees while it runs. */
export interface CheckContext<S = undefined> {
  readonly model: BriefModel;
  /** Key of the document being checked (its URI or path). */
  readonly docKey: string;
  /** The other briefs of the document's workspace, when the host gives them. */
  readonly workspace: BriefWorkspace | undefined;
  /** This check's state, kept by the engine between lints (its caches); see `createState`. */
  readonly state: S;
  /** The result of a shared analysis, computed once per lint of this document. */
  analysis<P, R, AS>(analysis: Analysis<P, R, AS>): R;
}

export interface CheckDefinition<O = unknown, S = undefined> {
  /** Stable kebab-case diagnostic code. */
  code: string;
  /** One line for the README, the settings and SARIF. */
  description: string;
  defaultSeverity: Severity;
  /** Options of this check, with defaults (descriptions become the settings' descriptions). */
  options: z.ZodType<O>;
  scope: CheckScope;
  /** State kept by the engine for this check between lints (e.g. a bounded memo), made once per engine. */
  createState?(): S;
  /** When several checks share one computation: the analysis and this check's part of its parameters. */
  shares?: { analysis: Analysis<any, any, any>; params(options: O): Record<string, unknown> };
  run(ctx: CheckContext<S>, options: O, report: (f: RawFinding) => void): void;
  /** Quick fixes for one of this check's findings. */
  fixes?(model: BriefModel, finding: FixableFinding): Fix[];
}

/** Keeps a check's option and state types when it is put in the registry. */
export function defineCheck<O, S = undefined>(def: CheckDefinition<O, S>): CheckDefinition<O, S> {
  return def;
}

/** Keeps an analysis's types. */
export function defineAnalysis<P, R, S>(def: Analysis<P, R, S>): Analysis<P, R, S> {
  return def;
}
