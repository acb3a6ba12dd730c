/**
 * The one span type of the engine: a half-open range of UTF-16 offsets, `end` exclusive. Offsets
 * are into the document text (model.ts re-exports it) or into one paragraph's text (the text/
 * modules). It lives here, at the bottom, so that text/ needs nothing from the model.
 */
export interface Span {
  start: number;
  end: number;
}
