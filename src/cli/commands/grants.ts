import fs from 'node:fs';
import { Command, Option } from 'commander';
import type { ApiInput, ApiOutput } from '../../api/contract.js';
import { admissionStatusLabels } from '../../grants/admissions.js';
import { receiptSources } from '../../grants/receipts.js';
import { communityKindLabels, communityKinds, type CommunityKind } from '../../ledger/communities.js';
import { money, renderTable } from '../format.js';
import { emit, globals, integer, type Runtime } from '../runtime.js';
import { formatOption, isFileFormat, modelCsv, output, requireOut, writeReportFile } from './reports.js';
import { entitlementModel, fundReportModel } from '../../grants/report-models.js';

type Entitlement = ApiOutput<'grant.entitlement'>;

function entitlementTable(result: Entitlement): string {
  return [
    `${result.year} 年社区工作经费应拨表 / entitlement`,
    renderTable(
      [
        { header: '社区' },
        { header: '类型' },
        { header: '常住户数', align: 'right' },
        { header: '户籍户数', align: 'right' },
        { header: '折算户数', align: 'right' },
        { header: '基数拨款', align: 'right' },
        { header: '按户拨款', align: 'right' },
        { header: '应拨合计', align: 'right' },
        { header: '说明' },
      ],
      [
        ...result.rows.map((r) => {
          const amount = (source: string) => r.entitlement?.sources.find((s) => s.source === source)?.amount;
          return [
            r.community,
            communityKindLabels[r.kind],
            r.households ? String(r.households.resident) : '',
            r.households ? String(r.households.registered) : '',
            r.entitlement?.weightedHouseholds ?? '',
            money(amount('base') ?? '0.00', { blankZero: true }),
            money(amount('household') ?? '0.00', { blankZero: true }),
            r.entitlement ? money(r.entitlement.total) : '',
            r.missing ?? r.entitlement?.working ?? '',
          ];
        }),
        null,
        [
          '合计',
          '',
          '',
          '',
          '',
          money(result.totals.base),
          money(result.totals.household),
          money(result.totals.total),
          '',
        ],
      ],
    ),
  ].join('\n');
}

function admissionTable(list: ApiOutput<'admission.list'>): string {
  return renderTable(
    [
      { header: 'id', align: 'right' },
      { header: '项目' },
      { header: '文号' },
      { header: '期间' },
      { header: '核定', align: 'right' },
      { header: '已拨入', align: 'right' },
      { header: '已使用', align: 'right' },
      { header: '结余', align: 'right' },
      { header: '状态' },
    ],
    list.map((a) => [
      String(a.id),
      a.project,
      a.approvalNumber,
      `${a.periodFrom}～${a.periodTo}`,
      money(a.amount),
      money(a.received),
      money(a.spent),
      money(a.balance),
      `${admissionStatusLabels[a.status]}${a.yearEnd ? `（${a.yearEnd === 'return' ? '结余退回' : '结余结转'}）` : ''}`,
    ]),
  );
}

/** households and grant: what each community is due from the district. */
function staffingTable(rows: ApiOutput<'staffing.check'>): string {
  const n = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  return renderTable(
    [
      { header: '社区' },
      { header: '常住户数', align: 'right' },
      { header: '新居民', align: 'right' },
      { header: '应配社工', align: 'right' },
      { header: '实有社工', align: 'right' },
      { header: '应配协警', align: 'right' },
      { header: '实有协警', align: 'right' },
      { header: '人员经费', align: 'right' },
      { header: '核对' },
    ],
    rows.map((r) => [
      r.community,
      n(r.households),
      n(r.newResidents),
      n(r.required?.workers),
      n(r.recorded?.workers),
      n(r.required?.auxiliaryPolice),
      n(r.recorded?.auxiliaryPolice),
      money(r.personnelCosts),
      r.meetsNorm === null ? '缺少户数或人员数' : r.meetsNorm ? '达标' : '不足',
    ]),
  );
}

type FundReport = ApiOutput<'report.funds'>;

