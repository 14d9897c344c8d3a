import { Command, Option } from 'commander';
import type { ApiOutput } from '../../api/contract.js';
import { renderTable } from '../format.js';
import { emit, integer, print, usage, type Runtime } from '../runtime.js';
import { isFileFormat, modelCsv, modelTable, output, requireOut, writeReportFile } from './reports.js';

/**
 * `jucai reconcile`: 区财政拨款 and 银行对账单 — import (with a column mapping, confirmed community names
 * and decisions on look-alike lines), automatic and manual matching, and the 对账单 / 汇总表 / 余额调节表.
 */

/** Repeated `--map amount=拨付金额（元）` style options → a record. */
function pairs(
  command: Command,
  values: string[] | undefined,
  what: string,
): Record<string, string> | undefined {
  if (!values || values.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const v of values) {
    const at = v.indexOf('=');
    if (at <= 0)
      usage(
        command,
        `${what}应写成 名=值，例如 ${what === '--map' ? 'amount=拨付金额' : '南塘杜区=南塘社区'}`,
      );
    out[v.slice(0, at).trim()] = v.slice(at + 1).trim();
  }
  return out;
}
const collect = (value: string, previous: string[] = []) => [...previous, value];

type Report = ApiOutput<'reconcile.report'>;

async function writeReport(command: Command, result: Report, options: { format: string; out?: string }) {
  if (isFileFormat(command, options.format)) {
    requireOut(command, options.format, options.out);
    return writeReportFile(result.model, options.format, options.out!);
  }
  const text = options.format === 'csv' ? 'csv' : options.format === 'json' ? 'json' : 'table';
  output(command, { format: text, out: options.out }, result.model, () =>
    text === 'csv' ? modelCsv(result.model) : modelTable(result.model),
  );
}

const formatOption = () =>
  new Option('--format <format>', '输出格式（xlsx、pdf 须配 --out）/ output format')
    .choices(['table', 'json', 'csv', 'xlsx', 'pdf'])
    .default('table');

function importSummary(result: {
  imported: number;
  skipped: number | Array<{ row: number; why: string }>;
}): string {
  const skipped = typeof result.skipped === 'number' ? result.skipped : result.skipped.length;
  const lines = [`已导入 ${result.imported} 行${skipped ? `，跳过 ${skipped} 行` : ''}`];
  if (typeof result.skipped !== 'number')
    for (const s of result.skipped) lines.push(`  第 ${s.row} 行：${s.why}`);
  return lines.join('\n');
}

