/** The transport-free engine: parse a brief, run the checks, compute fixes. No LSP imports here. */
export * from './model';
export { LineIndex } from './text/lines';
export { parseBrief, formatFor, looksLikeBrief, isBriefFileName, CANDIDATE_FILE } from './parse';
export { lintModel, lintText } from './lint';
export type { EngineConfig, LintResult } from './lint';
export { CHECKS, findCheck, WHOLE_DOCUMENT_CODES } from './checks';
export type { Finding, RawFinding, Severity, SeveritySetting, CheckDefinition, RelatedPlace } from './checks/types';
