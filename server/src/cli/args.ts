import { parseArgs } from 'node:util';
import { CONFIG_FILE } from '../node/configFile';
import { FORMATTERS, type OutputFormat } from './formats';

const FORMATS = Object.keys(FORMATTERS) as OutputFormat[];

export const USAGE = `Usage: policy-brief-lint [--format ${FORMATS.join('|')}] [--config FILE] [--no-cache] [--cache-dir DIR] PATHS…

Checks policy briefs for uncited figures, mismatched footnotes and duplicated paragraphs.
PATHS are files or folders (folders are searched for .brief, .brief.md, .brief.txt, .md and .txt files;
files found in folders are checked when they look like briefs: they have notes or markers).

Options:
  --format ${FORMATS.join('|').padEnd(17)}output format (default text)
  --config FILE              settings file (default: the nearest ${CONFIG_FILE} above each file)
  --no-cache                 check every file again (by default an unchanged file, with the same
                             settings and the same version of this tool, reuses its last result)
  --cache-dir DIR            where results are cached (default: $POLICY_BRIEF_CACHE_DIR, else the
                             per-user cache folder, e.g. ~/.cache/policy-brief)
  -h, --help                 show this help
  --version                  show the version

Exit status: 0 no error-severity finding, 1 error findings, 2 bad usage or unreadable input.`;

export interface CliArgs {
  format: OutputFormat;
  config?: string;
  cache: boolean;
  cacheDir?: string;
  paths: string[];
}

/** A command line that cannot be run: the message says what to change. */
export class UsageError extends Error {}

const OPTIONS = {
  format: { type: 'string' },
  config: { type: 'string' },
  'no-cache': { type: 'boolean' },
  'cache-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

/** Node's own parser, with its errors turned into messages a writer can act on. */
export function parseCliArgs(argv: string[]): CliArgs | 'help' | 'version' {
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(explain(e as Error & { code?: string }));
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (values.version) return 'version';
  const format = values.format ?? 'text';
  if (!(FORMATS as string[]).includes(format)) throw new UsageError(`Unknown format "${format}": use ${FORMATS.slice(0, -1).join(', ')} or ${FORMATS[FORMATS.length - 1]}.`);
  if (values['cache-dir'] === '') throw new UsageError('--cache-dir needs a folder.');
  if (values.config === '') throw new UsageError('--config needs a file.');
  if (positionals.length === 0) throw new UsageError('No files given.');
  return { format: format as OutputFormat, config: values.config, cache: !values['no-cache'], cacheDir: values['cache-dir'], paths: positionals };
}

function explain(e: Error & { code?: string }): string {
  const option = /'(-[^']*)'/.exec(e.message)?.[1]?.replace(/^(--[^ ]+) .*$/, '$1');
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `Unknown option ${option ?? ''}.`.replace(' .', '.');
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      // A string option at the end, or a boolean given a value (`--no-cache=yes`).
      return /argument missing/.test(e.message) ? `${option ?? 'An option'} needs a value.` : `${option ?? 'An option'} takes no value.`;
    default:
      return e.message;
  }
}
