import { expect, onTestFinished } from 'vitest';
import { LedgerError } from '../../src/errors.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { callApi } from '../../src/api/call.js';
import type { ApiInput, ApiOutput, MethodName } from '../../src/api/contract.js';
import { Centre } from '../../src/ledger/centre.js';

/** A fresh centre file in its own temp folder, with a fixed clock, for one test. */
export function tempDir(prefix = 'jucai-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function openTestCentre(file = path.join(tempDir(), 'centre.db')): Centre {
  let tick = 0;
  // Fixed clock: 2025-06-30 10:00 local, one second later on every reading, so the audit order is stable.
  return new Centre(file, { clock: () => new Date(Date.UTC(2025, 5, 30, 2, 0, tick++)) });
}

/** Calls the API as an operator; the test reads like the accountant's story. */
export function as(centre: Centre, operator?: string) {
  return <M extends MethodName>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>> =>
    callApi(centre, method, input, { operator });
}

/**
 * A centre with the four roles and one urban community whose book starts 2025-01 on the default chart,
 * with balanced opening balances (bank 50,000.00 / unrestricted net assets 50,000.00).
 */
export async function seededCentre(file?: string) {
  const centre = openTestCentre(file);
  await as(centre)('operator.add', { name: '周主管', role: 'supervisor' });
  const boss = as(centre, '周主管');
  await boss('operator.add', { name: '王会计', role: 'accountant' });
  await boss('operator.add', { name: '李审核', role: 'reviewer' });
  await boss('operator.add', { name: '陈议监', role: 'overseer' });
  await boss('community.add', {
    name: '东风社区',
    code: 'DF',
    kind: 'urban',
    district: '鹿城区',
    subdistrict: '五马街道',
  });
  const accountant = as(centre, '王会计');
  await accountant('book.create', { community: '东风社区', startPeriod: '2025-01' });
  await accountant('opening.set', {
    book: '东风社区',
    balances: [
      { account: '100201', debit: '50000.00' },
      { account: '3101', credit: '50000.00' },
    ],
  });
  return { centre, boss, accountant, reviewer: as(centre, '李审核'), overseer: as(centre, '陈议监') };
}

/** The typical entry: the district's base grant arrives in the dedicated account. */
export function grantVoucher(date: string, amount = '25000.00') {
  return {
    book: '东风社区',
    date,
    attachments: 1,
    lines: [
      { account: '100201', summary: '收到区财政拨付社区工作经费(基础经费)', debit: amount },
      { account: '44010101', credit: amount },
    ],
  };
}

/** A seeded centre that is closed when the current test finishes. */
export async function seededForTest() {
  const seeded = await seededCentre();
  onTestFinished(() => seeded.centre.close());
  return seeded;
}

/** The LedgerError a call is refused with; fails the test when the call succeeds. */
export async function refused(promise: Promise<unknown>): Promise<LedgerError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LedgerError);
  return error as LedgerError;
}

/** A March with a grant, an expense and a cash withdrawal, all posted: its trial balance (zero rows hidden). */
export async function postedMarchTrialBalance() {
  const s = await seededForTest();
  const vouchers = [
    grantVoucher('2025-03-03'),
    {
      book: '东风社区',
      date: '2025-03-10',
      attachments: 2,
      lines: [
        { account: '520101', summary: '购买办公用品', debit: '1234.56' },
        { account: '100201', summary: '购买办公用品', credit: '1234.56' },
      ],
    },
    {
      book: '东风社区',
      date: '2025-03-12',
      attachments: 1,
      lines: [
        { account: '1001', summary: '提取备用金', debit: '2000.00' },
        { account: '100201', summary: '提取备用金', credit: '2000.00' },
      ],
    },
  ];
  for (const input of vouchers) {
    const v = await s.accountant('voucher.save', input);
    await s.reviewer('voucher.review', { book: '东风社区', voucher: v.id });
    await s.reviewer('voucher.post', { book: '东风社区', voucher: v.id });
  }
  return s.accountant('report.trialBalance', {
    book: '东风社区',
    from: '2025-03',
    to: '2025-03',
    hideZero: true,
  });
}
