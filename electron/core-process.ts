import fs from 'node:fs';
import path from 'node:path';
import { callApi } from '../src/api/call.js';
import type { MethodName } from '../src/api/contract.js';
import { LedgerError, fail } from '../src/errors.js';
import { Centre } from '../src/ledger/centre.js';
import type { BackupResult, CoreError, CoreReply, CoreRequest, OpenResult } from './core-protocol.js';

/**
 * The core, in an Electron utility process (`utilityProcess.fork`): it owns the centre file and answers
 * the main process's messages, so SQLite's synchronous work never blocks the window's event loop or the
 * menus. Requests run one at a time, in the order received. This file imports nothing from Electron: it
 * only needs `process.parentPort`, which Electron provides to utility processes.
 */

const parentPort = process.parentPort;
if (!parentPort) throw new Error('core-process.js 只能作为 Electron 的 utility process 运行');

let centre: Centre | undefined;
let queue: Promise<void> = Promise.resolve();

parentPort.on('message', (event) => {
  const request = event.data as CoreRequest;
  queue = queue.then(async () => parentPort.postMessage(await answer(request)));
});

async function answer(request: CoreRequest): Promise<CoreReply> {
  try {
    return { id: request.id, ok: true, result: (await run(request)) ?? null };
  } catch (error) {
    return { id: request.id, ok: false, error: describe(error, request) };
  }
}

async function run(request: CoreRequest): Promise<unknown> {
  switch (request.kind) {
    case 'open':
      return open(request.file);
    case 'backup':
      return backup(request.dest);
    case 'close':
      centre?.close();
      centre = undefined;
      return null;
    case 'call':
    case undefined:
      return callApi(opened(), request.method as MethodName, request.input, { operator: request.operator });
  }
}

function opened(): Centre {
  if (!centre) fail('not_found', '还没有打开中心文件：请用“文件 → 打开其他中心文件…”选择一个');
  return centre;
}

function open(file: string): OpenResult {
  const next = new Centre(path.resolve(file));
  centre?.close();
  centre = next;
  return { file: next.file, backupPath: next.backupPath ?? null };
}

/**
 * SQLite's online backup gives a consistent copy even while the file is in use (WAL included). It is
 * written beside the target first and renamed at the end, so a failed backup never leaves a half file
 * under the chosen name.
 */
async function backup(dest: string): Promise<BackupResult> {
  const source = opened();
  const target = path.resolve(dest);
  if (samePath(target, source.file))
    fail('invalid_argument', '备份文件不能是正在使用的中心文件本身，请另选位置或文件名', { field: 'dest' });
  const partial = `${target}.part`;
  fs.rmSync(partial, { force: true });
  try {
    await source.db.backup(partial);
    fs.renameSync(partial, target);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
  return { file: target, bytes: fs.statSync(target).size };
}

function samePath(a: string, b: string): boolean {
  const real = (p: string) => {
    try {
      return fs.realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  const [x, y] = [real(a), real(b)];
  return process.platform === 'win32' || process.platform === 'darwin'
    ? x.toLowerCase() === y.toLowerCase()
    : x === y;
}

function describe(error: unknown, request: CoreRequest): CoreError {
  if (error instanceof LedgerError) {
    const json = error.toJSON();
    return { ...json, rows: json.rows ?? [] };
  }
  if (request.kind === 'open' && (error as { code?: unknown } | null)?.code === 'SQLITE_NOTADB') {
    const message = `文件 ${request.file} 不是居财账簿的中心文件（不是 SQLite 数据库）；文件未作任何改动。`;
    return { code: 'database_foreign', message, rows: [] };
  }
  console.error(`[居财账簿 core] ${request.kind ?? 'call'} 出现意外错误：`, error);
  const detail = error instanceof Error ? error.message : String(error);
  const message =
    request.kind === 'open'
      ? `无法打开中心文件 ${request.file}：${detail}`
      : request.kind === 'backup'
        ? `备份没有完成：${detail}`
        : '程序内部错误，操作未完成；请查看日志或联系技术支持';
  return { code: 'internal', message, rows: [] };
}
