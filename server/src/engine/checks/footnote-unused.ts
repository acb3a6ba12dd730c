import { z } from 'zod';
import { removeNote } from '../fixes/noteEdits';
import { family, noteAt, unreadableMarkers } from '../notes';
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
    const summarised = new Set<string>();
    for (const fam of ['fn', 'n'] as const) {
      if (!unreadableMarkers(model, fam)) continue;
      summarised.add(fam);
      // Notes that nothing cites at all: the markers are in a form we do not read (a PDF
      // conversion leaves them as plain numbers), or, for a numbered list, it is a reading list.
      const notes = model.notes.filter((n) => family(n.key) === fam);
      if (fam === 'fn')
        report({
          span: notes[0].labelSpan,
          message: `None of the ${notes.length} notes is cited by a [^label] marker: the markers may be written in a form this tool does not read (a PDF conversion leaves plain numbers). The notes are not checked one by one.`,
          data: { key: notes[0].key, label: notes[0].label, style: notes[0].style, summary: true },
        });
    }
    for (const n of model.notes) {
      if (cited.has(n.key) || summarised.has(family(n.key))) continue;
      report({
        span: n.labelSpan,
        message: `Note ${n.label} is never cited.`,
        data: { key: n.key, label: n.label, style: n.style },
      });
    }
  },
  fixes(model, f) {
    if (f.data?.summary) return [];
    const note = noteAt(model, f.span.start);
    return note ? [{ title: `Remove unused note ${note.label}`, edits: removeNote(model, note).edits }] : [];
  },
});
