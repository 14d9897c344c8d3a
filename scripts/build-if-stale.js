#!/usr/bin/env node
// `npm run web` starts from the built files when they are current, and rebuilds only when a source is
// newer than the build: a full build takes about 40 s on two cores, the check a few milliseconds.
//
// Usage: node scripts/build-if-stale.js [PROJECT_FOLDER]   (the folder defaults to this project)
// Prints which it did; exits with the build's exit code when the build fails.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** What the build reads: the core, the renderer, the migrations and the build configuration. */
const sourceFolders = ['src', 'renderer', 'db'];
const sourceFiles = ['package.json', 'tsconfig.json', 'tsconfig.build.json'];
/** What the browser mode runs: the compiled core (tsc) and the bundled renderer (vite, built after tsc). */
const outputs = [path.join('dist', 'src', 'api', 'web.js'), path.join('dist', 'renderer', 'index.html')];

/**
 * The newest file or folder under `target` (a folder's time changes when a file in it is added, removed
 * or renamed, so a deleted source counts too).
 */
function newest(root, target) {
  const full = path.join(root, target);
  if (!fs.existsSync(full)) return { file: target, mtimeMs: 0 };
  let latest = { file: target, mtimeMs: fs.statSync(full).mtimeMs };
  if (fs.statSync(full).isDirectory()) {
    for (const entry of fs.readdirSync(full)) {
      const found = newest(root, path.join(target, entry));
      if (found.mtimeMs > latest.mtimeMs) latest = found;
    }
  }
  return latest;
}

/** Whether the build in `root` is older than a source, and why, in words for the console. */
function staleness(root) {
  const missing = outputs.find((file) => !fs.existsSync(path.join(root, file)));
  if (missing) return { stale: true, reason: `尚未构建（缺少 ${missing}）` };
  const builtAt = Math.min(...outputs.map((file) => fs.statSync(path.join(root, file)).mtimeMs));
  const source = [...sourceFolders, ...sourceFiles]
    .map((target) => newest(root, target))
    .reduce((a, b) => (b.mtimeMs > a.mtimeMs ? b : a));
  return source.mtimeMs > builtAt
    ? { stale: true, reason: `源文件有改动（${source.file} 晚于上次构建）` }
    : { stale: false, reason: '构建是最新的（晚于所有源文件）' };
}

const root = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
const { stale, reason } = staleness(root);
if (!stale) {
  console.log(`${reason}，直接启动，不重新构建。`);
} else {
  console.log(`${reason}，正在重新构建（npm run build）……`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const build = spawnSync(npm, ['run', 'build'], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (build.status !== 0) {
    console.error(`构建失败（退出码 ${build.status ?? build.error}）。`);
    process.exit(build.status || 1);
  }
  console.log('构建完成。');
}
