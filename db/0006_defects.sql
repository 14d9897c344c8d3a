-- 0006: the defects of the independent audit (issue 16). Three parts, one per area of the books.

------------------------------------------------------------------------------------------------------
-- Part 1 — accounts, opening balances, books.
--
-- Restriction (限定性) is an attribute of the account, not of its code: an imported chart may put an
-- ordinary service income at 430102. Each account also says, per dimension (辅助核算: 项目, 往来单位,
-- 收支项目), whether its lines are tracked by it and whether a line must carry it. The values are
-- stored on every account (a new sub-account copies its parent's), so the per-line check is one lookup.
ALTER TABLE account ADD COLUMN restricted INTEGER NOT NULL DEFAULT 0 CHECK (restricted IN (0, 1));
ALTER TABLE account ADD COLUMN project_rule TEXT NOT NULL DEFAULT 'none'
  CHECK (project_rule IN ('none', 'tracked', 'required'));
ALTER TABLE account ADD COLUMN party_rule TEXT NOT NULL DEFAULT 'none'
  CHECK (party_rule IN ('none', 'tracked', 'required'));
ALTER TABLE account ADD COLUMN item_rule TEXT NOT NULL DEFAULT 'none'
  CHECK (item_rule IN ('none', 'tracked', 'required'));

-- Books made before this migration keep what their statements showed: the old statements took the
-- codes 3102, 410102, 430102 and 440102 as restricted, the old fund report names with 限定性 (and not
-- 非限定性). An account either reading marked is restricted, and so is everything below it; an account
-- the centre's own chart numbered otherwise can be corrected on 会计科目 (audited).
WITH RECURSIVE marked (id, restricted) AS (
  SELECT id, CASE WHEN code = '3102' OR (name LIKE '%限定性%' AND name NOT LIKE '%非限定性%') THEN 1 ELSE 0 END
  FROM account WHERE parent_id IS NULL
  UNION ALL
  SELECT a.id, CASE WHEN a.code IN ('410102', '430102', '440102')
                      OR (a.name LIKE '%限定性%' AND a.name NOT LIKE '%非限定性%') THEN 1
                    WHEN a.name LIKE '%非限定性%' THEN 0 ELSE m.restricted END
  FROM account a JOIN marked m ON a.parent_id = m.id
)
UPDATE account SET restricted = (SELECT restricted FROM marked WHERE marked.id = account.id);
UPDATE account SET project_rule = 'tracked'
WHERE book_id IN (SELECT id FROM book WHERE chart = 'npo-community')
  AND (code GLOB '3102*' OR code GLOB '410102*' OR code GLOB '440102*' OR code GLOB '5101*'
       OR code GLOB '1501*' OR code GLOB '1502*' OR code GLOB '1505*');
UPDATE account SET project_rule = 'required'
WHERE book_id IN (SELECT id FROM book WHERE chart = 'npo-community') AND code IN ('44010202', '510107');
UPDATE account SET party_rule = 'tracked'
WHERE book_id IN (SELECT id FROM book WHERE chart = 'npo-community')
  AND (code GLOB '1122*' OR code GLOB '2209*');

-- A line on an account that requires a dimension carries it, whichever way the voucher was written.
DROP TRIGGER line_insert_check;
CREATE TRIGGER line_insert_check BEFORE INSERT ON line
BEGIN
  SELECT CASE
    WHEN v.status IS NOT 'draft' THEN RAISE(ABORT, '[voucher_state] 只能向未审核的凭证添加分录')
    WHEN v.period IS NOT new.period THEN RAISE(ABORT, '[line_period] 分录的月份必须与凭证一致')
    WHEN a.book_id IS NOT v.book_id THEN RAISE(ABORT, '[account_book] 科目不属于该账套')
    WHEN a.is_leaf = 0 THEN RAISE(ABORT, '[not_leaf] 只有末级科目才能录入凭证')
    -- A red-ink reversal copies the lines it cancels as they were, even from before the rule.
    WHEN v.reverses_voucher_id IS NULL AND a.project_rule = 'required' AND new.project_id IS NULL
      THEN RAISE(ABORT, '[dimension_required] 科目设置了辅助核算“项目必填”，该分录必须填写项目')
    WHEN v.reverses_voucher_id IS NULL AND a.party_rule = 'required' AND new.party_id IS NULL
      THEN RAISE(ABORT, '[dimension_required] 科目设置了辅助核算“往来单位必填”，该分录必须填写往来单位')
    WHEN v.reverses_voucher_id IS NULL AND a.item_rule = 'required' AND new.item_id IS NULL
      THEN RAISE(ABORT, '[dimension_required] 科目设置了辅助核算“收支项目必填”，该分录必须填写收支项目')
  END
  FROM (SELECT 1) LEFT JOIN voucher v ON v.id = new.voucher_id LEFT JOIN account a ON a.id = new.account_id;
END;

-- 期初余额 of a book that starts in the middle of a year: the year's movement before its first month
-- (本年累计借方 / 本年累计贷方), so that 本年累计 figures are right in the first year. The 年初余额 is
-- 期初 less that movement on the account's side.
ALTER TABLE opening_balance ADD COLUMN year_debit INTEGER NOT NULL DEFAULT 0 CHECK (year_debit >= 0);
ALTER TABLE opening_balance ADD COLUMN year_credit INTEGER NOT NULL DEFAULT 0 CHECK (year_credit >= 0);
-- That movement came from balanced vouchers, so it balances too; checked at the book's first posting,
-- after which opening balances are locked.
CREATE TRIGGER opening_year_unbalanced BEFORE UPDATE OF status ON voucher
WHEN new.status = 'posted' AND old.status <> 'posted'
  AND NOT EXISTS (SELECT 1 FROM voucher WHERE book_id = new.book_id AND status = 'posted')
  AND (SELECT coalesce(sum(o.year_debit), 0) <> coalesce(sum(o.year_credit), 0)
       FROM opening_balance o JOIN account a ON a.id = o.account_id WHERE a.book_id = new.book_id)
BEGIN SELECT RAISE(ABORT, '[opening_unbalanced] 期初余额的本年累计借方与贷方不等，不能记账'); END;

-- The opening balance of a project-tracked account, per project: a 费随事转 fund carried in from before
-- the book began (its 3102 限定性净资产 balance). The rows of an account add up to its opening_balance;
-- the core writes both in one transaction.
CREATE TABLE opening_project (
  account_id INTEGER NOT NULL REFERENCES account (id),
  project_id INTEGER NOT NULL REFERENCES project (id),
  debit      INTEGER NOT NULL DEFAULT 0 CHECK (debit >= 0),
  credit     INTEGER NOT NULL DEFAULT 0 CHECK (credit >= 0),
  PRIMARY KEY (account_id, project_id)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER opening_project_locked_insert BEFORE INSERT ON opening_project
WHEN EXISTS (SELECT 1 FROM voucher v JOIN account a ON a.book_id = v.book_id
             WHERE a.id = new.account_id AND v.status = 'posted')
BEGIN SELECT RAISE(ABORT, '[opening_locked] 账套已有记账凭证，期初余额不能再修改'); END;
CREATE TRIGGER opening_project_locked_update BEFORE UPDATE ON opening_project
WHEN EXISTS (SELECT 1 FROM voucher v JOIN account a ON a.book_id = v.book_id
             WHERE a.id = old.account_id AND v.status = 'posted')
BEGIN SELECT RAISE(ABORT, '[opening_locked] 账套已有记账凭证，期初余额不能再修改'); END;
CREATE TRIGGER opening_project_locked_delete BEFORE DELETE ON opening_project
WHEN EXISTS (SELECT 1 FROM voucher v JOIN account a ON a.book_id = v.book_id
             WHERE a.id = old.account_id AND v.status = 'posted')
BEGIN SELECT RAISE(ABORT, '[opening_locked] 账套已有记账凭证，期初余额不能再修改'); END;
CREATE TRIGGER opening_project_book BEFORE INSERT ON opening_project
WHEN (SELECT book_id FROM account WHERE id = new.account_id)
     IS NOT (SELECT book_id FROM project WHERE id = new.project_id)
BEGIN SELECT RAISE(ABORT, '[account_book] 项目不属于该账套'); END;

-- 赤字控制: what saving or posting does when a cash or bank balance would fall below zero.
ALTER TABLE book ADD COLUMN deficit_control TEXT NOT NULL DEFAULT 'warn'
  CHECK (deficit_control IN ('warn', 'refuse'));
-- The vouchers waiting for review or posting, which that check adds to the posted balance, found without
-- reading the book's posted history.
CREATE INDEX voucher_unposted ON voucher (book_id) WHERE status IN ('draft', 'reviewed');

------------------------------------------------------------------------------------------------------
-- Part 2 — reconciliation.
--
-- A red-ink pair (a voucher and its posted reversal) is matched with itself in bank reconciliation
-- (账内对冲), so a reversed voucher's bank line may be matched once its reversal is posted — only not
-- while the reversal waits to be posted. A reversed voucher books no district money, so it is never
-- matched to an allocation.
DROP TRIGGER match_reversed;
CREATE TRIGGER match_reversed BEFORE INSERT ON rec_match_book
WHEN EXISTS (SELECT 1 FROM voucher WHERE reverses_voucher_id = NEW.voucher_id
             AND (status IN ('draft', 'reviewed') OR (NEW.kind = 'allocation' AND status = 'posted')))
BEGIN SELECT RAISE(ABORT, '[voucher_matched] 该凭证已被红字冲销，不能勾对'); END;

-- The 余额调节表 after month end. Bank statements arrive after the month is closed and the 调节表 is no
-- posting source, so closing the month no longer locks it. Each account and month keeps numbered
-- versions instead: the latest may be saved again until someone other than its preparer signs it
-- (审核); a signed version never changes, and redoing the month then makes the next version.
DROP TRIGGER bank_reconciliation_closed_insert;
DROP TRIGGER bank_reconciliation_closed_update;
DROP TRIGGER bank_reconciliation_closed_delete;
DROP VIEW bank_account_closed;
CREATE TABLE bank_reconciliation_version (
  account_number TEXT NOT NULL,
  period         TEXT NOT NULL CHECK (period GLOB '[12][0-9][0-9][0-9]-[01][0-9]'),
  version        INTEGER NOT NULL CHECK (version >= 1),
  content        TEXT NOT NULL CHECK (json_valid(content)),
  balanced       INTEGER NOT NULL CHECK (balanced IN (0, 1)),
  saved_by       INTEGER NOT NULL REFERENCES operator (id),
  saved_at       TEXT NOT NULL,
  signed_by      INTEGER REFERENCES operator (id),
  signed_at      TEXT,
  PRIMARY KEY (account_number, period, version),
  CHECK ((signed_by IS NULL) = (signed_at IS NULL)),
  CHECK (signed_by IS NULL OR (signed_by <> saved_by AND balanced = 1))
) STRICT;
INSERT INTO bank_reconciliation_version (account_number, period, version, content, balanced, saved_by, saved_at)
  SELECT account_number, period, 1, content, balanced, saved_by, saved_at FROM bank_reconciliation;
DROP TABLE bank_reconciliation;
ALTER TABLE bank_reconciliation_version RENAME TO bank_reconciliation;
-- Versions follow each other, and a new one starts only once the one before is signed.
CREATE TRIGGER bank_reconciliation_version_order BEFORE INSERT ON bank_reconciliation
WHEN NEW.version <> 1 + coalesce((SELECT max(version) FROM bank_reconciliation
                                  WHERE account_number = NEW.account_number AND period = NEW.period), 0)
  OR EXISTS (SELECT 1 FROM bank_reconciliation WHERE account_number = NEW.account_number
             AND period = NEW.period AND signed_by IS NULL)
BEGIN SELECT RAISE(ABORT, '[reconciliation_version] 余额调节表的版本须依次递增，且上一版本已签字'); END;
CREATE TRIGGER bank_reconciliation_signed_update BEFORE UPDATE ON bank_reconciliation
WHEN OLD.signed_by IS NOT NULL
BEGIN SELECT RAISE(ABORT, '[reconciliation_signed] 已签字的余额调节表只读；需要重做请编制新版本'); END;
CREATE TRIGGER bank_reconciliation_signed_delete BEFORE DELETE ON bank_reconciliation
WHEN OLD.signed_by IS NOT NULL
BEGIN SELECT RAISE(ABORT, '[reconciliation_signed] 已签字的余额调节表不能删除'); END;
CREATE TRIGGER bank_reconciliation_keys BEFORE UPDATE OF account_number, period, version ON bank_reconciliation
WHEN NEW.account_number IS NOT OLD.account_number OR NEW.period IS NOT OLD.period OR NEW.version IS NOT OLD.version
BEGIN SELECT RAISE(ABORT, '[reconciliation_version] 余额调节表的账户、月份和版本号不能修改'); END;
------------------------------------------------------------------------------------------------------
-- Part 3 — 居务公开.
--
-- A publication dated before the day it is recorded (公开日期 earlier than created_at's day in China)
-- is a 补录 of a sheet already on the board, and says why; one dated after that day is not yet true.
-- The reason is part of the immutable publication (the no-update trigger covers it).
ALTER TABLE disclosure_publication ADD COLUMN backdate_reason TEXT
  CHECK (backdate_reason IS NULL OR length(trim(backdate_reason)) > 0);
CREATE TRIGGER publication_backdate BEFORE INSERT ON disclosure_publication
BEGIN
  SELECT CASE
    WHEN NEW.published_on > date(NEW.created_at, '+8 hours')
      THEN RAISE(ABORT, '[publication_date] 公开日期还没到：只能记录已经张贴的公开')
    WHEN NEW.published_on < date(NEW.created_at, '+8 hours') AND NEW.backdate_reason IS NULL
      THEN RAISE(ABORT, '[publication_date] 公开日期早于录入日，是补录：须填写补录原因')
  END;
END;
