import type { Span } from '../model';
import type { TextEdit } from './edits';

/** A fix as the engine computes it; the server turns it into a code action, the tests apply it. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Offset in the text after the edits where the cursor should go. */
  cursor?: number;
  isPreferred?: boolean;
}

/** What a fix needs to know of a finding: its code, place and data. */
export interface FixableFinding {
  code: string;
  span: Span;
  data?: Record<string, unknown>;
}
