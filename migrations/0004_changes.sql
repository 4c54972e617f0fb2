-- The audit trail: one row per acknowledged write, with who (the token's label, never the token),
-- what (kind and id), how (create, replace, update, delete) and the record before and after, as
-- GET showed it. seq is the cursor of GET /v1/changes?since=.
CREATE TABLE changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('create', 'replace', 'update', 'delete')),
    kind TEXT NOT NULL CHECK (kind IN ('event', 'official', 'agreement', 'source')),
    record_id TEXT NOT NULL,
    before TEXT CHECK (before IS NULL OR json_valid(before)),
    after TEXT CHECK (after IS NULL OR json_valid(after)),
    request_id TEXT
) STRICT;
CREATE INDEX changes_by_record ON changes (kind, record_id, seq);
