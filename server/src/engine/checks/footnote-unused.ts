import { z } from 'zod';
import { removeNote } from '../fixes/noteEdits';
import { noteAt } from '../notes';
import { defineCheck } from './types';

export default defineCheck({
  code: 'footnote-unused',
  description: 'A note that no marker cites (a marker inside another note counts).',
  defaultSeverity: 'warning',
  options: z.strictObject({}).prefault({}),
  scope: 'document',
  run({ model }, _options, report) {
    // A marker cites its note wherever it stands, except inside that very note.
    const cited = new Set<string>();
    const own = new Map(model.notes.map((n) => [n.key, n]));
    for (const m of model.markers) {
      const note = m.context === 'note' ? own.get(m.key) : undefined;
      if (note && m.span.start >= note.span.start && m.span.end <= note.span.end) continue;
      cited.add(m.key);
    }
    for (const n of model.notes) {
      if (cited.has(n.key)) continue;
      report({
        span: n.labelSpan,
        message: `Note ${n.label} is never cited.`,
        data: { key: n.key, label: n.label, style: n.style },
      });
    }
  },
  fixes(model, f) {
    const note = noteAt(model, f.span.start);
    return note ? [{ title: `Remove unused note ${note.label}`, edits: removeNote(model, note).edits }] : [];
  },
});
