-- 0003: 费随事转 admissions (准入审批) and grant receipts.
-- An admission is the approval of a department's work entering a community; its money is a task fund,
-- restricted to that work and tracked as a project on every line. A grant receipt ties the voucher that
-- booked district money to its source, year and allocation document (拨款文号).

CREATE TABLE admission (
  id              INTEGER PRIMARY KEY,
  book_id         INTEGER NOT NULL REFERENCES book (id),
  project_id      INTEGER NOT NULL UNIQUE REFERENCES project (id),
  department      TEXT NOT NULL CHECK (length(trim(department)) > 0),
  matter          TEXT NOT NULL CHECK (length(trim(matter)) > 0),
  approval_number TEXT NOT NULL CHECK (length(trim(approval_number)) > 0),
  approval_date   TEXT NOT NULL CHECK (approval_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  amount          INTEGER NOT NULL CHECK (amount >= 0),          -- agreed amount, 分
  period_from     TEXT NOT NULL,
  period_to       TEXT NOT NULL CHECK (period_to >= period_from),
  status          TEXT NOT NULL DEFAULT 'approved' CHECK (status IN ('approved', 'active', 'finished', 'returned')),
  overdraft       INTEGER NOT NULL DEFAULT 0 CHECK (overdraft >= 0), -- how far below zero a supervisor allowed
  year_end        TEXT CHECK (year_end IN ('carry_forward', 'return')),
  created_by      INTEGER NOT NULL REFERENCES operator (id),
  created_at      TEXT NOT NULL,
  UNIQUE (book_id, approval_number)
) STRICT;

CREATE TABLE grant_receipt (
  id           INTEGER PRIMARY KEY,
  book_id      INTEGER NOT NULL REFERENCES book (id),
  voucher_id   INTEGER NOT NULL UNIQUE REFERENCES voucher (id) ON DELETE CASCADE,
  source       TEXT NOT NULL CHECK (source IN ('base', 'household', 'task', 'award', 'other')),
  year         INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2999),
  amount       INTEGER NOT NULL CHECK (amount > 0),
  document     TEXT NOT NULL CHECK (length(trim(document)) > 0),  -- 拨款文号
  admission_id INTEGER REFERENCES admission (id),
  CHECK ((source = 'task') = (admission_id IS NOT NULL))
) STRICT;
CREATE INDEX grant_receipt_year ON grant_receipt (book_id, year);

-- Staff recorded per community and year, for the staffing check against the policy's norms.
CREATE TABLE staffing (
  community_id     INTEGER NOT NULL REFERENCES community (id),
  year             INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2999),
  workers          INTEGER NOT NULL CHECK (workers >= 0),           -- 专职社区工作者
  auxiliary_police INTEGER NOT NULL CHECK (auxiliary_police >= 0),  -- 协警
  as_of            TEXT NOT NULL,
  recorded_by      INTEGER NOT NULL REFERENCES operator (id),
  recorded_at      TEXT NOT NULL,
  PRIMARY KEY (community_id, year)
) STRICT, WITHOUT ROWID;