export function addReconcileCommands(program: Command, runtime: Runtime): void {
  const reconcile = program.command('reconcile').description('对账：区财政拨款、银行对账单 / reconciliation');

  const allocations = reconcile.command('allocations').description('区财政拨款对账 / district allocations');
  allocations
    .command('import')
    .description('导入拨款对账单 / import a district allocation statement')
    .requiredOption('--file <file>', '对账单文件（.xlsx、.csv）/ statement file')
    .requiredOption('--source <name>', '来源，如 鹿城区财政局（列对应关系按来源保存）/ source')
    .option(
      '--map <field=header>',
      '列对应：date、community、fund、document、project、amount / column mapping',
      collect,
    )
    .option(
      '--alias <name=community>',
      '确认对账单上的社区名对应本中心的社区 / confirm a community name',
      collect,
    )
    .option(
      '--dup <row=new|skip>',
      '疑似重复的行：new 另一笔 / skip 同一笔 / decide a look-alike row',
      collect,
    )
    .option('--preview', '只预览，不导入 / preview only')
    .action(
      async (
        options: {
          file: string;
          source: string;
          map?: string[];
          alias?: string[];
          dup?: string[];
          preview?: boolean;
        },
        command: Command,
      ) => {
        const columns = pairs(command, options.map, '--map');
        if (options.preview) {
          const p = await runtime.call(command, 'reconcile.allocations.preview', {
            file: options.file,
            source: options.source,
            columns,
          });
          emit(command, p, () =>
            [
              `${p.fileName}：${p.count} 行；列对应（${{ given: '本次指定', saved: '已保存', guessed: '自动识别' }[p.mappingFrom]}）：` +
                p.fields.map((f) => `${f.label}=${p.columns[f.field] ?? '（未指定）'}`).join('，'),
              ...(p.problem ? [`问题：${p.problem.message}`] : []),
              ...p.unknown.map(
                (u) =>
                  `未知社区“${u.name}”（第 ${u.rows.join('、')} 行）${u.suggestions.length ? `，是否为：${u.suggestions.join('、')}` : ''}`,
              ),
              ...p.duplicates.map((d) => `第 ${d.row} 行疑似与 ${d.existing} 重复`),
            ].join('\n'),
          );
          return;
        }
        const result = await runtime.call(command, 'reconcile.allocations.import', {
          file: options.file,
          source: options.source,
          columns,
          aliases: pairs(command, options.alias, '--alias'),
          duplicates: pairs(command, options.dup, '--dup') as Record<string, 'new' | 'skip'> | undefined,
        });
        emit(command, result, () => importSummary(result));
      },
    );
  allocations
    .command('match')
    .description('自动勾对；或指定 --allocation 与 --voucher 手工勾对 / match automatically, or by hand')
    .option('--community <name>', '只勾对此社区 / one community')
    .option('--allocation <id>', '拨款编号（可多次）/ allocation id', (v, p: number[] = []) => [
      ...p,
      integer(1)(v),
    ])
    .option('--voucher <id>', '凭证编号（可多次）/ voucher id', (v, p: number[] = []) => [
      ...p,
      integer(1)(v),
    ])
    .option('--note <text>', '手工勾对的说明 / note')
    .action(
      async (
        options: { community?: string; allocation?: number[]; voucher?: number[]; note?: string },
        command: Command,
      ) => {
        if (options.allocation || options.voucher) {
          const result = await runtime.call(command, 'reconcile.allocations.match', {
            allocations: options.allocation ?? [],
            vouchers: options.voucher ?? [],
            note: options.note,
          });
          emit(command, result, () => `已勾对（编号 ${result.id}）：${result.reason}`);
          return;
        }
        const made = await runtime.call(command, 'reconcile.allocations.autoMatch', {
          community: options.community,
        });
        emit(command, made, () =>
          made.length === 0
            ? '没有可自动勾对的项目'
            : renderTable(
                [
                  { header: '编号', align: 'right' },
                  { header: '社区' },
                  { header: '凭证' },
                  { header: '依据' },
                ],
                made.map((m) => [String(m.id), m.community, m.vouchers.join('、'), m.reason]),
              ),
        );
      },
    );
  allocations
    .command('unmatch')
    .requiredOption('--match <id>', '勾对编号 / match id', integer(1))
    .action(async (options: { match: number }, command: Command) => {
      await runtime.call(command, 'reconcile.unmatch', { kind: 'allocation', match: options.match });
      emit(command, { unmatched: options.match }, () => `已取消勾对 ${options.match}`);
    });
  allocations
    .command('exceptions')
    .description('未勾对的项目及可能原因 / unmatched items with reasons')
    .option('--community <name>', '社区 / community')
    .option('--as-of <date>', '以此日期判断在途 / as of this date')
    .action(async (options: { community?: string; asOf?: string }, command: Command) => {
      const e = await runtime.call(command, 'reconcile.allocations.exceptions', options);
      emit(command, e, () =>
        renderTable(
          [
            { header: '方' },
            { header: '社区' },
            { header: '日期' },
            { header: '文号/凭证' },
            { header: '资金性质' },
            { header: '金额', align: 'right' },
            { header: '原因' },
          ],
          [
            ...e.allocations.map((a) => [
              '财政',
              a.community,
              a.date,
              a.document,
              a.fundLabel,
              a.amount,
              a.reason,
            ]),
            ...e.receipts.map((r) => [
              '账上',
              r.community,
              r.date,
              r.voucher,
              r.fundLabel,
              r.amount,
              r.reason,
            ]),
          ],
        ),
      );
    });
  allocations
    .command('report')
    .description('财政拨款对账单 / allocation statement for a community')
    .requiredOption('--community <name>', '社区 / community')
    .requiredOption('--from <period>', '起始月份 YYYY-MM')
    .requiredOption('--to <period>', '截止月份 YYYY-MM')
    .addOption(formatOption())
    .option('--out <file>', '写入文件 / write to a file')
    .action(
      async (
        options: { community: string; from: string; to: string; format: string; out?: string },
        command: Command,
      ) => {
        const result = await runtime.call(command, 'reconcile.report', {
          report: 'statement',
          community: options.community,
          from: options.from,
          to: options.to,
        });
        await writeReport(command, result, options);
      },
    );

  reconcile
    .command('rollup')
    .description('社区经费拨付对账汇总表（应拨、实拨、入账）/ centre roll-up')
    .requiredOption('--year <year>', '年度 / year', integer(2000))
    .addOption(formatOption())
    .option('--out <file>', '写入文件 / write to a file')
    .action(async (options: { year: number; format: string; out?: string }, command: Command) => {
      const result = await runtime.call(command, 'reconcile.report', {
        report: 'rollup',
        year: options.year,
      });
      await writeReport(command, result, options);
    });

  const aliases = reconcile
    .command('aliases')
    .description('对账单上的社区别名 / community names on statements');
  aliases.command('list').action(async (_options, command: Command) => {
    const list = await runtime.call(command, 'reconcile.aliases', {});
    emit(command, list, () =>
      list.length === 0
        ? '没有别名'
        : renderTable(
            [{ header: '对账单上的名称' }, { header: '社区' }],
            list.map((a) => [a.alias, a.community]),
          ),
    );
  });
  aliases
    .command('remove')
    .argument('<alias>', '别名 / alias')
    .action(async (alias: string, _options, command: Command) => {
      const result = await runtime.call(command, 'reconcile.removeAlias', { alias });
      emit(command, result, () => `已删除别名 ${result.removed}`);
    });

  const bank = reconcile.command('bank').description('银行对账 / bank statements');
  bank
    .command('import')
    .description('导入银行对账单（重叠的对账单每笔只导入一次）/ import a bank statement')
    .requiredOption('--account <number>', '专户账号 / account number')
    .requiredOption('--file <file>', '对账单文件 / statement file')
    .option(
      '--map <field=header>',
      '列对应：date、reference、summary、counterparty、income、expense、amount、balance',
      collect,
    )
    .option('--dup <row=new|skip>', '疑似重复的行：new 另一笔 / skip 同一笔', collect)
    .option('--preview', '只预览，不导入 / preview only')
    .action(
      async (
        options: { account: string; file: string; map?: string[]; dup?: string[]; preview?: boolean },
        command: Command,
      ) => {
        const columns = pairs(command, options.map, '--map');
        if (options.preview) {
          const p = await runtime.call(command, 'reconcile.bank.preview', {
            file: options.file,
            account: options.account,
            columns,
          });
          emit(command, p, () =>
            [
              `${p.fileName}：${p.count} 行`,
              ...p.same.map((x) => `第 ${x.row} 行与 ${x.existing} 为同一笔，将跳过`),
              ...p.suspect.map(
                (x) => `第 ${x.row} 行：${x.why}（${x.existing}），须用 --dup ${x.row}=new 或 =skip 决定`,
              ),
            ].join('\n'),
          );
          return;
        }
        const result = await runtime.call(command, 'reconcile.bank.import', {
          account: options.account,
          file: options.file,
          columns,
          duplicates: pairs(command, options.dup, '--dup') as Record<string, 'new' | 'skip'> | undefined,
        });
        emit(command, result, () => importSummary(result));
      },
    );
  bank
    .command('match')
    .description('自动勾对银行流水与银行存款日记账 / match bank lines automatically')
    .requiredOption('--account <number>', '专户账号 / account number')
    .action(async (options: { account: string }, command: Command) => {
      const made = await runtime.call(command, 'reconcile.bank.autoMatch', options);
      emit(
        command,
        made,
        () => `已自动勾对 ${made.length} 笔\n${made.map((m) => `  ${m.voucher}：${m.reason}`).join('\n')}`,
      );
    });
  bank
    .command('pair')
    .description(
      '手工勾对银行流水与日记账分录（金额须相等）；不指定 --bank-line 时为账内对冲（分录合计为零）/ match by hand',
    )
    .requiredOption('--account <number>', '专户账号 / account number')
    .option('--bank-line <id>', '银行流水编号（可多次）/ bank line id', (v, p: number[] = []) => [
      ...p,
      integer(1)(v),
    ])
    .requiredOption('--entry <voucherId:lineNo>', '凭证编号:分录行号（可多次）/ voucher id:line', collect)
    .option('--note <text>', '说明 / note')
    .action(
      async (
        options: { account: string; bankLine?: number[]; entry: string[]; note?: string },
        command: Command,
      ) => {
        const bookLines = options.entry.map((e) => {
          const m = /^(\d+):(\d+)$/.exec(e.trim());
          if (!m) usage(command, `--entry 应写成 凭证编号:行号，例如 345:2（收到“${e}”）`);
          return { voucherId: Number(m[1]), lineNo: Number(m[2]) };
        });
        const result = await runtime.call(command, 'reconcile.bank.match', {
          account: options.account,
          bankLines: options.bankLine ?? [],
          bookLines,
          note: options.note,
        });
        emit(command, result, () => `已勾对（编号 ${result.id}）：${result.reason}`);
      },
    );
  bank
    .command('unmatch')
    .requiredOption('--match <id>', '勾对编号 / match id', integer(1))
    .action(async (options: { match: number }, command: Command) => {
      await runtime.call(command, 'reconcile.unmatch', { kind: 'bank', match: options.match });
      emit(command, { unmatched: options.match }, () => `已取消勾对 ${options.match}`);
    });
  bank
    .command('report')
    .description('银行存款余额调节表 / bank reconciliation statement for a month')
    .requiredOption('--account <number>', '专户账号 / account number')
    .requiredOption('--period <period>', '月份 YYYY-MM')
    .option(
      '--save',
      '保存本月调节表（须平衡；月末结账后也可；未签字时覆盖最新版本，已签字则编制新版本）/ save the month',
    )
    // Not --version: that is the program's own flag.
    .option('--saved-version <n>', '打印已保存的第 n 版 / print saved version n', integer(1))
    .addOption(formatOption())
    .option('--out <file>', '写入文件 / write to a file')
    .action(
      async (
        options: {
          account: string;
          period: string;
          save?: boolean;
          savedVersion?: number;
          format: string;
          out?: string;
        },
        command: Command,
      ) => {
        if (options.save) {
          const saved = await runtime.call(command, 'reconcile.bank.save', {
            account: options.account,
            period: options.period,
          });
          // The statement follows on stdout; as a file or a table, say first which version was saved.
          if (options.out || options.format === 'table')
            print(`已保存 ${options.period} 余额调节表第 ${saved.version} 版`);
        }
        const result = await runtime.call(command, 'reconcile.report', {
          report: 'bank',
          account: options.account,
          to: options.period,
          version: options.savedVersion,
        });
        await writeReport(command, result, options);
      },
    );
  bank
    .command('sign')
    .description('审核（签字）本月最新保存的调节表：须由编制人以外的审核人或主管 / sign the saved statement')
    .requiredOption('--account <number>', '专户账号 / account number')
    .requiredOption('--period <period>', '月份 YYYY-MM')
    .action(async (options: { account: string; period: string }, command: Command) => {
      const result = await runtime.call(command, 'reconcile.bank.sign', options);
      emit(
        command,
        result,
        () => `${result.signedBy} 已审核签字：${result.period} 余额调节表第 ${result.version} 版（此后只读）`,
      );
    });
  bank
    .command('versions')
    .description('本月已保存的调节表各版本 / saved versions of the month')
    .requiredOption('--account <number>', '专户账号 / account number')
    .requiredOption('--period <period>', '月份 YYYY-MM')
    .action(async (options: { account: string; period: string }, command: Command) => {
      const r = await runtime.call(command, 'reconcile.bank.reconciliation', options);
      emit(command, r.versions, () =>
        r.versions.length === 0
          ? `${options.period} 的余额调节表尚未保存`
          : renderTable(
              [
                { header: '版本', align: 'right' },
                { header: '编制人' },
                { header: '保存时间' },
                { header: '审核人' },
                { header: '签字时间' },
              ],
              r.versions.map((v) => [
                String(v.version),
                v.preparedBy,
                v.savedAt,
                v.signedBy ?? '（未签字）',
                v.signedAt ?? '',
              ]),
            ) + (r.changed ? '\n最新版本保存后勾对或账簿已有变化，需要重新保存' : ''),
      );
    });
}
