-- 0001: the ledger engine. Operators, communities, books, chart of accounts, opening balances,
-- period closes, vouchers and lines, posted totals, audit log.
--
-- The core checks every rule first and gives the friendly message; the triggers below repeat the rules
-- that keep the books trustworthy, so that no caller (a script, a bug, sqlite3 at the prompt) can break
-- them. Trigger messages start with a stable tag in brackets, which the core maps to an error code.
-- Money is integer 分. Periods are 'YYYY-MM' text. Timestamps are ISO-8601 UTC text.

CREATE TABLE operator (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
  role       TEXT NOT NULL CHECK (role IN ('accountant', 'reviewer', 'supervisor', 'overseer')),
  active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE community (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE CHECK (length(trim(code)) > 0),
  name        TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
  kind        TEXT NOT NULL CHECK (kind IN ('urban', 'town', 'rural', 'remote')),
  district    TEXT NOT NULL DEFAULT '',
  subdistrict TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL
) STRICT;

-- 专户: the dedicated bank account(s) through which a community's money runs.
CREATE TABLE bank_account (
  id             INTEGER PRIMARY KEY,
  community_id   INTEGER NOT NULL REFERENCES community (id),
  bank_name      TEXT NOT NULL,
  account_number TEXT NOT NULL,
  UNIQUE (community_id, account_number)
) STRICT;

CREATE TABLE book (
  id            INTEGER PRIMARY KEY,
  community_id  INTEGER NOT NULL UNIQUE REFERENCES community (id),
  start_period  TEXT NOT NULL CHECK (start_period GLOB '[12][0-9][0-9][0-9]-[01][0-9]'),
  chart         TEXT NOT NULL,               -- template id, or the file a chart was imported from
  voucher_words TEXT NOT NULL DEFAULT '记',  -- enabled 凭证字, comma-separated: '记' or '收,付,转' ...
  created_at    TEXT NOT NULL
) STRICT;

CREATE TABLE account (
  id          INTEGER PRIMARY KEY,
  book_id     INTEGER NOT NULL REFERENCES book (id),
  code        TEXT NOT NULL CHECK (code GLOB '[0-9]*' AND code NOT GLOB '*[^0-9]*'),
  name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
  parent_id   INTEGER REFERENCES account (id),
  level       INTEGER NOT NULL CHECK (level BETWEEN 1 AND 6),
  category    TEXT NOT NULL CHECK (category IN ('asset', 'liability', 'net_assets', 'income', 'expense')),
  normal_side TEXT NOT NULL CHECK (normal_side IN ('debit', 'credit')),
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  -- Kept by the triggers below (never by the core), so the per-line leaf check is one lookup.
  is_leaf     INTEGER NOT NULL DEFAULT 1 CHECK (is_leaf IN (0, 1)),
  UNIQUE (book_id, code)
) STRICT;
CREATE INDEX account_parent ON account (parent_id);

-- Dimension values (辅助核算). A 费随事转 task becomes a project in a later migration's terms.
CREATE TABLE project (
  id      INTEGER PRIMARY KEY,
  book_id INTEGER NOT NULL REFERENCES book (id),
  name    TEXT NOT NULL CHECK (length(trim(name)) > 0),
  UNIQUE (book_id, name)
) STRICT;

CREATE TABLE party (
  id      INTEGER PRIMARY KEY,
  book_id INTEGER NOT NULL REFERENCES book (id),
  name    TEXT NOT NULL CHECK (length(trim(name)) > 0),
  UNIQUE (book_id, name)
) STRICT;

-- 收支项目: the receipts-and-payments heading a cash line is shown under on the public sheet.
CREATE TABLE disclosure_item (
  id        INTEGER PRIMARY KEY,
  book_id   INTEGER NOT NULL REFERENCES book (id),
  name      TEXT NOT NULL CHECK (length(trim(name)) > 0),
  direction TEXT NOT NULL CHECK (direction IN ('receipt', 'payment')),
  position  INTEGER NOT NULL,
  UNIQUE (book_id, direction, name)  -- 治安巡逻费 is both a receipt and a payment
) STRICT;

CREATE TABLE opening_balance (
  account_id INTEGER PRIMARY KEY REFERENCES account (id),
  debit      INTEGER NOT NULL DEFAULT 0 CHECK (debit >= 0),
  credit     INTEGER NOT NULL DEFAULT 0 CHECK (credit >= 0)
) STRICT;

-- A row here means the month is closed (结账). Reopening deletes the row, which the audit log keeps.
CREATE TABLE period_close (
  book_id   INTEGER NOT NULL REFERENCES book (id),
  period    TEXT NOT NULL CHECK (period GLOB '[12][0-9][0-9][0-9]-[01][0-9]'),
  closed_by INTEGER NOT NULL REFERENCES operator (id),
  closed_at TEXT NOT NULL,
  PRIMARY KEY (book_id, period)
) STRICT, WITHOUT ROWID;

CREATE TABLE voucher (
  id                  INTEGER PRIMARY KEY,
  book_id             INTEGER NOT NULL REFERENCES book (id),
  period              TEXT NOT NULL,
  word                TEXT NOT NULL CHECK (word IN ('记', '收', '付', '转')),
  number              INTEGER NOT NULL CHECK (number > 0),
  date                TEXT NOT NULL CHECK (date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  attachments         INTEGER NOT NULL DEFAULT 0 CHECK (attachments >= 0),
  status              TEXT NOT NULL CHECK (status IN ('draft', 'reviewed', 'posted', 'void')),
  prepared_by         INTEGER NOT NULL REFERENCES operator (id),
  prepared_at         TEXT NOT NULL,
  reviewed_by         INTEGER REFERENCES operator (id),
  reviewed_at         TEXT,
  posted_by           INTEGER REFERENCES operator (id),
  posted_at           TEXT,
  reverses_voucher_id INTEGER REFERENCES voucher (id),
  CHECK (period = substr(date, 1, 7)),
  CHECK (reviewed_by IS NULL OR reviewed_by <> prepared_by),
  CHECK ((status IN ('reviewed', 'posted')) = (reviewed_by IS NOT NULL)),
  CHECK ((status = 'posted') = (posted_by IS NOT NULL)),
  UNIQUE (book_id, period, word, number)
) STRICT;

-- One row of a voucher. Exactly one side is non-zero; red ink (红字) is a negative amount on its side.
-- `period` repeats the voucher's month so an account's ledger for a year is one index range.
CREATE TABLE line (
  voucher_id INTEGER NOT NULL REFERENCES voucher (id),
  line_no    INTEGER NOT NULL CHECK (line_no > 0),
  account_id INTEGER NOT NULL REFERENCES account (id),
  period     TEXT NOT NULL,
  summary    TEXT NOT NULL,
  debit      INTEGER NOT NULL DEFAULT 0,
  credit     INTEGER NOT NULL DEFAULT 0,
  project_id INTEGER REFERENCES project (id),
  item_id    INTEGER REFERENCES disclosure_item (id),
  party_id   INTEGER REFERENCES party (id),
  CHECK ((debit = 0) <> (credit = 0)),
  PRIMARY KEY (voucher_id, line_no)
) STRICT, WITHOUT ROWID;
CREATE INDEX line_account ON line (account_id, period);

-- A voucher is reversed at most once; partial, so the index holds only the few reversals.
CREATE UNIQUE INDEX voucher_reverses ON voucher (reverses_voucher_id) WHERE reverses_voucher_id IS NOT NULL;

-- Posted movement per account and month, kept by trigger when a voucher is posted. Posted vouchers
-- never change, so these totals only ever grow; reports read them instead of scanning millions of lines.
CREATE TABLE posted_total (
  account_id INTEGER NOT NULL REFERENCES account (id),
  period     TEXT NOT NULL,
  debit      INTEGER NOT NULL,
  credit     INTEGER NOT NULL,
  PRIMARY KEY (account_id, period)
) STRICT, WITHOUT ROWID;

CREATE TABLE audit (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  operator_id INTEGER REFERENCES operator (id),
  action      TEXT NOT NULL,
  entity      TEXT NOT NULL,
  entity_id   INTEGER,
  book_id     INTEGER REFERENCES book (id),
  before      TEXT,  -- JSON
  after       TEXT   -- JSON
) STRICT;
CREATE INDEX audit_book ON audit (book_id, id);

------------------------------------------------------------------------------------------------------
-- The audit log is append-only.
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, '[audit_immutable] 审计日志不能修改'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, '[audit_immutable] 审计日志不能删除'); END;

------------------------------------------------------------------------------------------------------
-- Chart of accounts: an account that has lines takes no children; accounts with lines or children stay.
CREATE TRIGGER account_child_of_used BEFORE INSERT ON account
WHEN new.parent_id IS NOT NULL AND EXISTS (SELECT 1 FROM line WHERE account_id = new.parent_id)
BEGIN SELECT RAISE(ABORT, '[account_in_use] 上级科目已有凭证分录，不能增加下级科目'); END;

CREATE TRIGGER account_child_of_opening BEFORE INSERT ON account
WHEN new.parent_id IS NOT NULL AND EXISTS (
  SELECT 1 FROM opening_balance WHERE account_id = new.parent_id AND (debit <> 0 OR credit <> 0))
BEGIN SELECT RAISE(ABORT, '[account_in_use] 上级科目已有期初余额，不能增加下级科目'); END;

CREATE TRIGGER account_child_added AFTER INSERT ON account
WHEN new.parent_id IS NOT NULL
BEGIN UPDATE account SET is_leaf = 0 WHERE id = new.parent_id; END;

CREATE TRIGGER account_child_removed AFTER DELETE ON account
WHEN old.parent_id IS NOT NULL
BEGIN
  UPDATE account SET is_leaf = NOT EXISTS (SELECT 1 FROM account WHERE parent_id = old.parent_id)
  WHERE id = old.parent_id;
END;

CREATE TRIGGER account_leaf_flag BEFORE UPDATE OF is_leaf ON account
WHEN new.is_leaf IS NOT (NOT EXISTS (SELECT 1 FROM account WHERE parent_id = new.id))
BEGIN SELECT RAISE(ABORT, '[account_in_use] 末级标志由数据库维护，不能直接修改'); END;

CREATE TRIGGER account_delete_used BEFORE DELETE ON account
WHEN EXISTS (SELECT 1 FROM line WHERE account_id = old.id)
  OR EXISTS (SELECT 1 FROM account WHERE parent_id = old.id)
BEGIN SELECT RAISE(ABORT, '[account_in_use] 科目已有凭证分录或下级科目，不能删除'); END;

CREATE TRIGGER account_fixed_fields BEFORE UPDATE OF book_id, code, parent_id, level, category, normal_side ON account
WHEN EXISTS (SELECT 1 FROM line WHERE account_id = old.id)
BEGIN SELECT RAISE(ABORT, '[account_in_use] 科目已有凭证分录，只能改名或停用'); END;

------------------------------------------------------------------------------------------------------
-- Opening balances are fixed once the book has a posted voucher.
CREATE TRIGGER opening_locked_insert BEFORE INSERT ON opening_balance
WHEN EXISTS (SELECT 1 FROM voucher v JOIN account a ON a.book_id = v.book_id
             WHERE a.id = new.account_id AND v.status = 'posted')
BEGIN SELECT RAISE(ABORT, '[opening_locked] 账套已有记账凭证，期初余额不能再修改'); END;
CREATE TRIGGER opening_locked_update BEFORE UPDATE ON opening_balance
WHEN EXISTS (SELECT 1 FROM voucher v JOIN account a ON a.book_id = v.book_id
             WHERE a.id = old.account_id AND v.status = 'posted')
BEGIN SELECT RAISE(ABORT, '[opening_locked] 账套已有记账凭证，期初余额不能再修改'); END;
CREATE TRIGGER opening_locked_delete BEFORE DELETE ON opening_balance
WHEN EXISTS (SELECT 1 FROM voucher v JOIN account a ON a.book_id = v.book_id
             WHERE a.id = old.account_id AND v.status = 'posted')
BEGIN SELECT RAISE(ABORT, '[opening_locked] 账套已有记账凭证，期初余额不能再修改'); END;
CREATE TRIGGER opening_leaf_only BEFORE INSERT ON opening_balance
WHEN (SELECT is_leaf FROM account WHERE id = new.account_id) = 0
BEGIN SELECT RAISE(ABORT, '[not_leaf] 期初余额只能录入到末级科目'); END;

------------------------------------------------------------------------------------------------------
-- Periods: a closed month takes no voucher; closing needs every voucher in it posted (or void) and
-- the month before it closed; only the last closed month can be reopened.
CREATE TRIGGER period_close_check BEFORE INSERT ON period_close
BEGIN
  SELECT RAISE(ABORT, '[voucher_state] 本月还有未记账的凭证，不能结账')
  WHERE EXISTS (SELECT 1 FROM voucher WHERE book_id = new.book_id AND period = new.period
                AND status NOT IN ('posted', 'void'));
  SELECT RAISE(ABORT, '[period_order] 上一个月尚未结账')
  WHERE new.period > (SELECT start_period FROM book WHERE id = new.book_id)
    AND NOT EXISTS (SELECT 1 FROM period_close WHERE book_id = new.book_id
                    AND period = strftime('%Y-%m', new.period || '-01', '-1 month'));
  SELECT RAISE(ABORT, '[period_order] 不能结账账套启用之前的月份')
  WHERE new.period < (SELECT start_period FROM book WHERE id = new.book_id);
END;
CREATE TRIGGER period_reopen_check BEFORE DELETE ON period_close
WHEN EXISTS (SELECT 1 FROM period_close WHERE book_id = old.book_id AND period > old.period)
BEGIN SELECT RAISE(ABORT, '[period_order] 只能从最后一个已结账的月份开始反结账'); END;
CREATE TRIGGER period_close_no_update BEFORE UPDATE ON period_close
BEGIN SELECT RAISE(ABORT, '[period_closed] 结账记录不能修改'); END;

------------------------------------------------------------------------------------------------------
-- Vouchers.
-- Each check is one branch of a single CASE: these triggers run for every voucher of a bulk import.
CREATE TRIGGER voucher_insert_check BEFORE INSERT ON voucher
BEGIN
  SELECT CASE
    WHEN new.status <> 'draft' THEN RAISE(ABORT, '[voucher_state] 新凭证必须是未审核状态')
    WHEN new.period < (SELECT start_period FROM book WHERE id = new.book_id)
      THEN RAISE(ABORT, '[period_range] 凭证日期早于账套启用月份')
    WHEN EXISTS (SELECT 1 FROM period_close WHERE book_id = new.book_id AND period = new.period)
      THEN RAISE(ABORT, '[period_closed] 该月已结账，不能再录入凭证')
    -- Gapless numbers: a new voucher takes the next number of its word in its month.
    WHEN new.number <> 1 + coalesce((SELECT max(number) FROM voucher WHERE book_id = new.book_id
                                      AND period = new.period AND word = new.word), 0)
      THEN RAISE(ABORT, '[voucher_number] 凭证号必须连续')
  END;
END;

CREATE TRIGGER voucher_reversal_check BEFORE INSERT ON voucher
WHEN new.reverses_voucher_id IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, '[voucher_state] 只能冲销本账套已记账的凭证')
  WHERE NOT EXISTS (SELECT 1 FROM voucher WHERE id = new.reverses_voucher_id
                    AND book_id = new.book_id AND status = 'posted');
