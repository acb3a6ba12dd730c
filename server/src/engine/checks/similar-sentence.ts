import { z } from 'zod';
import { reportDuplicates } from './duplicates';
import { defineCheck } from './types';

export default defineCheck({
  code: 'similar-sentence',
  description: 'A long sentence that repeats, exactly or nearly, a sentence of another paragraph.',
  defaultSeverity: 'info',
  options: z
    .strictObject({ minWords: z.number().int().min(5).max(1000).default(15), threshold: z.number().min(0.5).max(1).default(0.8) })
    .default({ minWords: 15, threshold: 0.8 }),
  fixable: false,
  run(model, _options, report, env) {
    reportDuplicates('similar-sentence', model, env.checks ?? {}, env, report);
  },
});
