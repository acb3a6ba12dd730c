#!/usr/bin/env node
'use strict';
const path = require('node:path');
let start;
try {
  start = require('../dist/cli-start.js');
} catch (e) {
  process.stderr.write('policy-brief-lint: the CLI is not built yet; run `npm install` (or `npm run build`) first.\n');
  process.exit(2);
}
start.run(process.argv.slice(2), path.join(__dirname, '..', 'dist', 'cli.js')).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`policy-brief-lint: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 2;
  },
);
