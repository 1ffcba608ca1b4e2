package webhooks

import (
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
)

var (
	current  = []byte(strings.Repeat("current-", 5))
	previous = []byte(strings.Repeat("previous", 5))
	now      = time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)
	body     = []byte(`{"id":"evt_1","type":"settlement.completed","transfer_id":"6f1c"}`)
)

// sign builds the header the PSP would send.
func sign(secret []byte, at time.Time, payload []byte) string {
	return "t=" + strconv.FormatInt(at.Unix(), 10) + ",v1=" + hex.EncodeToString(mac(secret, at.Unix(), payload))
}

func verifier(t *testing.T, secrets ...[]byte) *Verifier {
	t.Helper()
	v, err := NewVerifier(secrets, 5*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	v.now = func() time.Time { return now }
	return v
}

func TestVerify(t *testing.T) {
	v := verifier(t, current, previous)
	tests := []struct {
		name   string
		header string
		body   []byte
		want   error
	}{
		{"valid", sign(current, now, body), body, nil},
		{"signed with the previous secret during rotation", sign(previous, now, body), body, nil},
		{"several signatures, one valid", sign([]byte(strings.Repeat("x", 32)), now, body) + ",v1=" + hex.EncodeToString(mac(current, now.Unix(), body)), body, nil},
		{"tampered body", sign(current, now, body), []byte(strings.Replace(string(body), "evt_1", "evt_2", 1)), ErrSignatureMismatch},
		{"unknown secret", sign([]byte(strings.Repeat("k", 40)), now, body), body, ErrSignatureMismatch},
		{"just inside tolerance", sign(current, now.Add(-5*time.Minute), body), body, nil},
		{"too old", sign(current, now.Add(-5*time.Minute-time.Second), body), body, ErrStaleTimestamp},
		{"too far in the future", sign(current, now.Add(6*time.Minute), body), body, ErrStaleTimestamp},
		{"missing", "", body, ErrMissingSignature},
		{"no timestamp", "v1=" + hex.EncodeToString(mac(current, now.Unix(), body)), body, ErrMalformedSignature},
		{"no v1", "t=" + strconv.FormatInt(now.Unix(), 10), body, ErrMalformedSignature},
		{"timestamp not a number", "t=yesterday,v1=00", body, ErrMalformedSignature},
		{"signature not hex", "t=" + strconv.FormatInt(now.Unix(), 10) + ",v1=zz", body, ErrMalformedSignature},
		{"signature truncated", sign(current, now, body)[:40], body, ErrMalformedSignature},
		{"only a v0 signature", "t=" + strconv.FormatInt(now.Unix(), 10) + ",v0=" + hex.EncodeToString(mac(current, now.Unix(), body)), body, ErrMalformedSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := v.Verify(tt.header, tt.body); !errors.Is(err, tt.want) {
				t.Fatalf("Verify = %v; want %v", err, tt.want)
			}
		})
	}
}

func TestNewVerifierRejectsWeakConfiguration(t *testing.T) {
	if _, err := NewVerifier(nil, time.Minute); err == nil {
		t.Fatal("no secrets accepted")
	}
	if _, err := NewVerifier([][]byte{[]byte("short")}, time.Minute); err == nil {
		t.Fatal("short secret accepted")
	}
}

func TestMiddleware(t *testing.T) {
	v := verifier(t, current)
	var received string
	handler := v.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		received = string(b)
		w.WriteHeader(http.StatusAccepted)
	}))

	forged := httptest.NewRequest(http.MethodPost, "/v1/webhooks/psp", strings.NewReader(string(body)))
	forged.Header.Set(SignatureHeader, sign([]byte(strings.Repeat("f", 32)), now, body))
	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, forged)
	if rec.Code != http.StatusUnauthorized || received != "" {
		t.Fatalf("forged webhook: status %d, handler saw %q", rec.Code, received)
	}

	genuine := httptest.NewRequest(http.MethodPost, "/v1/webhooks/psp", strings.NewReader(string(body)))
	genuine.Header.Set(SignatureHeader, sign(current, now, body))
	rec = httptest.NewRecorder()
	handler.ServeHTTP(rec, genuine)
	if rec.Code != http.StatusAccepted || received != string(body) {
		t.Fatalf("genuine webhook: status %d, handler saw %q", rec.Code, received)
	}
}
