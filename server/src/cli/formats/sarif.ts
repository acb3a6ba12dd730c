import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHECKS } from '../../engine';
import { VERSION } from '../version';
import { flatten, type FileResult } from './types';

/** A relative path as a URI reference (spaces, `#` and `%` encoded), or a file URI for an absolute one. */
function toUriReference(file: string): string {
  if (path.isAbsolute(file)) return pathToFileURL(file).toString();
  return file.split(path.sep).join('/').split('/').map((seg) => (seg === '..' || seg === '.' ? seg : encodeURIComponent(seg))).join('/');
}

const SARIF_LEVEL: Record<string, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** SARIF 2.1.0, as GitHub code scanning reads it: one run, a rule per check. */
export function toSarif(results: FileResult[]): string {
  const rules = CHECKS.map((c) => ({
    id: c.code,
    name: c.code.replace(/(^|-)(\w)/g, (_m, _d, ch: string) => ch.toUpperCase()),
    shortDescription: { text: c.description },
    fullDescription: { text: c.description },
    defaultConfiguration: { level: SARIF_LEVEL[c.defaultSeverity] },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'policy-brief-lint', version: VERSION, informationUri: 'https://github.com/policy-brief/policy-brief', rules } },
        columnKind: 'utf16CodeUnits',
        results: flatten(results).map((f) => ({
          ruleId: f.code,
          ruleIndex: index.get(f.code),
          level: SARIF_LEVEL[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: toUriReference(f.file) },
                region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
              },
            },
          ],
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
