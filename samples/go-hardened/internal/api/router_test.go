package api

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/tallyworks/ledger/internal/auth"
	"github.com/tallyworks/ledger/internal/health"
	"github.com/tallyworks/ledger/internal/ratelimit"
	"github.com/tallyworks/ledger/internal/storage"
	"github.com/tallyworks/ledger/internal/telemetry"
	"github.com/tallyworks/ledger/internal/webhooks"
)

var webhookSecret = []byte(strings.Repeat("k", 40))

// fakeLedger answers with canned results and records what it was asked.
type fakeLedger struct {
	transfer    storage.Transfer
	replayed    bool
	err         error
	requests    []storage.TransferRequest
	settlements []storage.Settlement
	duplicate   bool
}

func (f *fakeLedger) CreateTransfer(_ context.Context, req storage.TransferRequest) (storage.Transfer, bool, error) {
	f.requests = append(f.requests, req)
	return f.transfer, f.replayed, f.err
}

func (f *fakeLedger) Balance(_ context.Context, owner, accountID string) (storage.Balance, error) {
	if owner != "acme" || accountID != "acc_alice001" {
		return storage.Balance{}, storage.ErrAccountNotFound
	}
	return storage.Balance{AccountID: accountID, Currency: "EUR", BalanceMinor: 7500}, nil
}

func (f *fakeLedger) RecordSettlement(_ context.Context, s storage.Settlement) (bool, error) {
	f.settlements = append(f.settlements, s)
	return f.duplicate, f.err
}

type keyStore map[string]auth.StoredKey

func (s keyStore) LookupKey(_ context.Context, id string) (auth.StoredKey, error) {
	if k, ok := s[id]; ok {
		return k, nil
	}
	return auth.StoredKey{}, auth.ErrInvalidKey
}

type fixture struct {
	handler  http.Handler
	ledger   *fakeLedger
	writeKey string
	readKey  string
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	writeKey, writeStored, err := auth.GenerateKey("acme", []auth.Scope{auth.ScopeTransfersWrite, auth.ScopeBalancesRead})
	if err != nil {
		t.Fatal(err)
	}
	readKey, readStored, err := auth.GenerateKey("acme", []auth.Scope{auth.ScopeBalancesRead})
	if err != nil {
		t.Fatal(err)
	}
	verifier, err := webhooks.NewVerifier([][]byte{webhookSecret}, 5*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	passThrough := func(next http.Handler) http.Handler { return next }
	probes := health.New(time.Second, nil)
	probes.MarkStarted()
	ledger := &fakeLedger{transfer: storage.Transfer{ID: "6f1c2a9d-8e4b-4f53-9a7e-2c8d1e5f3a90", Status: "posted", AmountMinor: 2500, Currency: "EUR"}}

	handler := NewRouter(Deps{
		Logger:       slog.New(slog.NewJSONHandler(io.Discard, nil)),
		Ledger:       ledger,
		Auth:         auth.NewAuthenticator(keyStore{writeStored.ID: writeStored, readStored.ID: readStored}, 16, time.Minute),
		Webhooks:     verifier,
		Probes:       probes,
		Limits:       ratelimit.Limiters{PerIP: passThrough, PerKey: passThrough},
		Metrics:      telemetry.NewHTTPMetrics(prometheus.NewRegistry()),
		CORSOrigins:  []string{"https://dashboard.tallyworks.example"},
		MaxBodyBytes: 1024,
	})
	return &fixture{handler: handler, ledger: ledger, writeKey: writeKey, readKey: readKey}
}

func (f *fixture) do(method, path, key, body string, headers map[string]string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	f.handler.ServeHTTP(rec, req)
	return rec
}

const transferJSON = `{"from_account":"acc_alice001","to_account":"acc_bob00001","amount_minor":2500,"currency":"EUR"}`

var idempotent = map[string]string{"Idempotency-Key": "order-7731-attempt"}

func TestCreateTransfer(t *testing.T) {
	f := newFixture(t)

	rec := f.do(http.MethodPost, "/v1/transfers", f.writeKey, transferJSON, idempotent)

	if rec.Code != http.StatusCreated {
		t.Fatalf("status = %d; body %s", rec.Code, rec.Body)
	}
	want := storage.TransferRequest{Owner: "acme", IdempotencyKey: "order-7731-attempt", FromAccount: "acc_alice001", ToAccount: "acc_bob00001", AmountMinor: 2500, Currency: "EUR"}
	if len(f.ledger.requests) != 1 || f.ledger.requests[0] != want {
		t.Fatalf("ledger got %+v; want %+v", f.ledger.requests, want)
	}
	var body storage.Transfer
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || body.ID != f.ledger.transfer.ID {
		t.Fatalf("body = %s (%v)", rec.Body, err)
	}
}

func TestReplayedTransferIsMarked(t *testing.T) {
	f := newFixture(t)
	f.ledger.replayed = true

	rec := f.do(http.MethodPost, "/v1/transfers", f.writeKey, transferJSON, idempotent)

	if rec.Code != http.StatusOK || rec.Header().Get("Idempotent-Replayed") != "true" {
		t.Fatalf("status = %d, Idempotent-Replayed = %q", rec.Code, rec.Header().Get("Idempotent-Replayed"))
	}
}

func TestTransferRejections(t *testing.T) {
	tests := []struct {
		name     string
		key      func(*fixture) string
		body     string
		headers  map[string]string
		err      error
		status   int
		contains string
	}{
		{"no key", func(*fixture) string { return "" }, transferJSON, idempotent, nil, http.StatusUnauthorized, "missing API key"},
		{"read-only key", func(f *fixture) string { return f.readKey }, transferJSON, idempotent, nil, http.StatusForbidden, "transfers:write"},
		{"no idempotency key", func(f *fixture) string { return f.writeKey }, transferJSON, nil, nil, http.StatusBadRequest, "Idempotency-Key"},
		{"unknown field", func(f *fixture) string { return f.writeKey }, `{"from_account":"acc_alice001","fee":1}`, idempotent, nil, http.StatusBadRequest, "unknown field"},
		{"body too large", func(f *fixture) string { return f.writeKey }, `{"from_account":"` + strings.Repeat("a", 2048) + `"}`, idempotent, nil, http.StatusRequestEntityTooLarge, "too large"},
		{"same account", func(f *fixture) string { return f.writeKey }, strings.Replace(transferJSON, "acc_bob00001", "acc_alice001", 1), idempotent, nil, http.StatusUnprocessableEntity, "must differ"},
		{"zero amount", func(f *fixture) string { return f.writeKey }, strings.Replace(transferJSON, "2500", "0", 1), idempotent, nil, http.StatusUnprocessableEntity, "amount_minor"},
		{"insufficient funds", func(f *fixture) string { return f.writeKey }, transferJSON, idempotent, storage.ErrInsufficientFunds, http.StatusConflict, "insufficient funds"},
		{"key reused", func(f *fixture) string { return f.writeKey }, transferJSON, idempotent, storage.ErrIdempotencyConflict, http.StatusConflict, "already used"},
		{"database down", func(f *fixture) string { return f.writeKey }, transferJSON, idempotent, errors.New("dial tcp 10.0.0.5:5432: connection refused"), http.StatusInternalServerError, "internal error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			f.ledger.err = tt.err

			rec := f.do(http.MethodPost, "/v1/transfers", tt.key(f), tt.body, tt.headers)

			if rec.Code != tt.status || !strings.Contains(rec.Body.String(), tt.contains) {
				t.Fatalf("status = %d, body %s; want %d containing %q", rec.Code, rec.Body, tt.status, tt.contains)
			}
			if strings.Contains(rec.Body.String(), "10.0.0.5") {
				t.Fatal("internal error details leaked to the caller")
			}
		})
	}
}

