import { flatten, type FileResult } from './types';

/** One JSON array of findings, each with its file. */
export function toJson(results: FileResult[]): string {
  return JSON.stringify(flatten(results), null, 2) + '\n';
}
