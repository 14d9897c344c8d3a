import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stubCsp } from '../electron/policy.js';
import { callApi } from '../src/api/call.js';
import { ApiError, createClient, httpTransport, type Client } from '../src/api/client.js';
import type { MethodName } from '../src/api/contract.js';
import { maxBodyBytes, startBridge, type Bridge } from '../src/api/http-bridge.js';
import { stubPage } from '../src/api/web.js';
import type { LedgerError } from '../src/errors.js';
import type { Centre } from '../src/ledger/centre.js';
import { openTestCentre, tempDir } from './support/centre.js';
import { CHROMIUM_ARGS } from '../src/reports/render-pdf.js';

/** A raw request, so a test can send what no well-behaved client would: a foreign Host, no token, … */
function raw(
  bridge: Bridge,
  options: {
    method?: string;
    path?: string;
    headers?: Record<string, string | number>;
    body?: Buffer | string;
  },
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string; json: () => any }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: bridge.port,
        method: options.method ?? 'POST',
        path: options.path ?? '/api/centre.info',
        headers: { Host: `127.0.0.1:${bridge.port}`, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const withToken = (bridge: Bridge) => ({
  Authorization: `Bearer ${bridge.token}`,
  'Content-Type': 'application/json',
});

describe('the loopback HTTP bridge', () => {
  let centre: Centre;
  let bridge: Bridge;
  let client: Client;

  beforeAll(async () => {
    centre = openTestCentre();
    bridge = await startBridge({ centre, staticPage: stubPage() });
    client = createClient(httpTransport(bridge.url, bridge.token));
  });

  afterAll(async () => {
    await bridge?.close();
    centre?.close();
  });

  it('listens on 127.0.0.1 with a random 32-byte token', () => {
    expect(bridge.url).toBe(`http://127.0.0.1:${bridge.port}/`);
    expect(bridge.token).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers typed calls: the centre, then the first supervisor added without an operator', async () => {
    const info = await client.call('centre.info', {});
    expect(info).toMatchObject({ file: centre.file, operators: 0, books: 0 });
    expect(info.schemaVersion).toBeGreaterThan(0);

    const supervisor = await client.call('operator.add', { name: '周主管', role: 'supervisor' });
    expect(supervisor).toMatchObject({ name: '周主管', role: 'supervisor' });
    await client.call('operator.add', { name: '王会计', role: 'accountant' }, '周主管');
    await client.call(
      'community.add',
      { name: '东风社区', code: 'DF', kind: 'urban', district: '鹿城区', subdistrict: '五马街道' },
      '周主管',
    );
    const book = await client.call(
      'book.create',
      { community: '东风社区', startPeriod: '2025-01' },
      '王会计',
    );
    expect(book).toMatchObject({ community: '东风社区', startPeriod: '2025-01' });
    expect((await client.call('centre.info', {})).books).toBe(1);
  });

  it('passes a LedgerError through with its code, Chinese message and field', async () => {
    const refused = await client.call('book.get', { book: '不存在社区' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ code: 'not_found', field: 'book', rows: [] });
    expect((refused as ApiError).message).toContain('没有名称或编号为“不存在社区”的社区账套');

    const noOperator = await client
      .call('community.add', { name: '西湖社区', kind: 'urban' })
      .catch((error: unknown) => error);
    expect(noOperator).toMatchObject({ code: 'forbidden', field: 'operator' });
    expect((noOperator as ApiError).message).toContain('必须指明操作员');

    const reply = await raw(bridge, {
      path: '/api/book.get',
      headers: withToken(bridge),
      body: JSON.stringify({ input: { book: '不存在社区' } }),
    });
    expect(reply.status).toBe(404);
    expect(reply.json()).toMatchObject({ ok: false, error: { code: 'not_found', field: 'book' } });
  });

  it('reports an unknown method as not_found and a malformed input as invalid_argument', async () => {
    const unknown = await raw(bridge, { path: '/api/voucher.burn', headers: withToken(bridge), body: '{}' });
    expect(unknown.status).toBe(404);
    expect(unknown.json().error).toMatchObject({
      code: 'not_found',
      message: '没有名为“voucher.burn”的接口',
    });

    const badJson = await raw(bridge, { headers: withToken(bridge), body: '{input:' });
    expect(badJson.status).toBe(400);
    expect(badJson.json().error.code).toBe('invalid_argument');

    const badInput = await client
      .call('book.create', { community: '东风社区', startPeriod: '2025-13' }, '王会计')
      .catch((error: unknown) => error);
    expect(badInput).toMatchObject({ code: 'invalid_argument', field: 'startPeriod' });
  });

  it('refuses a call without the token or with a wrong one (401)', async () => {
    const none = await raw(bridge, { body: '{}' });
    expect(none.status).toBe(401);
    expect(none.json()).toMatchObject({ ok: false, error: { code: 'unauthorized' } });

    const wrong = await raw(bridge, { headers: { Authorization: `Bearer ${'0'.repeat(64)}` }, body: '{}' });
    expect(wrong.status).toBe(401);
    const prefix = await raw(bridge, { headers: { Authorization: `Bearer ${bridge.token.slice(0, 10)}` } });
    expect(prefix.status).toBe(401);

    const viaClient = await createClient(httpTransport(bridge.url, 'guess'))
      .call('centre.info', {})
      .catch((error: unknown) => error);
    expect(viaClient).toMatchObject({ code: 'unauthorized' });
  });

  it('refuses a foreign Host header (DNS rebinding) and a foreign Origin with 403', async () => {
    const rebound = await raw(bridge, {
      headers: { ...withToken(bridge), Host: `evil.example:${bridge.port}` },
      body: '{}',
    });
    expect(rebound.status).toBe(403);
    const wrongPort = await raw(bridge, { method: 'GET', path: '/', headers: { Host: '127.0.0.1:1' } });
    expect(wrongPort.status).toBe(403);
    expect(wrongPort.text).not.toContain(bridge.token);

    const localhost = await raw(bridge, {
      headers: { ...withToken(bridge), Host: `localhost:${bridge.port}` },
      body: '{}',
    });
    expect(localhost.status).toBe(200);

    const crossSite = await raw(bridge, {
      headers: { ...withToken(bridge), Origin: 'https://evil.example' },
      body: '{}',
    });
    expect(crossSite.status).toBe(403);
  });

  it('accepts only POST on /api (405)', async () => {
    const get = await raw(bridge, { method: 'GET', path: '/api/x', headers: withToken(bridge) });
    expect(get.status).toBe(405);
    expect(get.headers['allow']).toBe('POST');
  });

  it('refuses bodies over 10 MB (413), declared or streamed', async () => {
    const big = Buffer.alloc(maxBodyBytes + 1, 0x20);
    const declared = await raw(bridge, { headers: withToken(bridge), body: big });
    expect(declared.status).toBe(413);

    const streamed = await raw(bridge, {
      headers: { ...withToken(bridge), 'Transfer-Encoding': 'chunked' },
      body: big,
    });
    expect(streamed.status).toBe(413);

    // The bridge still answers afterwards.
    expect((await client.call('centre.info', {})).books).toBe(1);
  });

  it('serves the page with a strict CSP and the token in a meta tag', async () => {
    const page = await raw(bridge, { method: 'GET', path: '/' });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(
      "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; " +
        "connect-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    );
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.text).toContain(`<meta name="jucai-token" content="${bridge.token}">`);
    expect(page.text).toContain('<title>居财账簿</title>');
  });

  it('shows the centre and its books in the stub page in Chromium', async () => {
    await withBrowser(async (page, problems) => {
      await page.goto(bridge.url);
      await expectBooksShown(page, centre);
      expect(problems).toEqual([]);
      await page.screenshot({ path: artifact('web-stub.png'), fullPage: true });
    });
  }, 60_000);

  it('shows the same page as the desktop stub: a data: URL under the stub CSP, calling window.jucai', async () => {
    // What Electron does when there is no built renderer yet. The preload is played by a binding that
    // answers like the core process (an envelope per call), so the page has no network at all.
    const html = stubPage({ metaCsp: stubCsp });
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${stubCsp}">`);
    await withBrowser(async (page, problems) => {
      const calls: string[] = [];
      await page.exposeFunction('jucaiCore', async (method: string, input: unknown, operator?: string) => {
        calls.push(method);
        try {
          return { ok: true, result: await callApi(centre, method as MethodName, input, { operator }) };
        } catch (error) {
          return { ok: false, error: (error as LedgerError).toJSON() };
        }
      });
      await page.addInitScript(() => {
        const core = (globalThis as unknown as { jucaiCore: (...args: unknown[]) => Promise<unknown> })
          .jucaiCore;
        Object.assign(globalThis, { jucai: { call: (...args: unknown[]) => core(...args) } });
      });
      await page.goto(`data:text/html;charset=utf-8;base64,${Buffer.from(html).toString('base64')}`);
      await expectBooksShown(page, centre);
      await expect(page.locator('#mode').textContent()).resolves.toContain('桌面版预览');
      expect(calls.sort()).toEqual(['book.list', 'centre.info', 'chart.templates']);
      expect(problems).toEqual([]);
      // The policy really applies: the page cannot reach the bridge over the network.
      const violated = await page.evaluate(`new Promise((resolve) => {
        document.addEventListener('securitypolicyviolation', (e) => resolve(e.effectiveDirective), { once: true });
        fetch(${JSON.stringify(bridge.url + 'api/centre.info')}).catch(() => {});
      })`);
      expect(violated).toBe('connect-src');
      await page.screenshot({ path: artifact('electron-stub.png'), fullPage: true });
    });
  }, 60_000);
});

function artifact(name: string): string {
  const folder = path.resolve('test-artifacts');
  fs.mkdirSync(folder, { recursive: true });
  return path.join(folder, name);
}

/** Debian's Chromium, headless, in a fresh profile; collects page errors and console errors. */
async function withBrowser(use: (page: Page, problems: string[]) => Promise<void>): Promise<void> {
  const profile = tempDir('jucai-chromium-');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1100, height: 720 },
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    await use(page, problems);
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

async function expectBooksShown(page: Page, centre: Centre): Promise<void> {
  await page.locator('body[data-state="ready"]').waitFor({ timeout: 15_000 });
  const row = page.locator('#books tbody tr[data-book="东风社区"]');
  await expect(row.locator('td').allTextContents()).resolves.toEqual([
    '东风社区',
    'DF',
    '市区',
    '2025 年 01 月',
    '民间非营利组织会计制度（社区版）',
  ]);
  await expect(page.locator('#file').textContent()).resolves.toBe(centre.file);
  await expect(page.title()).resolves.toBe('居财账簿');
}
