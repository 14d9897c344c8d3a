import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { LedgerError, type ErrorCode } from '../errors.js';
import type { Centre } from '../ledger/centre.js';
import { callApi } from './call.js';
import type { MethodName } from './contract.js';

/**
 * The loopback HTTP bridge: the same typed API the Electron preload exposes over IPC, served on
 * 127.0.0.1 for the browser mode (`npm run web`) and for the browser tests.
 *
 * Who may call: only this machine (socket address and Host header are both checked, the latter against
 * DNS rebinding), and only with the bearer token, which the page served at `/` carries in a meta tag.
 * Calls run one at a time: SQLite writes are synchronous anyway, and a queue keeps an async handler
 * (file imports) from interleaving with another call's transaction.
 */

export interface BridgeOptions {
  centre: Centre;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default: 32 random bytes as hex. */
  token?: string;
  /** HTML served at `GET /`; the token is injected as `<meta name="jucai-token">`. */
  staticPage?: string;
  /**
   * A built renderer (dist/renderer): its index.html is served at `/` (with the token injected) and its
   * files below it. Takes precedence over `staticPage`.
   */
  staticDir?: string;
}

export interface Bridge {
  /** `http://127.0.0.1:PORT/` */
  url: string;
  port: number;
  token: string;
  /** Stops listening, drops open connections and waits for the call in progress. Leaves the centre open. */
  close(): Promise<void>;
}

export const maxBodyBytes = 10 * 1024 * 1024;

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
};

export const pageSecurityHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; " +
    "connect-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** HTTP status for each error code; the body carries the code itself, which is what callers match. */
const statusOf: Record<ErrorCode, number> = {
  invalid_argument: 400,
  invalid_amount: 400,
  not_found: 404,
  duplicate: 409,
  forbidden: 403,
  period_closed: 409,
  voucher_state: 409,
  unbalanced: 422,
  cash_deficit: 422,
  account_in_use: 409,
  import_failed: 422,
  database_newer: 409,
  database_foreign: 409,
  constraint: 409,
};

interface ErrorBody {
  code: string;
  message: string;
  rows: unknown[];
  field?: string;
}

