import * as fs from 'node:fs';
import { formatFor, parseBrief } from '/work/main/server/src/engine';
import { scanMarkup } from '/work/main/server/src/engine/text/citations';
const file = process.argv[2];
const text = fs.readFileSync(file, 'utf8');
const model = parseBrief(text, formatFor(file));
const texts = model.paragraphs.map((p) => p.text);
const half = texts.length >> 1;
for (let r = 0; r < 3; r++) {
  let t0 = performance.now(); for (let k = 0; k < half; k++) scanMarkup(texts[k]); const a = performance.now() - t0;
  t0 = performance.now(); for (let k = half; k < texts.length; k++) scanMarkup(texts[k]); const b = performance.now() - t0;
  console.log('first half', a.toFixed(1), 'second half', b.toFixed(1));
}
