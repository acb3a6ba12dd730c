/** What the classification steps share: the scan state of one paragraph and the result type. */
import type { Figure } from './types';

/** 'list': skipped as the head of a duration/date/time list ("6 or 12 months"). */
export type SkipReason = 'ident' | 'year' | 'date' | 'time' | 'duration' | 'ordinal' | 'list' | 'other';

export interface Classified {
  fig: Figure | null;
  /** Where scanning resumes. */
  end: number;
  reason?: SkipReason;
  /** For range building. */
  unit?: 'percent' | 'money' | 'none';
  scale?: number;
  value?: number;
  moneyPrefix?: boolean;
}

export interface Ctx {
  t: string;
  n: number;
  masked: Uint8Array;
  /** End of the last identifier number (for "resolutions 1526 (2004) and 2253"). */
  identEnd: number;
  /** Furthest position a spelled-out phrase parse has read (keeps the word scan linear). */
  spReach: number;
}

export const skip = (end: number, reason: SkipReason): Classified => ({ fig: null, end, reason });

/** An identifier (not a figure); with `list`, numbers listed after it stay identifiers ("resolutions 1526 and 2253"). */
export function identSkip(ctx: Ctx, inRange: boolean, end: number, list = false): Classified {
  if (list && !inRange) ctx.identEnd = end;
  return skip(end, 'ident');
}
