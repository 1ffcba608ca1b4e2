-- Times are UTC text, yyyy-MM-ddTHH:mm:ss.fffffffZ, so that text order is time order.
CREATE TABLE services (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    owner TEXT,
    tier TEXT NOT NULL,
    repo TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- commit_sha is '' for a scan outside git, so that the uniqueness below also holds for it (NULLs are distinct).
CREATE TABLE assessments (
    id INTEGER PRIMARY KEY,
    service_id INTEGER NOT NULL REFERENCES services (id),
    commit_sha TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    scanned_at TEXT NOT NULL,
    received_at TEXT NOT NULL,
    overall REAL,
    level TEXT NOT NULL,
    document TEXT NOT NULL,
    UNIQUE (service_id, commit_sha, content_hash)
);
CREATE INDEX assessments_latest ON assessments (service_id, scanned_at DESC, id DESC);

CREATE TABLE assessment_scores (
    assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    category TEXT NOT NULL,
    value REAL,
    PRIMARY KEY (assessment_id, category)
);

CREATE TABLE assessment_controls (
    assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    control_id TEXT NOT NULL,
    category TEXT NOT NULL,
    priority TEXT NOT NULL,
    status TEXT NOT NULL,
    PRIMARY KEY (assessment_id, control_id)
);
CREATE INDEX assessment_controls_by_control ON assessment_controls (control_id, assessment_id, status);

CREATE TABLE api_keys (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    key_prefix TEXT NOT NULL UNIQUE,
    salt BLOB NOT NULL,
    hash BLOB NOT NULL,
    scopes TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    expires_at TEXT,
    last_used_at TEXT,
    revoked_at TEXT
);

CREATE TABLE webhook_deliveries (
    id INTEGER PRIMARY KEY,
    service_id INTEGER NOT NULL REFERENCES services (id),
    event TEXT NOT NULL,
    payload TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT,
    last_error TEXT,
    delivered_at TEXT,
    dead_lettered_at TEXT
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE delivered_at IS NULL AND dead_lettered_at IS NULL;
