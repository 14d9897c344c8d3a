-- 0004: 居务公开 — publishing the disclosure sheets, the book's item overrides and the centre's settings.
-- A publication keeps exactly what was published (the sheets' figures and rows, the date, who signed),
-- and is never changed or deleted: a later correction to the books is published as a new version that
-- lists its differences from the one before.

CREATE TABLE setting (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- Per book: the disclosure item a cash line falls under when its counter-account starts with `account`
-- (longest prefix wins; these override the chart template's defaults).
CREATE TABLE disclosure_rule (
  book_id   INTEGER NOT NULL REFERENCES book (id),
  direction TEXT NOT NULL CHECK (direction IN ('receipt', 'payment')),
  account   TEXT NOT NULL CHECK (account GLOB '[0-9]*'),
  item_id   INTEGER NOT NULL REFERENCES disclosure_item (id),
  PRIMARY KEY (book_id, direction, account)
) STRICT;

CREATE TABLE disclosure_publication (
  id               INTEGER PRIMARY KEY,
  book_id          INTEGER NOT NULL REFERENCES book (id),
  period           TEXT NOT NULL CHECK (period GLOB '[12][0-9][0-9][0-9]*'),  -- 2025-03, 2025-Q1, 2025
  version          INTEGER NOT NULL CHECK (version >= 1),
  published_on     TEXT NOT NULL CHECK (published_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  display_days     INTEGER NOT NULL CHECK (display_days >= 15),  -- 公开期限: at least 15 days
  preparer_id      INTEGER NOT NULL REFERENCES operator (id),
  reviewer_id      INTEGER NOT NULL REFERENCES operator (id),
  community_head   TEXT NOT NULL CHECK (length(trim(community_head)) > 0),
  oversight_opinion TEXT NOT NULL CHECK (length(trim(oversight_opinion)) > 0),
  oversight_signer TEXT NOT NULL CHECK (length(trim(oversight_signer)) > 0),
  content          TEXT NOT NULL CHECK (json_valid(content)),  -- the sheets as published
  changes          TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(changes)),  -- differences from the version before
  created_at       TEXT NOT NULL,
  UNIQUE (book_id, period, version),
  CHECK (reviewer_id <> preparer_id)
) STRICT;

CREATE TRIGGER publication_no_update BEFORE UPDATE ON disclosure_publication
BEGIN SELECT RAISE(ABORT, '[publication_immutable] 已公开的报表不能修改，请在更正账簿后发布新版本'); END;
CREATE TRIGGER publication_no_delete BEFORE DELETE ON disclosure_publication
BEGIN SELECT RAISE(ABORT, '[publication_immutable] 已公开的报表不能删除'); END;
-- Versions follow each other: 1, 2, 3 … per book and period.
CREATE TRIGGER publication_version_order BEFORE INSERT ON disclosure_publication
WHEN NEW.version <> 1 + coalesce((SELECT max(version) FROM disclosure_publication
                                  WHERE book_id = NEW.book_id AND period = NEW.period), 0)
BEGIN SELECT RAISE(ABORT, '[publication_version] 公开版本号须依次递增'); END;

-- Task funds (费随事转) are read by project on every sheet C and every voucher that touches one.
CREATE INDEX line_project ON line (project_id) WHERE project_id IS NOT NULL;
