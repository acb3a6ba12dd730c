import type { BriefModel, Marker, Note } from './model';

/** `Ibid.`, `ibid`, `Id.` (legal style) at the start of a note, possibly in emphasis. */
const IBID = /^[\s*_“"]*(ibid|id)\b\.?[*_]*/i;

export function isIbid(note: Note): boolean {
  const m = IBID.exec(note.text);
  if (!m) return false;
  // "Id." must carry its period (the word "id" alone is not a citation form).
  return m[1].toLowerCase() === 'ibid' || m[0].includes('.');
}

/** What follows `Ibid.` (a page, a section), trimmed. */
export function ibidRest(note: Note): string {
  return note.text.replace(IBID, '').replace(/^[\s,.;:*_]+/, '').trim();
}

/**
 * Notes that share a numbering: GFM `[^n]` definitions (`fn`), a numbered notes list (`n`), or one
 * block of a document whose notes start their numbering again after each chapter (`n#2`).
 */
export function family(key: string): string {
  return key.slice(0, key.indexOf(':'));
}

/** Every numbering of the document's notes and markers, `fn` and `n` first, then scoped blocks in order. */
export function families(model: BriefModel): string[] {
  const out = new Set<string>(['fn', 'n']);
  for (const n of model.notes) out.add(family(n.key));
  for (const m of model.markers) out.add(family(m.key));
  return [...out];
}

/**
 * Whether a family of notes is there with no marker of it at all: three or more notes, none cited
 * anywhere. Its markers are in a form the parser does not read (plain numbers left by a PDF
 * conversion), or the numbered list is a reading list; either way, no note can be checked alone.
 */
export function unreadableMarkers(model: BriefModel, fam: string): boolean {
  let notes = 0;
  for (const n of model.notes) if (family(n.key) === fam) notes++;
  if (notes < 3) return false;
  for (const m of model.markers) if (family(m.key) === fam) return false;
  return true;
}

/** Notes in citation order: by number where numbered, else by position; a duplicate definition is left out. */
export function notesInOrder(model: BriefModel): Note[] {
  const seen = new Set<string>();
  const firsts = model.notes.filter((n) => !seen.has(n.key) && seen.add(n.key));
  return firsts.sort((a, b) => family(a.key).localeCompare(family(b.key)) || (a.number ?? Infinity) - (b.number ?? Infinity) || a.span.start - b.span.start);
}

export interface IbidResolution {
  note: Note;
  /** The note whose source this Ibid. stands for (through a chain of Ibids). */
  source?: Note;
  problem?: 'first' | 'no-source' | 'ambiguous';
}

/** A note that names no source: too short to identify one and with no URL, quote or year. */
export function citesNoSource(note: Note): boolean {
  if (note.urls.length > 0) return false;
  if (/[“”"«]/.test(note.text) || /\b(1[6-9]|20)\d\d\b/.test(note.text)) return false;
  return note.text.split(/\s+/).filter(Boolean).length < 4;
}

/** A note that cites several sources (so an Ibid. after it is ambiguous). */
export function citesSeveralSources(note: Note): boolean {
  if (note.urls.length >= 2) return true;
  const parts = note.text.split(/;\s+/).filter((p) => /\b(1[6-9]|20)\d\d\b|https?:\/\//.test(p));
  return parts.length >= 2;
}

/**
 * Resolves every Ibid. note to the note it repeats, in the order the notes are numbered
 * (within each family), following chains of Ibids.
 */
export function resolveIbids(model: BriefModel, ordered: Note[] = notesInOrder(model)): Map<Note, IbidResolution> {
  const out = new Map<Note, IbidResolution>();
  let prev: Note | undefined;
  let prevFamily: string | undefined;
  for (const note of ordered) {
    const fam = family(note.key);
    if (fam !== prevFamily) prev = undefined;
    prevFamily = fam;
    if (isIbid(note)) {
      if (!prev) out.set(note, { note, problem: 'first' });
      else {
        const pr = out.get(prev);
        const source = pr ? pr.source : prev;
        if (pr && !pr.source) out.set(note, { note, problem: pr.problem === 'ambiguous' ? 'ambiguous' : 'no-source' });
        else if (!pr && citesNoSource(prev)) out.set(note, { note, problem: 'no-source' });
        else if (!pr && citesSeveralSources(prev)) out.set(note, { note, source, problem: 'ambiguous' });
        else out.set(note, { note, source, problem: pr?.problem === 'ambiguous' ? 'ambiguous' : undefined });
      }
    }
    prev = note;
  }
  return out;
}

/** Items grouped by their note key, in document order. */
function byKey<T extends { key: string }>(items: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const list = map.get(item.key);
    if (list) list.push(item);
    else map.set(item.key, [item]);
  }
  return map;
}

/** Notes by key (more than one where a number is defined twice). */
export function notesByKey(model: BriefModel): Map<string, Note[]> {
  return byKey(model.notes);
}

/** Markers by the key of the note they cite. */
export function markersByKey(model: BriefModel): Map<string, Marker[]> {
  return byKey(model.markers);
}

/** The marker or note label under an offset, if any. */
export function itemAt(model: BriefModel, offset: number): { marker?: Marker; note?: Note } {
  for (const m of model.markers) {
    const s = m.group ?? m.span;
    if (offset >= s.start && offset <= s.end && (!m.group || (offset >= m.span.start && offset <= m.span.end) || m.group === m.span)) return { marker: m };
  }
  // Bracket group: the first number of the group when the cursor is on a bracket or comma.
  for (const m of model.markers) if (m.group && offset >= m.group.start && offset <= m.group.end) return { marker: m };
  for (const n of model.notes) if (offset >= n.labelSpan.start && offset <= n.labelSpan.end) return { note: n };
  return {};
}

/** The note whose entry contains the offset. */
export function noteAt(model: BriefModel, offset: number): Note | undefined {
  return model.notes.find((n) => offset >= n.span.start && offset <= n.span.end);
}
