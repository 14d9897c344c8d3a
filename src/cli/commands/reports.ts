import fs from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import type { ApiOutput } from '../../api/contract.js';
import { localTime, money, renderTable, toCsv } from '../format.js';
import { renderPdf } from '../../reports/render-pdf.js';
import { renderXlsx } from '../../reports/render-xlsx.js';
import { listReports, type ReportOption, type ReportParams } from '../../reports/catalogue.js';
import type { ReportModel } from '../../reports/model.js';
import { trialBalanceModel } from '../../reports/trial-balance-model.js';
import { emit, globals, integer, print, usage, type Runtime } from '../runtime.js';

type Format = 'table' | 'json' | 'csv';
/** Reports also print to a file as .xlsx or PDF, drawn from their report model. */
type TrialBalanceFormat = Format | 'xlsx' | 'pdf';
type FileFormat = 'xlsx' | 'pdf';

/** True for a file output (--json still wins and prints JSON). */
export function isFileFormat(command: Command, format: string): format is FileFormat {
  return !globals(command).json && (format === 'xlsx' || format === 'pdf');
}

export function requireOut(command: Command, format: string, out: string | undefined): void {
  if (!out) usage(command, `--format ${format} 须同时指定 --out FILE / --format ${format} needs --out FILE`);
}

/** Renders a report model to .xlsx or PDF and writes it to `out`. */
export async function writeReportFile(
  model: ReportModel | ReportModel[],
  format: FileFormat,
  out: string,
): Promise<void> {
  fs.writeFileSync(out, format === 'xlsx' ? await renderXlsx(model) : await renderPdf(model));
  process.stderr.write(`已写入 / written: ${path.resolve(out)}\n`);
}

/** A report model as CSV: the header (with its group, 期初余额借方) and every row's cells. */
export function modelCsv(model: ReportModel): string {
  return toCsv(
    model.columns.map((c) => `${c.group ?? ''}${c.header}`),
    model.rows.map((row) => model.columns.map((c) => row.cells[c.key] ?? '')),
  );
}
type TrialBalance = ApiOutput<'report.trialBalance'>;
type AccountLedger = ApiOutput<'report.accountLedger'>;

const amountColumns = [
  'openingDebit',
  'openingCredit',
  'debit',
  'credit',
  'yearDebit',
  'yearCredit',
  'closingDebit',
  'closingCredit',
] as const;
const trialBalanceHeaders = [
  '期初借方',
  '期初贷方',
  '本期借方',
  '本期贷方',
  '累计借方',
  '累计贷方',
  '期末借方',
  '期末贷方',
];

function trialBalanceTable(report: TrialBalance): string {
  const table = renderTable(
    [
      { header: '科目编码' },
      { header: '科目名称' },
      ...trialBalanceHeaders.map((header) => ({ header, align: 'right' as const })),
    ],
    [
      ...report.rows.map((r) => [
        r.code,
        `${'  '.repeat(r.level - 1)}${r.name}`,
        ...amountColumns.map((key) => money(r[key], { blankZero: true })),
      ]),
      null,
      ['', '合计', ...amountColumns.map((key) => money(report.total[key]))],
    ],
  );
  return [
    `${report.title}  ${report.book}  ${report.period}${report.includeUnposted ? '（含未记账凭证）' : ''}`,
    '',
    table,
    report.balanced ? '借贷平衡 / balanced' : '借贷不平！/ NOT balanced',
  ].join('\n');
}

function trialBalanceCsv(report: TrialBalance): string {
  return toCsv(
    ['科目编码', '科目名称', ...trialBalanceHeaders],
    [
      ...report.rows.map((r) => [r.code, r.fullName, ...amountColumns.map((key) => r[key])]),
      ['', '合计', ...amountColumns.map((key) => report.total[key])],
    ],
  );
}

