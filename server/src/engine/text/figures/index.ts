/**
 * Figures (numbers stating a quantity) in one paragraph of prose, and the
 * ones with no citation behind them.
 *
 * Pure text module: no I/O, no LSP or vscode imports. Offsets are UTF-16
 * indices into the given string, `end` exclusive.
 *
 * Files: vocabulary.ts (word lists), chars.ts, numbers.ts (number parsing), context.ts (words
 * around a number), units.ts (what follows, money prefixes), classify.ts with classifySteps.ts
 * (is this number a figure), spelled.ts (spelled-out numbers), scan.ts (mask and driver),
 * uncited.ts (citation scope).
 *
 * The scanner is hand-written and linear: every number is parsed once (at
 * most twice when a range look-ahead rejects it), every look-behind and
 * look-ahead around it is bounded by a small constant, and the only regular
 * expressions used run on bounded slices or single characters.
 *
 * Decisions on ambiguous cases (precision first: writers must be able to
 * leave the check on):
 *  - Compound adjectives of size (`137-page report`, `6-year high`,
 *    `10-point plan`, `30-day`, `two-day`, `2,640-km border`) are NOT figures:
 *    they describe a document, a plan or a period. Exceptions that do state a
 *    quantity: `25-percent`, `10-fold`, `6,000-strong`, `200-odd`, `500-plus`,
 *    `$5-billion`.
 *  - `1 in 4`, `1 out of 4`, `3:1` (not a time), `2/3` (denominator ≤ 10,
 *    numerator smaller) and `3x` are ratios. `9/11`, `24/7`, `50/50` are not.
 *  - Durations are not figures (`90 days`, `0–6 months`, `over 20 years`,
 *    `30 calendar days`), nor ages (`aged 15`), nor denominators (`per 100,000`).
 *  - A bare four-digit number 1900–2100 is a year unless a quantity qualifier
 *    precedes it (`nearly 2000`) or it is followed by `in <year>`; 1000–1899 is
 *    a year only after a temporal word (`in`, `since`, `the` …) or before a
 *    capitalised word / AD / BC. Writers who mean counts write `2,000`.
 *  - A number right after a capitalised word that does not start the
 *    sentence is an identifier (`Section 508`, `Python 3`, `S&P 500`,
 *    `Resolution 2593`), except after months, weekdays and possessives
 *    (`the TTP's 6,000 fighters`).
 *  - `from X to Y` / `X–Y` with Y > X and compatible units is ONE range
 *    figure; `between X and Y` includes `between` in the span.
 *  - Spelled-out numbers (only with spelledOut: true) skip `one` on its own,
 *    `zero`, numbers after a determiner (`the two countries`), compound
 *    adjectives (`two-day`) and durations (`four days later`).
 */
export type { Figure, FigureKind, FigureOptions, UncitedOptions } from './types';
export { findFigures } from './scan';
export { analyseFigures, closesWithCitation, findUncitedFigures, type FigureAnalysis } from './uncited';