function fundTable(report: FundReport): string {
  return [
    `${report.title}  ${report.book}  ${report.period}  单位：元`,
    renderTable(
      [
        { header: '资金' },
        ...['期初结余', '本期收入', '本期使用', '转入(转出)', '期末结余'].map((header) => ({
          header,
          align: 'right' as const,
        })),
      ],
      report.rows.map((r) => [
        r.fund,
        ...[r.opening, r.received, r.spent, r.transferred, r.closing].map((v) => (v === '' ? '' : money(v))),
      ]),
    ),
    `期末结余 ${money(report.total)}：限定性 ${money(report.restricted)}，非限定性 ${money(report.unrestricted)}`,
  ].join('\n');
}

export function addGrantCommands(program: Command, runtime: Runtime): void {
  const reportCommand = program.commands.find((c) => c.name() === 'report');
  reportCommand
    ?.command('funds')
    .description('资金来源情况表（各项资金收入、使用、结余）/ fund report')
    .option('--book <book>', '账套；不指定则全中心各社区 / book; all communities when left out')
    .requiredOption('--from <period>', '起始期间 YYYY-MM / first month')
    .requiredOption('--to <period>', '截止期间 YYYY-MM / last month')
    .addOption(
      new Option('--format <format>', '输出格式（xlsx、pdf 须配 --out）/ output format')
        .choices(['table', 'json', 'csv', 'xlsx', 'pdf'])
        .default('table'),
    )
    .option('--out <file>', '写入文件（xlsx、pdf 必填）/ write to a file (required for xlsx and pdf)')
    .action(
      async (
        o: {
          book?: string;
          from: string;
          to: string;
          format: 'table' | 'json' | 'csv' | 'xlsx' | 'pdf';
          out?: string;
        },
        command: Command,
      ) => {
        if (isFileFormat(command, o.format)) requireOut(command, o.format, o.out);
        const reports = o.book
          ? [await runtime.call(command, 'report.funds', { book: o.book, from: o.from, to: o.to })]
          : (await runtime.call(command, 'report.centreFunds', { from: o.from, to: o.to })).reports;
        if (isFileFormat(command, o.format))
          return writeReportFile(fundReportModel(reports), o.format, o.out!);
        const result = o.book ? reports[0]! : { reports };
        output(command, { format: o.format, out: o.out }, result, () =>
          o.format === 'csv' ? modelCsv(fundReportModel(reports)) : reports.map(fundTable).join('\n\n'),
        );
      },
    );

  const admission = program.command('admission').description('费随事转准入审批 / task-fund admissions');
  admission
    .command('add')
    .description('登记准入审批（生成项目）/ register an admission (creates its project)')
    .requiredOption('--book <book>', '账套 / book')
    .requiredOption('--department <name>', '部门 / department')
    .requiredOption('--matter <text>', '事项 / matter')
    .requiredOption('--approval-number <text>', '准入审批文号 / approval number')
    .requiredOption('--approval-date <date>', '审批日期 / approval date')
    .requiredOption('--amount <yuan>', '核定金额 / agreed amount')
    .requiredOption('--from <period>', '起始期间 / first month')
    .requiredOption('--to <period>', '截止期间 / last month')
    .action(
      async (
        o: {
          book: string;
          department: string;
          matter: string;
          approvalNumber: string;
          approvalDate: string;
          amount: string;
          from: string;
          to: string;
        },
        command: Command,
      ) => {
        const added = await runtime.call(command, 'admission.add', {
          book: o.book,
          department: o.department,
          matter: o.matter,
          approvalNumber: o.approvalNumber,
          approvalDate: o.approvalDate,
          amount: o.amount,
          periodFrom: o.from,
          periodTo: o.to,
        });
        emit(
          command,
          added,
          () =>
            `已登记 / registered: ${added.project}（${added.approvalNumber}，核定 ${money(added.amount)}）`,
        );
      },
    );
  admission
    .command('list')
    .description('准入审批与各项目资金余额 / admissions and their fund balances')
    .requiredOption('--book <book>', '账套 / book')
    .action(async (o: { book: string }, command: Command) => {
      const list = await runtime.call(command, 'admission.list', o);
      emit(command, list, () => admissionTable(list));
    });
  admission
    .command('allow-overdraft')
    .description('主管登记超支许可（写明原因）/ a supervisor allows a fund below zero, with a reason')
    .requiredOption('--book <book>', '账套 / book')
    .argument('<admission>', '准入审批 id 或文号 / id or approval number')
    .requiredOption('--amount <yuan>', '允许超支的金额 / allowed overdraft')
    .requiredOption('--reason <text>', '原因 / reason')
    .action(async (ref: string, o: { book: string; amount: string; reason: string }, command: Command) => {
      const result = await runtime.call(command, 'admission.allowOverdraft', {
        book: o.book,
        admission: ref,
        amount: o.amount,
        reason: o.reason,
      });
      emit(
        command,
        result,
        () => `已登记超支许可 / allowed: ${result.project} 最多超支 ${money(result.overdraft)}`,
      );
    });
  admission
    .command('close')
    .description('年末处理结余：结转或退回 / year end: carry forward or return the balance')
    .requiredOption('--book <book>', '账套 / book')
    .argument('<admission>', '准入审批 id 或文号 / id or approval number')
    .addOption(
      new Option('--handling <how>', '结转或退回 / carry_forward or return')
        .choices(['carry_forward', 'return'])
        .makeOptionMandatory(),
    )
    .requiredOption('--date <date>', '处理日期 / date')
    .action(
      async (
        ref: string,
        o: { book: string; handling: 'carry_forward' | 'return'; date: string },
        command: Command,
      ) => {
        const result = await runtime.call(command, 'admission.close', {
          book: o.book,
          admission: ref,
          handling: o.handling,
          date: o.date,
        });
        emit(command, result, () =>
          [
            `${result.admission.project}：${o.handling === 'return' ? '结余退回' : '结余结转下年'}`,
            ...(result.voucher
              ? [
                  `已生成凭证 / voucher: ${result.voucher.period} ${result.voucher.ref}（未审核）${money(result.voucher.debitTotal)}`,
                ]
              : []),
          ].join('\n'),
        );
      },
    );

  const staffing = program.command('staffing').description('人员配备核对 / staffing check');
  staffing
    .command('set')
    .description('录入实有专职社工与协警人数 / record staff in post')
    .requiredOption('--community <name>', '社区 / community')
    .requiredOption('--year <year>', '年度 / year', integer(2000))
    .requiredOption('--workers <n>', '专职社区工作者 / full-time community workers', integer(0))
    .requiredOption('--police <n>', '协警 / auxiliary police', integer(0))
    .requiredOption('--as-of <date>', '统计日期 / date')
    .action(
      async (
        o: { community: string; year: number; workers: number; police: number; asOf: string },
        command: Command,
      ) => {
        const row = await runtime.call(command, 'staffing.set', {
          community: o.community,
          year: o.year,
          workers: o.workers,
          auxiliaryPolice: o.police,
          asOf: o.asOf,
        });
        emit(command, row, () => staffingTable([row]));
      },
    );
  staffing
    .command('check')
    .description('按政策核对人员配备（不作限制）/ compare staff with the policy norms (a check only)')
    .requiredOption('--year <year>', '年度 / year', integer(2000))
    .option('--community <name>', '社区 / community')
    .action(async (o: { year: number; community?: string }, command: Command) => {
      const rows = await runtime.call(command, 'staffing.check', o);
      emit(command, rows, () => staffingTable(rows));
    });

  const households = program.command('households').description('社区户数 / household counts');
  households
    .command('set')
    .description("录入某年度户数（保留历史）/ record a year's household counts (history kept)")
    .requiredOption('--community <name>', '社区 / community')
    .requiredOption('--year <year>', '年度 / year', integer(2000))
    .requiredOption('--resident <n>', '常住户数 / resident households', integer(0))
    .requiredOption('--registered <n>', '户籍户数 / registered households', integer(0))
    .option('--new-residents <n>', '新居民人数 / new residents', integer(0))
    .requiredOption('--as-of <date>', '统计日期 YYYY-MM-DD / date of the figure')
    .requiredOption('--source <text>', '来源，如“街道民政办统计” / where the figure comes from')
    .action(
      async (
        options: {
          community: string;
          year: number;
          resident: number;
          registered: number;
          newResidents?: number;
          asOf: string;
          source: string;
        },
        command: Command,
      ) => {
        const result = await runtime.call(command, 'households.set', options);
        const [after] = (
          await runtime.call(command, 'grant.entitlement', {
            year: options.year,
            community: options.community,
          })
        ).rows;
        emit(command, { ...result, entitlement: after?.entitlement ?? null }, () =>
          [
            `已录入 / recorded: ${result.current.community} ${result.current.year} 年 常住 ${result.current.resident} 户，户籍 ${result.current.registered} 户`,
            ...(result.previous
              ? [
                  `原为 / was: 常住 ${result.previous.resident} 户，户籍 ${result.previous.registered} 户（${result.previous.asOf}）`,
                ]
              : []),
            ...(after?.entitlement
              ? [`应拨 / entitled: ${after.entitlement.working}`]
              : after?.missing
                ? [after.missing]
                : []),
          ].join('\n'),
        );
      },
    );
  households
    .command('list')
    .description("列出某年度户数；指定社区时列出历史 / list a year's counts, or one community's history")
    .requiredOption('--year <year>', '年度 / year', integer(2000))
    .option('--community <name>', '社区 / community')
    .action(async (options: { year: number; community?: string }, command: Command) => {
      const list = await runtime.call(command, 'households.list', options);
      emit(command, list, () =>
        renderTable(
          [
            { header: '社区' },
            { header: '年度', align: 'right' },
            { header: '常住户数', align: 'right' },
            { header: '户籍户数', align: 'right' },
            { header: '新居民', align: 'right' },
            { header: '统计日期' },
            { header: '来源' },
            { header: '录入人' },
          ],
          list.map((h) => [
            h.community,
            String(h.year),
            String(h.resident),
            String(h.registered),
            String(h.newResidents),
            h.asOf,
            h.source,
            h.recordedBy,
          ]),
        ),
      );
    });

  const grant = program.command('grant').description('社区工作经费拨款 / grants');
  grant
    .command('calc')
    .description('按政策计算应拨经费并列出计算过程 / compute an entitlement with its working')
    .addOption(
      new Option('--kind <kind>', '社区类型 / community kind').choices(communityKinds).makeOptionMandatory(),
    )
    .requiredOption('--year <year>', '年度 / year', integer(2000))
    .requiredOption('--resident <n>', '常住户数 / resident households', integer(0))
    .requiredOption('--registered <n>', '户籍户数 / registered households', integer(0))
    .option('--rate <yuan>', '农村新社区每户标准（元）/ rural rate per household')
    .addOption(formatOption())
    .action(
      async (
        options: {
          kind: CommunityKind;
          year: number;
          resident: number;
          registered: number;
          rate?: string;
          format: string;
        },
        command: Command,
      ) => {
        // Uses the centre file's policies when there is one, else the policies shipped with the app.
        const file = runtime.file(command);
        const input = {
          kind: options.kind,
          year: options.year,
          resident: options.resident,
          registered: options.registered,
          rate: options.rate,
        };
        const result = fs.existsSync(file)
          ? await runtime.call(command, 'grant.calc', input)
          : await runtime.callDetached('grant.calc', input);
        if (options.format === 'json' && !globals(command).json) {
          process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
          return;
        }
        emit(command, result, () =>
          [
            `${options.year} 年 ${communityKindLabels[options.kind]}社区：${result.working}`,
            ...result.sources.map(
              (s) =>
                `  ${s.label} ${money(s.amount)}：${s.instalments.map((i) => `${i.label} ${money(i.amount)}`).join('，')}`,
            ),
          ].join('\n'),
        );
      },
    );
  grant
    .command('entitlement')
    .description("全中心各社区应拨经费表 / the centre's entitlement table for a year")
    .requiredOption('--year <year>', '年度 / year', integer(2000))
    .option('--community <name>', '只列一个社区 / one community only')
    .addOption(
      new Option('--format <format>', '输出格式（xlsx、pdf 须配 --out）/ output format')
        .choices(['table', 'json', 'csv', 'xlsx', 'pdf'])
        .default('table'),
    )
    .option('--out <file>', '写入文件（xlsx、pdf 必填）/ write to a file (required for xlsx and pdf)')
    .action(
      async (
        options: {
          year: number;
          community?: string;
          format: 'table' | 'json' | 'csv' | 'xlsx' | 'pdf';
          out?: string;
        },
        command: Command,
      ) => {
        if (isFileFormat(command, options.format)) requireOut(command, options.format, options.out);
        const result = await runtime.call(command, 'grant.entitlement', {
          year: options.year,
          community: options.community,
        });
        if (isFileFormat(command, options.format))
          return writeReportFile(entitlementModel(result), options.format, options.out!);
        output(command, { format: options.format, out: options.out }, result, () =>
          options.format === 'csv' ? modelCsv(entitlementModel(result)) : entitlementTable(result),
        );
      },
    );
  grant
    .command('receive')
    .description('登记区财政拨款到账，生成待审核凭证 / book district money as a draft voucher')
    .requiredOption('--book <book>', '账套 / book')
    .addOption(
      new Option('--source <source>', '资金来源 / source').choices(receiptSources).makeOptionMandatory(),
    )
    .requiredOption('--amount <yuan>', '金额 / amount')
    .requiredOption('--date <date>', '到账日期 / date')
    .requiredOption('--document <text>', '拨款文号 / allocation document number')
    .option('--year <year>', '所属年度（默认到账年度）/ grant year', integer(2000))
    .option('--admission <ref>', '费随事转：准入审批 id 或文号 / the admission, for task money')
    .option('--account <code>', '其他拨款的贷方科目 / income account for other money')
    .action(async (options: ApiInput<'grant.receive'>, command: Command) => {
      const result = await runtime.call(command, 'grant.receive', options);
      emit(
        command,
        result,
        () =>
          `已生成凭证 / voucher: ${result.voucher.period} ${result.voucher.ref}（未审核）${result.voucher.summary} ${money(result.voucher.debitTotal)}`,
      );
    });
  grant
    .command('received')
    .description(
      '应拨与到账对比（到账取自已记账凭证）/ entitled vs received (posted) per community and source',
    )
    .requiredOption('--year <year>', '年度 / year', integer(2000))
    .option('--community <name>', '社区 / community')
    .action(async (options: { year: number; community?: string }, command: Command) => {
      const rows = await runtime.call(command, 'grant.received', options);
      emit(command, rows, () =>
        renderTable(
          [
            { header: '社区' },
            { header: '资金来源' },
            { header: '应拨', align: 'right' },
            { header: '已到账', align: 'right' },
            { header: '待记账', align: 'right' },
            { header: '未到账', align: 'right' },
            { header: '多拨', align: 'right' },
          ],
          rows.map((r) => [
            r.community,
            r.label,
            money(r.entitled),
            money(r.received),
            money(r.pending, { blankZero: true }),
            money(r.outstanding, { blankZero: true }),
            money(r.overpaid, { blankZero: true }),
          ]),
        ),
      );
    });
  grant
    .command('rate')
    .description("设置农村新社区的每户拨款标准 / set a rural community's rate per household")
    .requiredOption('--community <name>', '社区 / community')
    .requiredOption('--year <year>', '年度 / year', integer(2000))
    .requiredOption('--rate <yuan>', '每户每年（元）/ yuan per household per year')
    .action(async (options: { community: string; year: number; rate: string }, command: Command) => {
      const result = await runtime.call(command, 'grant.setRate', options);
      emit(
        command,
        result,
        () => `已设置 / set: ${result.community} ${result.year} 年每户 ${result.rate} 元`,
      );
    });
}
