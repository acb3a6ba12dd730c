/**
 * Builds benchmark briefs from the corpus, varied so they are not one paragraph repeated: every
 * copy of a section gets renumbered notes, changed numbers and swapped words. A known share of
 * defects is planted (an undefined marker, an unused note, an uncited figure, a pasted paragraph
 * per ~50 KB). Deterministic (seeded), so runs are comparable.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { seededRandom, type SeededRandom } from '../../tests/support/random';

const ROOT = path.resolve(__dirname, '..', '..');
const CORPUS = path.join(ROOT, 'tests', 'fixtures', 'corpus');

/**
 * A word-bigram model of the corpus prose: generated sentences read like the corpus (its words,
 * their order, sentence lengths) but are not copies, so the duplicate checks see realistic input
 * rather than thousands of near-copies of the same forty paragraphs.
 */
function bigramModel(): { starts: string[]; next: Map<string, string[]> } {
  const texts = [fs.readFileSync(path.join(CORPUS, 'brief-001.md'), 'utf8')];
  for (const f of fs.readdirSync(path.join(CORPUS, 'seeds'))) texts.push(fs.readFileSync(path.join(CORPUS, 'seeds', f), 'utf8'));
  for (const f of ['roads-and-bridges.md', 'omb-m-13-13-open-data-policy.md', 'us-federal-source-code-policy.md'])
    texts.push(fs.readFileSync(path.join(CORPUS, 'external', f), 'utf8'));
  const starts: string[] = [];
  const next = new Map<string, string[]>();
  for (const t of texts) {
    for (const line of t.split('\n')) {
      if (line.split(' ').length < 12 || /^(#|\[|\||-|\*|>)/.test(line)) continue;
      const words = line.replace(/\[\^?\d+\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|https?:\/\/\S+|[()]/g, '').split(/\s+/).filter(Boolean);
      words.forEach((w, i) => {
        if (i === 0 || /[.!?]$/.test(words[i - 1])) starts.push(w);
        if (i + 1 < words.length) {
          const list = next.get(w) ?? [];
          list.push(words[i + 1]);
          next.set(w, list);
        }
      });
    }
  }
  return { starts: starts.filter((w) => /^[A-Z]/.test(w)), next };
}

function sentence(model: ReturnType<typeof bigramModel>, rand: SeededRandom): string {
  let w = rand.pick(model.starts);
  const out = [w];
  const len = 12 + rand.below(22);
  while (out.length < len) {
    const options = model.next.get(w);
    if (!options) break;
    w = rand.pick(options);
    out.push(w);
    if (/[.!?]$/.test(w) && out.length > 8) break;
  }
  // Years and counts keep their shape; plain counts become new numbers so copies differ.
  return out.join(' ').replace(/[.,;:!?]+$/, '').replace(/\b\d{1,3}(?:,\d{3})+\b|\b\d{2,3}\b/g, () => String(rand.int(10, 909))) + '.';
}

export interface GeneratedBrief {
  markdown: string;
  plaintext: string;
  planted: { undefinedMarkers: number; unusedNotes: number; uncitedFigures: number; pastedParagraphs: number };
}

const SUP = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
const sup = (n: number) => String(n).split('').map((d) => SUP[+d]).join('');

/**
 * A brief of about `targetBytes` in Markdown (`[^n]`) and in plain text (superscripts), sharing the
 * same prose. Every paragraph closes with a note, except the planted defects: about 1 % of
 * paragraphs cite a note that does not exist, 1 % of notes are never cited, 3 % carry an uncited
 * figure in a paragraph without a note, and 0.5 % are pasted again further on.
 */
export function generateBrief(targetBytes: number, seed = 1): GeneratedBrief {
  const rand = seededRandom(seed);
  const model = bigramModel();
  const md: string[] = ['# Benchmark Brief', ''];
  const txt: string[] = ['Benchmark Brief', ''];
  const notes: string[] = [];
  const planted = { undefinedMarkers: 0, unusedNotes: 0, uncitedFigures: 0, pastedParagraphs: 0 };
  const recent: string[] = [];
  let size = 0;
  let section = 0;
  while (size < targetBytes) {
    section++;
    md.push(`## Section ${section}`, '');
    txt.push(`Section ${section}`, '');
    for (let k = 0; k < 8 && size < targetBytes; k++) {
      const n = 3 + rand.below(4);
      let p = Array.from({ length: n }, () => sentence(model, rand)).join(' ');
      const roll = rand.float();
      if (roll < 0.03) {
        // No note at all, and a figure in it.
        p += ` Officials counted ${rand.int(100, 999)} incidents in the last quarter.`;
        planted.uncitedFigures++;
        md.push(p, '');
        txt.push(p, '');
      } else if (roll < 0.04) {
        md.push(`${p}[^${900000 + section * 10 + k}]`, '');
        txt.push(`${p}${sup(900000 + section * 10 + k)}`, '');
        planted.undefinedMarkers++;
      } else {
        notes.push(`Author ${notes.length + 1}, “Report on section ${section}, part ${k},” Publisher, ${2000 + rand.below(26)}, <https://example.org/${section}/${k}>`);
        md.push(`${p}[^${notes.length}]`, '');
        txt.push(`${p}${sup(notes.length)}`, '');
        if (rand.chance(0.01)) {
          notes.push(`Unused source ${notes.length + 1}, 2024.`);
          planted.unusedNotes++;
        }
      }
      if (rand.chance(0.005) && recent.length > 3) {
        const pasted = rand.pick(recent);
        md.push(pasted, '');
        txt.push(pasted, '');
        planted.pastedParagraphs++;
      }
      recent.push(p + '.');
      if (recent.length > 40) recent.shift();
      size += p.length + 20;
    }
  }
  return {
    markdown: [...md, '## Notes', '', ...notes.map((t, i) => `[^${i + 1}]: ${t}`), ''].join('\n'),
    plaintext: [...txt, 'Notes', '', ...notes.map((t, i) => `- ${sup(i + 1)} ${t}`), ''].join('\n'),
    planted,
  };
}

export const SIZES: [string, number][] = [
  ['50KB', 50 * 1024],
  ['200KB', 200 * 1024],
  ['1MB', 1024 * 1024],
  ['10MB', 10 * 1024 * 1024],
];

/** Writes bench-out/brief-<size>.md and .brief (plain text); returns the paths. */
export function writeBriefs(outDir = path.join(ROOT, 'bench-out')): { size: string; md: string; txt: string; bytes: number }[] {
  fs.mkdirSync(outDir, { recursive: true });
  return SIZES.map(([name, bytes], i) => {
    const b = generateBrief(bytes, 17 + i);
    const md = path.join(outDir, `brief-${name}.md`);
    const txt = path.join(outDir, `brief-${name}.brief`);
    fs.writeFileSync(md, b.markdown);
    fs.writeFileSync(txt, b.plaintext);
    return { size: name, md, txt, bytes: Buffer.byteLength(b.markdown) };
  });
}

if (require.main === module) {
  for (const r of writeBriefs()) console.log(`${r.size}: ${r.md} (${(r.bytes / 1024).toFixed(0)} KB)`);
}
