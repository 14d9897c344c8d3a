import { spawnSync } from 'node:child_process';
import { afterEach, beforeAll, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startBridge, type Bridge } from '../../src/api/http-bridge.js';
import type { Centre } from '../../src/ledger/centre.js';
import { projectRoot } from './cli.js';
import { tempDir } from './centre.js';
import { CHROMIUM_ARGS } from '../../src/reports/render-pdf.js';

/** Where e2e tests leave their screenshots (git-ignored; CI keeps them as artifacts). */
export const artifacts = path.join(projectRoot, 'test-artifacts');

const rendererDir = path.join(projectRoot, 'dist', 'renderer');

function newest(dir: string): number {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(file) : fs.statSync(file).mtimeMs);
  }
  return latest;
}

/**
 * Builds the renderer with Vite when dist/renderer is missing or older than its sources (`npm test`
 * has already built it; this keeps `vitest run test/e2e/…` honest on its own).
 */
export function buildRenderer(): void {
  const index = path.join(rendererDir, 'index.html');
  const fresh = () =>
    fs.existsSync(index) &&
    fs.statSync(index).mtimeMs >
      Math.max(newest(path.join(projectRoot, 'renderer')), newest(path.join(projectRoot, 'src', 'api')));
  if (fresh()) return;
  // Test files run in parallel workers: one builds, the others wait for it (a lock folder is atomic).
  const lock = path.join(projectRoot, 'dist', '.renderer-build-lock');
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // A lock left by a killed run is taken over after two minutes.
      if (Date.now() > deadline) break;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    if (fresh()) return;
    const vite = path.join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js');
    const run = spawnSync(
      process.execPath,
      [vite, 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'],
      {
        cwd: projectRoot,
        encoding: 'utf8',
        // vitest sets NODE_ENV=test, which would give React's development build; test what users run.
        env: { ...process.env, NODE_ENV: 'production' },
      },
    );
    if (run.status !== 0) throw new Error(`vite build failed:\n${run.stdout}${run.stderr}`);
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

export interface App {
  bridge: Bridge;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/**
 * The app in browser mode, as `npm run web` serves it: the built renderer behind the loopback bridge on
 * a real centre file, driven by Debian's Chromium at 1366×768.
 */
export async function openApp(centre: Centre): Promise<App> {
  buildRenderer();
  const bridge = await startBridge({ centre, staticDir: rendererDir });
  const context = await chromium.launchPersistentContext(tempDir('jucai-chromium-'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    args: CHROMIUM_ARGS,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15_000);
  await page.goto(bridge.url);
  return {
    bridge,
    context,
    page,
    async close() {
      await context.close();
      await bridge.close();
    },
  };
}

/**
 * One app per test in a describe block: the renderer is built once, each test opens the app on its own
 * centre (`open`), and after the test the app is closed and any uncaught error in the page fails it — a
 * screen that throws is broken even when the DOM looks right. Call it inside `describe`.
 */
export function appPerTest(): { open(centre: Centre): Promise<App> } {
  let app: App | undefined;
  let pageErrors: string[] = [];
  beforeAll(() => buildRenderer(), 180_000);
  afterEach(async () => {
    await app?.close();
    app = undefined;
    const errors = pageErrors;
    pageErrors = [];
    expect(errors).toEqual([]);
  });
  return {
    // A test may open the app again (as another operator): the one before is closed first.
    async open(centre) {
      await app?.close();
      app = await openApp(centre);
      app.page.on('pageerror', (e) => pageErrors.push(e.message));
      return app;
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(artifacts, { recursive: true });
  const file = path.join(artifacts, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}
