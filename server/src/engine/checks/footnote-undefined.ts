import { z } from 'zod';
import { addMissingNote } from '../fixes/noteEdits';
import { itemAt } from '../notes';
import { defineCheck } from './types';
import { describeMarker } from './util';

export default defineCheck({
  code: 'footnote-undefined',
  description: 'A note marker with no matching note.',
  defaultSeverity: 'error',
  options: z.strictObject({}).prefault({}),
  scope: 'document',
  run({ model }, _options, report) {
    const defined = new Set(model.notes.map((n) => n.key));
    for (const m of model.markers) {
      if (defined.has(m.key)) continue;
      report({
        span: m.span,
        message: `${describeMarker(m)} has no note: add note ${m.label} ${m.style === 'footnote' ? `(\`[^${m.label}]: …\`)` : 'to the notes list'} or remove the marker.`,
        data: { key: m.key, label: m.label, style: m.style },
      });
    }
  },
  fixes(model, f) {
    const { marker } = itemAt(model, f.span.start);
    if (!marker || model.notes.some((n) => n.key === marker.key)) return [];
    const plan = addMissingNote(model, marker);
    return [{ title: `Add note ${marker.label}`, edits: plan.edits, cursor: plan.cursor, isPreferred: true }];
  },
});
