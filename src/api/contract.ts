import path from 'node:path';
import { z } from 'zod';
import { fail } from '../errors.js';
import { readChartFile, readOpeningFile, readVoucherFile } from '../io/import-files.js';
import type { FileSource } from '../io/table.js';
import { centreStatus } from '../ledger/status.js';
import {
  calculate,
  entitlementTable,
  listPolicies,
  setPolicy,
  setRate,
  updateHouseholds,
} from '../grants/grants.js';
import { householdHistory, householdsForYear } from '../grants/households.js';
import { addAdmission, allowOverdraft, closeAdmission, listAdmissions } from '../grants/admissions.js';
import { receiptSources, receiptStatus, receiveGrant } from '../grants/receipts.js';
import { recordStaffing, staffingCheck } from '../grants/staffing.js';
import { centreFundReport, fundReport } from '../grants/fund-report.js';
import { findCommunity } from '../ledger/communities.js';
import {
  addAccount,
  deleteAccount,
  dimensionRules,
  listAccounts,
  listChartTemplates,
  mergeChart,
  renameAccount,
  setAccountActive,
  setAccountAttributes,
} from '../ledger/accounts.js';
import { listAudit } from '../ledger/audit.js';
import {
  createBook,
  deficitControls,
  findBook,
  listBooks,
  setDeficitControl,
  setVoucherWords,
  voucherWords,
} from '../ledger/books.js';
import { addCommunity, communityKinds, listCommunities } from '../ledger/communities.js';
import { listDisclosureItems, listProjects } from '../ledger/dimensions.js';
import { getOpeningBalances, setOpeningBalances } from '../ledger/opening.js';
import {
  addOperator,
  findOperator,
  listOperators,
  renameOperator,
  roles,
  setOperatorActive,
  setOperatorRole,
} from '../ledger/operators.js';
import { closePeriod, listPeriods, reopenPeriod } from '../ledger/periods.js';
import { importVouchers } from '../ledger/voucher-batch.js';
import {
  deleteVoucher,
  findVoucherId,
  getVoucher,
  listVouchers,
  postVoucher,
  processRange,
  reverseVoucher,
  reviewVoucher,
  saveVoucher,
  unreviewVoucher,
} from '../ledger/vouchers.js';
import { toCapitalAmount } from '../money/capital.js';
import { fenToYuan, parseAmount } from '../money/money.js';
import { accountLedger } from '../reports/account-ledger.js';
import { buildReport, listReports } from '../reports/catalogue.js';
import { batchStatus, startBatch } from '../disclosure/batch.js';
import { disclosureSettings, dueSheets, setDisclosureSettings } from '../disclosure/due.js';
import { listItemRules, setItemRule } from '../disclosure/items.js';
import { listPublications, publish } from '../disclosure/publish.js';
import { disclosureView } from '../disclosure/view.js';
import {
  allocationExceptions,
  autoMatchAllocations,
  listMatches,
  loadAllocations,
  loadReceipts,
  matchAllocations,
  receiptView,
  unmatch,
  view as allocationView,
} from '../reconcile/allocation-match.js';
import { allocationRollup, allocationStatement } from '../reconcile/allocation-report.js';
import { prepareAllocationImport, previewAllocations } from '../reconcile/allocations.js';
import { listAliases, removeAlias } from '../reconcile/community-names.js';
import { autoMatchBank, loadBankLines, loadBookBankLines, matchBank } from '../reconcile/bank-match.js';
import {
  balanceComparison,
  reconciliation,
  reconciliationModel,
  saveReconciliation,
  signReconciliation,
} from '../reconcile/bank-reconciliation.js';
import {
  bankAccounts,
  findBankAccount,
  prepareBankImport,
  previewBankStatement,
} from '../reconcile/bank-statements.js';
import { savedSources } from '../reconcile/statement-file.js';
import { renderHtml } from '../reports/render-html.js';
import { renderPdf } from '../reports/render-pdf.js';
import { renderXlsx } from '../reports/render-xlsx.js';
import { trialBalance } from '../reports/trial-balance.js';
import { schemaVersion, type Context } from './context.js';

/**
 * The whole API of the core as one typed map: method name → input schema and handler. The CLI, the
 * loopback HTTP bridge and the Electron preload all call `callApi` with these names, and the renderer's
 * client is typed from this map, so a renamed field breaks the build, not the user.
 *
 * Inputs and outputs are JSON-safe: amounts are decimal yuan strings ('1234.56'), periods 'YYYY-MM'.
 * Reads use `ctx.centre`; every write goes through `ctx.write`, which resolves the operator, runs one
 * transaction and turns database refusals into LedgerErrors.
 */

