package storage

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tallyworks/ledger/internal/auth"
	"github.com/tallyworks/ledger/internal/outbound"
)

var (
	ErrAccountNotFound     = errors.New("storage: account not found")
	ErrTransferNotFound    = errors.New("storage: transfer not found")
	ErrInsufficientFunds   = errors.New("storage: insufficient funds")
	ErrCurrencyMismatch    = errors.New("storage: currency mismatch")
	ErrIdempotencyConflict = errors.New("storage: idempotency key reused for a different transfer")
)

type TransferRequest struct {
	Owner          string
	IdempotencyKey string
	FromAccount    string
	ToAccount      string
	AmountMinor    int64
	Currency       string
}

type Transfer struct {
	ID          string    `json:"id"`
	FromAccount string    `json:"from_account"`
	ToAccount   string    `json:"to_account"`
	AmountMinor int64     `json:"amount_minor"`
	Currency    string    `json:"currency"`
	Status      string    `json:"status"`
	CreatedAt   time.Time `json:"created_at"`
}

type Balance struct {
	AccountID    string    `json:"account_id"`
	Currency     string    `json:"currency"`
	BalanceMinor int64     `json:"balance_minor"`
	UpdatedAt    time.Time `json:"updated_at"`
}

type Settlement struct {
	EventID    string
	TransferID string
	SettledAt  time.Time
}

// CreateTransfer posts a double-entry transfer: the transfer row, one debit and one credit entry, both
// balance updates and an outbox event commit together or not at all. Repeating a request with the same
// idempotency key returns the original transfer (replayed = true) instead of moving money twice.
func (db *DB) CreateTransfer(ctx context.Context, req TransferRequest) (t Transfer, replayed bool, err error) {
	tx, err := db.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.ReadCommitted})
	if err != nil {
		return Transfer{}, false, fmt.Errorf("storage: begin: %w", err)
	}
	defer func() { _ = tx.Rollback(ctx) }() // no-op once committed

	// Lock both accounts first, in id order, so concurrent transfers queue up instead of deadlocking
	// (inserting the transfer row first would take foreign-key share locks that FOR UPDATE then waits on).
	rows, err := tx.Query(ctx, `
		SELECT id, owner, currency, balance_minor FROM accounts
		WHERE id = ANY($1) ORDER BY id FOR UPDATE`, []string{req.FromAccount, req.ToAccount})
	if err != nil {
		return Transfer{}, false, fmt.Errorf("storage: lock accounts: %w", err)
	}
	type account struct {
		owner, currency string
		balance         int64
	}
	accounts := make(map[string]account, 2)
	for rows.Next() {
		var id string
		var a account
		if err := rows.Scan(&id, &a.owner, &a.currency, &a.balance); err != nil {
			rows.Close()
			return Transfer{}, false, fmt.Errorf("storage: scan account: %w", err)
		}
		accounts[id] = a
	}
	if err := rows.Err(); err != nil {
		return Transfer{}, false, fmt.Errorf("storage: lock accounts: %w", err)
	}
	from, fromFound := accounts[req.FromAccount]
	to, toFound := accounts[req.ToAccount]
	if !fromFound || !toFound || from.owner != req.Owner {
		return Transfer{}, false, ErrAccountNotFound // someone else's account does not exist for this caller
	}

	t = Transfer{FromAccount: req.FromAccount, ToAccount: req.ToAccount, AmountMinor: req.AmountMinor, Currency: req.Currency}
	err = tx.QueryRow(ctx, `
		INSERT INTO transfers (owner, idempotency_key, from_account, to_account, amount_minor, currency)
		VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (owner, idempotency_key) DO NOTHING
		RETURNING id::text, status, created_at`,
		req.Owner, req.IdempotencyKey, req.FromAccount, req.ToAccount, req.AmountMinor, req.Currency,
	).Scan(&t.ID, &t.Status, &t.CreatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return db.replay(ctx, tx, req) // checked before the balance: a replay must not fail for lack of funds
	}
	if err != nil {
		return Transfer{}, false, fmt.Errorf("storage: insert transfer: %w", err)
	}

	switch {
	case from.currency != req.Currency || to.currency != req.Currency:
		return Transfer{}, false, ErrCurrencyMismatch
	case from.balance < req.AmountMinor:
		return Transfer{}, false, ErrInsufficientFunds
	}

	event, err := json.Marshal(map[string]any{
		"transfer_id": t.ID, "owner": req.Owner, "from_account": req.FromAccount,
		"to_account": req.ToAccount, "amount_minor": req.AmountMinor, "currency": req.Currency,
	})
	if err != nil {
		return Transfer{}, false, fmt.Errorf("storage: encode event: %w", err)
	}
	batch := &pgx.Batch{}
	batch.Queue(`INSERT INTO entries (transfer_id, account_id, amount_minor) VALUES ($1::uuid, $2, $3), ($1::uuid, $4, $5)`,
		t.ID, req.FromAccount, -req.AmountMinor, req.ToAccount, req.AmountMinor)
	batch.Queue(`UPDATE accounts SET balance_minor = balance_minor - $2, updated_at = now() WHERE id = $1`, req.FromAccount, req.AmountMinor)
	batch.Queue(`UPDATE accounts SET balance_minor = balance_minor + $2, updated_at = now() WHERE id = $1`, req.ToAccount, req.AmountMinor)
	batch.Queue(`INSERT INTO outbox (topic, payload) VALUES ('transfer.posted', $1)`, event)
	if err := tx.SendBatch(ctx, batch).Close(); err != nil {
		return Transfer{}, false, fmt.Errorf("storage: post entries: %w", err)
	}

	if err := tx.Commit(ctx); err != nil {
		return Transfer{}, false, fmt.Errorf("storage: commit transfer: %w", err)
	}
	return t, false, nil
}

