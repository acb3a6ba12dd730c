import { CHECKS, fixesFor } from './checks';
import type { Analysis, CheckDefinition, Finding } from './checks/types';
import { planRenumber, type Insertion, type RenumberPlan } from './fixes/renumber';
import type { Fix, FixableFinding } from './fixes/types';
import { lintModel, type EngineConfig, type LintOptions, type LintResult } from './lint';
import type { BriefFormat, BriefModel, Marker, Note } from './model';
import { ibidRest, isIbid, itemAt, markersByKey, noteAt, notesByKey, resolveIbids, type IbidResolution } from './notes';
import { looksLikeBrief, parseBrief } from './parse';
import { carryOver } from './shift';
import { Workspace, type BriefWorkspace } from './workspace';

/** What the hosts ask of a document's notes and markers (hover, definition, references, commands). */
export interface NoteIndex {
  /** The marker or note label under an offset. */
  itemAt(offset: number): { marker?: Marker; note?: Note };
  /** The note whose entry contains the offset. */
  noteAt(offset: number): Note | undefined;
  /** The notes defined for a key (more than one when a number is defined twice), in document order. */
  notesOf(key: string): readonly Note[];
  /** The markers citing a key, in document order. */
  markersOf(key: string): readonly Marker[];
  /** For an Ibid. note: the note it stands for, or what is wrong with it; undefined for other notes. */
  ibid(note: Note): IbidResolution | undefined;
  /** What follows `Ibid.` in a note (a page, a section). */
  ibidRest(note: Note): string;
}

/**
 * The engine: parse a brief into a model, run the checks, compute fixes and answer the hosts'
 * queries. It owns its caches (figures per paragraph, duplicate indexes of documents checked
 * alone, note indexes per model): two engines share nothing, and dropping one frees them.
 */
export interface Engine {
  /** Parses a brief; `previous`, the model of its previous version, lets the parser reuse what an edit did not touch. */
  parse(text: string, format: BriefFormat, previous?: BriefModel): BriefModel;
  /** Whether a document reads as a brief (it has notes or markers): ordinary Markdown and text files are left alone. */
  looksLikeBrief(model: BriefModel): boolean;
  lint(model: BriefModel, config: EngineConfig, options?: LintOptions): LintResult;
  /** Every quick fix for a finding (by the check that reported it). */
  fixes(model: BriefModel, finding: FixableFinding): Fix[];
  /** Renumbers the notes in order of appearance, optionally inserting a new note at an offset. */
  renumber(model: BriefModel, insert?: Insertion): RenumberPlan;
  notes(model: BriefModel): NoteIndex;
  /** Moves findings of a previous text onto an edited one; those the edit touched are dropped. */
  carryOver(findings: Finding[], oldText: string, newText: string): Finding[];
  /** A set of briefs compared with each other (one per workspace folder). */
  createWorkspace(): BriefWorkspace;
  /** Forgets what is cached for one document (closed, or done with in the CLI). */
  forget(docKey: string): void;
  /** Forgets every cache (benchmarks measure a cold lint this way). */
  clearCaches(): void;
}

interface Forgetful {
  forget?(docKey: string): void;
  clear?(): void;
}

export function createEngine(): Engine {
  const checkStates = new Map<CheckDefinition<any, any>, unknown>();
  const analysisStates = new Map<Analysis<any, any, any>, unknown>();
  let noteIndexes = new WeakMap<BriefModel, NoteIndex>();
  const state = {
    checkState(check: CheckDefinition<any, any>): unknown {
      if (!check.createState) return undefined;
      if (!checkStates.has(check)) checkStates.set(check, check.createState());
      return checkStates.get(check);
    },
    analysisState(a: Analysis<any, any, any>): unknown {
      if (!analysisStates.has(a)) analysisStates.set(a, a.createState());
      return analysisStates.get(a);
    },
  };
  const states = (): Forgetful[] => [...checkStates.values(), ...analysisStates.values()] as Forgetful[];
  return {
    parse: parseBrief,
    looksLikeBrief,
    lint: (model, config, options) => lintModel(model, config, state, options),
    fixes: fixesFor,
    renumber: planRenumber,
    notes(model) {
      let index = noteIndexes.get(model);
      if (!index) noteIndexes.set(model, (index = noteIndex(model)));
      return index;
    },
    carryOver,
    createWorkspace: () => new Workspace(),
    forget(docKey) {
      for (const s of states()) s?.forget?.(docKey);
    },
    clearCaches() {
      for (const s of states()) s?.clear?.();
      noteIndexes = new WeakMap();
    },
  };
}

function noteIndex(model: BriefModel): NoteIndex {
  let notes: Map<string, Note[]> | undefined;
  let markers: Map<string, Marker[]> | undefined;
  let ibids: Map<Note, IbidResolution> | undefined;
  return {
    itemAt: (offset) => itemAt(model, offset),
    noteAt: (offset) => noteAt(model, offset),
    notesOf: (key) => (notes ??= notesByKey(model)).get(key) ?? [],
    markersOf: (key) => (markers ??= markersByKey(model)).get(key) ?? [],
    ibid: (note) => (isIbid(note) ? (ibids ??= resolveIbids(model)).get(note) : undefined),
    ibidRest,
  };
}

