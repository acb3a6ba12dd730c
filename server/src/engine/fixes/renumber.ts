import type { BriefModel, Marker, Note, NoteStyle } from '../model';
import { families, family, ibidRest, isIbid, resolveIbids } from '../notes';
import { followsUnit, isSuperscriptDigit } from '../parse/markers';
import { toSuperscript, type TextEdit } from './edits';
import { entrySeparator, stubText } from './noteEdits';

/** A marker and note to add while renumbering (Insert footnote, Add a note for this figure). */
export interface Insertion {
  /** Offset at which the new marker goes. */
  at: number;
  /** The new note's text (a stub). */
  noteText: string;
}

export interface RenumberPlan {
  edits: TextEdit[];
  /** For an insertion: offset in the NEW text where the new note's text begins (for the cursor). */
  cursor?: number;
  /** Number given to the inserted note. */
  insertedNumber?: number;
}

const NEW_KEY = '\u0000new';

/**
 * A lone ² or ³ right after `km` or `m` reads as a power (square kilometres), not a note: such a
 * marker is written after a thin space, which keeps it a marker and changes nothing else.
 */
function unitSafe(text: string, at: number, marker: string): string {
  return (marker === '²' || marker === '³') && followsUnit(text, at) ? `\u2009${marker}` : marker;
}

function isWordChar(ch: string): boolean {
  return /[\p{L}\p{N}_]/u.test(ch) && !isSuperscriptDigit(ch);
}

interface Entry {
  key: string;
  oldNumber?: number;
  note?: Note;
  newNumber: number;
}

/** The family (and so the style) an inserted note joins. */
function insertionFamily(model: BriefModel): 'fn' | 'n' {
  if (model.style === 'footnote') return 'fn';
  if (model.style === 'superscript' || model.style === 'bracket') return 'n';
  return model.format === 'markdown' ? 'fn' : 'n';
}

function styleFor(model: BriefModel): NoteStyle {
  return model.style ?? (model.format === 'markdown' ? 'footnote' : 'superscript');
}

/** A marker's text in a style. */
export function markerText(style: NoteStyle, n: number): string {
  if (style === 'footnote') return `[^${n}]`;
  if (style === 'bracket') return `[${n}]`;
  return toSuperscript(n);
}

/** A note label in the form the original used (`[^3]:`, `¹`, `[3]`, `3.`). */
function relabel(original: string, style: NoteStyle, n: number): string {
  if (style === 'footnote') return `[^${n}]:`;
  if (/^\[\d+\]$/.test(original)) return `[${n}]`;
  const m = /^\d+([.)])$/.exec(original);
  if (m) return `${n}${m[1]}`;
  if (style === 'bracket') return `[${n}]`;
  return toSuperscript(n);
}

/**
 * Renumbers numbered notes in order of first citation and reorders note entries to match, as
 * text edits confined to markers and note entries. Ibid. notes whose antecedent would change are
 * replaced by the full citation they stood for. With `insert`, a new marker and note are added and
 * everything after them renumbered. Numbers start at `start`, or at the lowest number the
 * document uses. Returns no edits when everything is already in order.
 */