/** Rows of a parent account's ledger name the leaf account of each line, with its name. */
function leafLabel(names: Map<string, string>, code: string | undefined): string {
  return code ? `${code} ${names.get(code) ?? ''}`.trim() : '';
}

function ledgerTable(report: AccountLedger, names: Map<string, string>): string {
  const byLeaf = report.rows.some((r) => r.accountCode);
  const table = renderTable(
    [
      { header: '日期' },
      { header: '凭证号' },
      { header: '摘要' },
      ...(byLeaf ? [{ header: '科目' }] : []),
      { header: '借方', align: 'right' as const },
      { header: '贷方', align: 'right' as const },
      { header: '方向' },
      { header: '余额', align: 'right' as const },
    ],
    report.rows.map((r) => [
      r.date,
      r.voucher,
      r.summary,
      ...(byLeaf ? [leafLabel(names, r.accountCode)] : []),
      money(r.debit),
      money(r.credit),
      r.direction,
      money(r.balance),
    ]),
  );
  const side = report.account.normalSide === 'debit' ? '借' : '贷';
  return [
    `${report.title}  ${report.book}  ${report.period}${report.includeUnposted ? '（含未记账凭证）' : ''}`,
    `科目：${report.account.code} ${report.account.fullName}（余额方向：${side}）`,
    '',
    table,
  ].join('\n');
}

function ledgerCsv(report: AccountLedger, names: Map<string, string>): string {
  const byLeaf = report.rows.some((r) => r.accountCode);
  return toCsv(
    ['日期', '凭证号', '摘要', ...(byLeaf ? ['科目'] : []), '借方', '贷方', '方向', '余额'],
    report.rows.map((r) => [
      r.date,
      r.voucher,
      r.summary,
      ...(byLeaf ? [leafLabel(names, r.accountCode)] : []),
      r.debit,
      r.credit,
      r.direction,
      r.balance,
    ]),
  );
}

/** Writes a report to --out or stdout, in the chosen format (--json means json). */
export function output(
  command: Command,
  options: { format: Format; out?: string },
  result: unknown,
  text: () => string,
): void {
  const format: Format = globals(command).json ? 'json' : options.format;
  const content = format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : text();
  if (options.out) {
    fs.writeFileSync(options.out, content.endsWith('\n') ? content : `${content}\n`);
    process.stderr.write(`已写入 / written: ${path.resolve(options.out)}\n`);
  } else if (format === 'csv') {
    process.stdout.write(content);
  } else {
    print(content);
  }
}

export const formatOption = () =>
  new Option('--format <format>', '输出格式 / output format')
    .choices(['table', 'json', 'csv'])
    .default('table');

/** A report model as a text table: indented labels, grouped amounts, a rule above totals. */
export function modelTable(model: ReportModel): string {
  const firstText = model.columns.findIndex((c) => c.kind === 'text');
  const rows: Array<string[] | null> = [];
  for (const row of model.rows) {
    if (row.mark === 'total' || row.mark === 'subtotal') rows.push(null);
    rows.push(
      model.columns.map((c, i) => {
        const cell = row.cells[c.key] ?? '';
        if (c.kind === 'amount') return money(cell);
        return i === firstText ? `${'  '.repeat((row.level ?? 1) - 1)}${cell}` : cell;
      }),
    );
  }
  const table = renderTable(
    model.columns.map((c) => ({
      header: `${c.group ?? ''}${c.header}`,
      ...(c.kind === 'amount' ? { align: 'right' as const } : {}),
    })),
    rows,
  );
  const signatures = (model.signatures ?? []).map((line) =>
    line.map((f) => `${f.label}：${f.name ?? '__________'}`).join('    '),
  );
  return [
    `${model.title}  ${model.subtitle ?? ''}  ${model.period}  单位：${model.unit}`,
    ...(model.meta ?? []),
    '',
    table,
    ...(model.notes ?? []),
    ...(signatures.length > 0 ? ['', ...signatures] : []),
  ].join('\n');
}

