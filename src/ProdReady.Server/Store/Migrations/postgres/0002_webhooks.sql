-- Each delivery goes to one configured endpoint; created_at is when ingest queued it.
-- Nothing wrote webhook_deliveries before this migration, so url needs no default for existing rows.
ALTER TABLE webhook_deliveries
    ADD COLUMN url text NOT NULL,
    ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX webhook_deliveries_dead ON webhook_deliveries (dead_lettered_at DESC, id DESC) WHERE dead_lettered_at IS NOT NULL;
