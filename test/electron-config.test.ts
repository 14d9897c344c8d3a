import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CoreReply, CoreRequestBody } from '../electron/core-protocol.js';
import { appCsp } from '../electron/policy.js';
import { Centre } from '../src/ledger/centre.js';
import { tempDir } from './support/centre.js';

/**
 * The Electron shell cannot run on these machines (no Electron binary), so its configuration is checked as
 * text and by packaging with a stand-in Electron. Nothing here imports electron: from plain Node that
 * tries to download the binary.
 */

const root = path.resolve(import.meta.dirname, '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const mainSource = read('electron/main.ts');
/** Any static import, require or dynamic import of the Electron package (spelt in two parts so this file does not match itself). */
const importsElectron = new RegExp(
  String.raw`(from\s+|require\(\s*|import\(\s*)['"]` + 'elec' + String.raw`tron(/[a-z]+)?['"]`,
);
const builder = JSON.parse(read('build/electron-builder.json')) as {
  appId: string;
  productName: string;
  electronVersion: string;
  npmRebuild: boolean;
  files: string[];
  asarUnpack: string[];
  win: { target: Array<{ target: string; arch: string[] }> };
  nsis: { oneClick: boolean; allowToChangeInstallationDirectory: boolean; installerLanguages: string[] };
  linux: { target: Array<{ target: string; arch: string[] }>; executableName: string };
};

describe('the Electron main process', () => {
  it('creates windows with the secure web preferences', () => {
    // One set of locked-down preferences, spread into every window the app opens.
    const lockedDown = mainSource.slice(
      mainSource.indexOf('const lockedDown = {'),
      mainSource.indexOf('} as const;'),
    );
    expect(lockedDown).toMatch(/contextIsolation:\s*true/);
    expect(lockedDown).toMatch(/sandbox:\s*true/);
    expect(lockedDown).toMatch(/nodeIntegration:\s*false/);
    expect(lockedDown).toMatch(/webSecurity:\s*true/);
    expect(lockedDown).toMatch(/allowRunningInsecureContent:\s*false/);
    expect(lockedDown).toMatch(/webviewTag:\s*false/);
    const windows = mainSource.split('new BrowserWindow(').slice(1);
    expect(windows.length).toBeGreaterThanOrEqual(2);
    for (const w of windows) expect(w.slice(0, w.indexOf('});'))).toContain('...lockedDown');
    expect(mainSource).toContain('app.enableSandbox()');
    expect(mainSource).not.toMatch(/contextIsolation:\s*false|sandbox:\s*false|nodeIntegration:\s*true/);
  });

  it('denies new windows and navigation, and sets a CSP on app pages', () => {
    expect(mainSource).toMatch(/setWindowOpenHandler\(\(\)\s*=>\s*\(\{\s*action:\s*'deny'\s*\}\)\)/);
    expect(mainSource).toMatch(/on\('will-navigate',\s*\(event\)\s*=>\s*event\.preventDefault\(\)\)/);
    expect(mainSource).toMatch(/on\('will-attach-webview',\s*\(event\)\s*=>\s*event\.preventDefault\(\)\)/);
    expect(mainSource).toContain('webRequest.onHeadersReceived');
    expect(mainSource).toContain("'Content-Security-Policy': [appCsp]");
    const directives = new Map(appCsp.split(/;\s*/).map((d) => [d.split(' ')[0], d] as const));
    expect(directives.get('default-src')).toBe("default-src 'self'");
    expect(directives.get('script-src')).toBe("script-src 'self'");
    expect(directives.get('object-src')).toBe("object-src 'none'");
    expect(directives.get('frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(mainSource).toContain('setPermissionRequestHandler');
  });

  it('relays one IPC channel, checks its sender, and keeps the core in a utility process', () => {
    expect(mainSource).toMatch(/ipcMain\.handle\(\s*'jucai:call'/);
    expect(mainSource).toContain('if (!trustedSender(event))');
    expect(mainSource).toContain("utilityProcess.fork(path.join(here, 'core-process.js')");
    expect(mainSource).toContain("app.getPath('appData'), 'jucai-ledger'");
    expect(mainSource).toContain("path.join(app.getPath('userData'), 'centre.db')");
    for (const label of [
      '文件',
      '打开其他中心文件…',
      '立即备份…',
      '退出',
      '编辑',
      '视图',
      '帮助',
      '关于居财账簿',
    ])
      expect(mainSource).toContain(`label: '${label}'`);

    const preload = read('electron/preload.cts');
    expect(preload.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(preload).toContain("exposeInMainWorld('jucai', {");
    expect(preload).toContain("ipcRenderer.invoke('jucai:call', method, input, operator)");

    const core = read('electron/core-process.ts');
    expect(core).toContain('process.parentPort');
    expect(core).toContain('.db.backup(partial)');
    expect(core).not.toMatch(importsElectron);
  });

  it('prints a report to PDF from its print HTML in a hidden, sandboxed window without JavaScript or network', () => {
    const handler = mainSource.slice(mainSource.indexOf("ipcMain.handle('jucai:htmlToPdf'"));
    expect(handler).toMatch(/^ipcMain\.handle\('jucai:htmlToPdf'[^]*?if \(!trustedSender\(event\)/);
    const printer = mainSource.slice(
      mainSource.indexOf('async function printHtmlToPdf'),
      mainSource.indexOf('/** Every web contents'),
    );
    expect(printer).toMatch(/show:\s*false/);
    expect(printer).toMatch(/javascript:\s*false/);
    expect(printer).toContain('...lockedDown');
    expect(printer).toMatch(/session:\s*printSession\(\)/);
    expect(printer).not.toMatch(/preload:/);
    expect(printer).toMatch(/printToPDF\(\{\s*pageSize:\s*'A4'/);
    expect(printer).toContain('footerTemplate: pdfFooter');
    expect(printer).toContain('win.destroy()');
    // Its session refuses every request but the page being printed.
    expect(mainSource).toContain("session.fromPartition('jucai-print')");
    expect(mainSource).toContain('callback({ cancel: !isPrintFile(details.url) })');

    const preload = read('electron/preload.cts');
    expect(preload).toContain("ipcRenderer.invoke('jucai:htmlToPdf', name, html)");
  });

  it('is the only folder that imports electron', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
        const rel = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(rel);
        else if (/\.[cm]?[jt]sx?$/.test(entry.name) && importsElectron.test(read(rel))) offenders.push(rel);
      }
    };
    for (const dir of ['src', 'test', 'scripts']) if (fs.existsSync(path.join(root, dir))) walk(dir);
    expect(offenders).toEqual([]);
  });
});

describe('the core process', () => {
  // core-process.ts needs only `process.parentPort`, so it runs here under a stand-in port, for real:
  // the same Centre, callApi and SQLite backup as in the app.
  class StandInPort extends EventEmitter {
    postMessage(reply: CoreReply) {
      this.emit('reply', reply);
    }
  }
  const port = new StandInPort();
  let nextId = 1;
  const ask = (request: CoreRequestBody): Promise<CoreReply> => {
    const id = nextId++;
    return new Promise((resolve) => {
      const listener = (reply: CoreReply) => {
        if (reply.id !== id) return;
        port.off('reply', listener);
        resolve(reply);
      };
      port.on('reply', listener);
      port.emit('message', { data: { ...request, id }, ports: [] });
    });
  };

  it('opens a centre, answers calls, backs up consistently and closes', async () => {
    Object.assign(process, { parentPort: port });
    await import('../electron/core-process.js');
    const folder = tempDir();
    const file = path.join(folder, 'centre.db');

    const early = await ask({ kind: 'call', method: 'centre.info', input: {} });
    expect(early).toMatchObject({ ok: false, error: { code: 'not_found' } });

    expect(await ask({ kind: 'open', file })).toEqual({
      id: 2,
      ok: true,
      result: { file, backupPath: null },
    });
    const added = await ask({ method: 'operator.add', input: { name: '周主管', role: 'supervisor' } });
    expect(added).toMatchObject({ ok: true, result: { name: '周主管', role: 'supervisor' } });
    const refused = await ask({
      kind: 'call',
      method: 'community.add',
      input: { name: '东风社区', kind: 'urban' },
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', field: 'operator', rows: [] } });

    const copy = path.join(folder, '备份', 'copy.db');
    fs.mkdirSync(path.dirname(copy));
    const backup = await ask({ kind: 'backup', dest: copy });
    expect(backup).toMatchObject({ ok: true, result: { file: copy } });
    expect(fs.existsSync(`${copy}.part`)).toBe(false);
    const restored = new Centre(copy);
    expect(restored.db.prepare('SELECT name FROM operator').all()).toEqual([{ name: '周主管' }]);
    restored.close();

    const onItself = await ask({ kind: 'backup', dest: file });
    expect(onItself).toMatchObject({ ok: false, error: { code: 'invalid_argument', field: 'dest' } });

    const junk = path.join(folder, 'junk.db');
    fs.writeFileSync(junk, 'not a database at all, just some text that is long enough'.repeat(20));
    const notOpened = await ask({ kind: 'open', file: junk });
    expect(notOpened.ok).toBe(false);
    expect(notOpened).toMatchObject({ ok: false, error: { code: 'database_foreign' } });
    expect(!notOpened.ok && notOpened.error.message).toContain('不是居财账簿的中心文件');
    const stillOpen = await ask({ method: 'centre.info', input: {} });
    expect(stillOpen).toMatchObject({ ok: true, result: { file, operators: 1 } });

    expect(await ask({ kind: 'close' })).toMatchObject({ ok: true });
    expect(await ask({ method: 'centre.info', input: {} })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    fs.rmSync(folder, { recursive: true, force: true });
  });
});

describe('the packaging configuration', () => {
  it('names the app and pins Electron to the installed version', () => {
    const electronPackage = JSON.parse(read('node_modules/electron/package.json')) as { version: string };
    expect(builder.appId).toBe('cn.jucai.ledger');
    expect(builder.productName).toBe('居财账簿');
    expect(builder.electronVersion).toBe(electronPackage.version);
    expect(builder.npmRebuild).toBe(true);
  });

  it('unpacks better-sqlite3 from the asar and builds nsis x64 and AppImage', () => {
    expect(builder.asarUnpack).toContain('**/node_modules/better-sqlite3/**');
    expect(builder.win.target).toContainEqual({ target: 'nsis', arch: ['x64'] });
    expect(builder.nsis).toMatchObject({
      oneClick: false,
      allowToChangeInstallationDirectory: true,
      installerLanguages: ['zh_CN'],
    });
    expect(builder.linux.target).toContainEqual({ target: 'AppImage', arch: ['x64'] });
  });

  it('packs only folders that the build produces', () => {
    const tsconfig = JSON.parse(read('tsconfig.build.json')) as { include: string[] };
    const compiled = new Set(tsconfig.include.map((dir) => `dist/${dir}`));
    const bases = builder.files
      .filter((glob) => !glob.startsWith('!'))
      .map((glob) => glob.replace(/\/\*\*.*$/, ''));
    expect(bases).toEqual(['dist/src', 'dist/electron', 'dist/renderer', 'db', 'package.json']);
    for (const base of bases) {
      if (base === 'dist/renderer') continue; // the renderer's Vite build; it does not exist yet
      if (base.startsWith('dist/'))
        expect(compiled, `${base} comes from tsconfig.build.json`).toContain(base);
      else expect(fs.existsSync(path.join(root, base)), `${base} is in the repository`).toBe(true);
    }
    expect(fs.readdirSync(path.join(root, 'db')).some((file) => file.endsWith('.sql'))).toBe(true);
    const pkg = JSON.parse(read('package.json')) as { main: string };
    expect(pkg.main).toBe('dist/electron/main.js');
  });

  it('packages offline with a stand-in Electron: the app, the core and the native module land where expected', () => {
    // The same build `npm run dist` runs first; tsc emits even when someone else's file has a type error,
    // which `npm run check` reports, so only the outputs are checked here.
    spawnSync(
      process.execPath,
      [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    for (const file of [
      'dist/electron/main.js',
      'dist/electron/preload.cjs',
      'dist/electron/core-process.js',
    ])
      expect(fs.existsSync(path.join(root, file)), file).toBe(true);

    const work = tempDir('jucai-package-');
    try {
      const electronDist = path.join(work, 'electron-dist');
      fs.mkdirSync(electronDist);
      fs.writeFileSync(path.join(electronDist, 'electron'), '#!/bin/sh\necho stand-in electron\n', {
        mode: 0o755,
      });
      const output = path.join(work, 'release');
      const run = spawnSync(
        process.execPath,
        [
          path.join(root, 'node_modules/electron-builder/cli.js'),
          '--config',
          'build/electron-builder.json',
          '--dir',
          '--linux',
          '--x64',
          `-c.electronDist=${electronDist}`,
          '-c.npmRebuild=false',
          `-c.directories.output=${output}`,
        ],
        { cwd: root, encoding: 'utf8', timeout: 50_000 },
      );
      expect(run.status, run.stdout + run.stderr).toBe(0);

      const app = path.join(output, 'linux-unpacked');
      expect(fs.statSync(path.join(app, 'jucai-ledger')).mode & 0o111).not.toBe(0);
      const entries = listAsar(path.join(app, 'resources', 'app.asar'));
      for (const file of [
        'package.json',
        'dist/electron/main.js',
        'dist/electron/preload.cjs',
        'dist/electron/core-process.js',
        'dist/src/api/call.js',
        'dist/src/store/database.js',
        'db/0001_ledger.sql',
        'node_modules/better-sqlite3/package.json',
        'node_modules/zod/package.json',
      ])
        expect(entries.has(file), file).toBe(true);
      expect(entries.get('node_modules/better-sqlite3/build/Release/better_sqlite3.node')?.unpacked).toBe(
        true,
      );
      const unpacked = path.join(app, 'resources', 'app.asar.unpacked', 'node_modules', 'better-sqlite3');
      expect(fs.existsSync(path.join(unpacked, 'build', 'Release', 'better_sqlite3.node'))).toBe(true);
      expect(fs.existsSync(path.join(unpacked, 'deps')), 'SQLite sources stay out').toBe(false);

      const names = [...entries.keys()];
      for (const dev of ['electron', 'electron-builder', 'vitest', 'playwright-core', 'typescript'])
        expect(
          names.some((name) => name.startsWith(`node_modules/${dev}/`)),
          dev,
        ).toBe(false);
      expect(names.filter((name) => name.startsWith('dist/test/') || name.endsWith('.map'))).toEqual([]);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  }, 60_000);
});

/**
 * The files in an asar archive: a pickled header (four 32-bit sizes, then the JSON directory tree).
 * Read here directly rather than through @electron/asar, which is not one of the project's dependencies.
 */
function listAsar(file: string): Map<string, { size?: number; unpacked?: boolean }> {
  const fd = fs.openSync(file, 'r');
  try {
    const sizes = Buffer.alloc(16);
    fs.readSync(fd, sizes, 0, 16, 0);
    const json = Buffer.alloc(sizes.readUInt32LE(12));
    fs.readSync(fd, json, 0, json.length, 16);
    type Node = { files?: Record<string, Node>; size?: number; unpacked?: boolean };
    const found = new Map<string, { size?: number; unpacked?: boolean }>();
    const walk = (node: Node, prefix: string) => {
      for (const [name, child] of Object.entries(node.files ?? {})) {
        if (child.files) walk(child, `${prefix}${name}/`);
        else found.set(`${prefix}${name}`, child);
      }
    };
    walk(JSON.parse(json.toString('utf8')) as Node, '');
    return found;
  } finally {
    fs.closeSync(fd);
  }
}