const text = z.string().trim().min(1);
const book = text.describe('账套：社区名称或编号');
const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '期间应为 YYYY-MM');
const amount = z.string().trim().optional();
const reportInput = z.object({
  report: text.describe('账表名称，如 trial-balance'),
  book,
  from: period,
  to: period,
  account: z.string().trim().optional(),
  level: z.number().int().min(1).max(6).optional(),
  hideZero: z.boolean().optional(),
  includeUnposted: z.boolean().optional(),
});
const columns = z.record(z.string(), z.string()).optional().describe('字段 → 文件中的列名');
const decisions = z
  .record(z.string(), z.enum(['new', 'skip']))
  .optional()
  .describe('行号 → new 另一笔 / skip 重复');
const dateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD');
const communityFilter = (ctx: Context, community?: string) =>
  community ? { communityId: findCommunity(ctx.centre, community).id } : {};
const voucherRef = z.union([z.number().int().positive(), text]);
const operatorRef = z.union([z.number().int().positive(), text]).describe('操作员：编号或姓名');
/** A file to import: a path on this computer, or the picked file's name and base64 bytes (browser). */
const file = z
  .union([text, z.object({ name: text, content: z.string() })])
  .describe('文件路径，或 { name, content(base64) }')
  .transform((f): FileSource =>
    typeof f === 'string' ? f : { name: f.name, data: Buffer.from(f.content, 'base64') },
  );

const lineInput = z.object({
  account: text,
  summary: z.string().optional(),
  debit: amount,
  credit: amount,
  project: z.string().optional(),
  item: z.string().optional(),
  party: z.string().optional(),
});

function method<S extends z.ZodType, O>(input: S, run: (ctx: Context, input: z.output<S>) => O) {
  return { input, run };
}

