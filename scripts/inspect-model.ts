// Prints what the engine reads in a brief: style, notes, markers, joined paragraphs. Usage: npx tsx scripts/inspect-model.ts FILE [b]
import { readFileSync } from 'fs';
import { parseBrief } from '../server/src/engine/parse';
import { formatFor } from '../server/src/common/briefFiles';
const f = process.argv[2];
const m = parseBrief(readFileSync(f, 'utf8'), formatFor(f));
const L = (o: number) => m.lines.positionAt(o).line + 1;
console.log('style', m.style, 'markers', m.markers.length, 'notes', m.notes.length, 'sections', m.notesSections.length);
for (const b of m.blocks) if (process.argv[3]==='b') console.log(b.kind, L(b.span.start), L(b.span.end), b.inNotes, m.text.slice(b.span.start, b.span.start+50).replace(/\n/g,'⏎'));
for (const p of m.paragraphs) if (p.parts.length>1) console.log('JOINED', p.parts.map(s=>L(s.start)));
const keys = new Set(m.notes.map(n=>n.key)); const mk = new Set(m.markers.map(x=>x.key));
console.log('undefined', m.markers.filter(x=>!keys.has(x.key)).map(x=>x.label+'@'+L(x.span.start)));
console.log('unused', m.notes.filter(x=>!mk.has(x.key)).map(x=>x.label+'@'+L(x.span.start)));
