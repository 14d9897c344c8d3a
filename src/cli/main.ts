import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { LedgerError } from '../errors.js';
import { addAccountCommands } from './commands/accounts.js';
import { addGrantCommands } from './commands/grants.js';
import { addDisclosureCommands } from './commands/disclosure.js';
import { addReconcileCommands } from './commands/reconcile.js';
import { addCatalogueReports, addReportCommands } from './commands/reports.js';
import { addSetupCommands } from './commands/setup.js';
import { addVoucherCommands } from './commands/vouchers.js';
import { displayWidth, pad } from './format.js';
import { defaultCentreFile } from './paths.js';
import { Runtime } from './runtime.js';

/** Exit codes: 0 done, 1 the ledger refused (LedgerError) or failed, 2 the command line was wrong. */
export const exitCodes = { ok: 0, refused: 1, usage: 2 } as const;

/** The version in package.json, found from both src/cli and dist/src/cli. */
function packageVersion(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++, dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'jucai-ledger') return pkg.version ?? '0.0.0';
    }
  }
  return '0.0.0';
}

export function buildProgram(runtime: Runtime): Command {
  // Settings made before the first .command() are inherited by every sub-command.
  const program = new Command('jucai')
    .description(
      '居财账簿命令行：居财街(镇)管代理中心为各社区记账 / JuCai Ledger: bookkeeping for community agency centres',
    )
    .version(packageVersion(), '-V, --version', '显示版本 / show the version')
    .helpOption('-h, --help', '显示帮助 / show help')
    .helpCommand('help [command]', '显示命令的帮助 / show help for a command')
    .option(
      '--db <path>',
      `账套文件；默认取环境变量 JUCAI_DB，否则 ${defaultCentreFile()} / centre file (else $JUCAI_DB, else the default)`,
    )
    .option('--as <name>', '操作员姓名，修改数据时必填 / operator name, required for every change')
    .option('--json', '输出原始 JSON 结果 / print the raw JSON result')
    .showHelpAfterError('（用 --help 查看用法 / use --help for usage）')
    .exitOverride();
  addSetupCommands(program, runtime);
  addAccountCommands(program, runtime);
  addVoucherCommands(program, runtime);
  addReportCommands(program, runtime);
  addGrantCommands(program, runtime);
  addDisclosureCommands(program, runtime);
  addReconcileCommands(program, runtime);
  // Last: the catalogue fills in `report <name>` for every report without a command of its own.
  addCatalogueReports(program, runtime);
  return program;
}

/** '第 3 行借方金额：…' repeats the row and column the table already shows. */
function rowReason(row: { row: number; column: string; message: string }): string {
  const prefix = `第 ${row.row} 行${row.column}：`;
  return row.message.startsWith(prefix) ? row.message.slice(prefix.length) : row.message;
}

function ledgerErrorText(error: LedgerError): string {
  const rows = error.rows.map((r) => [`第${r.row}行`, r.column, rowReason(r)] as const);
  const widths = [0, 1].map((i) => Math.max(0, ...rows.map((r) => displayWidth(r[i]!))));
  // A voucher's message joins its row messages; the table below says it better, one per line.
  const joined = error.rows.length > 0 && error.message === error.rows.map((r) => r.message).join('；');
  return [
    `错误：${joined ? `有 ${error.rows.length} 处错误，未作任何修改 / ${error.rows.length} problems, nothing changed` : error.message}`,
    ...rows.map(([row, column, reason]) => `${pad(row, widths[0]!)}  ${pad(column, widths[1]!)}  ${reason}`),
  ].join('\n');
}

function exitCodeOf(error: CommanderError): number {
  if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return exitCodes.ok;
  if (error.code === 'commander.help') return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
  return exitCodes.usage;
}

/** Runs one command line and returns the exit code; the centre file is closed before returning. */
export async function main(
  argv: string[] = process.argv,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  // `jucai … | head` closes the pipe early; that is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
  const runtime = new Runtime(env);
  const json = argv.slice(2).includes('--json');
  try {
    await buildProgram(runtime).parseAsync(argv);
    return exitCodes.ok;
  } catch (error) {
    if (error instanceof CommanderError) return exitCodeOf(error); // commander has printed the message
    if (error instanceof LedgerError) {
      if (json) process.stdout.write(`${JSON.stringify({ error: error.toJSON() }, null, 2)}\n`);
      process.stderr.write(`${ledgerErrorText(error)}\n`);
      return exitCodes.refused;
    }
    // Anything else is a bug: show everything needed to report it.
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`错误：程序内部错误，请把以下信息报告给开发者 / internal error\n${detail}\n`);
    return exitCodes.refused;
  } finally {
    runtime.close();
  }
}
