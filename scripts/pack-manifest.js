#!/usr/bin/env node
// The packed package.json must not carry `prepare`: npm counts it as an install script of a tarball or git
// dependency and warns about it, while the tarball already holds the built dist/. `strip` runs at prepack,
// `restore` at postpack (and at the next strip, should a pack have failed in between).
'use strict';
/* global require, __dirname, process */
const { existsSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const manifest = join(__dirname, '..', 'package.json');
const saved = join(__dirname, '..', '.package.json.before-pack');

function restore() {
  if (existsSync(saved)) renameSync(saved, manifest);
}

if (process.argv[2] === 'strip') {
  restore();
  const text = readFileSync(manifest, 'utf8');
  const parsed = JSON.parse(text);
  writeFileSync(saved, text);
  delete parsed.scripts.prepare;
  writeFileSync(manifest, `${JSON.stringify(parsed, null, 2)}\n`);
} else if (process.argv[2] === 'restore') {
  restore();
} else {
  process.stderr.write('usage: pack-manifest.js strip|restore\n');
  process.exitCode = 2;
}
