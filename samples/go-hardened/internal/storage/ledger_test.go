package storage

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/tallyworks/ledger/internal/auth"
	"github.com/tallyworks/ledger/internal/outbound"
)

// These tests need a disposable Postgres (CI starts one; locally: docker compose up postgres) and
// wipe its public schema. They are skipped when LEDGER_TEST_DATABASE_URL is not set.
func testDB(t *testing.T) *DB {
	t.Helper()
	url := os.Getenv("LEDGER_TEST_DATABASE_URL")
	if url == "" {
		t.Skip("LEDGER_TEST_DATABASE_URL not set")
	}
	ctx := context.Background()
	db, err := Open(ctx, Config{
		URL: url, MaxConns: 25, ConnectTimeout: 5 * time.Second, StatementTimeout: 10 * time.Second,
		MaxConnLifetime: time.Minute, MaxConnIdleTime: time.Minute,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(db.Close)

	exec(t, db, "DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;")
	migrations, err := filepath.Glob("../../migrations/*.up.sql")
	if err != nil || len(migrations) == 0 {
		t.Fatalf("no migrations found: %v", err)
	}
	sort.Strings(migrations)
	for _, m := range migrations {
		sql, err := os.ReadFile(m)
		if err != nil {
			t.Fatal(err)
		}
		exec(t, db, string(sql))
	}
	exec(t, db, `INSERT INTO accounts (id, owner, currency, balance_minor) VALUES
		('acc_alice001', 'acme', 'EUR', 10000),
		('acc_bob00001', 'acme', 'EUR', 0),
		('acc_dollar01', 'acme', 'USD', 0),
		('acc_other001', 'globex', 'EUR', 500)`)
	return db
}

func exec(t *testing.T, db *DB, sql string) {
	t.Helper()
	if _, err := db.pool.Exec(context.Background(), sql); err != nil {
		t.Fatalf("%v\n%s", err, sql)
	}
}

func count(t *testing.T, db *DB, sql string) int64 {
	t.Helper()
	var n int64
	if err := db.pool.QueryRow(context.Background(), sql).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func balance(t *testing.T, db *DB, account string) int64 {
	t.Helper()
	b, err := db.Balance(context.Background(), "acme", account)
	if err != nil {
		t.Fatal(err)
	}
	return b.BalanceMinor
}

func transfer(key string, amount int64) TransferRequest {
	return TransferRequest{Owner: "acme", IdempotencyKey: key, FromAccount: "acc_alice001", ToAccount: "acc_bob00001", AmountMinor: amount, Currency: "EUR"}
}

func TestTransferPostsBalancedEntriesAndAnEvent(t *testing.T) {
	db := testDB(t)

	got, replayed, err := db.CreateTransfer(context.Background(), transfer("key-00000001", 2500))

	if err != nil || replayed || got.Status != "posted" {
		t.Fatalf("CreateTransfer = %+v, %v, %v", got, replayed, err)
	}
	if a, b := balance(t, db, "acc_alice001"), balance(t, db, "acc_bob00001"); a != 7500 || b != 2500 {
		t.Fatalf("balances = %d, %d; want 7500, 2500", a, b)
	}
	if n := count(t, db, `SELECT count(*) FROM (SELECT transfer_id FROM entries GROUP BY transfer_id
		HAVING sum(amount_minor) = 0 AND count(*) = 2) balanced`); n != 1 {
		t.Fatal("entries do not balance")
	}
	if n := count(t, db, "SELECT count(*) FROM outbox WHERE topic = 'transfer.posted'"); n != 1 {
		t.Fatalf("outbox events = %d; want 1", n)
	}
}

func TestSameIdempotencyKeyMovesMoneyOnce(t *testing.T) {
	db := testDB(t)
	first, _, err := db.CreateTransfer(context.Background(), transfer("key-00000002", 1000))
	if err != nil {
		t.Fatal(err)
	}

	again, replayed, err := db.CreateTransfer(context.Background(), transfer("key-00000002", 1000))

	if err != nil || !replayed || again.ID != first.ID {
		t.Fatalf("replay = %+v, %v, %v; want the original %s", again, replayed, err, first.ID)
	}
	if a := balance(t, db, "acc_alice001"); a != 9000 {
		t.Fatalf("balance = %d; want 9000", a)
	}
	if _, _, err := db.CreateTransfer(context.Background(), transfer("key-00000002", 999)); !errors.Is(err, ErrIdempotencyConflict) {
		t.Fatalf("different amount, same key: err = %v", err)
	}
}

func TestRejectedTransfersLeaveNoTrace(t *testing.T) {
	db := testDB(t)
	tests := []struct {
		name string
		req  TransferRequest
		want error
	}{
		{"insufficient funds", transfer("key-00000003", 10001), ErrInsufficientFunds},
		{"someone else's account", TransferRequest{Owner: "acme", IdempotencyKey: "key-00000004", FromAccount: "acc_other001", ToAccount: "acc_bob00001", AmountMinor: 1, Currency: "EUR"}, ErrAccountNotFound},
		{"unknown account", TransferRequest{Owner: "acme", IdempotencyKey: "key-00000005", FromAccount: "acc_alice001", ToAccount: "acc_nobody01", AmountMinor: 1, Currency: "EUR"}, ErrAccountNotFound},
		{"currency mismatch", TransferRequest{Owner: "acme", IdempotencyKey: "key-00000006", FromAccount: "acc_alice001", ToAccount: "acc_dollar01", AmountMinor: 1, Currency: "EUR"}, ErrCurrencyMismatch},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, _, err := db.CreateTransfer(context.Background(), tt.req); !errors.Is(err, tt.want) {
				t.Fatalf("err = %v; want %v", err, tt.want)
			}
		})
	}
	if n := count(t, db, "SELECT count(*) FROM transfers") + count(t, db, "SELECT count(*) FROM entries") + count(t, db, "SELECT count(*) FROM outbox"); n != 0 {
		t.Fatalf("rejected transfers left %d rows behind", n)
	}
}

func TestConcurrentTransfersNeverOverdraw(t *testing.T) {
	db := testDB(t)
	var wg sync.WaitGroup
	var mu sync.Mutex
	outcomes := map[string]int{}
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			_, _, err := db.CreateTransfer(context.Background(), transfer("concurrent-"+string(rune('a'+i)), 1000))
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				outcomes["ok"]++
			case errors.Is(err, ErrInsufficientFunds):
				outcomes["insufficient"]++
			default:
				t.Errorf("unexpected error: %v", err)
			}
		}(i)
	}
	wg.Wait()

	if outcomes["ok"] != 10 || outcomes["insufficient"] != 10 || balance(t, db, "acc_alice001") != 0 {
		t.Fatalf("outcomes = %v, balance = %d; want 10 ok, 10 refused, balance 0", outcomes, balance(t, db, "acc_alice001"))
	}
}

