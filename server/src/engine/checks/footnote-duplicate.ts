import { z } from 'zod';
import { notesByKey } from '../notes';
import { defineCheck } from './types';

export default defineCheck({
  code: 'footnote-duplicate',
  description: 'The same note number or label defined twice.',
  defaultSeverity: 'error',
  options: z.strictObject({}).prefault({}),
  scope: 'document',
  run({ model }, _options, report) {
    for (const [, notes] of notesByKey(model)) {
      if (notes.length < 2) continue;
      const first = notes[0];
      for (const dup of notes.slice(1)) {
        const line = model.lines.positionAt(first.span.start).line + 1;
        report({
          span: dup.labelSpan,
          message: `Note ${dup.label} is defined twice; the first definition is on line ${line}.`,
          related: [{ span: first.labelSpan, message: `First definition of note ${first.label}` }],
          data: { key: dup.key },
        });
      }
    }
  },
});
