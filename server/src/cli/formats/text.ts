import { flatten, type FileResult } from './types';

/** `file:line:column: severity code: message`, then a summary line. */
export function toText(results: FileResult[]): string {
  let s = '';
  let count = 0;
  const bySeverity: Record<string, number> = {};
  for (const f of flatten(results)) {
    s += `${f.file}:${f.line}:${f.column}: ${f.severity} ${f.code}: ${f.message}\n`;
    count++;
    bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
  }
  const files = `${results.length} file${results.length === 1 ? '' : 's'}`;
  const parts = ['error', 'warning', 'info', 'hint'].filter((k) => bySeverity[k]).map((k) => `${bySeverity[k]} ${k}${bySeverity[k] === 1 ? '' : 's'}`);
  s += count === 0 ? `No findings in ${files}.\n` : `${count} finding${count === 1 ? '' : 's'} (${parts.join(', ')}) in ${files}.\n`;
  return s;
}