export const api = {
  'centre.info': method(z.object({}), (ctx) => ({
    file: ctx.centre.file,
    schemaVersion: schemaVersion(ctx.centre),
    operators: listOperators(ctx.centre).length,
    books: listBooks(ctx.centre).length,
  })),

  'centre.status': method(z.object({}), (ctx) => centreStatus(ctx.centre)),

  'operator.list': method(z.object({}), (ctx) => listOperators(ctx.centre)),
  'operator.add': method(z.object({ name: text, role: z.enum(roles) }), (ctx, input) =>
    ctx.operatorName
      ? ctx.write((actor) => addOperator(actor.centre, actor.operator, input))
      : ctx.bootstrap(() => addOperator(ctx.centre, null, input)),
  ),
  'operator.rename': method(z.object({ operator: operatorRef, name: text }), (ctx, input) =>
    ctx.write((actor) => renameOperator(actor, input.operator, input.name)),
  ),
  'operator.setRole': method(z.object({ operator: operatorRef, role: z.enum(roles) }), (ctx, input) =>
    ctx.write((actor) => setOperatorRole(actor, input.operator, input.role)),
  ),
  'operator.disable': method(z.object({ operator: operatorRef }), (ctx, input) =>
    ctx.write((actor) => setOperatorActive(actor, input.operator, false)),
  ),
  'operator.enable': method(z.object({ operator: operatorRef }), (ctx, input) =>
    ctx.write((actor) => setOperatorActive(actor, input.operator, true)),
  ),

  'community.list': method(z.object({}), (ctx) => listCommunities(ctx.centre)),
  'community.add': method(
    z.object({
      name: text,
      code: z.string().optional(),
      kind: z.enum(communityKinds),
      district: z.string().optional(),
      subdistrict: z.string().optional(),
      bankAccounts: z
        .array(z.object({ bankName: text, accountNumber: text, ledgerCode: z.string().optional() }))
        .optional(),
    }),
    (ctx, input) => ctx.write((actor) => addCommunity(actor, input)),
  ),

  'chart.templates': method(z.object({}), () => listChartTemplates()),
  'book.list': method(z.object({}), (ctx) => listBooks(ctx.centre)),
  'book.get': method(z.object({ book }), (ctx, input) => findBook(ctx.centre, input.book)),
  'book.create': method(
    z.object({
      community: text,
      startPeriod: period,
      chart: z.string().optional(),
      chartFile: file.optional(),
      voucherWords: z.array(z.enum(voucherWords)).optional(),
    }),
    async (ctx, input) => {
      const imported = input.chartFile ? await readChartFile(input.chartFile) : undefined;
      return ctx.write((actor) =>
        createBook(actor, {
          ...input,
          chartRows: imported?.rows,
          chartSource: imported?.source,
          chartErrors: imported?.errors,
        }),
      );
    },
  ),
  'book.setVoucherWords': method(
    z.object({ book, voucherWords: z.array(z.enum(voucherWords)) }),
    (ctx, input) =>
      ctx.write((actor) => setVoucherWords(actor, findBook(actor.centre, input.book), input.voucherWords)),
  ),

  /** 赤字控制: warn (default) or refuse when cash or bank would fall below zero. */
  'book.setDeficitControl': method(z.object({ book, control: z.enum(deficitControls) }), (ctx, input) =>
    ctx.write((actor) => setDeficitControl(actor, findBook(actor.centre, input.book), input.control)),
  ),

  'account.list': method(z.object({ book, includeInactive: z.boolean().optional() }), (ctx, input) =>
    listAccounts(ctx.centre, findBook(ctx.centre, input.book).id).filter(
      (a) => input.includeInactive || a.active,
    ),
  ),
  'account.add': method(
    z.object({
      book,
      code: text,
      name: text,
      normalSide: z.enum(['debit', 'credit']).optional(),
      restricted: z.boolean().optional(),
    }),
    (ctx, input) => ctx.write((actor) => addAccount(actor, findBook(actor.centre, input.book).id, input)),
  ),
  'account.rename': method(z.object({ book, code: text, name: text }), (ctx, input) =>
    ctx.write((actor) => renameAccount(actor, findBook(actor.centre, input.book).id, input.code, input.name)),
  ),
  'account.disable': method(z.object({ book, code: text }), (ctx, input) =>
    ctx.write((actor) => setAccountActive(actor, findBook(actor.centre, input.book).id, input.code, false)),
  ),
  'account.enable': method(z.object({ book, code: text }), (ctx, input) =>
    ctx.write((actor) => setAccountActive(actor, findBook(actor.centre, input.book).id, input.code, true)),
  ),
  'account.setAttributes': method(
    z.object({
      book,
      code: text,
      restricted: z.boolean().optional(),
      dimensions: z
        .object({
          project: z.enum(dimensionRules).optional(),
          party: z.enum(dimensionRules).optional(),
          item: z.enum(dimensionRules).optional(),
        })
        .optional(),
    }),
    (ctx, input) =>
      ctx.write((actor) =>
        setAccountAttributes(actor, findBook(actor.centre, input.book).id, input.code, input),
      ),
  ),
  'account.delete': method(z.object({ book, code: text }), (ctx, input) =>
    ctx.write((actor) => deleteAccount(actor, findBook(actor.centre, input.book).id, input.code)),
  ),
  'account.import': method(z.object({ book, file }), async (ctx, input) => {
    const chart = await readChartFile(input.file);
    return ctx.write((actor) =>
      mergeChart(actor, findBook(actor.centre, input.book).id, chart.rows, chart.source, chart.errors),
    );
  }),

  'dimension.list': method(z.object({ book }), (ctx, input) => {
    const { id } = findBook(ctx.centre, input.book);
    return { projects: listProjects(ctx.centre, id), disclosureItems: listDisclosureItems(ctx.centre, id) };
  }),

  'opening.get': method(z.object({ book }), (ctx, input) =>
    getOpeningBalances(ctx.centre, findBook(ctx.centre, input.book)),
  ),
  'opening.set': method(
    z.object({
      book,
      balances: z.array(
        z.object({
          account: text,
          debit: amount,
          credit: amount,
          yearDebit: amount,
          yearCredit: amount,
          project: z.string().optional(),
        }),
      ),
      replace: z.boolean().optional(),
    }),
    (ctx, input) =>
      ctx.write((actor) =>
        setOpeningBalances(actor, findBook(actor.centre, input.book), input.balances, {
          replace: input.replace,
        }),
      ),
  ),
  'opening.import': method(z.object({ book, file }), async (ctx, input) => {
    const opening = await readOpeningFile(input.file, findBook(ctx.centre, input.book));
    return ctx.write((actor) =>
      setOpeningBalances(actor, findBook(actor.centre, input.book), opening.rows, {
        replace: true,
        source: opening.source,
        fileErrors: opening.errors,
      }),
    );
  }),

  'period.list': method(z.object({ book }), (ctx, input) =>
    listPeriods(ctx.centre, findBook(ctx.centre, input.book)),
  ),
  'period.close': method(z.object({ book, period }), (ctx, input) =>
    ctx.write((actor) => closePeriod(actor, findBook(actor.centre, input.book), input.period)),
  ),
  'period.reopen': method(z.object({ book, period, reason: text }), (ctx, input) =>
    ctx.write((actor) => reopenPeriod(actor, findBook(actor.centre, input.book), input.period, input.reason)),
  ),

  'voucher.list': method(
    z.object({
      book,
      from: period.optional(),
      to: period.optional(),
      status: z.enum(['draft', 'reviewed', 'posted', 'void']).optional(),
      account: z.string().optional(),
      project: z.string().optional(),
      text: z.string().optional(),
    }),
    (ctx, input) => listVouchers(ctx.centre, findBook(ctx.centre, input.book), input),
  ),
  'voucher.get': method(z.object({ book, voucher: voucherRef }), (ctx, input) => {
    const b = findBook(ctx.centre, input.book);
    return getVoucher(ctx.centre, b, findVoucherId(ctx.centre, b, input.voucher));
  }),
  'voucher.save': method(
    z.object({
      book,
      id: z.number().int().positive().optional(),
      date: text,
      word: z.enum(voucherWords).optional(),
      attachments: z.number().int().min(0).optional(),
      lines: z.array(lineInput),
    }),
    (ctx, input) => ctx.write((actor) => saveVoucher(actor, findBook(actor.centre, input.book), input)),
  ),
  'voucher.delete': method(z.object({ book, voucher: voucherRef }), (ctx, input) =>
    ctx.write((actor) => {
      const b = findBook(actor.centre, input.book);
      return deleteVoucher(actor, b, findVoucherId(actor.centre, b, input.voucher));
    }),
  ),
  'voucher.review': method(z.object({ book, voucher: voucherRef }), (ctx, input) =>
    ctx.write((actor) => {
      const b = findBook(actor.centre, input.book);
      return reviewVoucher(actor, b, findVoucherId(actor.centre, b, input.voucher));
    }),
  ),
  'voucher.unreview': method(z.object({ book, voucher: voucherRef }), (ctx, input) =>
    ctx.write((actor) => {
      const b = findBook(actor.centre, input.book);
      return unreviewVoucher(actor, b, findVoucherId(actor.centre, b, input.voucher));
    }),
  ),
  'voucher.post': method(z.object({ book, voucher: voucherRef }), (ctx, input) =>
    ctx.write((actor) => {
      const b = findBook(actor.centre, input.book);
      return postVoucher(actor, b, findVoucherId(actor.centre, b, input.voucher));
    }),
  ),
  'voucher.reviewRange': method(z.object({ book, from: period, to: period }), (ctx, input) =>
    ctx.write((actor) =>
      processRange(actor, findBook(actor.centre, input.book), 'review', input.from, input.to),
    ),
  ),
  'voucher.postRange': method(z.object({ book, from: period, to: period }), (ctx, input) =>
    ctx.write((actor) =>
      processRange(actor, findBook(actor.centre, input.book), 'post', input.from, input.to),
    ),
  ),
  'voucher.reverse': method(
    z.object({ book, voucher: voucherRef, date: z.string().optional() }),
    (ctx, input) =>
      ctx.write((actor) => {
        const b = findBook(actor.centre, input.book);
        return reverseVoucher(actor, b, findVoucherId(actor.centre, b, input.voucher), input.date);
      }),
  ),
  'voucher.import': method(z.object({ book, file, reviewer: z.string().optional() }), async (ctx, input) => {
    const codes = new Map(
      listAccounts(ctx.centre, findBook(ctx.centre, input.book).id).map((a) => [a.fullName, a.code]),
    );
    const batch = await readVoucherFile(input.file, codes);
    return ctx.write((actor) => {
      const reviewer = input.reviewer ? findOperator(actor.centre, input.reviewer) : undefined;
      return importVouchers(actor, findBook(actor.centre, input.book), batch, { reviewer });
    });
  }),

  'report.list': method(z.object({}), () => listReports()),
  /** Any report of the catalogue as its neutral model, which the screens draw. */
  'report.view': method(reportInput, (ctx, input) =>
    buildReport(ctx.centre, findBook(ctx.centre, input.book), input.report, input),
  ),
  /**
   * A report as a file: .xlsx or PDF as base64, or the print HTML (the preview, and what the desktop
   * app prints to PDF itself).
   */
  'report.render': method(
    reportInput.extend({ format: z.enum(['xlsx', 'pdf', 'html']) }),
    async (ctx, input) => {
      const b = findBook(ctx.centre, input.book);
      const model = buildReport(ctx.centre, b, input.report, input);
      const range = input.from === input.to ? input.from : `${input.from}至${input.to}`;
      const fileName = `${b.community}-${model.title}-${range}.${input.format}`;
      if (input.format === 'html') return { fileName, content: renderHtml(model) };
      const bytes = input.format === 'xlsx' ? await renderXlsx(model) : await renderPdf(model);
      return { fileName, content: bytes.toString('base64') };
    },
  ),
  'report.trialBalance': method(
    z.object({
      book,
      from: period,
      to: period,
      level: z.number().int().min(1).max(6).optional(),
      hideZero: z.boolean().optional(),
      includeUnposted: z.boolean().optional(),
    }),
    (ctx, input) => trialBalance(ctx.centre, findBook(ctx.centre, input.book), input),
  ),
  'report.accountLedger': method(
    z.object({ book, account: text, from: period, to: period, includeUnposted: z.boolean().optional() }),
    (ctx, input) => accountLedger(ctx.centre, findBook(ctx.centre, input.book), input),
  ),

  'households.set': method(
    z.object({
      community: text,
      year: z.number().int(),
      resident: z.number().int(),
      registered: z.number().int(),
      newResidents: z.number().int().optional(),
      asOf: text,
      source: text,
    }),
    (ctx, input) => ctx.write((actor) => updateHouseholds(actor, input)),
  ),
  'households.list': method(
    z.object({ year: z.number().int(), community: z.string().optional() }),
    (ctx, input) =>
      input.community
        ? householdHistory(ctx.centre, findCommunity(ctx.centre, input.community).id, input.year)
        : householdsForYear(ctx.centre, input.year),
  ),

  'grant.policies': method(z.object({ year: z.number().int().optional() }), (ctx, input) =>
    listPolicies(ctx.centre).filter((p) => input.year === undefined || p.year === input.year),
  ),
  'grant.setPolicy': method(z.object({ policy: z.unknown() }), (ctx, input) =>
    ctx.write((actor) => setPolicy(actor, input.policy)),
  ),
  'grant.setRate': method(z.object({ community: text, year: z.number().int(), rate: text }), (ctx, input) =>
    ctx.write((actor) => setRate(actor, input)),
  ),
  'grant.calc': method(
    z.object({
      kind: z.enum(communityKinds),
      year: z.number().int(),
      resident: z.number().int(),
      registered: z.number().int(),
      rate: z.string().optional(),
    }),
    (ctx, input) => calculate(ctx.centre, input),
  ),
  'grant.entitlement': method(
    z.object({ year: z.number().int(), community: z.string().optional() }),
    (ctx, input) => entitlementTable(ctx.centre, input.year, input.community),
  ),

  'grant.receive': method(
    z.object({
      book,
      source: z.enum(receiptSources),
      amount: text,
      date: text,
      document: text,
      year: z.number().int().optional(),
      admission: z.union([z.number().int(), text]).optional(),
      account: z.string().optional(),
      bankAccount: z.string().optional(),
    }),
    (ctx, input) => ctx.write((actor) => receiveGrant(actor, findBook(actor.centre, input.book), input)),
  ),
  'grant.received': method(
    z.object({ year: z.number().int(), community: z.string().optional() }),
    (ctx, input) => receiptStatus(ctx.centre, input.year, input.community),
  ),

  'admission.list': method(z.object({ book }), (ctx, input) =>
    listAdmissions(ctx.centre, findBook(ctx.centre, input.book)),
  ),
  'admission.add': method(
    z.object({
      book,
      department: text,
      matter: text,
      approvalNumber: text,
      approvalDate: text,
      amount: text,
      periodFrom: period,
      periodTo: period,
    }),
    (ctx, input) => ctx.write((actor) => addAdmission(actor, findBook(actor.centre, input.book), input)),
  ),
  'admission.allowOverdraft': method(
    z.object({ book, admission: z.union([z.number().int(), text]), amount: text, reason: text }),
    (ctx, input) =>
      ctx.write((actor) => allowOverdraft(actor, findBook(actor.centre, input.book), input.admission, input)),
  ),
  'admission.close': method(
    z.object({
      book,
      admission: z.union([z.number().int(), text]),
      handling: z.enum(['carry_forward', 'return']),
      date: text,
    }),
    (ctx, input) =>
      ctx.write((actor) => closeAdmission(actor, findBook(actor.centre, input.book), input.admission, input)),
  ),

  'staffing.set': method(
    z.object({
      community: text,
      year: z.number().int(),
      workers: z.number().int(),
      auxiliaryPolice: z.number().int(),
      asOf: text,
    }),
    (ctx, input) => ctx.write((actor) => recordStaffing(actor, input)),
  ),
  'staffing.check': method(
    z.object({ year: z.number().int(), community: z.string().optional() }),
    (ctx, input) => staffingCheck(ctx.centre, input.year, input.community),
  ),

  'report.funds': method(z.object({ book, from: period, to: period }), (ctx, input) =>
    fundReport(ctx.centre, findBook(ctx.centre, input.book), input),
  ),
  'report.centreFunds': method(z.object({ from: period, to: period }), (ctx, input) =>
    centreFundReport(ctx.centre, input),
  ),

  /** 居务公开: a period's sheets A/B/C (drawn now, or a published version exactly as published). */
  'disclosure.sheets': method(
    z.object({
      book,
      period: text.describe('2025-03、2025-Q1 或 2025'),
      sheet: z.enum(['A', 'B', 'C', 'all']).optional(),
      version: z.number().int().positive().optional(),
    }),
    (ctx, input) => disclosureView(ctx.centre, findBook(ctx.centre, input.book), input),
  ),
  'disclosure.render': method(
    z.object({
      book,
      period: text,
      sheet: z.enum(['A', 'B', 'C', 'all']).optional(),
      version: z.number().int().positive().optional(),
      format: z.enum(['xlsx', 'pdf', 'html']),
    }),
    async (ctx, input) => {
      const view = disclosureView(ctx.centre, findBook(ctx.centre, input.book), input);
      const which = input.sheet && input.sheet !== 'all' ? `表${input.sheet}` : '公开表';
      const version = view.version ? `-第${view.version}版` : '';
      const fileName = `${view.book}-${view.period}-居务${which}${version}.${input.format}`;
      if (input.format === 'html') return { fileName, content: renderHtml(view.sheets) };
      const bytes = input.format === 'xlsx' ? await renderXlsx(view.sheets) : await renderPdf(view.sheets);
      return { fileName, content: bytes.toString('base64') };
    },
  ),
  'disclosure.due': method(
    z.object({ asOf: dateText.optional(), book: z.string().optional(), all: z.boolean().optional() }),
    (ctx, input) =>
      dueSheets(ctx.centre, {
        ...(input.asOf ? { asOf: input.asOf } : {}),
        ...(input.book ? { book: findBook(ctx.centre, input.book) } : {}),
        ...(input.all ? { all: true } : {}),
      }),
  ),
  'disclosure.publish': method(
    z.object({
      book,
      period: text,
      publishedOn: z.string().optional(),
      backdateReason: z.string().optional(),
      displayDays: z.number().int().optional(),
      reviewer: text,
      communityHead: text,
      oversightOpinion: z.string().optional(),
      oversightSigner: text,
    }),
    (ctx, input) => ctx.write((actor) => publish(actor, findBook(actor.centre, input.book), input)),
  ),
  'disclosure.publications': method(z.object({ book, period: z.string().optional() }), (ctx, input) =>
    listPublications(ctx.centre, findBook(ctx.centre, input.book), input.period),
  ),
  'disclosure.rules': method(z.object({ book }), (ctx, input) =>
    listItemRules(ctx.centre, findBook(ctx.centre, input.book)),
  ),
  'disclosure.setRule': method(
    z.object({
      book,
      direction: z.enum(['receipt', 'payment']),
      account: text,
      item: z.string().nullable(),
    }),
    (ctx, input) => ctx.write((actor) => setItemRule(actor, findBook(actor.centre, input.book), input)),
  ),
  'disclosure.settings': method(z.object({}), (ctx) => disclosureSettings(ctx.centre)),
  'disclosure.setSettings': method(
    z.object({
      monthlyThreshold: z.number().int().optional(),
      publicationDay: z.number().int().optional(),
    }),
    (ctx, input) => ctx.write((actor) => setDisclosureSettings(actor, input)),
  ),
  /** Starts the batch (every community's sheets for a period) and returns a job to poll. */
  'disclosure.batch': method(z.object({ period: text, outDir: z.string().optional() }), (ctx, input) =>
    startBatch(ctx.centre, {
      period: input.period,
      outDir:
        input.outDir?.trim() || path.join(path.dirname(ctx.centre.file), '居务公开', input.period.trim()),
    }),
  ),
  'disclosure.batchStatus': method(z.object({ job: text }), (_ctx, input) => batchStatus(input.job)),

  /** 区财政拨款对账: preview a statement file (mapping, first rows, unknown community names, duplicates). */
  'reconcile.allocations.preview': method(z.object({ file, source: text, columns }), (ctx, input) =>
    previewAllocations(ctx.centre, input),
  ),
  /** Sources whose column mapping is saved, the last used first: the mapping dialog offers them. */
  'reconcile.allocations.sources': method(z.object({}), (ctx) => savedSources(ctx.centre, 'allocation')),
  'reconcile.allocations.import': method(
    z.object({
      file,
      source: text,
      columns,
      aliases: z.record(z.string(), z.string()).optional().describe('对账单上的社区名 → 本中心的社区'),
      duplicates: decisions,
    }),
    async (ctx, input) => {
      const commit = await prepareAllocationImport(ctx.centre, input);
      return ctx.write(commit);
    },
  ),
  'reconcile.allocations.list': method(
    z.object({ community: z.string().optional(), from: dateText.optional(), to: dateText.optional() }),
    (ctx, input) => {
      const filter = { ...communityFilter(ctx, input.community), from: input.from, to: input.to };
      const allocations = loadAllocations(ctx.centre, filter);
      const receipts = loadReceipts(ctx.centre, filter);
      const used = new Set([...allocations, ...receipts].map((x) => x.matchId));
      return {
        allocations: allocations.map(allocationView),
        receipts: receipts.map(receiptView),
        matches: listMatches(ctx.centre, 'allocation', used),
      };
    },
  ),
  'reconcile.allocations.autoMatch': method(z.object({ community: z.string().optional() }), (ctx, input) =>
    ctx.write((actor) => autoMatchAllocations(actor, communityFilter(ctx, input.community))),
  ),
  'reconcile.allocations.match': method(
    z.object({
      allocations: z.array(z.number().int()),
      vouchers: z.array(z.number().int()),
      note: z.string().optional(),
    }),
    (ctx, input) => ctx.write((actor) => matchAllocations(actor, input)),
  ),
  'reconcile.unmatch': method(
    z.object({ kind: z.enum(['allocation', 'bank']), match: z.number().int() }),
    (ctx, input) =>
      ctx.write((actor) => {
        unmatch(actor, input.kind, input.match);
        return { unmatched: input.match };
      }),
  ),
  'reconcile.allocations.exceptions': method(
    z.object({
      community: z.string().optional(),
      from: dateText.optional(),
      to: dateText.optional(),
      asOf: dateText.optional(),
    }),
    (ctx, input) => {
      const filter = { ...communityFilter(ctx, input.community), from: input.from, to: input.to };
      return allocationExceptions(ctx.centre, input.asOf ?? ctx.centre.today(), filter);
    },
  ),
  /** Names statements use for communities, as confirmed at import; a wrong one can be removed. */
  'reconcile.aliases': method(z.object({}), (ctx) => listAliases(ctx.centre)),
  'reconcile.removeAlias': method(z.object({ alias: text }), (ctx, input) =>
    ctx.write((actor) => removeAlias(actor, input.alias)),
  ),
  'reconcile.bank.accounts': method(z.object({}), (ctx) => bankAccounts(ctx.centre)),
  'reconcile.bank.preview': method(z.object({ file, account: text, columns }), (ctx, input) =>
    previewBankStatement(ctx.centre, input),
  ),
  'reconcile.bank.import': method(
    z.object({ file, account: text, columns, duplicates: decisions }),
    async (ctx, input) => {
      const commit = await prepareBankImport(ctx.centre, input);
      return ctx.write(commit);
    },
  ),
  'reconcile.bank.list': method(z.object({ account: text, to: dateText.optional() }), (ctx, input) => {
    const account = findBankAccount(ctx.centre, input.account).accountNumber;
    const bank = loadBankLines(ctx.centre, account, input.to);
    const book = loadBookBankLines(ctx.centre, account, input.to);
    const used = new Set([...bank, ...book].map((x) => x.matchId));
    return {
      bank: bank.map((b) => ({
        ...b,
        amount: fenToYuan(b.amount),
        balance: b.balance === null ? null : fenToYuan(b.balance),
      })),
      book: book.map((l) => ({ ...l, amount: fenToYuan(l.amount) })),
      matches: listMatches(ctx.centre, 'bank', used),
    };
  }),
  'reconcile.bank.autoMatch': method(z.object({ account: text }), (ctx, input) =>
    ctx.write((actor) => autoMatchBank(actor, input.account)),
  ),
  'reconcile.bank.match': method(
    z.object({
      account: text,
      bankLines: z.array(z.number().int()),
      bookLines: z.array(z.object({ voucherId: z.number().int(), lineNo: z.number().int() })),
      note: z.string().optional(),
    }),
    (ctx, input) => ctx.write((actor) => matchBank(actor, input)),
  ),
  /** The month's 余额调节表: a saved version when asked for, else the latest signed one, else computed now. */
  'reconcile.bank.reconciliation': method(
    z.object({ account: text, period, version: z.number().int().optional() }),
    (ctx, input) => {
      const r = reconciliation(ctx.centre, input.account, input.period, input.version);
      const items = (list: Array<{ date: string; text: string; amount: number }>) =>
        list.map((i) => ({ ...i, amount: fenToYuan(i.amount) }));
      return {
        ...r,
        bookBalance: fenToYuan(r.bookBalance),
        bankBalance: r.bankBalance === null ? null : fenToYuan(r.bankBalance),
        adjustedBook: fenToYuan(r.adjustedBook),
        adjustedBank: r.adjustedBank === null ? null : fenToYuan(r.adjustedBank),
        bankReceived: items(r.bankReceived),
        bankPaid: items(r.bankPaid),
        bookReceived: items(r.bookReceived),
        bookPaid: items(r.bookPaid),
      };
    },
  ),
  /** Saves the month's 调节表 (also after month end): the unsigned latest version again, else a new one. */
  'reconcile.bank.save': method(z.object({ account: text, period }), (ctx, input) =>
    ctx.write((actor) => {
      const r = saveReconciliation(actor, input.account, input.period);
      return { account: r.account, period: r.period, balanced: r.balanced, version: r.version };
    }),
  ),
  /** 审核 (signs) the latest saved version: another person than its preparer; it is read-only from then. */
  'reconcile.bank.sign': method(z.object({ account: text, period }), (ctx, input) =>
    ctx.write((actor) => signReconciliation(actor, input.account, input.period)),
  ),
  'reconcile.bank.balances': method(z.object({ account: text, from: period, to: period }), (ctx, input) =>
    balanceComparison(ctx.centre, input.account, input.from, input.to),
  ),
  /** 财政拨款对账单, the centre roll-up and 银行存款余额调节表 as report models or files. */
  'reconcile.report': method(
    z.object({
      report: z.enum(['statement', 'rollup', 'bank']),
      community: z.string().optional(),
      account: z.string().optional(),
      from: period.optional(),
      to: period.optional(),
      year: z.number().int().optional(),
      version: z.number().int().optional().describe('余额调节表的版本（默认最新已签字的版本，否则当前）'),
      format: z.enum(['model', 'xlsx', 'pdf', 'html']).optional(),
    }),
    async (ctx, input) => {
      const need = <T>(value: T | undefined, label: string, field: string): T =>
        value ?? fail('invalid_argument', `请指定${label}`, { field });
      const model =
        input.report === 'statement'
          ? allocationStatement(ctx.centre, {
              community: need(input.community, '社区', 'community'),
              from: need(input.from, '起始期间', 'from'),
              to: need(input.to, '截止期间', 'to'),
            })
          : input.report === 'rollup'
            ? allocationRollup(ctx.centre, need(input.year, '年度', 'year'))
            : reconciliationModel(
                reconciliation(
                  ctx.centre,
                  need(input.account, '银行账号', 'account'),
                  need(input.to, '月份', 'to'),
                  input.version,
                ),
              );
      const format = input.format ?? 'model';
      if (format === 'model') return { model, fileName: '', content: '' };
      const fileName = `${model.title}-${model.subtitle ?? ''}-${model.period}.${format}`;
      if (format === 'html') return { model, fileName, content: renderHtml(model) };
      const bytes = format === 'xlsx' ? await renderXlsx(model) : await renderPdf(model);
      return { model, fileName, content: bytes.toString('base64') };
    },
  ),

  'money.capital': method(z.object({ amount: text }), (_ctx, input) => {
    const fen = parseAmount(input.amount);
    return { amount: fenToYuan(fen), capital: toCapitalAmount(fen) };
  }),

  'audit.list': method(
    z.object({
      book: z.string().optional(),
      entity: z.string().optional(),
      limit: z.number().int().min(1).max(5000).optional(),
    }),
    (ctx, input) =>
      listAudit(ctx.centre, {
        ...(input.book ? { bookId: findBook(ctx.centre, input.book).id } : {}),
        ...(input.entity ? { entity: input.entity } : {}),
        ...(input.limit ? { limit: input.limit } : {}),
      }),
  ),
};

export type Api = typeof api;
export type MethodName = keyof Api;
/** What a caller passes: the schema's input type (before defaults and trimming). */
export type ApiInput<M extends MethodName> = z.input<Api[M]['input']>;
/** What a caller gets back. */
export type ApiOutput<M extends MethodName> = Awaited<ReturnType<Api[M]['run']>>;

export function isMethod(name: string): name is MethodName {
  return Object.hasOwn(api, name);
}

export function unknownMethod(name: string): never {
  return fail('not_found', `没有名为“${name}”的接口`);
}
