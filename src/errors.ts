/**
 * Every failure the core reports to a caller is a LedgerError: a stable machine code plus a Chinese
 * message for the accountant. Callers (CLI, HTTP bridge, IPC) pass both through unchanged, so a test or
 * the UI can match the code while the user reads the message.
 */
export type ErrorCode =
  | 'invalid_argument'
  | 'invalid_amount'
  | 'not_found'
  | 'duplicate'
  | 'forbidden'
  | 'period_closed'
  | 'voucher_state'
  | 'unbalanced'
  /** 赤字: a cash or bank balance would fall below zero (赤字控制 set to refuse). */
  | 'cash_deficit'
  | 'account_in_use'
  | 'import_failed'
  | 'database_newer'
  | 'database_foreign'
  | 'constraint';

/** One problem in one row of an imported file. `row` is the 1-based row number as a spreadsheet shows it. */
export interface RowError {
  row: number;
  column: string;
  message: string;
}

export class LedgerError extends Error {
  readonly code: ErrorCode;
  /** For imports: every bad row found, so the accountant can fix the file in one pass. */
  readonly rows: RowError[];
  /** Which argument or field the error concerns, for showing it next to that field. */
  readonly field: string | undefined;

  constructor(code: ErrorCode, message: string, options: { rows?: RowError[]; field?: string } = {}) {
    super(message);
    this.name = 'LedgerError';
    this.code = code;
    this.rows = options.rows ?? [];
    this.field = options.field;
  }

  toJSON(): { code: ErrorCode; message: string; rows: RowError[]; field?: string } {
    return {
      code: this.code,
      message: this.message,
      rows: this.rows,
      ...(this.field ? { field: this.field } : {}),
    };
  }
}

export function fail(
  code: ErrorCode,
  message: string,
  options?: { rows?: RowError[]; field?: string },
): never {
  throw new LedgerError(code, message, options);
}