export function planRenumber(model: BriefModel, insert?: Insertion, start?: number): RenumberPlan {
  const edits: TextEdit[] = [];
  const text = model.text;
  const insFam = insert ? insertionFamily(model) : undefined;
  const plan: RenumberPlan = { edits };
  /** Where the new note's text starts: a place in the original text plus an offset into what is written there. */
  let cursorAt: { anchor: number; offset: number } | undefined;
  const ibids = resolveIbids(model);

  for (const fam of families(model)) {
    // Markers written inside notes cite too, but the text's markers set the order; theirs are
    // rewritten inside the note entries below.
    const markers: (Marker | { key: string; span: { start: number; end: number }; virtual: true })[] = model.markers.filter(
      (m) => m.number !== undefined && family(m.key) === fam && m.context !== 'note',
    );
    const inNoteMarkers = model.markers.filter((m) => m.context === 'note' && m.number !== undefined && family(m.key) === fam);
    const notes = model.notes.filter((n) => n.number !== undefined && family(n.key) === fam);
    if (insert && insFam === fam) {
      // Never split a marker or a note: a cursor inside one inserts after it.
      let at = insert.at;
      for (const m of model.markers) {
        const s = m.group ?? m.span;
        if (at > s.start && at < s.end) at = s.end;
      }
      // Nor a word: a cursor inside one inserts after it.
      while (at > 0 && at < text.length && isWordChar(text[at - 1]) && isWordChar(text[at])) at++;
      markers.push({ key: NEW_KEY, span: { start: at, end: at }, virtual: true });
      // At the same offset the new marker goes first: it is inserted before the existing one.
      markers.sort((a, b) => a.span.start - b.span.start || ('virtual' in b ? 1 : 0) - ('virtual' in a ? 1 : 0));
    }
    if (markers.length === 0 && notes.length === 0) continue;

    // New numbers: order of first citation, then uncited notes in their current order.
    const entries = new Map<string, Entry>();
    // From the document's own first number (a chapter whose notes run on from the previous one
    // keeps its numbers), or the one the finding asks for.
    let next = start ?? lowestNumber(markers, notes);
    for (const m of markers) if (!entries.has(m.key)) entries.set(m.key, { key: m.key, newNumber: next++ });
    const firstNote = new Map<string, Note>();
    for (const n of notes) if (!firstNote.has(n.key)) firstNote.set(n.key, n);
    for (const n of [...firstNote.values()].sort((a, b) => a.number! - b.number! || a.span.start - b.span.start))
      if (!entries.has(n.key)) entries.set(n.key, { key: n.key, newNumber: next++ });
    for (const e of entries.values()) {
      e.note = firstNote.get(e.key);
      e.oldNumber = e.note?.number ?? (e.key === NEW_KEY ? undefined : Number(e.key.split(':')[1]));
    }
    const style: NoteStyle = fam === 'fn' ? 'footnote' : (notes[0]?.style ?? (markers.find((m) => 'style' in m) as Marker | undefined)?.style ?? styleFor(model));

    // Markers: relabel each (bracket groups are rewritten whole).
    const groupsDone = new Set<number>();
    for (const m of markers) {
      const e = entries.get(m.key)!;
      if ('virtual' in m) {
        const mstyle: NoteStyle = style === 'footnote' ? 'footnote' : model.style === 'bracket' ? 'bracket' : style;
        let newText = markerText(mstyle, e.newNumber);
        if (mstyle === 'superscript') {
          // Superscript digits next to each other read as one number (¹ + ² = ¹²): separate them with a comma.
          if (isSuperscriptDigit(text[m.span.start - 1] ?? '')) newText = ',' + newText;
          if (isSuperscriptDigit(text[m.span.start] ?? '')) newText += ',';
        } else if (mstyle === 'bracket') {
          // `[2][1]` reads as a Markdown reference link: keep a space between bracket citations.
          if (text[m.span.start - 1] === ']') newText = ' ' + newText;
          if (text[m.span.start] === '[') newText += ' ';
        }
        edits.push({ span: m.span, newText: unitSafe(text, m.span.start, newText) });
        continue;
      }
      if (m.group) {
        if (groupsDone.has(m.group.start)) continue;
        groupsDone.add(m.group.start);
        const members = model.markers.filter((x) => x.group && x.group.start === m.group!.start).map((x) => entries.get(x.key)!.newNumber);
        const old = text.slice(m.group.start, m.group.end);
        const rewritten = `[${compressNumbers(members, old)}]`;
        if (rewritten !== old) edits.push({ span: m.group, newText: rewritten });
        continue;
      }
      if (e.newNumber !== m.number) edits.push({ span: m.span, newText: unitSafe(text, m.span.start, markerText(m.style, e.newNumber)) });
    }

    // Notes: rewrite each run of adjacent entries in the new order.
    const runs = noteRuns(text, notes);
    const ordered = [...entries.values()].sort((a, b) => a.newNumber - b.newNumber);
    const sourceOf = (n: Note | undefined) => (n ? (ibids.get(n)?.source ?? (ibids.has(n) ? undefined : n)) : undefined);
    const newEntry = insert && insFam === fam ? entries.get(NEW_KEY) : undefined;
    let placedNew = false;
    for (const run of runs) {
      const runKeys = new Set(run.notes.map((n) => n.key));
      const fallback = entrySeparator(model, run.notes);
      const sepAt = (i: number) => run.separators[i] ?? run.separators[run.separators.length - 1] ?? fallback;
      const inRun = ordered.filter((e) => (e.note && runKeys.has(e.key)) || (e === newEntry && run === runs[runs.length - 1]));
      // Duplicate definitions keep their place after the first one of their number.
      const pieces: { text: string; isNew: boolean }[] = [];
      let prevSource: Note | undefined;
      let prevWasFirst = true;
      for (const e of inRun) {
        if (e === newEntry) {
          placedNew = true;
          const head = newEntryHead(text, run.notes[0], style, e.newNumber);
          pieces.push({ text: head + (insert!.noteText || stubText(model, head)), isNew: true });
          prevSource = undefined;
          prevWasFirst = false;
          continue;
        }
        const defs = run.notes.filter((n) => n.key === e.key);
        for (const note of defs) {
          let body = relabelWithin(text, note.span, inNoteMarkers, (m) => entries.get(m.key)?.newNumber);
          const labelOld = text.slice(note.labelSpan.start, note.labelSpan.end);
          const relStart = note.labelSpan.start - note.span.start;
          body = body.slice(0, relStart) + relabel(labelOld, style, e.newNumber) + body.slice(relStart + labelOld.length);
          const res = ibids.get(note);
          if (res && isIbid(note) && res.source) {
            // Keep Ibid. only where the note before it still stands for the same source.
            if (prevWasFirst || prevSource !== res.source) {
              const rest = ibidRest(note);
              // The source's text as it will read after renumbering (markers inside it too).
              const full = res.source.text.replace(/\s+$/, '').replace(/\[\^(\d{1,6})\]/g, (all, n: string) => {
                const moved = entries.get(`fn:${n}`)?.newNumber;
                return moved === undefined ? all : `[^${moved}]`;
              });
              const textStartRel = note.textStart - note.span.start - labelOld.length + relabel(labelOld, style, e.newNumber).length;
              body = body.slice(0, textStartRel) + full + (rest ? `, ${rest}` : '');
            }
          }
          pieces.push({ text: body, isNew: false });
          prevSource = sourceOf(note);
          prevWasFirst = false;
        }
      }
      const joined = pieces.map((p, i) => (i === 0 ? '' : sepAt(i - 1)) + p.text).join('');
      const old = text.slice(run.span.start, run.span.end);
      if (joined !== old) edits.push({ span: run.span, newText: joined });
      if (pieces.some((p) => p.isNew)) {
        const k = pieces.findIndex((p) => p.isNew);
        const before = pieces.slice(0, k).map((p, i) => (i === 0 ? '' : sepAt(i - 1)) + p.text).join('') + (k > 0 ? sepAt(k - 1) : '');
        cursorAt = { anchor: run.span.start, offset: before.length + newEntryHead(text, run.notes[0], style, newEntry!.newNumber).length };
      }
    }
    if (newEntry && !placedNew) {
      // No notes yet: open a notes section at the end of the document.
      const eol = text.includes('\r\n') ? '\r\n' : '\n';
      const trailing = /\s*$/.exec(text)![0].length;
      const end = text.length - trailing;
      const heading = style === 'footnote' ? '' : model.format === 'markdown' ? `## Notes${eol}${eol}` : `Notes${eol}${eol}`;
      const label = style === 'footnote' ? `[^${newEntry.newNumber}]:` : style === 'bracket' ? `[${newEntry.newNumber}]` : `- ${toSuperscript(newEntry.newNumber)}`;
      const section = `${eol}${eol}${heading}${label} ${insert!.noteText}`;
      edits.push({ span: { start: end, end: text.length }, newText: section + eol });
      cursorAt = { anchor: end, offset: section.length };
    }
    if (newEntry) plan.insertedNumber = newEntry.newNumber;
  }

  if (cursorAt) {
    // Shift by every edit that ends before the anchor (the anchor's own edit starts there).
    let delta = 0;
    for (const e of edits) if (e.span.end <= cursorAt.anchor && e.span.start !== cursorAt.anchor) delta += e.newText.length - (e.span.end - e.span.start);
    plan.cursor = cursorAt.anchor + delta + cursorAt.offset;
  }
  return plan;
}

