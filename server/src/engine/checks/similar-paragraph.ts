import { z } from 'zod';
import { deleteDuplicate, duplicateAnalysis, reportDuplicates } from './duplicates';
import { defineCheck } from './types';

export default defineCheck({
  code: 'similar-paragraph',
  description: 'A paragraph nearly the same as an earlier one (word-shingle similarity at or above the threshold).',
  defaultSeverity: 'warning',
  options: z
    .strictObject({ threshold: z.number().min(0.5).max(1).default(0.8).describe('Word-shingle Jaccard similarity at which two paragraphs are reported.') })
    .prefault({}),
  scope: 'workspace',
  shares: { analysis: duplicateAnalysis, params: (o) => ({ similarityThreshold: o.threshold }) },
  run(ctx, _options, report) {
    reportDuplicates('similar-paragraph', ctx.model, ctx.analysis(duplicateAnalysis), report);
  },
  fixes: deleteDuplicate,
});
