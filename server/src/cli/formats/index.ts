import { toJson } from './json';
import { toSarif } from './sarif';
import { toText } from './text';
import type { FileResult } from './types';

export type { FileResult, JsonFinding } from './types';

/** The printer of each `--format`. */
export const FORMATTERS = {
  text: toText,
  json: toJson,
  sarif: toSarif,
} satisfies Record<string, (results: FileResult[]) => string>;

export type OutputFormat = keyof typeof FORMATTERS;
