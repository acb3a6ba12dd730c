import { z } from 'zod';
import { removeNote } from '../fixes/noteEdits';
import { noteAt } from '../notes';
import { defineCheck } from './types';

export default defineCheck({
  code: 'footnote-unused',
  description: 'A note that no marker in the text cites.',
  defaultSeverity: 'warning',
  options: z.strictObject({}).prefault({}),
  scope: 'document',
  run({ model }, _options, report) {
    const cited = new Set(model.markers.map((m) => m.key));
    for (const n of model.notes) {
      if (cited.has(n.key)) continue;
      report({
        span: n.labelSpan,
        message: `Note ${n.label} is never cited in the text.`,
        data: { key: n.key, label: n.label, style: n.style },
      });
    }
  },
  fixes(model, f) {
    const note = noteAt(model, f.span.start);
    return note ? [{ title: `Remove unused note ${note.label}`, edits: removeNote(model, note).edits }] : [];
  },
});
