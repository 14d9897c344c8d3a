import { Command, Option } from 'commander';
import type { ApiOutput } from '../../api/contract.js';
import { money, renderTable } from '../format.js';
import { emit, usage, type Runtime } from '../runtime.js';

const sideLabels = { debit: '借', credit: '贷' } as const;
const sideChoices: Record<string, 'debit' | 'credit'> = {
  debit: 'debit',
  credit: 'credit',
  借: 'debit',
  贷: 'credit',
};

const dimensionText = (a: ApiOutput<'account.list'>[number]): string =>
  (['project', 'party', 'item'] as const)
    .filter((d) => a.dimensions[d] !== 'none')
    .map((d) => `${dimensionWords[d]}${a.dimensions[d] === 'required' ? '（必填）' : ''}`)
    .join('、');
const dimensionWords = { project: '项目', party: '往来单位', item: '收支项目' } as const;

function renderOpening(opening: ApiOutput<'opening.get'>): string {
  const year = opening.midYear;
  const amount = (yuan: string) => money(yuan, { blankZero: true });
  const rows = opening.rows.flatMap((r) => [
    [
      r.code,
      r.name,
      sideLabels[r.normalSide],
      ...(year
        ? [amount(r.yearOpeningDebit), amount(r.yearOpeningCredit), amount(r.yearDebit), amount(r.yearCredit)]
        : []),
      amount(r.debit),
      amount(r.credit),
    ],
    ...r.projects.map((p) => [
      '',
      `  项目：${p.project}`,
      '',
      ...(year ? ['', '', '', ''] : []),
      amount(p.debit),
      amount(p.credit),
    ]),
  ]);
  const table = renderTable(
    [
      { header: '科目编码' },
      { header: '科目名称' },
      { header: '方向' },
      ...(year
        ? [
            { header: '年初借方', align: 'right' as const },
            { header: '年初贷方', align: 'right' as const },
            { header: '本年累计借方', align: 'right' as const },
            { header: '本年累计贷方', align: 'right' as const },
          ]
        : []),
      { header: '期初借方', align: 'right' },
      { header: '期初贷方', align: 'right' },
    ],
    [
      ...rows,
      null,
      [
        '',
        '合计',
        '',
        ...(year ? ['', '', money(opening.yearDebitTotal), money(opening.yearCreditTotal)] : []),
        money(opening.debitTotal),
        money(opening.creditTotal),
      ],
    ],
  );
  const state = opening.balanced
    ? '借贷平衡 / balanced'
    : opening.difference !== '0.00'
      ? `借贷不平，差额 ${money(opening.difference)} / unbalanced`
      : `本年累计借方与贷方不等 / the year's movement does not balance`;
  return `${table}\n${state}${opening.locked ? '；已有记账凭证，期初余额已锁定 / locked' : ''}`;
}

