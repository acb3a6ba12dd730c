/**
 * The transport-free engine: parse a brief, run the checks, compute fixes. No LSP and no Node
 * imports here or below. Hosts (lsp/, cli/) import this file only.
 */
export { createEngine, type Engine, type NoteIndex } from './engine';
export type { BriefWorkspace } from './workspace';
export type { EngineConfig, LintOptions, LintResult } from './lint';
export { MAX_FINDINGS_PER_CODE } from './lint';
export { CHECKS, findCheck } from './checks';
export type { CheckDefinition, CheckScope, Finding, RawFinding, RelatedPlace, Severity, SeveritySetting } from './checks/types';
export type { Fix, FixableFinding } from './fixes/types';
export type { RenumberPlan, Insertion } from './fixes/renumber';
export { applyEdits, type TextEdit } from './fixes/edits';
export type { IbidResolution } from './notes';
export { LineIndex, type Position } from './text/lines';
export type * from './model';
