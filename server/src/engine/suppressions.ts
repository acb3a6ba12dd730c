import type { BriefModel, Suppression } from './model';

/** Answers whether a code is switched off at a line by the document's suppression comments. */
export class SuppressionMap {
  private readonly byLine = new Map<number, Suppression[]>();
  private readonly ranges: Suppression[];

  constructor(private readonly model: BriefModel) {
    this.ranges = model.suppressions.filter((s) => s.kind === 'disable' || s.kind === 'enable').sort((a, b) => a.line - b.line);
    for (const s of model.suppressions) {
      if (s.kind === 'disable-line') this.add(s.line, s);
      else if (s.kind === 'disable-next-line') this.add(this.nextContentLine(s.line), s);
    }
  }

  private add(line: number, s: Suppression): void {
    const list = this.byLine.get(line) ?? [];
    list.push(s);
    this.byLine.set(line, list);
  }

  private nextContentLine(line: number): number {
    const { lines } = this.model;
    let l = line + 1;
    while (l < lines.lineCount - 1 && lines.lineText(l).trim().length === 0) l++;
    return l;
  }

  isSuppressed(code: string, line: number): boolean {
    const names = (s: Suppression) => s.codes.length === 0 || s.codes.includes(code);
    for (const s of this.byLine.get(line) ?? []) if (names(s)) return true;
    let off = false;
    for (const s of this.ranges) {
      if (s.line > line) break;
      if (names(s)) off = s.kind === 'disable';
    }
    return off;
  }
}
