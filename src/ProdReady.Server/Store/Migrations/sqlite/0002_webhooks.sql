-- Each delivery goes to one configured endpoint; created_at is when ingest queued it.
-- SQLite cannot add a NOT NULL column without a default, and nothing wrote webhook_deliveries before this
-- migration, so the table is created again: the columns of 0001, then url and created_at.
DROP TABLE webhook_deliveries;
CREATE TABLE webhook_deliveries (
    id INTEGER PRIMARY KEY,
    service_id INTEGER NOT NULL REFERENCES services (id),
    event TEXT NOT NULL,
    payload TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT,
    last_error TEXT,
    delivered_at TEXT,
    dead_lettered_at TEXT,
    url TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE delivered_at IS NULL AND dead_lettered_at IS NULL;
CREATE INDEX webhook_deliveries_dead ON webhook_deliveries (dead_lettered_at DESC, id DESC) WHERE dead_lettered_at IS NOT NULL;
