import { Command, Option } from 'commander';
import { parse } from 'csv-parse/sync';
import type { ApiOutput } from '../../api/contract.js';
import { voucherWords, type VoucherWord } from '../../ledger/books.js';
import { statusLabels, type LineInput } from '../../ledger/vouchers.js';
import { chineseDate, localTime, money, renderTable } from '../format.js';
import { collect, emit, integer, periodText, print, usage, voucherRef, type Runtime } from '../runtime.js';

type Voucher = ApiOutput<'voucher.get'>;

const lineFormat = '“科目编码,摘要,借方,贷方[,项目[,收支项目]]”';

/**
 * One --line value, read as one CSV record so that a summary or an amount containing a comma can be
 * quoted: --line '100201,收到拨款,"25,000.00",'.
 */
export function parseLine(command: Command, text: string): LineInput {
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: true, trim: true }) as string[][];
  } catch {
    return usage(command, `--line “${text}”无法解析，应为 ${lineFormat}`);
  }
  const fields = records[0] ?? [];
  if (records.length !== 1 || fields.length < 4 || fields.length > 6) {
    usage(
      command,
      `--line “${text}”应为 ${lineFormat}，借方或贷方可留空；含逗号的金额请加引号 / expected ACCOUNT,SUMMARY,DEBIT,CREDIT[,PROJECT[,ITEM]]`,
    );
  }
  const [account, summary, debit, credit, project, item] = fields.map((f) => f || undefined);
  return { account: account ?? '', summary, debit, credit, project, item };
}

/** A voucher laid out like the printed 记账凭证. */
export function renderVoucher(voucher: Voucher, bookName: string): string {
  const dimensions = voucher.lines.some((l) => l.project || l.item || l.party);
  const header = [
    `记账凭证  ${bookName}`,
    [
      `凭证号：${voucher.period} ${voucher.ref}`,
      `日期：${chineseDate(voucher.date)}`,
      `附单据：${voucher.attachments} 张`,
      `状态：${statusLabels[voucher.status]}`,
      `id：${voucher.id}`,
    ].join('   '),
    ...(voucher.reverses ? [`冲销凭证 / reverses: ${voucher.reverses.period} ${voucher.reverses.ref}`] : []),
    ...(voucher.reversedBy
      ? [`已被冲销 / reversed by: ${voucher.reversedBy.period} ${voucher.reversedBy.ref}`]
      : []),
  ];
  const columns = [
    { header: '摘要' },
    { header: '会计科目' },
    ...(dimensions ? [{ header: '辅助核算' }] : []),
    { header: '借方金额', align: 'right' as const },
    { header: '贷方金额', align: 'right' as const },
  ];
  const rows = voucher.lines.map((l) => [
    l.summary,
    `${l.accountCode} ${l.accountName}`,
    ...(dimensions
      ? [
          [l.project && `项目：${l.project}`, l.item && `收支：${l.item}`, l.party && `往来：${l.party}`]
            .filter(Boolean)
            .join(' '),
        ]
      : []),
    money(l.debit, { blankZero: true }),
    money(l.credit, { blankZero: true }),
  ]);
  const totals = [
    `合计：${voucher.capitalTotal}`,
    '',
    ...(dimensions ? [''] : []),
    money(voucher.debitTotal),
    money(voucher.creditTotal),
  ];
  const people = [
    `制单：${voucher.preparedBy}`,
    `审核：${voucher.reviewedBy ?? ''}`,
    `记账：${voucher.postedBy ?? ''}`,
  ].join('   ');
  return [
    ...header,
    '',
    renderTable(columns, [...rows, null, totals]),
    ...(voucher.balanced ? [] : ['借贷不平 / unbalanced']),
    '',
    people,
  ].join('\n');
}

