package auth

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// memoryStore is a KeyStore over a map that counts lookups.
type memoryStore struct {
	keys    map[string]StoredKey
	lookups int
	err     error
}

func (s *memoryStore) LookupKey(_ context.Context, id string) (StoredKey, error) {
	s.lookups++
	if s.err != nil {
		return StoredKey{}, s.err
	}
	key, ok := s.keys[id]
	if !ok {
		return StoredKey{}, ErrInvalidKey
	}
	return key, nil
}

func newKey(t *testing.T, scopes ...Scope) (string, StoredKey) {
	t.Helper()
	raw, stored, err := GenerateKey("acme-payments", scopes)
	if err != nil {
		t.Fatal(err)
	}
	return raw, stored
}

func setup(t *testing.T, scopes ...Scope) (*Authenticator, *memoryStore, string) {
	t.Helper()
	raw, stored := newKey(t, scopes...)
	store := &memoryStore{keys: map[string]StoredKey{stored.ID: stored}}
	return NewAuthenticator(store, 16, time.Minute), store, raw
}

func TestGeneratedKeyRoundTrips(t *testing.T) {
	a, _, raw := setup(t, ScopeBalancesRead)

	p, err := a.Authenticate(context.Background(), raw)
	if err != nil {
		t.Fatal(err)
	}
	if p.Owner != "acme-payments" || !p.Has(ScopeBalancesRead) || p.Has(ScopeTransfersWrite) {
		t.Fatalf("unexpected principal %+v", p)
	}
	if len(raw) != keyLength || !strings.HasPrefix(raw, "lk_") {
		t.Fatalf("unexpected key shape %q", raw)
	}
}

func TestWrongSecretIsRejected(t *testing.T) {
	a, _, raw := setup(t)
	tampered := raw[:len(raw)-1] + flip(raw[len(raw)-1])

	if _, err := a.Authenticate(context.Background(), tampered); !errors.Is(err, ErrInvalidKey) {
		t.Fatalf("err = %v; want ErrInvalidKey", err)
	}
}

func TestUnknownKeyIsRejected(t *testing.T) {
	a, _, _ := setup(t)
	other, _ := newKey(t)

	if _, err := a.Authenticate(context.Background(), other); !errors.Is(err, ErrInvalidKey) {
		t.Fatalf("err = %v; want ErrInvalidKey", err)
	}
}

func TestMalformedKeys(t *testing.T) {
	a, _, raw := setup(t)
	for name, key := range map[string]string{
		"empty":        "",
		"no prefix":    "xx" + raw[2:],
		"too short":    raw[:len(raw)-1],
		"too long":     raw + "A",
		"bad id":       "lk_zzzzzzzzzzzz" + raw[15:],
		"no separator": raw[:15] + "-" + raw[16:],
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := a.Authenticate(context.Background(), key); !errors.Is(err, ErrMalformed) {
				t.Fatalf("err = %v; want ErrMalformed", err)
			}
		})
	}
}

func TestRevokedAndExpiredKeysAreRejected(t *testing.T) {
	now := time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)
	earlier := now.Add(-time.Hour)
	for name, mutate := range map[string]func(*StoredKey){
		"revoked": func(k *StoredKey) { k.RevokedAt = &earlier },
		"expired": func(k *StoredKey) { k.ExpiresAt = &now },
	} {
		t.Run(name, func(t *testing.T) {
			raw, stored := newKey(t)
			mutate(&stored)
			a := NewAuthenticator(&memoryStore{keys: map[string]StoredKey{stored.ID: stored}}, 16, time.Minute)
			a.now = func() time.Time { return now }

			if _, err := a.Authenticate(context.Background(), raw); !errors.Is(err, ErrInvalidKey) {
				t.Fatalf("err = %v; want ErrInvalidKey", err)
			}
		})
	}
}

func TestFoundKeysAreCached(t *testing.T) {
	a, store, raw := setup(t)

	for i := 0; i < 3; i++ {
		if _, err := a.Authenticate(context.Background(), raw); err != nil {
			t.Fatal(err)
		}
	}
	if store.lookups != 1 {
		t.Fatalf("lookups = %d; want 1", store.lookups)
	}
}

func TestMiddleware(t *testing.T) {
	a, store, raw := setup(t, ScopeBalancesRead)
	var seen Principal
	handler := a.Middleware(RequireScope(ScopeBalancesRead)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen, _ = FromContext(r.Context())
		w.WriteHeader(http.StatusNoContent)
	})))
	writeOnly := a.Middleware(RequireScope(ScopeTransfersWrite)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Error("handler must not run without the scope")
	})))

	tests := []struct {
		name    string
		handler http.Handler
		header  string
		status  int
	}{
		{"no header", handler, "", http.StatusUnauthorized},
		{"not bearer", handler, "Basic " + raw, http.StatusUnauthorized},
		{"invalid key", handler, "Bearer lk_000000000000_" + strings.Repeat("A", 43), http.StatusUnauthorized},
		{"missing scope", writeOnly, "Bearer " + raw, http.StatusForbidden},
		{"valid", handler, "Bearer " + raw, http.StatusNoContent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, "/v1/accounts/a/balance", nil)
			if tt.header != "" {
				req.Header.Set("Authorization", tt.header)
			}
			rec := httptest.NewRecorder()
			tt.handler.ServeHTTP(rec, req)
			if rec.Code != tt.status {
				t.Fatalf("status = %d; want %d (body %s)", rec.Code, tt.status, rec.Body)
			}
			if tt.status == http.StatusUnauthorized && rec.Header().Get("WWW-Authenticate") == "" {
				t.Fatal("401 without WWW-Authenticate")
			}
		})
	}
	if seen.Owner != "acme-payments" {
		t.Fatalf("principal not passed to handler: %+v", seen)
	}

	// A failing store is an outage, not a bad key.
	store.err = errors.New("connection refused")
	a.keys.Remove(seen.KeyID)
	req := httptest.NewRequest(http.MethodGet, "/v1/accounts/a/balance", nil)
	req.Header.Set("Authorization", "Bearer "+raw)
	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, req)
	if rec.Code != http.StatusServiceUnavailable {
		t.Fatalf("status = %d; want 503", rec.Code)
	}
}

func TestParseScopes(t *testing.T) {
	scopes, err := ParseScopes("balances:read, transfers:write")
	if err != nil || len(scopes) != 2 || scopes[0] != ScopeBalancesRead || scopes[1] != ScopeTransfersWrite {
		t.Fatalf("ParseScopes = %v, %v", scopes, err)
	}
	if _, err := ParseScopes("balances:read,admin"); err == nil {
		t.Fatal("unknown scope accepted")
	}
}

func flip(c byte) string {
	if c == 'A' {
		return "B"
	}
	return "A"
}
