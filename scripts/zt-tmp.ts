import * as fs from 'node:fs';
import { parseBrief } from '../server/src/engine/parse';
const t = fs.readFileSync(process.argv[2], 'utf8');
const m = parseBrief(t, 'markdown');
for (const b of m.blocks) if (b.startLine >= 60 && b.startLine < 115) console.log(b.kind, b.startLine + 1, b.endLine + 1, JSON.stringify(t.slice(b.span.start, b.span.start + 50)));
