-- Accounts, transfers and their double-entry lines.
-- Money is integer minor units (cents); never floating point.

CREATE TABLE accounts (
    id            text        PRIMARY KEY,
    owner         text        NOT NULL,
    currency      char(3)     NOT NULL,
    balance_minor bigint      NOT NULL DEFAULT 0 CHECK (balance_minor >= 0),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX accounts_owner_idx ON accounts (owner);

CREATE TABLE transfers (
    id              uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    owner           text        NOT NULL,
    idempotency_key text        NOT NULL,
    from_account    text        NOT NULL REFERENCES accounts (id),
    to_account      text        NOT NULL REFERENCES accounts (id),
    amount_minor    bigint      NOT NULL CHECK (amount_minor > 0),
    currency        char(3)     NOT NULL,
    status          text        NOT NULL DEFAULT 'posted' CHECK (status IN ('posted', 'settled')),
    created_at      timestamptz NOT NULL DEFAULT now(),
    settled_at      timestamptz,
    CONSTRAINT transfers_distinct_accounts CHECK (from_account <> to_account),
    CONSTRAINT transfers_idempotency UNIQUE (owner, idempotency_key)
);

-- Every transfer writes exactly two entries that sum to zero.
CREATE TABLE entries (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    transfer_id  uuid        NOT NULL REFERENCES transfers (id),
    account_id   text        NOT NULL REFERENCES accounts (id),
    amount_minor bigint      NOT NULL CHECK (amount_minor <> 0),
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX entries_account_created_idx ON entries (account_id, created_at);
CREATE INDEX entries_transfer_idx ON entries (transfer_id);