END;

CREATE TRIGGER voucher_draft_moved BEFORE UPDATE OF period ON voucher
WHEN new.period IS NOT old.period
BEGIN
  SELECT RAISE(ABORT, '[period_closed] 该月已结账，不能再录入凭证')
  WHERE EXISTS (SELECT 1 FROM period_close WHERE book_id = new.book_id AND period = new.period);
  SELECT RAISE(ABORT, '[period_range] 凭证日期早于账套启用月份')
  WHERE new.period < (SELECT start_period FROM book WHERE id = new.book_id);
END;

CREATE TRIGGER voucher_delete_check BEFORE DELETE ON voucher
WHEN old.status <> 'draft'
BEGIN SELECT RAISE(ABORT, '[voucher_state] 已审核、已记账或作废的凭证不能删除'); END;

-- Reviewed and posted vouchers are frozen; the only change allowed is the next step of their life.
-- Listed columns only: posting (a status change) does not fire it.
CREATE TRIGGER voucher_frozen
BEFORE UPDATE OF book_id, period, word, number, date, attachments, prepared_by, prepared_at, reverses_voucher_id
ON voucher
WHEN old.status IN ('reviewed', 'posted', 'void') AND (
  new.book_id IS NOT old.book_id OR new.period IS NOT old.period OR new.word IS NOT old.word
  OR new.number IS NOT old.number OR new.date IS NOT old.date OR new.attachments IS NOT old.attachments
  OR new.prepared_by IS NOT old.prepared_by OR new.prepared_at IS NOT old.prepared_at
  OR new.reverses_voucher_id IS NOT old.reverses_voucher_id)
