import { z } from 'zod';
import { reportDuplicates } from './duplicates';
import { defineCheck } from './types';

export default defineCheck({
  code: 'duplicate-paragraph',
  description: 'A paragraph identical to an earlier one (a run of pasted paragraphs is one finding).',
  defaultSeverity: 'warning',
  options: z.strictObject({ minWords: z.number().int().min(1).max(1000).default(8) }).default({ minWords: 8 }),
  fixable: true,
  run(model, _options, report, env) {
    reportDuplicates('duplicate-paragraph', model, env.checks ?? {}, env, report);
  },
});