func TestSettlementIsAppliedOnce(t *testing.T) {
	db := testDB(t)
	posted, _, err := db.CreateTransfer(context.Background(), transfer("key-00000007", 100))
	if err != nil {
		t.Fatal(err)
	}
	s := Settlement{EventID: "evt_42", TransferID: posted.ID, SettledAt: time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)}

	if dup, err := db.RecordSettlement(context.Background(), s); err != nil || dup {
		t.Fatalf("first delivery: duplicate=%v err=%v", dup, err)
	}
	if dup, err := db.RecordSettlement(context.Background(), s); err != nil || !dup {
		t.Fatalf("redelivery: duplicate=%v err=%v", dup, err)
	}
	if n := count(t, db, "SELECT count(*) FROM transfers WHERE status = 'settled'"); n != 1 {
		t.Fatalf("settled transfers = %d", n)
	}
	s.EventID, s.TransferID = "evt_43", "00000000-0000-4000-8000-000000000000"
	if _, err := db.RecordSettlement(context.Background(), s); !errors.Is(err, ErrTransferNotFound) {
		t.Fatalf("unknown transfer: err = %v", err)
	}
}

func TestOutboxRetriesFailedDeliveries(t *testing.T) {
	db := testDB(t)
	if _, _, err := db.CreateTransfer(context.Background(), transfer("key-00000008", 100)); err != nil {
		t.Fatal(err)
	}
	failing := func(context.Context, outbound.Event) error { return errors.New("503") }
	var delivered []outbound.Event
	working := func(_ context.Context, e outbound.Event) error { delivered = append(delivered, e); return nil }

	if sent, err := db.DispatchPending(context.Background(), 10, failing); sent != 0 || err != nil {
		t.Fatalf("failing send: sent=%d err=%v", sent, err)
	}
	exec(t, db, "UPDATE outbox SET next_attempt_at = now()") // skip the backoff wait
	if sent, err := db.DispatchPending(context.Background(), 10, working); sent != 1 || err != nil {
		t.Fatalf("working send: sent=%d err=%v", sent, err)
	}
	if len(delivered) != 1 || delivered[0].Topic != "transfer.posted" {
		t.Fatalf("delivered = %+v", delivered)
	}
	if n := count(t, db, "SELECT count(*) FROM outbox WHERE dispatched_at IS NULL"); n != 0 {
		t.Fatalf("%d events still pending", n)
	}
}

func TestKeysRoundTrip(t *testing.T) {
	db := testDB(t)
	_, stored, err := auth.GenerateKey("acme", []auth.Scope{auth.ScopeBalancesRead})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.InsertKey(context.Background(), stored); err != nil {
		t.Fatal(err)
	}

	got, err := db.LookupKey(context.Background(), stored.ID)

	if err != nil || got.Owner != "acme" || got.SecretHash != stored.SecretHash || len(got.Scopes) != 1 {
		t.Fatalf("LookupKey = %+v, %v", got, err)
	}
	if _, err := db.LookupKey(context.Background(), "000000000000"); !errors.Is(err, auth.ErrInvalidKey) {
		t.Fatalf("unknown key: err = %v", err)
	}
}