function renderBatch(verb: string, result: ApiOutput<'voucher.reviewRange'>): string {
  return [
    `${verb} ${result.done.length} 张凭证 / done: ${result.done.length}`,
    ...(result.skipped.length > 0
      ? [
          `跳过 ${result.skipped.length} 张 / skipped: ${result.skipped.length}`,
          ...result.skipped.map((s) => `  ${s.voucher}  ${s.reason}`),
        ]
      : []),
    ...result.warnings.map((w) => `注意 / warning: ${w.voucher}  ${w.warning}`),
  ].join('\n');
}

/** 赤字 warnings of a saved or posted voucher, one line each. */
const warningLines = (voucher: { warnings?: string[] }): string =>
  (voucher.warnings ?? []).map((w) => `\n注意 / warning: ${w}`).join('');

/** voucher review / post: one voucher by REF, or every eligible voucher of a month range. */
function addBatchCommand(
  voucher: Command,
  runtime: Runtime,
  verb: 'review' | 'post',
  description: string,
  done: string,
): void {
  voucher
    .command(verb)
    .description(description)
    .requiredOption('--book <book>', '账套 / book')
    .argument('[ref]', '凭证 id 或“2025-03 记-3”/ voucher id or "2025-03 记-3"')
    .option('--from <period>', '起始期间 YYYY-MM / first month', periodText)
    .option('--to <period>', '截止期间 YYYY-MM（默认同 --from）/ last month (default: --from)', periodText)
    .action(
      async (
        ref: string | undefined,
        options: { book: string; from?: string; to?: string },
        command: Command,
      ) => {
        if (ref !== undefined && (options.from || options.to))
          usage(
            command,
            '请给出凭证，或用 --from/--to 给出期间，不要同时给出 / give REF or --from/--to, not both',
          );
        if (ref !== undefined) {
          const result = await runtime.call(command, `voucher.${verb}`, {
            book: options.book,
            voucher: voucherRef(ref),
          });
          emit(
            command,
            result,
            () => `${done} / done: ${result.period} ${result.ref}${warningLines(result)}`,
          );
          return;
        }
        if (!options.from)
          usage(command, '请给出凭证，或用 --from YYYY-MM [--to YYYY-MM] 给出期间 / give REF or --from');
        const method = verb === 'review' ? 'voucher.reviewRange' : 'voucher.postRange';
        const result = await runtime.call(command, method, {
          book: options.book,
          from: options.from,
          to: options.to ?? options.from,
        });
        emit(command, result, () => renderBatch(done, result));
      },
    );
}