func TestBalanceIsScopedToOwner(t *testing.T) {
	f := newFixture(t)

	own := f.do(http.MethodGet, "/v1/accounts/acc_alice001/balance", f.readKey, "", nil)
	other := f.do(http.MethodGet, "/v1/accounts/acc_other001/balance", f.readKey, "", nil)

	if own.Code != http.StatusOK || !strings.Contains(own.Body.String(), `"balance_minor":7500`) {
		t.Fatalf("own account: %d %s", own.Code, own.Body)
	}
	if other.Code != http.StatusNotFound {
		t.Fatalf("other owner's account: %d; want 404", other.Code)
	}
}

func signed(body string) map[string]string {
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	mac := hmac.New(sha256.New, webhookSecret)
	mac.Write([]byte(ts + "." + body))
	return map[string]string{webhooks.SignatureHeader: "t=" + ts + ",v1=" + hex.EncodeToString(mac.Sum(nil))}
}

func TestSettlementWebhook(t *testing.T) {
	event := `{"id":"evt_1","type":"settlement.completed","transfer_id":"6f1c2a9d-8e4b-4f53-9a7e-2c8d1e5f3a90","settled_at":"2024-06-01T12:00:00Z"}`

	f := newFixture(t)
	if rec := f.do(http.MethodPost, "/v1/webhooks/psp", "", event, nil); rec.Code != http.StatusUnauthorized {
		t.Fatalf("unsigned webhook: %d", rec.Code)
	}
	if rec := f.do(http.MethodPost, "/v1/webhooks/psp", "", event, signed(event)); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "settled") {
		t.Fatalf("signed webhook: %d %s", rec.Code, rec.Body)
	}
	if len(f.ledger.settlements) != 1 || f.ledger.settlements[0].EventID != "evt_1" {
		t.Fatalf("settlements = %+v", f.ledger.settlements)
	}

	f.ledger.duplicate = true
	if rec := f.do(http.MethodPost, "/v1/webhooks/psp", "", event, signed(event)); !strings.Contains(rec.Body.String(), "duplicate") {
		t.Fatalf("redelivery: %d %s", rec.Code, rec.Body)
	}

	other := `{"id":"evt_2","type":"payout.created"}`
	if rec := f.do(http.MethodPost, "/v1/webhooks/psp", "", other, signed(other)); rec.Code != http.StatusAccepted {
		t.Fatalf("unhandled event type: %d", rec.Code)
	}
}

func TestProbesAndHeaders(t *testing.T) {
	f := newFixture(t)

	rec := f.do(http.MethodGet, "/livez", "", "", nil)

	if rec.Code != http.StatusOK {
		t.Fatalf("livez = %d", rec.Code)
	}
	if rec.Header().Get("X-Content-Type-Options") != "nosniff" || len(rec.Header().Get("X-Request-ID")) != 32 {
		t.Fatalf("missing headers: %v", rec.Header())
	}
	if rec := f.do(http.MethodGet, "/readyz", "", "", nil); rec.Code != http.StatusOK {
		t.Fatalf("readyz = %d", rec.Code)
	}
}
