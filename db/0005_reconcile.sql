-- 0005: reconciliation with district finance (区财政拨款) and the bank (银行对账单).
-- Statement lines are stored as imported; matches tie them to vouchers (allocations) or voucher lines
-- (bank) with amounts, so one allocation may be booked across two vouchers and one voucher may book two
-- allocations. A matched voucher cannot be reversed until it is unmatched.

-- The column mapping of a statement source (a district finance office, a bank account), reused next time.
CREATE TABLE import_mapping (
  kind    TEXT NOT NULL CHECK (kind IN ('allocation', 'bank')),
  source  TEXT NOT NULL CHECK (length(trim(source)) > 0),
  columns TEXT NOT NULL CHECK (json_valid(columns)),   -- field → header in the file
  PRIMARY KEY (kind, source)
) STRICT;

-- Which ledger account of the community's books a dedicated bank account is kept on (银行存款 sub-account).
ALTER TABLE bank_account ADD COLUMN ledger_code TEXT NOT NULL DEFAULT '100201' CHECK (ledger_code GLOB '1002*');

-- Names a statement uses for a community, once confirmed by a person (never guessed).
CREATE TABLE community_alias (
  alias        TEXT PRIMARY KEY CHECK (length(trim(alias)) > 0),
  community_id INTEGER NOT NULL REFERENCES community (id)
) STRICT;

CREATE TABLE statement_import (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('allocation', 'bank')),
  source      TEXT NOT NULL,
  file_name   TEXT NOT NULL,
  rows        INTEGER NOT NULL,
  imported_by INTEGER NOT NULL REFERENCES operator (id),
  imported_at TEXT NOT NULL
) STRICT;

