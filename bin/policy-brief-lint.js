#!/usr/bin/env node
'use strict';
let cli;
try {
  cli = require('../dist/cli.js');
} catch (e) {
  process.stderr.write('policy-brief-lint: the CLI is not built yet; run `npm install` (or `npm run build`) first.\n');
  process.exit(2);
}
cli.main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`policy-brief-lint: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 2;
  },
);
