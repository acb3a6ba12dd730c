import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver';
import type { BriefModel, Finding, Severity, Span } from '../../engine';

export function toRange(model: BriefModel, span: Span): Range {
  return { start: model.lines.positionAt(span.start), end: model.lines.positionAt(span.end) };
}

export function toSeverity(s: Severity): DiagnosticSeverity {
  switch (s) {
    case 'error':
      return DiagnosticSeverity.Error;
    case 'warning':
      return DiagnosticSeverity.Warning;
    case 'info':
      return DiagnosticSeverity.Information;
    default:
      return DiagnosticSeverity.Hint;
  }
}

/** Where a code's documentation lives: the Markdown page shipped with the extension. */
export function docsUri(code: string): string {
  return pathToFileURL(path.join(docsRoot(), 'checks', `${code}.md`)).toString();
}

function docsRoot(): string {
  // The bundles live in dist/; the docs folder sits beside it. Under tests (tsx) the sources live in server/src/lsp/features.
  const here = __dirname;
  return path.basename(here) === 'dist' ? path.join(here, '..', 'docs') : path.join(here, '..', '..', '..', '..', 'docs');
}

export function toDiagnostic(model: BriefModel, uri: string, f: Finding): Diagnostic {
  return {
    range: toRange(model, f.span),
    severity: toSeverity(f.severity),
    code: f.code,
    codeDescription: { href: docsUri(f.code) },
    source: 'policy-brief',
    message: f.message,
    relatedInformation: f.related?.map((r) => ({
      location: { uri: r.uri ?? uri, range: r.range ?? toRange(model, r.span) },
      message: r.message,
    })),
    data: f.data,
  };
}
