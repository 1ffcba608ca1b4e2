package middleware

import (
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/tallyworks/ledger/internal/httpx"
)

var ok = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })

func TestRequestID(t *testing.T) {
	var seen string
	handler := RequestID(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = httpx.RequestID(r.Context())
	}))

	req := httptest.NewRequest(http.MethodGet, "/", nil)
	req.Header.Set(RequestIDHeader, "checkout-7731.retry_1")
	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, req)
	if seen != "checkout-7731.retry_1" || rec.Header().Get(RequestIDHeader) != seen {
		t.Fatalf("caller id not kept: context %q, header %q", seen, rec.Header().Get(RequestIDHeader))
	}

	for _, bad := range []string{"", "has space", "new\nline", strings.Repeat("a", 65)} {
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.Header.Set(RequestIDHeader, bad)
		handler.ServeHTTP(httptest.NewRecorder(), req)
		if seen == bad || len(seen) != 32 {
			t.Fatalf("bad id %q not replaced: got %q", bad, seen)
		}
	}
}

func TestSecurityHeaders(t *testing.T) {
	rec := httptest.NewRecorder()
	SecurityHeaders(ok).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))

	for header, want := range map[string]string{
		"X-Content-Type-Options":    "nosniff",
		"X-Frame-Options":           "DENY",
		"Content-Security-Policy":   "default-src 'none'; frame-ancestors 'none'",
		"Strict-Transport-Security": "max-age=63072000; includeSubDomains",
		"Cache-Control":             "no-store",
	} {
		if got := rec.Header().Get(header); got != want {
			t.Errorf("%s = %q; want %q", header, got, want)
		}
	}
}

func TestCORS(t *testing.T) {
	handler := CORS([]string{"https://dashboard.tallyworks.example"})(ok)
	send := func(method, origin string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, "/v1/transfers", nil)
		req.Header.Set("Origin", origin)
		if method == http.MethodOptions {
			req.Header.Set("Access-Control-Request-Method", http.MethodPost)
		}
		rec := httptest.NewRecorder()
		handler.ServeHTTP(rec, req)
		return rec
	}

	if rec := send(http.MethodOptions, "https://dashboard.tallyworks.example"); rec.Code != http.StatusNoContent ||
		rec.Header().Get("Access-Control-Allow-Origin") != "https://dashboard.tallyworks.example" {
		t.Fatalf("allowed preflight: %d %v", rec.Code, rec.Header())
	}
	if rec := send(http.MethodOptions, "https://evil.example"); rec.Code != http.StatusForbidden ||
		rec.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Fatalf("foreign preflight: %d %v", rec.Code, rec.Header())
	}
	if rec := send(http.MethodGet, "https://evil.example"); rec.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Fatal("foreign origin got an allow header")
	}
	if rec := send(http.MethodGet, "https://dashboard.tallyworks.example"); rec.Header().Get("Access-Control-Allow-Credentials") != "" {
		t.Fatal("credentials must not be allowed")
	}
}

func TestMaxBodyBytes(t *testing.T) {
	var decodeErr error
	handler := MaxBodyBytes(16)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var v map[string]string
		decodeErr = httpx.Decode(r, &v)
	}))

	handler.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodPost, "/", strings.NewReader(`{"a":"`+strings.Repeat("x", 64)+`"}`)))

	if !errors.Is(decodeErr, httpx.ErrBodyTooLarge) {
		t.Fatalf("err = %v; want ErrBodyTooLarge", decodeErr)
	}
}

func TestRecover(t *testing.T) {
	logger := slog.New(slog.NewJSONHandler(io.Discard, nil))
	handler := RequestID(Recover(logger)(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		panic("boom")
	})))

	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))

	if rec.Code != http.StatusInternalServerError || !strings.Contains(rec.Body.String(), `"request_id"`) {
		t.Fatalf("panic response: %d %s", rec.Code, rec.Body)
	}
}