/**
 * `jucai report <name>` for every report of the catalogue that has no command of its own: the same
 * options everywhere, and every format drawn from the one report model.
 */
export function addCatalogueReports(program: Command, runtime: Runtime): void {
  const report = program.commands.find((c) => c.name() === 'report')!;
  const taken = new Set(report.commands.map((c) => c.name()));
  for (const entry of listReports()) {
    if (taken.has(entry.name)) continue;
    const command = report
      .command(entry.name)
      .description(entry.title)
      .requiredOption('--book <book>', '账套 / book')
      .requiredOption('--from <period>', '起始期间 YYYY-MM / first month')
      .requiredOption('--to <period>', '截止期间 YYYY-MM / last month');
    const has = (option: ReportOption) => entry.options.includes(option);
    if (has('account')) command.option('--account <code>', '科目编码 / account code');
    if (has('level')) command.option('--level <n>', '显示到第几级科目 / account levels shown', integer(1));
    if (has('hideZero')) command.option('--hide-zero', '不显示全为零的行 / hide all-zero rows');
    if (has('includeUnposted')) command.option('--include-unposted', '包含未记账凭证 / include unposted');
    command
      .addOption(
        new Option('--format <format>', '输出格式（xlsx、pdf 须配 --out）/ output format')
          .choices(['table', 'json', 'csv', 'xlsx', 'pdf'])
          .default('table'),
      )
      .option('--out <file>', '写入文件而不是屏幕 / write to a file instead of stdout')
      .action(
        async (
          options: ReportParams & { book: string; format: TrialBalanceFormat; out?: string },
          cmd: Command,
        ) => {
          const { format, out, book, ...params } = options;
          const binary = isFileFormat(cmd, format);
          if (binary) requireOut(cmd, format, out);
          const model = await runtime.call(cmd, 'report.view', { report: entry.name, book, ...params });
          if (binary) return writeReportFile(model, format, out!);
          const text: Format = format === 'csv' ? 'csv' : format === 'json' ? 'json' : 'table';
          output(cmd, { format: text, out }, model, () =>
            text === 'csv' ? modelCsv(model) : modelTable(model),
          );
        },
      );
  }
}