// replay returns the transfer an earlier request with the same key created, if the parameters match.
func (db *DB) replay(ctx context.Context, tx pgx.Tx, req TransferRequest) (Transfer, bool, error) {
	var t Transfer
	err := tx.QueryRow(ctx, `
		SELECT id::text, from_account, to_account, amount_minor, currency, status, created_at
		FROM transfers WHERE owner = $1 AND idempotency_key = $2`, req.Owner, req.IdempotencyKey,
	).Scan(&t.ID, &t.FromAccount, &t.ToAccount, &t.AmountMinor, &t.Currency, &t.Status, &t.CreatedAt)
	if err != nil {
		return Transfer{}, false, fmt.Errorf("storage: load replayed transfer: %w", err)
	}
	if t.FromAccount != req.FromAccount || t.ToAccount != req.ToAccount || t.AmountMinor != req.AmountMinor || t.Currency != req.Currency {
		return Transfer{}, false, ErrIdempotencyConflict
	}
	return t, true, nil
}

// Balance returns an account's balance if owner holds it.
func (db *DB) Balance(ctx context.Context, owner, accountID string) (Balance, error) {
	var b Balance
	err := db.pool.QueryRow(ctx, `
		SELECT id, currency, balance_minor, updated_at FROM accounts WHERE id = $1 AND owner = $2`,
		accountID, owner,
	).Scan(&b.AccountID, &b.Currency, &b.BalanceMinor, &b.UpdatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return Balance{}, ErrAccountNotFound
	}
	if err != nil {
		return Balance{}, fmt.Errorf("storage: balance: %w", err)
	}
	return b, nil
}

