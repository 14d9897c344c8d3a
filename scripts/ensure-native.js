#!/usr/bin/env node
// Makes sure better-sqlite3's native module loads in plain Node before the tests run.
//
// Node and Electron have different native ABIs, and one build serves only one of them: after a developer
// ran `npx @electron/rebuild -f -w better-sqlite3` for the desktop app, Node cannot load it any more. This
// script checks in a child process (a failed native load cannot be retried in the same process), rebuilds
// for Node only when the check fails, and checks again. It never rebuilds for Electron (see build/README.md).
import { spawnSync } from 'node:child_process';

const probe = `
const Database = require('better-sqlite3');
const db = new Database(':memory:');
const row = db.prepare('SELECT sqlite_version() AS v').get();
db.close();
process.stdout.write(row.v);
`;

function check() {
  const result = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' });
  if (result.status === 0) return { ok: true, version: result.stdout.trim() };
  const message = `${result.stderr || ''}${result.error ? String(result.error) : ''}`;
  const reason = message.split('\n').find((line) => /Error|error/.test(line)) ?? message.trim();
  return { ok: false, reason: reason.trim() };
}

const first = check();
if (first.ok) {
  console.log(
    `ensure-native: better-sqlite3 loads in Node ${process.versions.node} (SQLite ${first.version}).`,
  );
  process.exit(0);
}

console.log(`ensure-native: better-sqlite3 does not load in Node ${process.versions.node}:`);
console.log(`  ${first.reason}`);
console.log(
  'ensure-native: running `npm rebuild better-sqlite3` (a build for Electron is replaced by one for Node)…',
);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const rebuild = spawnSync(npm, ['rebuild', 'better-sqlite3'], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
if (rebuild.status !== 0) {
  console.error(`ensure-native: npm rebuild failed (exit code ${rebuild.status ?? rebuild.error}).`);
  process.exit(1);
}

const second = check();
if (!second.ok) {
  console.error('ensure-native: better-sqlite3 still does not load after the rebuild:');
  console.error(`  ${second.reason}`);
  process.exit(1);
}
console.log(`ensure-native: rebuilt; better-sqlite3 now loads in Node (SQLite ${second.version}).`);