/** report, capital, audit: reading the books. */
export function addReportCommands(program: Command, runtime: Runtime): void {
  const report = program.command('report').description('账表 / reports');
  report
    .command('trial-balance')
    .description('科目余额表 / trial balance')
    .requiredOption('--book <book>', '账套 / book')
    .requiredOption('--from <period>', '起始期间 YYYY-MM / first month')
    .requiredOption('--to <period>', '截止期间 YYYY-MM / last month')
    .option('--level <n>', '显示到第几级科目 / show accounts down to this level', integer(1))
    // Like the screen, accounts whose figures are all zero are left out unless asked for.
    .option('--all', '也列出全为零的科目 / also list accounts whose figures are all zero')
    .addOption(new Option('--hide-zero', '（默认）/ (the default)').hideHelp())
    .option('--include-unposted', '包含未记账凭证 / include vouchers not yet posted')
    .addOption(
      new Option(
        '--format <format>',
        '输出格式（xlsx、pdf 须配 --out）/ output format (xlsx and pdf need --out)',
      )
        .choices(['table', 'json', 'csv', 'xlsx', 'pdf'])
        .default('table'),
    )
    .option('--out <file>', '写入文件而不是屏幕 / write to a file instead of stdout')
    .action(
      async (
        options: {
          book: string;
          from: string;
          to: string;
          level?: number;
          all?: boolean;
          includeUnposted?: boolean;
          format: TrialBalanceFormat;
          out?: string;
        },
        command: Command,
      ) => {
        const format = options.format;
        const binary = isFileFormat(command, format);
        if (binary) requireOut(command, format, options.out);
        const result = await runtime.call(command, 'report.trialBalance', {
          book: options.book,
          from: options.from,
          to: options.to,
          level: options.level,
          hideZero: !options.all,
          includeUnposted: options.includeUnposted,
        });
        if (binary) return writeReportFile(trialBalanceModel(result), format, options.out!);
        output(
          command,
          { format: format === 'csv' ? 'csv' : format === 'json' ? 'json' : 'table', out: options.out },
          result,
          () => (format === 'csv' ? trialBalanceCsv(result) : trialBalanceTable(result)),
        );
      },
    );
  report
    .command('ledger')
    .description('明细账 / account ledger')
    .requiredOption('--book <book>', '账套 / book')
    .requiredOption('--account <code>', '科目编码 / account code')
    .requiredOption('--from <period>', '起始期间 YYYY-MM / first month')
    .requiredOption('--to <period>', '截止期间 YYYY-MM / last month')
    .option('--include-unposted', '包含未记账凭证 / include vouchers not yet posted')
    .addOption(
      new Option(
        '--format <format>',
        '输出格式（xlsx、pdf 须配 --out，分页打印）/ output format (xlsx and pdf need --out; paginated)',
      )
        .choices(['table', 'json', 'csv', 'xlsx', 'pdf'])
        .default('table'),
    )
    .option('--out <file>', '写入文件而不是屏幕 / write to a file instead of stdout')
    .action(
      async (
        options: {
          book: string;
          account: string;
          from: string;
          to: string;
          includeUnposted?: boolean;
          format: TrialBalanceFormat;
          out?: string;
        },
        command: Command,
      ) => {
        const format = options.format;
        if (isFileFormat(command, format)) {
          requireOut(command, format, options.out);
          const { book, account, from, to, includeUnposted } = options;
          const model = await runtime.call(command, 'report.view', {
            report: 'ledger',
            book,
            account,
            from,
            to,
            includeUnposted,
          });
          return writeReportFile(model, format, options.out!);
        }
        const result = await runtime.call(command, 'report.accountLedger', {
          book: options.book,
          account: options.account,
          from: options.from,
          to: options.to,
          includeUnposted: options.includeUnposted,
        });
        let names = new Map<string, string>();
        if (result.rows.some((r) => r.accountCode)) {
          const accounts = await runtime.call(command, 'account.list', { book: options.book });
          names = new Map(accounts.map((a) => [a.code, a.fullName]));
        }
        const text: Format = format === 'csv' ? 'csv' : format === 'json' ? 'json' : 'table';
        output(command, { format: text, out: options.out }, result, () =>
          text === 'csv' ? ledgerCsv(result, names) : ledgerTable(result, names),
        );
      },
    );

  program
    .command('capital')
    .description('金额转人民币大写 / amount in Chinese capital numerals')
    .argument('<amount>', '金额，如 1409.50 / amount, e.g. 1409.50')
    .action(async (amount: string, _options, command: Command) => {
      const result = await runtime.callDetached('money.capital', { amount });
      emit(command, result, () => result.capital);
    });

  const audit = program.command('audit').description('操作日志 / audit log');
  audit
    .command('list')
    .description('最近的操作记录 / recent audit entries')
    .option('--book <book>', '只看此账套 / only this book')
    .option('--limit <n>', '条数（默认 200）/ how many (default 200)', integer(1))
    .action(async (options: { book?: string; limit?: number }, command: Command) => {
      const list = await runtime.call(command, 'audit.list', { book: options.book, limit: options.limit });
      emit(command, list, () =>
        renderTable(
          [
            { header: 'id', align: 'right' },
            { header: '时间' },
            { header: '操作员' },
            { header: '操作' },
            { header: '对象' },
            { header: '账套' },
          ],
          list.map((a) => [
            String(a.id),
            localTime(a.at),
            a.operator ?? '',
            a.action,
            a.entityId === null ? a.entity : `${a.entity} #${a.entityId}`,
            a.book ?? '',
          ]),
        ),
      );
    });
}
