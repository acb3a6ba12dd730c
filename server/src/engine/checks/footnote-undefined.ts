import { z } from 'zod';
import type { Marker } from '../model';
import { addMissingNote } from '../fixes/noteEdits';
import { itemAt } from '../notes';
import { defineCheck } from './types';
import { describeMarker } from './util';

/**
 * A `[^label]:` at the start of a line that the parser did not take as a definition (it continues
 * a paragraph, a table or a quote above it, where GitHub does not start a note either).
 */
function readAsText(text: string, m: Marker): boolean {
  if (m.style !== 'footnote' || text[m.span.end] !== ':') return false;
  const lineStart = text.lastIndexOf('\n', m.span.start - 1) + 1;
  return /^[ \t>]*$/.test(text.slice(lineStart, m.span.start));
}

export default defineCheck({
  code: 'footnote-undefined',
  description: 'A note marker with no matching note.',
  defaultSeverity: 'error',
  options: z.strictObject({}).prefault({}),
  scope: 'document',
  run({ model }, _options, report) {
    const defined = new Set(model.notes.map((n) => n.key));
    for (const m of model.markers) {
      // A marker in code is not checked (it still cites, see footnote-unused).
      if (defined.has(m.key) || m.context === 'code') continue;
      report({
        span: m.span,
        message: readAsText(model.text, m)
          ? `\`[^${m.label}]:\` is read as text, not as a note: it continues the block above it. Put a blank line before it.`
          : `${describeMarker(m)} has no note: add note ${m.label} ${m.style === 'footnote' ? `(\`[^${m.label}]: …\`)` : 'to the notes list'} or remove the marker.`,
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
