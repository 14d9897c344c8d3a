import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './support/centre.js';
import { projectRoot } from './support/cli.js';

/**
 * `npm run web` starts from the built files when they are current: it rebuilds only when a source is
 * newer than the build, and says which it did. Decided from file times, so the tests set and read
 * file times, never the clock.
 */

const script = path.join(projectRoot, 'scripts', 'build-if-stale.js');
const outputs = ['dist/src/api/web.js', 'dist/renderer/index.html'];

/** A small project whose `npm run build` writes the two outputs and counts how often it ran. */
function fixtureProject(): string {
  const root = tempDir('jucai-web-build-');
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  write(
    'package.json',
    JSON.stringify({ name: 'fixture', private: true, scripts: { build: 'node make.js' } }),
  );
  write(
    'make.js',
    `const fs = require('node:fs');
for (const file of ${JSON.stringify(outputs)}) {
  fs.mkdirSync(require('node:path').dirname(file), { recursive: true });
  fs.writeFileSync(file, 'built');
}
fs.appendFileSync('builds.txt', 'x');`,
  );
  write('src/api/web.ts', 'export {};');
  write('renderer/index.html', '<div id="root"></div>');
  write('db/0001_ledger.sql', 'SELECT 1;');
  write('tsconfig.json', '{}');
  write('tsconfig.build.json', '{}');
  // Every source (folders too) an hour old.
  const hourAgo = new Date(Date.now() - 3_600_000);
  for (const file of [
    'src/api/web.ts',
    'src/api',
    'src',
    'renderer/index.html',
    'renderer',
    'db/0001_ledger.sql',
  ]) {
    fs.utimesSync(path.join(root, file), hourAgo, hourAgo);
  }
  for (const file of ['db', 'package.json', 'make.js', 'tsconfig.json', 'tsconfig.build.json'])
    fs.utimesSync(path.join(root, file), hourAgo, hourAgo);
  return root;
}

function check(root: string): { stdout: string; builds: number } {
  const run = spawnSync(process.execPath, [script, root], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  const log = path.join(root, 'builds.txt');
  return { stdout: run.stdout, builds: fs.existsSync(log) ? fs.readFileSync(log, 'utf8').length : 0 };
}

const mtimes = (root: string) => outputs.map((file) => fs.statSync(path.join(root, file)).mtimeMs);

describe('the freshness check before npm run web', () => {
  it('builds when there is no build, starts from a current one, and rebuilds after a source changes', () => {
    const root = fixtureProject();
    const first = check(root);
    expect(first.stdout).toContain('尚未构建（缺少 dist/src/api/web.js），正在重新构建');
    expect(first.builds).toBe(1);

    const built = mtimes(root);
    const second = check(root);
    expect(second.stdout).toBe('构建是最新的（晚于所有源文件），直接启动，不重新构建。\n');
    expect(second.builds).toBe(1);
    expect(mtimes(root)).toEqual(built);

    // A renderer file saved after the build: rebuilt, and the file is named.
    const later = new Date(Math.max(...built) + 60_000);
    fs.utimesSync(path.join(root, 'renderer', 'index.html'), later, later);
    const third = check(root);
    expect(third.stdout).toContain(`源文件有改动（${path.join('renderer', 'index.html')} 晚于上次构建）`);
    expect(third.builds).toBe(2);
    // The same holds for the build configuration.
    const evenLater = new Date(Math.max(...mtimes(root)) + 60_000);
    fs.utimesSync(path.join(root, 'tsconfig.build.json'), evenLater, evenLater);
    expect(check(root)).toMatchObject({ builds: 3 });
  });
});

/** Runs the real `npm run web` until it serves, reads its page, stops it, and returns what it printed. */
async function startWeb(db: string): Promise<{ output: string; page: string }> {
  const child = spawn('npm', ['run', 'web', '--', '--db', db, '--port', '0'], {
    cwd: projectRoot,
    detached: true, // its own process group: npm, the shell and node stop together
    env: { ...process.env, JUCAI_DB: undefined },
  });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const found = /浏览器模式：(http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (found) resolve(found[1]!);
    });
    child.on('exit', (code) => reject(new Error(`npm run web exited ${code}:\n${output}`)));
  });
  try {
    const page = await (await fetch(url)).text();
    return { output, page };
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
  }
}

describe('npm run web', () => {
  it('starts the second time from the built files without rebuilding', async () => {
    const db = path.join(tempDir(), 'centre.db');
    // The first start builds if anything changed since the last build (it says so either way).
    const first = await startWeb(db);
    expect(first.output).toMatch(/构建是最新的|正在重新构建/);
    expect(first.page).toContain('<div id="root">');
    const built = mtimes(projectRoot);

    const second = await startWeb(db);
    expect(second.output).toContain('构建是最新的（晚于所有源文件），直接启动，不重新构建。');
    expect(second.output).not.toContain('正在重新构建');
    expect(second.output).not.toContain('vite build');
    expect(mtimes(projectRoot)).toEqual(built);
    expect(second.page).toContain('<div id="root">');
  }, 300_000);
});
