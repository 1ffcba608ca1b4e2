-- API keys: only the SHA-256 of the secret is stored.
CREATE TABLE api_keys (
    id          text        PRIMARY KEY,
    owner       text        NOT NULL,
    secret_hash bytea       NOT NULL CHECK (length(secret_hash) = 32),
    scopes      text[]      NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz,
    revoked_at  timestamptz
);

-- PSP webhook deliveries already applied, so redeliveries are no-ops.
CREATE TABLE webhook_events (
    provider_event_id text        PRIMARY KEY,
    event_type        text        NOT NULL,
    received_at       timestamptz NOT NULL DEFAULT now()
);

-- Transactional outbox: written with the ledger change, delivered afterwards by the dispatcher.
CREATE TABLE outbox (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    topic           text        NOT NULL,
    payload         jsonb       NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    lease_until     timestamptz,
    dispatched_at   timestamptz
);
CREATE INDEX outbox_pending_idx ON outbox (next_attempt_at) WHERE dispatched_at IS NULL;