BEGIN SELECT RAISE(ABORT, '[voucher_state] 已审核或已记账的凭证不能修改'); END;

-- Who reviewed and posted, and when, is part of the record once given.
CREATE TRIGGER voucher_signatures BEFORE UPDATE OF reviewed_by, reviewed_at, posted_by, posted_at ON voucher
WHEN old.status IN ('posted', 'void')
  OR (old.status = 'reviewed' AND new.status = 'reviewed'
      AND (new.reviewed_by IS NOT old.reviewed_by OR new.reviewed_at IS NOT old.reviewed_at))
BEGIN SELECT RAISE(ABORT, '[voucher_state] 已审核或已记账凭证的签章不能修改'); END;

CREATE TRIGGER voucher_status_flow BEFORE UPDATE OF status ON voucher
WHEN new.status IS NOT old.status
BEGIN
  SELECT CASE
    WHEN NOT ((old.status = 'draft' AND new.status IN ('reviewed', 'posted', 'void'))
           OR (old.status = 'reviewed' AND new.status IN ('draft', 'posted')))
      THEN RAISE(ABORT, '[voucher_state] 凭证状态不能这样变更')
    WHEN EXISTS (SELECT 1 FROM period_close WHERE book_id = new.book_id AND period = new.period)
      THEN RAISE(ABORT, '[period_closed] 该月已结账')
    WHEN old.status = 'draft' AND new.status IN ('reviewed', 'posted')
         AND coalesce((SELECT sum(debit) = sum(credit) FROM line WHERE voucher_id = new.id), 0) = 0
      THEN RAISE(ABORT, '[unbalanced] 凭证借贷不平或没有分录，不能审核或记账')
    WHEN new.status = 'void' AND EXISTS (SELECT 1 FROM line WHERE voucher_id = new.id)
      THEN RAISE(ABORT, '[void_has_lines] 作废凭证不能有分录')
    -- Checked at the book's first posting only: after it the opening balances are locked.
    WHEN new.status = 'posted'
         AND NOT EXISTS (SELECT 1 FROM voucher WHERE book_id = new.book_id AND status = 'posted')
         AND (SELECT coalesce(sum(o.debit), 0) <> coalesce(sum(o.credit), 0)
              FROM opening_balance o JOIN account a ON a.id = o.account_id WHERE a.book_id = new.book_id)
      THEN RAISE(ABORT, '[opening_unbalanced] 期初余额借贷不平，不能记账')
  END;
