CREATE TABLE services (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL UNIQUE,
    owner text,
    tier text NOT NULL,
    repo text,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- commit_sha is '' for a scan outside git, so that the uniqueness below also holds for it (NULLs are distinct).
-- document is json (kept verbatim, unlike jsonb), so it is byte for byte the text content_hash was taken over.
CREATE TABLE assessments (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    service_id bigint NOT NULL REFERENCES services (id),
    commit_sha text NOT NULL,
    content_hash text NOT NULL,
    scanned_at timestamptz NOT NULL,
    received_at timestamptz NOT NULL,
    overall double precision,
    level text NOT NULL,
    document json NOT NULL,
    UNIQUE (service_id, commit_sha, content_hash)
);
CREATE INDEX assessments_latest ON assessments (service_id, scanned_at DESC, id DESC);

CREATE TABLE assessment_scores (
    assessment_id bigint NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    category text NOT NULL,
    value double precision,
    PRIMARY KEY (assessment_id, category)
);

CREATE TABLE assessment_controls (
    assessment_id bigint NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    control_id text NOT NULL,
    category text NOT NULL,
    priority text NOT NULL,
    status text NOT NULL,
    PRIMARY KEY (assessment_id, control_id)
);
CREATE INDEX assessment_controls_by_control ON assessment_controls (control_id, assessment_id, status);

CREATE TABLE api_keys (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL UNIQUE,
    key_prefix text NOT NULL UNIQUE,
    salt bytea NOT NULL,
    hash bytea NOT NULL,
    scopes text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz,
    last_used_at timestamptz,
    revoked_at timestamptz
);

CREATE TABLE webhook_deliveries (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    service_id bigint NOT NULL REFERENCES services (id),
    event text NOT NULL,
    payload text NOT NULL,
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz,
    last_error text,
    delivered_at timestamptz,
    dead_lettered_at timestamptz
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE delivered_at IS NULL AND dead_lettered_at IS NULL;
