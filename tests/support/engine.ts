/** One engine for a test file, and the parse-then-lint step most tests need. */
import { createEngine, type BriefFormat, type BriefModel, type EngineConfig, type LintOptions, type LintResult } from '../../server/src/engine';

export const engine = createEngine();

export function lintText(text: string, format: BriefFormat, config: EngineConfig, options?: LintOptions): LintResult & { model: BriefModel } {
  const model = engine.parse(text, format);
  return { model, ...engine.lint(model, config, options) };
}
