import type { ApiInput, ApiOutput, MethodName } from './contract.js';

/**
 * The renderer's typed client. It runs in the browser (and in Electron's sandboxed renderer), so this
 * file imports nothing at run time: only types from the contract, which vanish when compiled.
 *
 * A transport carries one call and resolves to the reply envelope `{ ok: true, result }` or
 * `{ ok: false, error }`: the HTTP bridge answers with it, and so does the Electron core process behind
 * `window.jucai.call`. The client unwraps it and turns a refusal into an ApiError carrying the core's
 * code and Chinese message unchanged.
 */

export type Transport = (method: string, input: unknown, operator?: string) => Promise<unknown>;

export interface ApiErrorRow {
  row: number;
  column: string;
  message: string;
}

export class ApiError extends Error {
  readonly code: string;
  readonly rows: ApiErrorRow[];
  readonly field: string | undefined;

  constructor(code: string, message: string, rows: ApiErrorRow[] = [], field?: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.rows = rows;
    this.field = field;
  }
}

export interface Client {
  call<M extends MethodName>(method: M, input: ApiInput<M>, operator?: string): Promise<ApiOutput<M>>;
}

export function createClient(transport: Transport): Client {
  return {
    async call(method, input, operator) {
      const reply = (await transport(method, input, operator)) as {
        ok?: unknown;
        result?: unknown;
        error?: { code?: unknown; message?: unknown; rows?: unknown; field?: unknown };
      } | null;
      if (reply && reply.ok === true) return reply.result as never;
      const error = reply?.error;
      if (!error || typeof error.code !== 'string')
        throw new ApiError('internal', '服务返回了无法识别的应答，请重新打开程序');
      throw new ApiError(
        error.code,
        typeof error.message === 'string' ? error.message : '操作未完成',
        Array.isArray(error.rows) ? (error.rows as ApiErrorRow[]) : [],
        typeof error.field === 'string' ? error.field : undefined,
      );
    },
  };
}

/** Calls the loopback HTTP bridge: `POST {baseUrl}/api/<method>` with the bearer token. */
export function httpTransport(baseUrl: string, token: string): Transport {
  const base = baseUrl.replace(/\/+$/, '');
  return async (method, input, operator) => {
    let response: Response;
    try {
      response = await fetch(`${base}/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(operator === undefined ? { input } : { input, operator }),
      });
    } catch {
      throw new ApiError('unavailable', '无法连接居财账簿服务：请确认程序仍在运行，然后刷新页面');
    }
    try {
      return await response.json();
    } catch {
      throw new ApiError('internal', `服务应答无法解析（HTTP ${response.status}）`);
    }
  };
}

/** What the Electron preload exposes as `window.jucai`. */
export interface PreloadBridge {
  call(method: string, input: unknown, operator?: string): Promise<unknown>;
}

/** The desktop transport: `window.jucai.call`, or undefined when the page runs in a plain browser. */
export function preloadTransport(): Transport | undefined {
  const bridge = (globalThis as { jucai?: PreloadBridge }).jucai;
  return bridge ? (method, input, operator) => bridge.call(method, input, operator) : undefined;
}
