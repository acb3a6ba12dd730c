/**
 * Whether a figure is stated as a fact about the world (a claim that needs a source) or as
 * something else a careful reader would not ask a source for: a value a rule, requirement or
 * proposal sets ("agencies must report within 30 days", "should reach 30% by 2030"), a number in an
 * imagined or worked example ("imagine 50,000 blocks", "if each of 10 users would…"), or a number
 * derived from the figures around it ("that is a 38% increase", "4,000, or 56% of them", `32*8 = 256`),
 * the author's own estimate ("I put the figure at $1,250,000,000"), or a figure the document's own
 * exhibit shows ("as Figure 3 shows, …", LaTeX `\\ref{fig:…}`, bookdown `\\@ref(fig:…)`, Quarto `@fig-…`:
 * the exhibit's caption is where its source goes).
 *
 * Decided from the words of the figure's sentence and the few words before the figure. The
 * patterns are plain alternations of words (no nested quantifiers): linear in the sentence.
 */

/** Why a figure is not a claim, or undefined when it is one. */
export type NotAClaim = 'parameter' | 'hypothetical' | 'arithmetic' | 'estimate' | 'exhibit';

/**
 * Modal and requirement words: the sentence sets a value. Not "will", "would", "may" or
 * "could": a forecast ("the plan will cost $4 billion") is a claim that needs a source.
 */
const NORMATIVE =
  /\b(?:must|shall|should|ought to|(?:is|are|be|been|being) required to|may not|must not|need not|not (?:to )?exceed|propose[sd]?|proposing|recommend(?:s|ed|ing)?|aims? to|aiming to|(?:a|the|our) target (?:of|is)|targets? (?:of|is)|goal (?:of|is)|defaults? to|by default|is set to|are set to)\b/i;

/** An imagined case: the numbers in it describe no real thing. */
const HYPOTHETICAL = /\b(?:imagine|imagining|suppose|supposing|hypothetical(?:ly)?|let'?s say|let us say|assume|assuming|pretend)\b/i;

/** A worked or sample example the text describes ("in this example", "the example code", a placeholder). */
const EXAMPLE = /\b(?:(?:the|this|that|an|each|our|following|above|below|same) (?:example|sample)s?|example (?:code|output|file|program|run|configuration|command|value)s?|placeholder|for illustration|to illustrate|illustrative)\b/i;

/** The author's own estimate: "I estimate", "we put the figure at", "my guess". */
const OWN_ESTIMATE = /\b(?:I|we)\s+(?:(?:would|should|can|could|will|might|shall|also|then|now|therefore|thus|only)\s+)?(?:estimate|reckon|calculate|compute|guess|put|fix|assume|take|allow|suggest|conclude|judge|figure)\b|\b(?:my|our) (?:own )?(?:estimate|guess|calculation|figure|reckoning)s?\b/;

/** The document's own exhibit shows the figure, and its caption carries the source ("(Fig. 3)", "shown in Table 2"). */
const EXHIBIT = /\b(?:Fig(?:ure)?s?\.?|Tables?|Charts?|Exhibits?|Graphs?|Maps?)\s+(?:\d+[a-z]?\b|\\(?:ref|autoref)\{(?:fig|tab)|\\@ref\((?:fig|tab):)|\\(?:ref|autoref)\{(?:fig|tab):|\\@ref\((?:fig|tab):|@(?:fig|tbl)-[\w-]/;

/** "If … would/could": a conditional about an unreal case. */
const IF_CLAUSE = /\b(?:if|unless)\b/i;
const COUNTERFACTUAL = /\b(?:would|could|might)\b/i;

/** Arithmetic written out in the sentence: `32*8 = 256`, `2 × 3`. */
const ARITHMETIC = /\d\s*(?:=|×|\*|\+|÷)\s*\(?\d|\d\s*\/\s*\d+\s*=|=\s*\d/;

/** Words right before a figure that restate what was just said ("that is", "i.e."). */
const DERIVED_BEFORE = /(?:\bthat is|\bthat's|\bi\.e\.,?|\bwhich is|\bin other words|\bequivalent to|\bequal to)\s*$/i;
/** A share of the count just given: "4,000 fighters, or 56%" (not "$3, or $4 per box"). */
const SHARE_BEFORE = /, or(?: about| roughly| nearly| some| almost| around)?\s*$/i;

/** What the sentence says of every figure in it (computed once per sentence). */
export function sentenceNotAClaim(sentence: string): NotAClaim | undefined {
  if (ARITHMETIC.test(sentence)) return 'arithmetic';
  if (HYPOTHETICAL.test(sentence) || EXAMPLE.test(sentence)) return 'hypothetical';
  if (OWN_ESTIMATE.test(sentence)) return 'estimate';
  if (EXHIBIT.test(sentence)) return 'exhibit';
  if (IF_CLAUSE.test(sentence) && COUNTERFACTUAL.test(sentence)) return 'hypothetical';
  if (NORMATIVE.test(sentence)) return 'parameter';
  return undefined;
}

/** Whether the words right before a figure (`text[figStart - 24, figStart)`) restate a figure just given. */
export function derivedFigure(text: string, figStart: number, percent: boolean): boolean {
  const before = text.slice(Math.max(0, figStart - 24), figStart);
  return DERIVED_BEFORE.test(before) || (percent && SHARE_BEFORE.test(before));
}