/** A refusal by the bridge itself, before the core is reached. */
class Refusal {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly message: string,
  ) {}
}

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const token = options.token ?? crypto.randomBytes(32).toString('hex');
  if (!token) throw new Error('bridge token must not be empty');
  const tokenDigest = digest(token);
  let port = 0;
  let queue: Promise<unknown> = Promise.resolve();

  /** Runs calls strictly one after another, whatever each one's outcome. */
  const serialised = <T>(run: () => Promise<T>): Promise<T> => {
    const result = queue.then(run, run);
    queue = result.catch(() => undefined);
    return result;
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[居财账簿 bridge] 处理请求失败：', error);
      if (!res.headersSent) sendError(res, new Refusal(500, 'internal', '服务内部错误，请查看日志'));
      else res.destroy();
    });
  });
  server.headersTimeout = 30_000;
  server.requestTimeout = 120_000;

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!isLoopback(req.socket.remoteAddress))
      return sendError(res, new Refusal(403, 'forbidden', '只接受来自本机的连接'));
    if (!hostAllowed(req.headers.host, port))
      return sendError(res, new Refusal(403, 'forbidden', '请求的主机名不被接受，请使用 127.0.0.1 访问'));
    if (!originAllowed(req.headers.origin, port))
      return sendError(res, new Refusal(403, 'forbidden', '不接受来自其他网站的请求'));

    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (pathname === '/api' || pathname.startsWith('/api/')) return handleApi(req, res, pathname.slice(5));
    if (pathname === '/' || pathname === '/index.html') return servePage(req, res);
    if (options.staticDir) return serveFile(req, res, options.staticDir, pathname);
    return sendError(res, new Refusal(404, 'not_found', '没有这个页面'));
  }

  function servePage(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendError(res, new Refusal(405, 'invalid_argument', '只支持 GET 请求'), { Allow: 'GET, HEAD' });
    const page = options.staticDir
      ? fs.readFileSync(path.join(options.staticDir, 'index.html'), 'utf8')
      : options.staticPage;
    if (page === undefined) return sendError(res, new Refusal(404, 'not_found', '没有页面'));
    const body = Buffer.from(injectToken(page, token), 'utf8');
    res.writeHead(200, {
      ...pageSecurityHeaders,
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': body.length,
      'Cache-Control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  /** A file of the built renderer; nothing outside its folder is ever served. */
  function serveFile(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    root: string,
    pathname: string,
  ): void {
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendError(res, new Refusal(405, 'invalid_argument', '只支持 GET 请求'), { Allow: 'GET, HEAD' });
    const base = path.resolve(root);
    const file = path.resolve(base, `.${decodeURIComponent(pathname)}`);
    const type = contentTypes[path.extname(file).toLowerCase()];
    if (!file.startsWith(base + path.sep) || !type || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      return sendError(res, new Refusal(404, 'not_found', '没有这个页面'));
    }
    const body = fs.readFileSync(file);
    res.writeHead(200, {
      ...pageSecurityHeaders,
      'Content-Type': type,
      'Content-Length': body.length,
      'Cache-Control': 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  async function handleApi(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    method: string,
  ): Promise<void> {
    if (req.method !== 'POST')
      return sendError(res, new Refusal(405, 'invalid_argument', '接口只接受 POST 请求'), { Allow: 'POST' });
    if (!authorised(req.headers.authorization, tokenDigest))
      return sendError(res, new Refusal(401, 'unauthorized', '缺少或错误的访问令牌，请从本机页面重新打开'), {
        'WWW-Authenticate': 'Bearer',
      });
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBodyBytes) return sendError(res, tooLarge());

    const raw = await readBody(req);
    if (raw === undefined) return sendError(res, tooLarge());

    let input: unknown;
    let operator: string | undefined;
    try {
      const body: unknown = raw.length ? JSON.parse(raw.toString('utf8')) : {};
      if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error('not an object');
      const fields = body as { input?: unknown; operator?: unknown };
      if (fields.operator !== undefined && fields.operator !== null && typeof fields.operator !== 'string')
        return sendError(res, new Refusal(400, 'invalid_argument', '操作员 operator 应为姓名文字'));
      input = fields.input;
      operator = typeof fields.operator === 'string' ? fields.operator : undefined;
    } catch {
      return sendError(
        res,
        new Refusal(400, 'invalid_argument', '请求内容不是有效的 JSON：应为 { input, operator }'),
      );
    }

    try {
      const result = await serialised(() =>
        callApi(options.centre, method as MethodName, input, { operator }),
      );
      sendJson(res, 200, { ok: true, result: result ?? null });
    } catch (error) {
      if (error instanceof LedgerError) {
        sendJson(res, statusOf[error.code] ?? 400, { ok: false, error: withRows(error.toJSON()) });
      } else {
        console.error(`[居财账簿 bridge] 接口 ${method} 出现意外错误：`, error);
        sendError(res, new Refusal(500, 'internal', '服务内部错误，操作未完成；请查看日志或联系技术支持'));
      }
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    token,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }).then(() => queue.then(() => undefined));
      return closing;
    },
  };
}

function tooLarge(): Refusal {
  return new Refusal(413, 'invalid_argument', `请求内容过大（上限 ${maxBodyBytes / 1024 / 1024} MB）`);
}

/** The body, or undefined once it passes the limit (the rest is read and dropped, so the reply still arrives). */
function readBody(req: http.IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > maxBodyBytes) {
        over = true;
        chunks.length = 0;
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

function digest(text: string): Buffer {
  return crypto.createHash('sha256').update(text, 'utf8').digest();
}

/** Hashing first makes both sides the same length, so timingSafeEqual compares without leaking the length. */
function authorised(header: string | undefined, expected: Buffer): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) return false;
  return crypto.timingSafeEqual(digest(match[1]!), expected);
}

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  if (address === '::1') return true;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return /^127(\.\d{1,3}){3}$/.test(v4);
}

function hostAllowed(host: string | undefined, port: number): boolean {
  if (!host) return false;
  const h = host.toLowerCase();
  return h === `127.0.0.1:${port}` || h === `localhost:${port}`;
}

/** Browsers send Origin on cross-site requests; only our own page may call. Absent (non-browser) is fine. */
function originAllowed(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  const o = origin.toLowerCase();
  return o === `http://127.0.0.1:${port}` || o === `http://localhost:${port}`;
}

function injectToken(page: string, token: string): string {
  const meta = `<meta name="jucai-token" content="${escapeAttribute(token)}">`;
  const head = /<head(\s[^>]*)?>/i.exec(page);
  if (!head) return meta + page;
  const at = head.index + head[0].length;
  return page.slice(0, at) + meta + page.slice(at);
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function withRows(error: { code: string; message: string; rows?: unknown[]; field?: string }): ErrorBody {
  return { ...error, rows: error.rows ?? [] };
}

function sendError(res: http.ServerResponse, refusal: Refusal, headers: Record<string, string> = {}): void {
  sendJson(
    res,
    refusal.status,
    { ok: false, error: { code: refusal.code, message: refusal.message, rows: [] } },
    headers,
  );
}

function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = Buffer.from(JSON.stringify(body), 'utf8');
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': text.length,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });
  res.end(text);
}
