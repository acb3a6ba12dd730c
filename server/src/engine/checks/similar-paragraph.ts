import { z } from 'zod';
import { reportDuplicates } from './duplicates';
import { defineCheck } from './types';

export default defineCheck({
  code: 'similar-paragraph',
  description: 'A paragraph nearly the same as an earlier one (word-shingle similarity at or above the threshold).',
  defaultSeverity: 'warning',
  options: z.strictObject({ threshold: z.number().min(0.5).max(1).default(0.8) }).default({ threshold: 0.8 }),
  fixable: true,
  run(model, _options, report, env) {
    reportDuplicates('similar-paragraph', model, env.checks ?? {}, env, report);
  },
});
