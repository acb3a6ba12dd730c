import type { PositionedFinding } from '../cache';

/** One file's findings, as the formatters print them. */
export interface FileResult {
  file: string;
  findings: PositionedFinding[];
}

/** One finding of `--format json`: the file, then the finding as printed (see PositionedFinding). */
export interface JsonFinding extends PositionedFinding {
  file: string;
}

/** Every finding with its file, in the order of the files. */
export function flatten(results: FileResult[]): JsonFinding[] {
  const out: JsonFinding[] = [];
  for (const r of results) for (const f of r.findings) out.push({ file: r.file, ...f });
  return out;
}
