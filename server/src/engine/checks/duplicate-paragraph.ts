import { z } from 'zod';
import { deleteDuplicate, duplicateAnalysis, reportDuplicates } from './duplicates';
import { defineCheck } from './types';

export default defineCheck({
  code: 'duplicate-paragraph',
  description: 'A paragraph identical to an earlier one (a run of pasted paragraphs is one finding).',
  defaultSeverity: 'warning',
  options: z.strictObject({ minWords: z.number().int().min(1).max(1000).default(8).describe('Paragraphs shorter than this are not compared.') }).prefault({}),
  scope: 'workspace',
  shares: { analysis: duplicateAnalysis, params: (o) => ({ minWords: o.minWords }) },
  run(ctx, _options, report) {
    reportDuplicates('duplicate-paragraph', ctx.model, ctx.analysis(duplicateAnalysis), report);
  },
  fixes: deleteDuplicate,
});