// RecordSettlement marks a transfer settled. Each PSP event id is applied once; redeliveries report
// duplicate = true and change nothing.
func (db *DB) RecordSettlement(ctx context.Context, s Settlement) (duplicate bool, err error) {
	tx, err := db.pool.BeginTx(ctx, pgx.TxOptions{})
	if err != nil {
		return false, fmt.Errorf("storage: begin: %w", err)
	}
	defer func() { _ = tx.Rollback(ctx) }() // no-op once committed

	tag, err := tx.Exec(ctx, `
		INSERT INTO webhook_events (provider_event_id, event_type) VALUES ($1, 'settlement.completed')
		ON CONFLICT (provider_event_id) DO NOTHING`, s.EventID)
	if err != nil {
		return false, fmt.Errorf("storage: record webhook event: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return true, nil
	}

	tag, err = tx.Exec(ctx, `
		UPDATE transfers SET status = 'settled', settled_at = $2
		WHERE id = $1::uuid AND status = 'posted'`, s.TransferID, s.SettledAt)
	if err != nil {
		return false, fmt.Errorf("storage: settle transfer: %w", err)
	}
	if tag.RowsAffected() == 0 {
		var exists bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM transfers WHERE id = $1::uuid)`, s.TransferID).Scan(&exists); err != nil {
			return false, fmt.Errorf("storage: find transfer: %w", err)
		}
		if !exists {
			return false, ErrTransferNotFound
		}
	}

	if err := tx.Commit(ctx); err != nil {
		return false, fmt.Errorf("storage: commit settlement: %w", err)
	}
	return false, nil
}

// LookupKey implements auth.KeyStore.
func (db *DB) LookupKey(ctx context.Context, id string) (auth.StoredKey, error) {
	var k auth.StoredKey
	var hash []byte
	var scopes []string
	err := db.pool.QueryRow(ctx, `
		SELECT id, owner, secret_hash, scopes, expires_at, revoked_at FROM api_keys WHERE id = $1`, id,
	).Scan(&k.ID, &k.Owner, &hash, &scopes, &k.ExpiresAt, &k.RevokedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return auth.StoredKey{}, auth.ErrInvalidKey
	}
	if err != nil {
		return auth.StoredKey{}, fmt.Errorf("storage: lookup key: %w", err)
	}
	if len(hash) != sha256.Size {
		return auth.StoredKey{}, fmt.Errorf("storage: key %s has a corrupt hash", id)
	}
	copy(k.SecretHash[:], hash)
	for _, s := range scopes {
		k.Scopes = append(k.Scopes, auth.Scope(s))
	}
	return k, nil
}

// InsertKey stores a new key (its hash, never the secret).
func (db *DB) InsertKey(ctx context.Context, k auth.StoredKey) error {
	scopes := make([]string, len(k.Scopes))
	for i, s := range k.Scopes {
		scopes[i] = string(s)
	}
	_, err := db.pool.Exec(ctx, `
		INSERT INTO api_keys (id, owner, secret_hash, scopes, expires_at) VALUES ($1, $2, $3, $4, $5)`,
		k.ID, k.Owner, k.SecretHash[:], scopes, k.ExpiresAt)
	if err != nil {
		return fmt.Errorf("storage: insert key: %w", err)
	}
	return nil
}

// DispatchPending implements outbound.Outbox. Events are leased (not locked) while they are sent, so no
// transaction stays open across network calls; a crashed replica's lease simply expires.
func (db *DB) DispatchPending(ctx context.Context, limit int, send func(context.Context, outbound.Event) error) (int, error) {
	rows, err := db.pool.Query(ctx, `
		UPDATE outbox SET lease_until = now() + interval '1 minute'
		WHERE id IN (
			SELECT id FROM outbox
			WHERE dispatched_at IS NULL AND next_attempt_at <= now()
			  AND (lease_until IS NULL OR lease_until < now())
			ORDER BY id LIMIT $1
			FOR UPDATE SKIP LOCKED)
		RETURNING id, topic, payload`, limit)
	if err != nil {
		return 0, fmt.Errorf("storage: lease outbox: %w", err)
	}
	events, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (outbound.Event, error) {
		var e outbound.Event
		err := row.Scan(&e.ID, &e.Topic, &e.Payload)
		return e, err
	})
	if err != nil {
		return 0, fmt.Errorf("storage: read outbox: %w", err)
	}

	sent := 0
	for _, e := range events {
		if sendErr := send(ctx, e); sendErr != nil {
			if _, err := db.pool.Exec(ctx, `
				UPDATE outbox SET attempts = attempts + 1, lease_until = NULL,
				       next_attempt_at = now() + least(interval '1 hour', interval '5 seconds' * power(2, attempts))
				WHERE id = $1`, e.ID); err != nil {
				return sent, fmt.Errorf("storage: reschedule outbox event: %w", err)
			}
			if errors.Is(sendErr, outbound.ErrCircuitOpen) {
				return sent, sendErr // downstream is down: leave the rest for the next round
			}
			continue
		}
		if _, err := db.pool.Exec(ctx, `UPDATE outbox SET dispatched_at = now(), lease_until = NULL WHERE id = $1`, e.ID); err != nil {
			return sent, fmt.Errorf("storage: mark outbox event sent: %w", err)
		}
		sent++
	}
	return sent, nil
}