/** voucher and period: entering, reviewing, posting and correcting vouchers; closing months. */
export function addVoucherCommands(program: Command, runtime: Runtime): void {
  const voucher = program.command('voucher').description('记账凭证 / vouchers');
  voucher
    .command('list')
    .description('凭证列表 / list vouchers')
    .requiredOption('--book <book>', '账套 / book')
    .option('--from <period>', '起始期间 YYYY-MM / first month')
    .option('--to <period>', '截止期间 YYYY-MM / last month')
    .addOption(
      new Option(
        '--status <status>',
        '状态：draft 未审核、reviewed 已审核、posted 已记账、void 作废 / status',
      ).choices(['draft', 'reviewed', 'posted', 'void']),
    )
    .option('--account <code>', '含此科目（及下级）的凭证 / with a line on this account or below')
    .option('--project <name>', '含此项目的凭证 / with a line on this project')
    .option('--text <text>', '摘要包含的文字 / text in a summary')
    .action(
      async (
        options: {
          book: string;
          from?: string;
          to?: string;
          status?: 'draft' | 'reviewed' | 'posted' | 'void';
          account?: string;
          project?: string;
          text?: string;
        },
        command: Command,
      ) => {
        const list = await runtime.call(command, 'voucher.list', {
          book: options.book,
          from: options.from,
          to: options.to,
          status: options.status,
          account: options.account,
          project: options.project,
          text: options.text,
        });
        emit(command, list, () =>
          list.length === 0
            ? '没有符合条件的凭证 / no vouchers'
            : renderTable(
                [
                  { header: 'id', align: 'right' },
                  { header: '期间' },
                  { header: '凭证号' },
                  { header: '日期' },
                  { header: '摘要' },
                  { header: '金额', align: 'right' },
                  { header: '状态' },
                  { header: '制单' },
                  { header: '审核' },
                  { header: '记账' },
                ],
                list.map((v) => [
                  String(v.id),
                  v.period,
                  v.ref,
                  v.date,
                  v.summary,
                  money(v.amount),
                  `${statusLabels[v.status]}${v.reversesId ? '（红字）' : v.reversedById ? '（已冲销）' : ''}`,
                  v.preparedBy,
                  v.reviewedBy ?? '',
                  v.postedBy ?? '',
                ]),
              ) + `\n共 ${list.length} 张 / ${list.length} vouchers`,
        );
      },
    );
  voucher
    .command('show')
    .description('显示一张凭证 / show a voucher')
    .requiredOption('--book <book>', '账套 / book')
    .argument('<ref>', '凭证 id 或“2025-03 记-3”/ voucher id or "2025-03 记-3"')
    .action(async (ref: string, options: { book: string }, command: Command) => {
      const book = await runtime.call(command, 'book.get', { book: options.book });
      const result = await runtime.call(command, 'voucher.get', {
        book: options.book,
        voucher: voucherRef(ref),
      });
      emit(command, result, () => renderVoucher(result, book.community));
    });
  voucher
    .command('add')
    .description('录入凭证 / add a voucher')
    .requiredOption('--book <book>', '账套 / book')
    .requiredOption('--date <date>', '凭证日期 YYYY-MM-DD / date')
    .addOption(new Option('--word <word>', '凭证字（默认账套的第一个）/ voucher word').choices(voucherWords))
    .option('--attachments <n>', '附单据数 / number of source documents', integer(0))
    .requiredOption(
      '--line <line>',
      `分录 ${lineFormat}，可重复，借方或贷方留空 / a line ACCOUNT,SUMMARY,DEBIT,CREDIT[,PROJECT[,ITEM]], repeatable`,
      collect,
    )
    .addHelpText(
      'after',
      [
        '',
        '示例 / example:',
        '  jucai voucher add --book 东风社区 --as 王会计 --date 2025-03-05 --attachments 1 \\',
        '    --line "100201,收到区财政拨付社区工作经费(基础经费),25000.00," \\',
        '    --line "44010101,,,25000.00"',
        '摘要留空时沿用上一行 / an empty summary repeats the one above.',
      ].join('\n'),
    )
    .action(
      async (
        options: { book: string; date: string; word?: VoucherWord; attachments?: number; line: string[] },
        command: Command,
      ) => {
        const lines = options.line.map((text) => parseLine(command, text));
        const saved = await runtime.call(command, 'voucher.save', {
          book: options.book,
          date: options.date,
          word: options.word,
          attachments: options.attachments,
          lines,
        });
        const book = await runtime.call(command, 'book.get', { book: options.book });
        emit(
          command,
          saved,
          () =>
            `已保存 / saved: ${saved.period} ${saved.ref}${warningLines(saved)}\n\n${renderVoucher(saved, book.community)}`,
        );
      },
    );
  voucher
    .command('delete')
    .description('删除未审核的凭证（后面的凭证号前移）/ delete a draft voucher')
    .requiredOption('--book <book>', '账套 / book')
    .argument('<ref>', '凭证 id 或“2025-03 记-3”/ voucher id or "2025-03 记-3"')
    .action(async (ref: string, options: { book: string }, command: Command) => {
      const result = await runtime.call(command, 'voucher.delete', {
        book: options.book,
        voucher: voucherRef(ref),
      });
      emit(command, result, () =>
        [
          result.voided
            ? `凭证 ${ref} 已作废（其后有已审核的凭证，凭证号保留）/ voided`
            : `已删除凭证 / deleted: ${ref}`,
          ...(result.renumbered.length > 0 ? [`重新编号 / renumbered: ${result.renumbered.join('、')}`] : []),
        ].join('\n'),
      );
    });
  addBatchCommand(
    voucher,
    runtime,
    'review',
    '审核凭证（一张或按期间）/ review one voucher or a range of months',
    '已审核',
  );
  voucher
    .command('unreview')
    .description('取消审核 / undo the review of a voucher')
    .requiredOption('--book <book>', '账套 / book')
    .argument('<ref>', '凭证 id 或“2025-03 记-3”/ voucher id or "2025-03 记-3"')
    .action(async (ref: string, options: { book: string }, command: Command) => {
      const result = await runtime.call(command, 'voucher.unreview', {
        book: options.book,
        voucher: voucherRef(ref),
      });
      emit(command, result, () => `已取消审核 / unreviewed: ${result.period} ${result.ref}`);
    });
  addBatchCommand(
    voucher,
    runtime,
    'post',
    '记账（一张或按期间）/ post one voucher or a range of months',
    '已记账',
  );
  voucher
    .command('reverse')
    .description('红字冲销已记账的凭证 / reverse a posted voucher with red ink')
    .requiredOption('--book <book>', '账套 / book')
    .argument('<ref>', '凭证 id 或“2025-03 记-3”/ voucher id or "2025-03 记-3"')
    .option('--date <date>', '冲销日期（默认原凭证日期，原期间已结账则为今天）/ date of the reversal')
    .action(async (ref: string, options: { book: string; date?: string }, command: Command) => {
      const result = await runtime.call(command, 'voucher.reverse', {
        book: options.book,
        voucher: voucherRef(ref),
        date: options.date,
      });
      const book = await runtime.call(command, 'book.get', { book: options.book });
      emit(
        command,
        result,
        () =>
          `已生成红字冲销凭证 / reversal created: ${result.period} ${result.ref}（待审核、记账 / to review and post）\n\n` +
          renderVoucher(result, book.community),
      );
    });

  const period = program.command('period').description('会计期间与结账 / periods and closing');
  period
    .command('list')
    .description('期间列表 / list periods')
    .requiredOption('--book <book>', '账套 / book')
    .action(async (options: { book: string }, command: Command) => {
      const list = await runtime.call(command, 'period.list', { book: options.book });
      emit(command, list, () =>
        renderTable(
          [
            { header: '期间' },
            { header: '状态' },
            { header: '凭证数', align: 'right' },
            { header: '未记账', align: 'right' },
            { header: '结账人' },
            { header: '结账时间' },
          ],
          list.map((p) => [
            p.period,
            p.closed ? '已结账' : '未结账',
            String(p.vouchers),
            String(p.unposted),
            p.closedBy ?? '',
            localTime(p.closedAt),
          ]),
        ),
      );
    });
  period
    .command('close')
    .description('结账（按月依次）/ close a month (in order)')
    .requiredOption('--book <book>', '账套 / book')
    .argument('<period>', '期间 YYYY-MM / month')
    .action(async (periodArg: string, options: { book: string }, command: Command) => {
      const result = await runtime.call(command, 'period.close', { book: options.book, period: periodArg });
      emit(command, result, () => `已结账 / closed: ${result.period}（凭证 ${result.vouchers} 张）`);
    });
  period
    .command('reopen')
    .description('反结账（主管，须写原因）/ reopen a closed month (supervisor, with a reason)')
    .requiredOption('--book <book>', '账套 / book')
    .argument('<period>', '期间 YYYY-MM / month')
    .requiredOption('--reason <text>', '原因 / reason')
    .action(async (periodArg: string, options: { book: string; reason: string }, command: Command) => {
      const result = await runtime.call(command, 'period.reopen', {
        book: options.book,
        period: periodArg,
        reason: options.reason,
      });
      emit(command, result, () => `已反结账 / reopened: ${result.period}`);
    });
  void print;
}
