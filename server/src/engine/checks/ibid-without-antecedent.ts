import { z } from 'zod';
import { resolveIbids } from '../notes';
import { defineCheck } from './types';

export default defineCheck({
  code: 'ibid-without-antecedent',
  description: 'An Ibid. (or Id.) note with no earlier note it can refer to, or after a note that cites several sources.',
  defaultSeverity: 'warning',
  options: z.strictObject({}).prefault({}),
  scope: 'document',
  run({ model }, _options, report) {
    for (const r of resolveIbids(model).values()) {
      if (!r.problem) continue;
      const span = { start: r.note.textStart, end: Math.min(r.note.span.end, r.note.textStart + r.note.text.search(/\.|$/) + 1) };
      if (r.problem === 'first') report({ span, message: `Note ${r.note.label} says Ibid. but no note comes before it: cite the source in full.` });
      else if (r.problem === 'no-source')
        report({ span, message: `Note ${r.note.label} says Ibid. but the note before it cites no identifiable source.` });
      else
        report({
          span,
          severity: 'info',
          message: `Note ${r.note.label} says Ibid. after a note that cites several sources: which one is meant is ambiguous.`,
          related: r.source ? [{ span: r.source.labelSpan, message: `Note ${r.source.label} cites several sources` }] : undefined,
        });
    }
  },
});
