import type { BriefModel } from '../model';
import type { Fix, FixableFinding } from '../fixes/types';
import type { CheckDefinition } from './types';
import uncitedFigure from './uncited-figure';
import footnoteUndefined from './footnote-undefined';
import footnoteUnused from './footnote-unused';
import footnoteDuplicate from './footnote-duplicate';
import footnoteOrder from './footnote-order';
import ibidWithoutAntecedent from './ibid-without-antecedent';
import duplicateParagraph from './duplicate-paragraph';
import similarParagraph from './similar-paragraph';
import similarSentence from './similar-sentence';

/**
 * Every check, in the order findings are reported: the one list. Adding a check is one file and
 * one line here, then `npm run generate` (settings schema and README table come from this list).
 */
export const CHECKS: readonly CheckDefinition<any, any>[] = [
  uncitedFigure,
  footnoteUndefined,
  footnoteUnused,
  footnoteDuplicate,
  footnoteOrder,
  ibidWithoutAntecedent,
  duplicateParagraph,
  similarParagraph,
  similarSentence,
];

const BY_CODE = new Map(CHECKS.map((c) => [c.code, c]));

export function findCheck(code: string): CheckDefinition<any, any> | undefined {
  return BY_CODE.get(code);
}

/**
 * Checks the server runs when typing pauses rather than on every edit (their scope is the
 * workspace); derived from the definitions.
 */
export const DEFERRED_CODES: ReadonlySet<string> = new Set(CHECKS.filter((c) => c.scope === 'workspace').map((c) => c.code));

/** Every fix offered for a finding, by the check that reported it. */
export function fixesFor(model: BriefModel, finding: FixableFinding): Fix[] {
  return findCheck(finding.code)?.fixes?.(model, finding) ?? [];
}
