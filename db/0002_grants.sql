-- 0002: grant policy and household counts (issue: grants and funds).
-- Policies are data, one row per year and community kind, edited by a supervisor (the audit log keeps
-- every version). Household counts keep their history: a new figure is a new row, never an edit.

CREATE TABLE grant_policy (
  year       INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2999),
  kind       TEXT NOT NULL CHECK (kind IN ('urban', 'town', 'rural', 'remote')),
  policy     TEXT NOT NULL CHECK (json_valid(policy)),  -- the rule and its figures, see src/grants/policy.ts
  updated_by INTEGER REFERENCES operator (id),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (year, kind)
) STRICT, WITHOUT ROWID;

CREATE TABLE household_count (
  id            INTEGER PRIMARY KEY,
  community_id  INTEGER NOT NULL REFERENCES community (id),
  year          INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2999),
  resident      INTEGER NOT NULL CHECK (resident >= 0),    -- 常住户数
  registered    INTEGER NOT NULL CHECK (registered >= 0),  -- 户籍户数
  new_residents INTEGER NOT NULL DEFAULT 0 CHECK (new_residents >= 0),  -- 新居民人数
  as_of         TEXT NOT NULL CHECK (as_of GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  source        TEXT NOT NULL CHECK (length(trim(source)) > 0),  -- where the figure comes from
  recorded_by   INTEGER NOT NULL REFERENCES operator (id),
  recorded_at   TEXT NOT NULL
) STRICT;
CREATE INDEX household_count_year ON household_count (community_id, year, id);

CREATE TRIGGER household_count_no_update BEFORE UPDATE ON household_count
BEGIN SELECT RAISE(ABORT, '[household_history] 户数记录不能修改，请录入新的户数'); END;
CREATE TRIGGER household_count_no_delete BEFORE DELETE ON household_count
BEGIN SELECT RAISE(ABORT, '[household_history] 户数记录不能删除，请录入新的户数'); END;

-- The per-household rate chosen for a rural community, within its policy's range.
CREATE TABLE grant_rate (
  community_id INTEGER NOT NULL REFERENCES community (id),
  year         INTEGER NOT NULL,
  rate         TEXT NOT NULL,  -- decimal yuan per household, e.g. '8.00'
  PRIMARY KEY (community_id, year)
) STRICT, WITHOUT ROWID;
