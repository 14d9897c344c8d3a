import fs from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { callApi } from '../api/call.js';
import type { ApiInput, ApiOutput, MethodName } from '../api/contract.js';
import { LedgerError } from '../errors.js';
import { Centre } from '../ledger/centre.js';
import { resolveCentreFile } from './paths.js';

/** The options every command accepts, wherever they appear on the command line. */
export interface GlobalOptions {
  db?: string;
  as?: string;
  json?: boolean;
}

export function globals(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

/**
 * What a command needs while it runs: the centre file, opened at most once per process and closed by
 * `main` before exit (so the WAL is checkpointed), and `callApi` with the operator from --as. The
 * command line reaches the core only through `callApi`, like the HTTP bridge and Electron.
 */
export class Runtime {
  private centre: Centre | undefined;
  private memory: Centre | undefined;
  /** Set when this run created the centre file. */
  created = false;

  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  file(command: Command): string {
    return resolveCentreFile(globals(command).db, this.env);
  }

  /**
   * Opens the centre file. Only `init` may create one: a mistyped --db elsewhere would otherwise
   * silently start an empty centre.
   */
  open(command: Command, options: { create?: boolean } = {}): Centre {
    if (this.centre) return this.centre;
    const file = this.file(command);
    const exists = fs.existsSync(file);
    if (!exists && !options.create) {
      throw new LedgerError(
        'not_found',
        `账套文件 ${file} 不存在，请先运行 jucai init（或用 --db 指定已有的文件）/ centre file not found, run "jucai init" first`,
        { field: 'db' },
      );
    }
    this.centre = new Centre(file);
    this.created = !exists;
    return this.centre;
  }

  /** Calls the API on the centre file, as the operator named by --as. */
  call<M extends MethodName>(command: Command, method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
    return callApi(this.open(command), method, input, { operator: globals(command).as });
  }

  /** Calls a method that needs no centre data (人民币大写) on an in-memory centre, so no file is touched. */
  callDetached<M extends MethodName>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
    this.memory ??= new Centre(':memory:');
    return callApi(this.memory, method, input);
  }

  close(): void {
    this.centre?.close();
    this.memory?.close();
    this.centre = undefined;
    this.memory = undefined;
  }
}

/** Prints the result as JSON under --json, otherwise the human text. */
export function emit(command: Command, result: unknown, render: () => string): void {
  const text = globals(command).json ? JSON.stringify(result, null, 2) : render();
  if (text) process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

export function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** A usage mistake the option parser cannot see (two options that exclude each other...): exit code 2. */
export function usage(command: Command, message: string): never {
  return command.error(`用法错误：${message}`, { exitCode: 2, code: 'jucai.usage' });
}

/** Option parsers: they reject bad text before anything runs, as usage errors. */
export function integer(min: number) {
  return (text: string): number => {
    if (!/^\d+$/.test(text.trim()) || Number(text) < min)
      throw new InvalidArgumentError(`应为不小于 ${min} 的整数 / must be an integer ≥ ${min}`);
    return Number(text);
  };
}

export function periodText(text: string): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(text.trim()))
    throw new InvalidArgumentError('应为 YYYY-MM，例如 2025-03 / must be YYYY-MM');
  return text.trim();
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** A voucher is named by its id or as accountants write it: '2025-03 记-3'. */
export function voucherRef(text: string): number | string {
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : text.trim();
}