CREATE TABLE allocation (
  id           INTEGER PRIMARY KEY,
  import_id    INTEGER NOT NULL REFERENCES statement_import (id),
  row_no       INTEGER NOT NULL,
  source       TEXT NOT NULL,
  date         TEXT NOT NULL CHECK (date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  community_id INTEGER NOT NULL REFERENCES community (id),
  community_as TEXT NOT NULL,                       -- the name as the statement wrote it
  fund         TEXT NOT NULL CHECK (fund IN ('base', 'household', 'task', 'award', 'other')),
  document     TEXT NOT NULL DEFAULT '',
  project      TEXT NOT NULL DEFAULT '',
  amount       INTEGER NOT NULL CHECK (amount <> 0)
) STRICT;
CREATE INDEX allocation_community ON allocation (community_id, date);

CREATE TABLE bank_line (
  id             INTEGER PRIMARY KEY,
  import_id      INTEGER NOT NULL REFERENCES statement_import (id),
  row_no         INTEGER NOT NULL,
  account_number TEXT NOT NULL,
  date           TEXT NOT NULL CHECK (date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  reference      TEXT NOT NULL DEFAULT '',
  summary        TEXT NOT NULL DEFAULT '',
  counterparty   TEXT NOT NULL DEFAULT '',
  amount         INTEGER NOT NULL CHECK (amount <> 0),  -- + received, − paid
  balance        INTEGER                                -- the bank's balance after the line, when given
) STRICT;
CREATE INDEX bank_line_account ON bank_line (account_number, date);

-- A match: statement lines on one side, book vouchers (allocation) or voucher lines (bank) on the other,
-- with equal totals. `reason` says why an automatic match was made.
CREATE TABLE rec_match (
  id         INTEGER PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('allocation', 'bank')),
  auto       INTEGER NOT NULL CHECK (auto IN (0, 1)),
  reason     TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES operator (id),
  created_at TEXT NOT NULL
) STRICT;
CREATE TABLE rec_match_statement (
  match_id      INTEGER NOT NULL REFERENCES rec_match (id) ON DELETE CASCADE,
  allocation_id INTEGER UNIQUE REFERENCES allocation (id),
  bank_line_id  INTEGER UNIQUE REFERENCES bank_line (id),
  amount        INTEGER NOT NULL,
  CHECK ((allocation_id IS NULL) <> (bank_line_id IS NULL))
) STRICT;
CREATE TABLE rec_match_book (
  match_id   INTEGER NOT NULL REFERENCES rec_match (id) ON DELETE CASCADE,
  kind       TEXT NOT NULL CHECK (kind IN ('allocation', 'bank')),
  voucher_id INTEGER NOT NULL REFERENCES voucher (id),
  fund       TEXT CHECK (fund IN ('base', 'household', 'task', 'award', 'other')),  -- allocation matches
  line_no    INTEGER,                                  -- the bank line of the voucher (bank matches)
  amount     INTEGER NOT NULL,
  CHECK ((kind = 'bank') = (line_no IS NOT NULL)),
  CHECK ((kind = 'allocation') = (fund IS NOT NULL))
) STRICT;
-- A voucher's receipt of one fund is in one allocation match, and each bank line of a voucher in one bank match.
CREATE UNIQUE INDEX rec_match_book_allocation ON rec_match_book (voucher_id, fund) WHERE kind = 'allocation';
CREATE UNIQUE INDEX rec_match_book_bank ON rec_match_book (voucher_id, line_no) WHERE kind = 'bank';

-- A matched voucher is not reversed until it is unmatched: neither the red voucher written nor posted.
CREATE TRIGGER reverse_matched BEFORE INSERT ON voucher
WHEN NEW.reverses_voucher_id IS NOT NULL
  AND EXISTS (SELECT 1 FROM rec_match_book WHERE voucher_id = NEW.reverses_voucher_id)
BEGIN SELECT RAISE(ABORT, '[voucher_matched] 该凭证已与对账单勾对，请先取消勾对再冲销'); END;
CREATE TRIGGER reverse_matched_post BEFORE UPDATE OF status ON voucher
WHEN NEW.status = 'posted' AND NEW.reverses_voucher_id IS NOT NULL
  AND EXISTS (SELECT 1 FROM rec_match_book WHERE voucher_id = NEW.reverses_voucher_id)
BEGIN SELECT RAISE(ABORT, '[voucher_matched] 被冲销的凭证已与对账单勾对，请先取消勾对再记账'); END;
-- Nor is a voucher matched while a red voucher reversing it waits to be posted.
CREATE TRIGGER match_reversed BEFORE INSERT ON rec_match_book
WHEN EXISTS (SELECT 1 FROM voucher WHERE reverses_voucher_id = NEW.voucher_id AND status <> 'void')
BEGIN SELECT RAISE(ABORT, '[voucher_matched] 该凭证已被红字冲销，不能勾对'); END;

-- 银行存款余额调节表, saved per bank account and month; read-only once the month is closed in a book of
-- a community that uses the account.
CREATE TABLE bank_reconciliation (
  account_number TEXT NOT NULL,
  period         TEXT NOT NULL CHECK (period GLOB '[12][0-9][0-9][0-9]-[01][0-9]'),
  content        TEXT NOT NULL CHECK (json_valid(content)),
  balanced       INTEGER NOT NULL CHECK (balanced IN (0, 1)),
  saved_by       INTEGER NOT NULL REFERENCES operator (id),
  saved_at       TEXT NOT NULL,
  PRIMARY KEY (account_number, period)
) STRICT;
CREATE VIEW bank_account_closed AS
  SELECT ba.account_number, pc.period FROM bank_account ba
  JOIN book b ON b.community_id = ba.community_id
  JOIN period_close pc ON pc.book_id = b.id;
CREATE TRIGGER bank_reconciliation_closed_insert BEFORE INSERT ON bank_reconciliation
WHEN EXISTS (SELECT 1 FROM bank_account_closed WHERE account_number = NEW.account_number AND period = NEW.period)
BEGIN SELECT RAISE(ABORT, '[period_closed] 该月已结账，余额调节表只读'); END;
CREATE TRIGGER bank_reconciliation_closed_update BEFORE UPDATE ON bank_reconciliation
WHEN EXISTS (SELECT 1 FROM bank_account_closed WHERE account_number = OLD.account_number AND period = OLD.period)
BEGIN SELECT RAISE(ABORT, '[period_closed] 该月已结账，余额调节表只读'); END;
CREATE TRIGGER bank_reconciliation_closed_delete BEFORE DELETE ON bank_reconciliation
WHEN EXISTS (SELECT 1 FROM bank_account_closed WHERE account_number = OLD.account_number AND period = OLD.period)
BEGIN SELECT RAISE(ABORT, '[period_closed] 该月已结账，余额调节表只读'); END;