END;

-- Posting adds the voucher's lines to the monthly totals, in the same transaction.
CREATE TRIGGER voucher_posted_totals AFTER UPDATE OF status ON voucher
WHEN new.status = 'posted' AND old.status <> 'posted'
BEGIN
  -- Line by line (no GROUP BY): a voucher has a handful of lines, and sorting them costs more.
  INSERT INTO posted_total (account_id, period, debit, credit)
  SELECT account_id, new.period, debit, credit FROM line WHERE voucher_id = new.id AND true
  ON CONFLICT (account_id, period) DO UPDATE
    SET debit = posted_total.debit + excluded.debit, credit = posted_total.credit + excluded.credit;
END;

------------------------------------------------------------------------------------------------------
-- Lines belong to a draft voucher of their book, on a leaf account, in the voucher's month.
-- One statement with two primary-key lookups: this runs for every line of a bulk import.
CREATE TRIGGER line_insert_check BEFORE INSERT ON line
BEGIN
  SELECT CASE
    WHEN v.status IS NOT 'draft' THEN RAISE(ABORT, '[voucher_state] 只能向未审核的凭证添加分录')
    WHEN v.period IS NOT new.period THEN RAISE(ABORT, '[line_period] 分录的月份必须与凭证一致')
    WHEN a.book_id IS NOT v.book_id THEN RAISE(ABORT, '[account_book] 科目不属于该账套')
    WHEN a.is_leaf = 0 THEN RAISE(ABORT, '[not_leaf] 只有末级科目才能录入凭证')
  END
  FROM (SELECT 1) LEFT JOIN voucher v ON v.id = new.voucher_id LEFT JOIN account a ON a.id = new.account_id;
END;

-- A draft is edited by replacing its lines, so a line is never updated in place.
CREATE TRIGGER line_no_update BEFORE UPDATE ON line
BEGIN SELECT RAISE(ABORT, '[voucher_state] 分录不能直接修改，请修改并重新保存凭证'); END;

CREATE TRIGGER line_delete_check BEFORE DELETE ON line
WHEN (SELECT status FROM voucher WHERE id = old.voucher_id) NOT IN ('draft')
BEGIN SELECT RAISE(ABORT, '[voucher_state] 已审核或已记账凭证的分录不能删除'); END;

-- posted_total is written only by the posting trigger; nobody edits or deletes it.
CREATE TRIGGER posted_total_no_delete BEFORE DELETE ON posted_total
BEGIN SELECT RAISE(ABORT, '[voucher_state] 记账汇总不能删除'); END;
