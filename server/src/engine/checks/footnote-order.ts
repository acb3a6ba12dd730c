import { z } from 'zod';
import { family } from '../notes';
import { planRenumber } from '../fixes/renumber';
import { defineCheck } from './types';
import { describeMarker } from './util';

export default defineCheck({
  code: 'footnote-order',
  description: 'Numbered notes out of sequence: markers must first appear as 1, 2, 3 … and notes be listed in that order.',
  defaultSeverity: 'warning',
  options: z.strictObject({}).prefault({}),
  scope: 'document',
  run({ model }, _options, report) {
    for (const fam of ['fn', 'n'] as const) {
      const markers = model.markers.filter((m) => m.number !== undefined && family(m.key) === fam);
      const notes = model.notes.filter((n) => n.number !== undefined && family(n.key) === fam);
      if (markers.length === 0 && notes.length === 0) continue;
      const cited = new Set(markers.map((m) => m.number!));
      // Numbers that exist only as uncited notes: footnote-unused reports them; the sequence skips them.
      const unusedOnly = new Set(notes.filter((n) => !cited.has(n.number!)).map((n) => n.number!));
      const seen = new Set<number>();
      let expected = 1;
      let reportedSequence = false;
      for (const m of markers) {
        const n = m.number!;
        if (seen.has(n)) {
          // Repeated citations are normal in bracket style; within one bracket group they are a typo, not a repeat.
          if (m.style !== 'bracket' && m.group === undefined) {
            report({
              span: m.span,
              message: `${describeMarker(m)} repeats note ${n}: in endnote style each marker gets its own number; use a new note (or Ibid.) instead.`,
              severity: 'info',
              data: { kind: 'repeat', key: m.key },
            });
          }
          continue;
        }
        while (unusedOnly.has(expected) && expected !== n) expected++;
        if (n !== expected && !reportedSequence) {
          reportedSequence = true;
          report({
            span: m.span,
            message: `${describeMarker(m)} is out of sequence: expected note ${expected} here, found ${n}. Renumber the notes to fix the order.`,
            data: { kind: 'sequence', expected, found: n },
          });
        }
        seen.add(n);
        expected = Math.max(expected, n) + 1;
      }
      // Notes listed out of numeric order (in document order).
      let prev: (typeof notes)[number] | undefined;
      const listed = new Set<string>();
      for (const note of notes) {
        // A second definition of a number is footnote-duplicate's finding, not an ordering one.
        if (listed.has(note.key)) continue;
        listed.add(note.key);
        if (prev && note.number! < prev.number!) {
          report({
            span: note.labelSpan,
            message: `Note ${note.number} is listed after note ${prev.number}: the notes are out of numeric order.`,
            related: [{ span: prev.labelSpan, message: `Note ${prev.number}` }],
            data: { kind: 'notes-order' },
          });
          break;
        }
        prev = note;
      }
    }
  },
  fixes(model, f) {
    // A repeated number is not an ordering problem Renumber can fix (the writer meant a new note or Ibid.).
    if (f.data?.kind === 'repeat') return [];
    const plan = planRenumber(model);
    return plan.edits.length ? [{ title: 'Renumber footnotes in order of appearance', edits: plan.edits, isPreferred: true }] : [];
  },
});