/** account, opening, import: the chart of accounts and the figures a book starts from. */
export function addAccountCommands(program: Command, runtime: Runtime): void {
  const account = program.command('account').description('会计科目 / accounts');
  account
    .command('list')
    .description('科目表（树形）/ chart of accounts as a tree')
    .requiredOption('--book <book>', '账套：社区名称或编号 / book')
    .option('--all', '包括已停用的科目 / include disabled accounts')
    .action(async (options: { book: string; all?: boolean }, command: Command) => {
      const list = await runtime.call(command, 'account.list', {
        book: options.book,
        includeInactive: options.all === true,
      });
      emit(command, list, () =>
        renderTable(
          [
            { header: '科目编码' },
            { header: '科目全称' },
            { header: '方向' },
            { header: '限定性' },
            { header: '辅助核算' },
            { header: '状态' },
          ],
          list.map((a) => [
            `${'  '.repeat(a.level - 1)}${a.code}`,
            a.fullName,
            sideLabels[a.normalSide],
            a.restricted ? '限定性' : '',
            dimensionText(a),
            a.active ? '' : '停用',
          ]),
        ),
      );
    });
  account
    .command('add')
    .description('增加科目（按 4-2-2 编码）/ add an account (codes 4-2-2)')
    .requiredOption('--book <book>', '账套 / book')
    .argument('<code>', '科目编码 / code')
    .argument('<name>', '科目名称 / name')
    .addOption(
      new Option('--side <side>', '余额方向（默认随上级或类别）/ normal side').choices(
        Object.keys(sideChoices),
      ),
    )
    .action(
      async (code: string, name: string, options: { book: string; side?: string }, command: Command) => {
        const added = await runtime.call(command, 'account.add', {
          book: options.book,
          code,
          name,
          ...(options.side ? { normalSide: sideChoices[options.side] } : {}),
        });
        emit(
          command,
          added,
          () => `已增加科目 / added: ${added.code} ${added.fullName}（${sideLabels[added.normalSide]}）`,
        );
      },
    );
  account
    .command('rename')
    .description('修改科目名称 / rename an account')
    .requiredOption('--book <book>', '账套 / book')
    .argument('<code>', '科目编码 / code')
    .argument('<name>', '新名称 / new name')
    .action(async (code: string, name: string, options: { book: string }, command: Command) => {
      const renamed = await runtime.call(command, 'account.rename', { book: options.book, code, name });
      emit(command, renamed, () => `已改名 / renamed: ${renamed.code} ${renamed.fullName}`);
    });
  const rule = (name: string) =>
    new Option(`--${name} <rule>`, 'none 不核算 | tracked 核算 | required 必填').choices([
      'none',
      'tracked',
      'required',
    ]);
  account
    .command('set')
    .description(
      '设置限定性与辅助核算，随上级的下级科目一并设置 / set restriction and dimension rules (sub-accounts that follow it too)',
    )
    .requiredOption('--book <book>', '账套 / book')
    .argument('<code>', '科目编码 / code')
    .addOption(
      new Option('--restricted <yes|no>', '限定性 是/否 / restricted').choices(['yes', 'no', '是', '否']),
    )
    .addOption(rule('project'))
    .addOption(rule('party'))
    .addOption(rule('item'))
    .action(
      async (
        code: string,
        options: {
          book: string;
          restricted?: string;
          project?: 'none' | 'tracked' | 'required';
          party?: 'none' | 'tracked' | 'required';
          item?: 'none' | 'tracked' | 'required';
        },
        command: Command,
      ) => {
        const changed = await runtime.call(command, 'account.setAttributes', {
          book: options.book,
          code,
          ...(options.restricted ? { restricted: ['yes', '是'].includes(options.restricted) } : {}),
          dimensions: {
            ...(options.project ? { project: options.project } : {}),
            ...(options.party ? { party: options.party } : {}),
            ...(options.item ? { item: options.item } : {}),
          },
        });
        emit(
          command,
          changed,
          () =>
            `已设置 / set: ${changed.code} ${changed.fullName}${changed.restricted ? '（限定性）' : '（非限定性）'}` +
            `${dimensionText(changed) ? `，辅助核算：${dimensionText(changed)}` : ''}` +
            (changed.followed.length
              ? `\n随之改变的下级科目 / sub-accounts that followed: ${changed.followed.join('、')}`
              : ''),
        );
      },
    );
  const toggle = (verb: 'disable' | 'enable', description: string, done: string) =>
    account
      .command(verb)
      .description(description)
      .requiredOption('--book <book>', '账套 / book')
      .argument('<code>', '科目编码 / code')
      .action(async (code: string, options: { book: string }, command: Command) => {
        const changed = await runtime.call(command, `account.${verb}`, { book: options.book, code });
        emit(command, changed, () => `${done}: ${changed.code} ${changed.fullName}`);
      });
  toggle('disable', '停用科目 / disable an account', '已停用 / disabled');
  toggle('enable', '启用科目 / enable an account', '已启用 / enabled');
  account
    .command('delete')
    .description('删除未使用的末级科目 / delete an unused leaf account')
    .requiredOption('--book <book>', '账套 / book')
    .argument('<code>', '科目编码 / code')
    .action(async (code: string, options: { book: string }, command: Command) => {
      await runtime.call(command, 'account.delete', { book: options.book, code });
      emit(command, { deleted: code }, () => `已删除科目 / deleted: ${code}`);
    });

  const opening = program.command('opening').description('期初余额 / opening balances');
  opening
    .command('show')
    .description('查看期初余额 / show opening balances')
    .requiredOption('--book <book>', '账套 / book')
    .action(async (options: { book: string }, command: Command) => {
      const result = await runtime.call(command, 'opening.get', { book: options.book });
      emit(command, result, () => renderOpening(result));
    });
  opening
    .command('set')
    .description('录入一个末级科目的期初余额 / set the opening balance of one leaf account')
    .requiredOption('--book <book>', '账套 / book')
    .argument('<code>', '科目编码 / account code')
    .option('--debit <amount>', '期初借方 / opening debit')
    .option('--credit <amount>', '期初贷方 / opening credit')
    .option(
      '--year-debit <amount>',
      '本年累计借方（年中启用的账套）/ debit movement of the year before the book began',
    )
    .option('--year-credit <amount>', '本年累计贷方 / credit movement of the year before the book began')
    .option(
      '--project <name...>',
      '按项目录入：项目=金额，可多个，金额记在科目的余额方向；本命令给出该科目全部期初余额 / per project: NAME=AMOUNT (the account whole opening)',
    )
    .action(
      async (
        code: string,
        options: {
          book: string;
          debit?: string;
          credit?: string;
          yearDebit?: string;
          yearCredit?: string;
          project?: string[];
        },
        command: Command,
      ) => {
        if (!options.project && (options.debit === undefined) === (options.credit === undefined))
          usage(command, '请给出 --debit 或 --credit 中的一个 / give exactly one of --debit, --credit');
        // Per-project amounts go on the side --debit/--credit names, else on the account's own side.
        const accountSide = async () =>
          (await runtime.call(command, 'account.list', { book: options.book, includeInactive: true })).find(
            (a) => a.code === code,
          )?.normalSide ?? 'debit';
        const side =
          options.debit !== undefined
            ? 'debit'
            : options.credit !== undefined
              ? 'credit'
              : await accountSide();
        const projects = (options.project ?? []).map((p) => {
          const at = p.lastIndexOf('=');
          if (at <= 0) usage(command, `--project 应写作 项目=金额：${p}`);
          return { account: code, project: p.slice(0, at), [side]: p.slice(at + 1) };
        });
        const year = { yearDebit: options.yearDebit, yearCredit: options.yearCredit };
        const balances = projects.length
          ? [
              ...(options.debit || options.credit
                ? [{ account: code, debit: options.debit, credit: options.credit, ...year }]
                : [{ account: code, ...year }]),
              ...projects,
            ]
          : [{ account: code, debit: options.debit, credit: options.credit, ...year }];
        const result = await runtime.call(command, 'opening.set', { book: options.book, balances });
        emit(command, result, () => renderOpening(result));
      },
    );

  const importing = program
    .command('import')
    .description('从 CSV/Excel 文件导入 / import from CSV or Excel files');
  importing
    .command('accounts')
    .description('导入科目表，新增或改名，不删除（科目编码,科目名称,余额方向）/ merge a chart file')
    .argument('<file>', '文件 .csv/.xlsx / file')
    .requiredOption('--book <book>', '账套 / book')
    .action(async (file: string, options: { book: string }, command: Command) => {
      const result = await runtime.call(command, 'account.import', { book: options.book, file });
      emit(command, result, () =>
        [
          `新增科目 / added: ${result.added.length}，改名 / renamed: ${result.renamed.length}`,
          ...result.added.map((a) => `  + ${a}`),
          ...result.renamed.map((r) => `  ~ ${r}`),
        ].join('\n'),
      );
    });
  importing
    .command('opening')
    .description(
      '导入期初余额，替换原有的（科目编码,期初借方,期初贷方[,本年累计借方,本年累计贷方,年初借方,年初贷方,项目]）/ import opening balances, replacing them',
    )
    .argument('<file>', '文件 .csv/.xlsx / file')
    .requiredOption('--book <book>', '账套 / book')
    .action(async (file: string, options: { book: string }, command: Command) => {
      const result = await runtime.call(command, 'opening.import', { book: options.book, file });
      emit(command, result, () => renderOpening(result));
    });
  importing
    .command('vouchers')
    .description(
      '导入凭证（日期,凭证字,凭证号,摘要,科目编码,借方金额,贷方金额…）/ import vouchers; any bad row rejects the whole file',
    )
    .argument('<file>', '文件 .csv/.xlsx / file')
    .requiredOption('--book <book>', '账套 / book')
    .option(
      '--posted',
      '作为已审核、已记账的历史凭证导入（需 --reviewer）/ import as posted (needs --reviewer)',
    )
    .option('--reviewer <name>', '已记账凭证的审核人 / reviewer of the posted vouchers')
    .action(
      async (
        file: string,
        options: { book: string; posted?: boolean; reviewer?: string },
        command: Command,
      ) => {
        if (options.posted && !options.reviewer)
          usage(command, '--posted 需要同时给出 --reviewer 审核人 / --posted requires --reviewer');
        if (options.reviewer && !options.posted)
          usage(command, '--reviewer 只能与 --posted 一起使用 / --reviewer only goes with --posted');
        const result = await runtime.call(command, 'voucher.import', {
          book: options.book,
          file,
          reviewer: options.reviewer,
        });
        emit(command, result, () =>
          [
            `已导入 / imported: ${result.vouchers} 张凭证，${result.lines} 行分录（${result.source}）`,
            result.first ? `凭证范围 / range: ${result.first} 至 ${result.last}` : '',
            result.posted
              ? '状态 / status: 已记账'
              : '状态 / status: 未审核，请审核、记账 / to review and post',
            ...result.warnings.map((w) => `注意 / warning: ${w}`),
          ]
            .filter(Boolean)
            .join('\n'),
        );
      },
    );
}
