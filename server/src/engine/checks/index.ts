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

/** Every check, in the order findings are reported. Adding a check is one file and one line here. */
export const CHECKS: readonly CheckDefinition<any>[] = [
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

/**
 * Checks that compare the whole document (and the workspace) rather than one paragraph at a time:
 * the server recomputes them when typing pauses, the CLI runs them beside the others on a second
 * thread for big files.
 */
export const WHOLE_DOCUMENT_CODES: ReadonlySet<string> = new Set([duplicateParagraph.code, similarParagraph.code, similarSentence.code]);

export function findCheck(code: string): CheckDefinition<any> | undefined {
  return CHECKS.find((c) => c.code === code);
}
