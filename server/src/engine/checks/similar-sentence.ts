import { z } from 'zod';
import { duplicateAnalysis, reportDuplicates } from './duplicates';
import { defineCheck } from './types';

export default defineCheck({
  code: 'similar-sentence',
  description: 'A long sentence that repeats, exactly or nearly, a sentence of another paragraph.',
  defaultSeverity: 'info',
  options: z
    .strictObject({
      minWords: z.number().int().min(5).max(1000).default(15).describe('Shortest sentence compared.'),
      threshold: z.number().min(0.5).max(1).default(0.8).describe('Similarity at which two sentences are reported.'),
    })
    .prefault({}),
  scope: 'workspace',
  shares: { analysis: duplicateAnalysis, params: (o) => ({ sentenceMinWords: o.minWords, sentenceThreshold: o.threshold }) },
  run(ctx, _options, report) {
    reportDuplicates('similar-sentence', ctx.model, ctx.analysis(duplicateAnalysis), report);
  },
});
