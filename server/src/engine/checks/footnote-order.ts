import { z } from 'zod';
import type { Marker, Note } from '../model';
import { families, family } from '../notes';
import { planRenumber } from '../fixes/renumber';
import { defineCheck } from './types';
import { describeMarker } from './util';

function lowest(markers: readonly Marker[], notes: readonly Note[]): number {
  let min = Infinity;
  for (const m of markers) min = Math.min(min, m.number!);
  for (const n of notes) min = Math.min(min, n.number!);
  return Number.isFinite(min) ? min : 1;
}

export default defineCheck({
  code: 'footnote-order',
  description: 'Numbered notes out of sequence: markers must first appear as 1, 2, 3 … and notes be listed in that order.',
  defaultSeverity: 'warning',
  options: z
    .strictObject({
      repeatedMarkers: z
        .enum(['superscript', 'all', 'none'])
        .default('superscript')
        .describe(
          'Report a marker that repeats a number already cited: only superscript endnotes (¹ ²), where each number is normally cited once; every style; or never. Citing a Markdown footnote or a bracket reference twice is legal.',
        ),
      firstNumber: z
        .union([z.literal('any'), z.number().int().min(0).max(999_999)])
        .default('any')
        .describe(
          'The number the notes must start at. "any": the lowest number in the document (a chapter whose notes run on from the previous one, starting at 35, is in order).',
        ),
    })
    .prefault({}),
  scope: 'document',
  run({ model }, options, report) {
    const reportsRepeat = (m: Marker) => options.repeatedMarkers === 'all' || (options.repeatedMarkers === 'superscript' && m.style === 'superscript');
    for (const fam of families(model)) {
      // The text's own markers (not those written inside notes or in code) set the order.
      const markers = model.markers.filter((m) => m.number !== undefined && family(m.key) === fam && m.context === undefined);
      const notes = model.notes.filter((n) => n.number !== undefined && family(n.key) === fam);
      if (markers.length === 0 && notes.length === 0) continue;
      const cited = new Set(markers.map((m) => m.number!));
      // Numbers that exist only as uncited notes: footnote-unused reports them; the sequence skips them.
      const unusedOnly = new Set(notes.filter((n) => !cited.has(n.number!)).map((n) => n.number!));
      const seen = new Set<number>();
      const first = options.firstNumber === 'any' ? lowest(markers, notes) : options.firstNumber;
      let expected = first;
      let reportedSequence = false;
      for (const m of markers) {
        const n = m.number!;
        if (seen.has(n)) {
          // Within one bracket group a repeat is a typo, not a citation of the same note again.
          if (reportsRepeat(m) && m.group === undefined) {
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
            data: { kind: 'sequence', expected, found: n, start: first },
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
    const start = typeof f.data?.start === 'number' && Number.isInteger(f.data.start) && f.data.start >= 0 ? f.data.start : undefined;
    const plan = planRenumber(model, undefined, start);
    return plan.edits.length ? [{ title: 'Renumber footnotes in order of appearance', edits: plan.edits, isPreferred: true }] : [];
  },
});