function lowestNumber(markers: readonly { key: string }[], notes: readonly Note[]): number {
  let min = Infinity;
  for (const m of markers) if ('number' in m && typeof m.number === 'number') min = Math.min(min, m.number);
  for (const n of notes) min = Math.min(min, n.number!);
  return Number.isFinite(min) ? Math.max(0, min) : 1;
}

/** The text of `span` with the markers inside it that change number rewritten (`[^3]` → `[^2]`). */
function relabelWithin(text: string, span: { start: number; end: number }, markers: readonly Marker[], renumbered: (m: Marker) => number | undefined): string {
  let out = '';
  let pos = span.start;
  for (const m of markers) {
    if (m.span.start < span.start || m.span.end > span.end) continue;
    const n = renumbered(m);
    if (n === undefined || n === m.number) continue;
    out += text.slice(pos, m.span.start) + markerText(m.style, n);
    pos = m.span.end;
  }
  return out + text.slice(pos, span.end);
}

/** The start of a new entry written like its neighbour: same bullet, same label form (`- ¹ `, `[^3]: `, `4. `). */
function newEntryHead(text: string, sibling: Note, style: NoteStyle, n: number): string {
  const prefix = text.slice(sibling.span.start, sibling.labelSpan.start);
  const label = relabel(text.slice(sibling.labelSpan.start, sibling.labelSpan.end), style, n);
  return `${prefix}${label} `;
}

interface NoteRun {
  notes: Note[];
  span: { start: number; end: number };
  /** The blank space between consecutive entries, kept in place when entries move. */
  separators: string[];
}

/** Groups notes that stand next to each other (only blank space between) into runs. */
function noteRuns(text: string, notes: Note[]): NoteRun[] {
  const sorted = [...notes].sort((a, b) => a.span.start - b.span.start);
  const runs: NoteRun[] = [];
  for (const n of sorted) {
    const last = runs[runs.length - 1];
    if (last && /^\s*$/.test(text.slice(last.span.end, n.span.start))) {
      last.separators.push(text.slice(last.span.end, n.span.start));
      last.notes.push(n);
      last.span.end = n.span.end;
    } else runs.push({ notes: [n], span: { start: n.span.start, end: n.span.end }, separators: [] });
  }
  return runs;
}

/** `1, 2, 3, 5` → `1–3, 5` when the original used a range dash, else a comma list. */
function compressNumbers(nums: number[], original: string): string {
  const dash = /[–—-]/.exec(original)?.[0];
  const sorted = [...new Set(nums)].sort((a, b) => a - b);
  if (!dash) return sorted.join(', ');
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j - i >= 1 ? `${sorted[i]}${dash}${sorted[j]}` : `${sorted[i]}`);
    i = j + 1;
  }
  return parts.join(', ');
}
