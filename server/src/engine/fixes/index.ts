/** Edit machinery the checks' fixes are built from. */
export { applyEdits, mapOffset, type TextEdit } from './edits';
export { planRenumber, type RenumberPlan, type Insertion } from './renumber';
export type { Fix, FixableFinding } from './types';
