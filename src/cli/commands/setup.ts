import { Argument, Command, Option } from 'commander';
import { deficitControls, voucherWords, type DeficitControl, type VoucherWord } from '../../ledger/books.js';
import { communityKindLabels, communityKinds } from '../../ledger/communities.js';
import { roleLabels, roles } from '../../ledger/operators.js';
import { renderTable } from '../format.js';
import { collect, emit, usage, type Runtime } from '../runtime.js';

/** init, operator, community, book: setting up a centre before the first voucher. */
export function addSetupCommands(program: Command, runtime: Runtime): void {
  program
    .command('init')
    .description('创建或升级账套文件 / create or migrate the centre file')
    .action(async (_options, command: Command) => {
      const centre = runtime.open(command, { create: true });
      const info = await runtime.call(command, 'centre.info', {});
      emit(command, { ...info, created: runtime.created, backupPath: centre.backupPath ?? null }, () =>
        [
          `${runtime.created ? '已创建' : '已打开'}账套文件 / centre file: ${info.file}`,
          `数据库版本 / schema version: ${info.schemaVersion}`,
          `操作员 / operators: ${info.operators}，账套 / books: ${info.books}`,
          ...(centre.backupPath ? [`升级前的备份 / backup before migration: ${centre.backupPath}`] : []),
          ...(info.operators === 0
            ? ['下一步 / next: jucai operator add 姓名 --role supervisor（第一个操作员必须是主管）']
            : []),
        ].join('\n'),
      );
    });

  const operator = program.command('operator').description('操作员 / operators');
  operator
    .command('add')
    .description('添加操作员（第一个主管无需 --as）/ add an operator (the first supervisor needs no --as)')
    .argument('<name>', '姓名 / name')
    .addOption(
      new Option('--role <role>', '角色：会计、审核、主管、议监会 / role')
        .choices(roles)
        .makeOptionMandatory(),
    )
    .action(async (name: string, options: { role: (typeof roles)[number] }, command: Command) => {
      const added = await runtime.call(command, 'operator.add', { name, role: options.role });
      emit(command, added, () => `已添加操作员 / added: ${added.name}（${roleLabels[added.role]}）`);
    });
  operator
    .command('list')
    .description('列出操作员 / list operators')
    .action(async (_options, command: Command) => {
      const list = await runtime.call(command, 'operator.list', {});
      emit(command, list, () =>
        renderTable(
          [{ header: 'id', align: 'right' }, { header: '姓名' }, { header: '角色' }, { header: '状态' }],
          list.map((o) => [String(o.id), o.name, roleLabels[o.role], o.active ? '' : '停用']),
        ),
      );
    });
  operator
    .command('rename')
    .description('更正操作员姓名（主管）/ correct an operator’s name (supervisor)')
    .argument('<name>', '现在的姓名 / current name')
    .argument('<new-name>', '新姓名 / new name')
    .action(async (name: string, newName: string, _options, command: Command) => {
      const renamed = await runtime.call(command, 'operator.rename', { operator: name, name: newName });
      emit(command, renamed, () => `已改名 / renamed: ${name.trim()} → ${renamed.name}`);
    });
  operator
    .command('role')
    .description('更改操作员角色（主管）/ change an operator’s role (supervisor)')
    .argument('<name>', '姓名 / name')
    .addArgument(new Argument('<role>', '新角色 / new role').choices(roles))
    .action(async (name: string, role: (typeof roles)[number], _options, command: Command) => {
      const before = (await runtime.call(command, 'operator.list', {})).find((o) => o.name === name.trim());
      const changed = await runtime.call(command, 'operator.setRole', { operator: name, role });
      const was = before ? `${roleLabels[before.role]} → ` : '';
      emit(
        command,
        changed,
        () => `已改角色 / role changed: ${changed.name} ${was}${roleLabels[changed.role]}`,
      );
    });
  for (const [verb, method, done, text] of [
    ['disable', 'operator.disable', '已停用 / disabled', '停用操作员：不能再选用，历史记录保留姓名'],
    ['enable', 'operator.enable', '已启用 / enabled', '重新启用操作员'],
  ] as const) {
    operator
      .command(verb)
      .description(`${text}（主管）/ ${verb} an operator (supervisor)`)
      .argument('<name>', '姓名 / name')
      .action(async (name: string, _options, command: Command) => {
        const changed = await runtime.call(command, method, { operator: name });
        emit(command, changed, () => `${done}: ${changed.name}`);
      });
  }

  const community = program.command('community').description('社区 / communities');
  community
    .command('add')
    .description('添加社区 / add a community')
    .argument('<name>', '社区名称 / name')
    .addOption(
      new Option(
        '--kind <kind>',
        '社区类型：urban 市区、town 县城/建制镇、rural 农村新社区、remote 山区/海岛 / kind',
      )
        .choices(communityKinds)
        .makeOptionMandatory(),
    )
    .option('--code <code>', '社区编号（默认自动编号）/ code (automatic by default)')
    .option('--district <district>', '所属区 / district')
    .option('--subdistrict <subdistrict>', '所属街道(镇) / sub-district')
    .option(
      '--bank-account <bank:number>',
      '专户，“银行名称:账号”，可重复 / dedicated bank account "bank:number", repeatable',
      collect,
    )
    .action(
      async (
        name: string,
        options: {
          kind: (typeof communityKinds)[number];
          code?: string;
          district?: string;
          subdistrict?: string;
          bankAccount?: string[];
        },
        command: Command,
      ) => {
        const bankAccounts = (options.bankAccount ?? []).map((text) => {
          const match = /^([^:：]+)[:：](.+)$/.exec(text.trim());
          if (!match)
            usage(command, `--bank-account “${text}”应写成“银行名称:账号” / expected "bank:number"`);
          return { bankName: match[1]!.trim(), accountNumber: match[2]!.trim() };
        });
        const added = await runtime.call(command, 'community.add', {
          name,
          kind: options.kind,
          code: options.code,
          district: options.district,
          subdistrict: options.subdistrict,
          ...(bankAccounts.length > 0 ? { bankAccounts } : {}),
        });
        emit(
          command,
          added,
          () => `已添加社区 / added: ${added.name}（编号 ${added.code}，${communityKindLabels[added.kind]}）`,
        );
      },
    );
  community
    .command('list')
    .description('列出社区 / list communities')
    .action(async (_options, command: Command) => {
      const list = await runtime.call(command, 'community.list', {});
      emit(command, list, () =>
        renderTable(
          [
            { header: '编号' },
            { header: '名称' },
            { header: '类型' },
            { header: '区' },
            { header: '街道(镇)' },
            { header: '专户' },
          ],
          list.map((c) => [
            c.code,
            c.name,
            communityKindLabels[c.kind],
            c.district,
            c.subdistrict,
            c.bankAccounts.map((b) => `${b.bankName} ${b.accountNumber}`).join('；'),
          ]),
        ),
      );
    });

  const book = program.command('book').description('账套 / books');
  book
    .command('create')
    .description('为社区建账 / create the book of a community')
    .requiredOption('--community <name>', '社区名称或编号 / community name or code')
    .requiredOption('--start <period>', '启用期间 YYYY-MM / first period')
    .option(
      '--chart <file>',
      '从科目表文件建账（科目编码,科目名称,余额方向）；默认用民间非营利组织会计制度模板 / chart file (default: the NPO template)',
    )
    .option('--words <words>', '凭证字：记 或 收,付,转（默认 记）/ voucher words, e.g. 记 or 收,付,转')
    .action(
      async (
        options: { community: string; start: string; chart?: string; words?: string },
        command: Command,
      ) => {
        const words = options.words
          ?.split(/[,，、|]/)
          .map((w) => w.trim())
          .filter(Boolean);
        for (const word of words ?? []) {
          if (!(voucherWords as readonly string[]).includes(word))
            usage(command, `凭证字“${word}”无效，可用：${voucherWords.join('、')}`);
        }
        const created = await runtime.call(command, 'book.create', {
          community: options.community,
          startPeriod: options.start,
          chartFile: options.chart,
          ...(words ? { voucherWords: words as VoucherWord[] } : {}),
        });
        emit(
          command,
          created,
          () =>
            `已建账 / book created: ${created.community}（${created.communityCode}），启用期间 ${created.startPeriod}，` +
            `科目表 ${created.chart}，凭证字 ${created.voucherWords.join('、')}`,
        );
      },
    );
  book
    .command('list')
    .description('列出账套 / list books')
    .action(async (_options, command: Command) => {
      const list = await runtime.call(command, 'book.list', {});
      emit(command, list, () =>
        renderTable(
          [
            { header: '编号' },
            { header: '社区' },
            { header: '类型' },
            { header: '启用期间' },
            { header: '科目表' },
            { header: '凭证字' },
            { header: '赤字控制' },
          ],
          list.map((b) => [
            b.communityCode,
            b.community,
            communityKindLabels[b.communityKind],
            b.startPeriod,
            b.chart,
            b.voucherWords.join('、'),
            deficitLabels[b.deficitControl],
          ]),
        ),
      );
    });
  book
    .command('deficit')
    .description(
      '赤字控制：现金、银行存款余额将为负时 warn 提示（默认）或 refuse 不允许 / cash deficit control',
    )
    .requiredOption('--book <book>', '账套 / book')
    .addArgument(new Argument('<control>', 'warn 提示 | refuse 不允许').choices([...deficitControls]))
    .action(async (control: string, options: { book: string }, command: Command) => {
      if (!(deficitControls as readonly string[]).includes(control))
        usage(command, `赤字控制应为 warn（提示）或 refuse（不允许），不是“${control}”`);
      const changed = await runtime.call(command, 'book.setDeficitControl', {
        book: options.book,
        control: control as DeficitControl,
      });
      emit(command, changed, () => `${changed.community} 赤字控制：${deficitLabels[changed.deficitControl]}`);
    });
}

const deficitLabels: Record<DeficitControl, string> = { warn: '赤字提示', refuse: '赤字不允许' };
