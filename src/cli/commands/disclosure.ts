import path from 'node:path';
import { Command, Option } from 'commander';
import { dueStatusLabels } from '../../disclosure/due.js';
import { LedgerError, type ErrorCode } from '../../errors.js';
import { renderTable } from '../format.js';
import { emit, integer, type Runtime } from '../runtime.js';
import { isFileFormat, modelCsv, modelTable, output, requireOut, writeReportFile } from './reports.js';

/** '1001 现金 2025-02-10 日终余额 -500.00': a cash or bank account below zero on some day. */
const deficitLine = (d: { account: string; name: string; date: string; balance: string }) =>
  `${d.account} ${d.name} ${d.date} 日终余额 ${d.balance}`;

/**
 * `jucai disclosure`: the 居务公开 sheets — show or write a period's sheets A/B/C, list what is due,
 * publish (an immutable version), and the batch for the whole centre.
 */
export function addDisclosureCommands(program: Command, runtime: Runtime): void {
  const disclosure = program
    .command('disclosure')
    .description('居务公开财务收支表（表A 收支情况、表B 收支明细、表C 专项资金）/ disclosure sheets');
  // `jucai disclosure --book B --period P` shows the sheets: `show` is the default subcommand.
  disclosure
    .command('show', { isDefault: true })
    .description('显示或导出一期的公开表 / show or write a period’s sheets')
    .requiredOption('--book <book>', '账套 / book')
    .requiredOption(
      '--period <period>',
      '期间：月 2025-03、季度 2025-Q1 或年度 2025 / month, quarter or year',
    )
    .addOption(
      new Option('--sheet <sheet>', '哪张表 / which sheet').choices(['A', 'B', 'C', 'all']).default('all'),
    )
    .option('--version <n>', '已公开的第几版（默认按当前账簿）/ a published version', integer(1))
    .addOption(
      new Option('--format <format>', '输出格式（xlsx、pdf 须配 --out）/ output format')
        .choices(['table', 'json', 'csv', 'xlsx', 'pdf'])
        .default('table'),
    )
    .option('--out <file>', '写入文件 / write to a file')
    .action(
      async (
        options: {
          book: string;
          period: string;
          sheet: 'A' | 'B' | 'C' | 'all';
          version?: number;
          format: string;
          out?: string;
        },
        command: Command,
      ) => {
        const view = await runtime.call(command, 'disclosure.sheets', {
          book: options.book,
          period: options.period,
          sheet: options.sheet,
          version: options.version,
        });
        const format = options.format;
        if (isFileFormat(command, format)) {
          requireOut(command, format, options.out);
          return writeReportFile(view.sheets, format, options.out!);
        }
        const text = format === 'csv' ? 'csv' : format === 'json' ? 'json' : 'table';
        output(command, { format: text, out: options.out }, view, () => {
          if (text === 'csv') return view.sheets.map(modelCsv).join('\n');
          const check = view.check;
          const status = [
            `期初 ${check.opening} + 收入 ${check.receipts} − 支出 ${check.payments} = 期末 ${check.closing}；账簿货币资金 ${check.booksClosing}${check.balanced ? '，相符' : '，不符！'}`,
            check.unposted > 0 ? `本期有 ${check.unposted} 张凭证未记账` : '',
            ...check.deficits.map((d) => `货币资金低于零：${deficitLine(d)}，不能公开`),
            view.publications.length > 0
              ? `已公开 ${view.publications.length} 版；${view.changes && view.changes.length > 0 ? `之后账簿有 ${view.changes.length} 处变动` : '账簿未变动'}`
              : '尚未公开',
          ].filter(Boolean);
          return [...view.sheets.map(modelTable), '', ...status].join('\n\n');
        });
      },
    );

  disclosure
    .command('due')
    .description('应公开的表（各社区、各期间）/ sheets due')
    .option('--as-of <date>', '以此日期计（默认今天）/ as of this date')
    .option('--book <book>', '只看此账套 / one book')
    .option('--all', '也列出已公开的 / include published ones')
    .action(async (options: { asOf?: string; book?: string; all?: boolean }, command: Command) => {
      const due = await runtime.call(command, 'disclosure.due', options);
      emit(command, due, () =>
        due.length === 0
          ? '没有应公开的表 / nothing due'
          : renderTable(
              [
                { header: '社区' },
                { header: '期间' },
                { header: '频率' },
                { header: '公开日' },
                { header: '状态' },
                { header: '版本', align: 'right' },
                { header: '说明' },
              ],
              due.map((d) => [
                d.book,
                d.label,
                d.frequency === 'monthly' ? '按月' : '按季',
                d.dueOn,
                dueStatusLabels[d.status] +
                  (d.lateDays ? `，逾期公开 ${d.lateDays} 天（${d.publishedOn} 公开）` : ''),
                String(d.versions),
                [
                  d.balanced === false ? '结余与账簿不符' : '',
                  d.unposted > 0 ? `${d.unposted}张未记账` : '',
                  ...d.deficits.map((x) => `低于零：${deficitLine(x)}`),
                ]
                  .filter(Boolean)
                  .join('；'),
              ]),
            ),
      );
    });

  disclosure
    .command('publish')
    .description('公开：保存公开表的不可更改副本 / publish (keeps an immutable copy)')
    .requiredOption('--book <book>', '账套 / book')
    .requiredOption('--period <period>', '期间 / period')
    .requiredOption('--reviewer <name>', '审核人（代理中心）/ reviewer at the centre')
    .requiredOption('--community-head <name>', '社区负责人 / community head')
    .requiredOption('--oversight-signer <name>', '议事和监督委员会签名人 / oversight committee signer')
    .option('--opinion <text>', '议事和监督委员会意见（默认“同意公开”）/ the committee’s opinion')
    .option('--date <date>', '公开日期（默认今天）/ publication date')
    .option('--reason <text>', '补录原因：公开日期早于今天时必填 / why an earlier date is entered now')
    .option('--days <n>', '公开期限天数（至少 15）/ days on the board (≥ 15)', integer(1))
    .action(
      async (
        options: {
          book: string;
          period: string;
          reviewer: string;
          communityHead: string;
          oversightSigner: string;
          opinion?: string;
          date?: string;
          reason?: string;
          days?: number;
        },
        command: Command,
      ) => {
        const p = await runtime.call(command, 'disclosure.publish', {
          book: options.book,
          period: options.period,
          reviewer: options.reviewer,
          communityHead: options.communityHead,
          oversightSigner: options.oversightSigner,
          oversightOpinion: options.opinion,
          publishedOn: options.date,
          backdateReason: options.reason,
          displayDays: options.days,
        });
        emit(command, p, () =>
          [
            `已公开 ${p.book} ${p.period} 第 ${p.version} 版，公开日期 ${p.publishedOn}，公开 ${p.displayDays} 天` +
              (p.backdated ? `；${p.recordedOn} 补录（原因：${p.backdateReason}）` : ''),
            ...p.changes.map((c) => `  变动：${c.what}  ${c.before || '（无）'} → ${c.after || '（无）'}`),
          ].join('\n'),
        );
      },
    );

  disclosure
    .command('batch')
    .description('批量：各社区一个 .xlsx，另合并一个 PDF / every community’s sheets at once')
    .requiredOption('--period <period>', '期间 / period')
    .option('--out <dir>', '输出文件夹（默认账套文件旁的“居务公开/期间”）/ output folder')
    .action(async (options: { period: string; out?: string }, command: Command) => {
      const { job } = await runtime.call(command, 'disclosure.batch', {
        period: options.period,
        outDir: options.out ? path.resolve(options.out) : undefined,
      });
      let printed = 0;
      for (;;) {
        const status = await runtime.call(command, 'disclosure.batchStatus', { job });
        for (const step of status.steps.slice(printed)) {
          if (step.current) process.stderr.write(`[${step.done}/${step.total}] ${step.current}\n`);
        }
        printed = status.steps.length;
        if (status.error) throw new LedgerError(status.error.code as ErrorCode, status.error.message);
        if (status.result) {
          const result = status.result;
          emit(command, result, () =>
            [
              ...result.files.map(
                (f) =>
                  `${f.community}：${f.file}（${f.sheets} 张表）${f.warnings.map((w) => `\n  ${w}`).join('')}`,
              ),
              `合并 PDF：${result.pdf}`,
            ].join('\n'),
          );
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });

  const rules = disclosure.command('items').description('收支项目的默认对应科目 / default items by account');
  rules
    .command('list')
    .requiredOption('--book <book>', '账套 / book')
    .action(async (options: { book: string }, command: Command) => {
      const list = await runtime.call(command, 'disclosure.rules', options);
      emit(command, list, () =>
        renderTable(
          [{ header: '方向' }, { header: '科目（前缀）' }, { header: '收支项目' }, { header: '来源' }],
          list.map((r) => [
            r.direction === 'receipt' ? '收入' : '支出',
            r.account || '（其他）',
            r.item,
            r.source === 'book' ? '本账套' : '科目模板',
          ]),
        ),
      );
    });
  rules
    .command('set')
    .requiredOption('--book <book>', '账套 / book')
    .addOption(
      new Option('--direction <d>', '收入 receipt / 支出 payment')
        .choices(['receipt', 'payment'])
        .makeOptionMandatory(),
    )
    .requiredOption('--account <code>', '科目编码（前缀）/ account code prefix')
    .option('--item <name>', '收支项目；不填则删除本账套的规则 / item; omit to remove the book’s rule')
    .action(
      async (
        options: { book: string; direction: 'receipt' | 'payment'; account: string; item?: string },
        command: Command,
      ) => {
        const list = await runtime.call(command, 'disclosure.setRule', {
          ...options,
          item: options.item ?? null,
        });
        emit(command, list, () => `已设置 / set: ${options.account} → ${options.item ?? '（模板默认）'}`);
      },
    );
}
