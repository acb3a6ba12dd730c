/** The figure check's public types. */
import type { Span } from '../span';

export type FigureKind = 'count' | 'percent' | 'money' | 'range' | 'ratio' | 'decimal' | 'spelled';

export interface Figure extends Span {
  kind: FigureKind;
  text: string;
}

export interface FigureOptions {
  /** Spelled-out numbers ("five Chinese nationals", "thousands of") only when true. */
  spelledOut: boolean;
}

export interface UncitedOptions extends FigureOptions {
  citationScope: 'sentence' | 'paragraph';
}
