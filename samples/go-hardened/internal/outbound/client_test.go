package outbound

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func testClient(t *testing.T, handler http.HandlerFunc, cfg Config) (*Client, *[]time.Duration) {
	t.Helper()
	server := httptest.NewServer(handler)
	t.Cleanup(server.Close)
	cfg.BaseURL = server.URL
	c := NewClient(cfg, http.DefaultTransport, nil)
	var slept []time.Duration
	c.sleep = func(_ context.Context, d time.Duration) error { slept = append(slept, d); return nil }
	c.jitter = func(ceiling time.Duration) time.Duration { return ceiling } // worst case, deterministic
	return c, &slept
}

var defaults = Config{
	MaxAttempts: 4, BaseDelay: 100 * time.Millisecond, MaxDelay: 250 * time.Millisecond,
	AttemptTimeout: time.Second, BreakerFailures: 10, BreakerOpenFor: time.Minute,
}

func TestRetriesServerErrorsWithCappedBackoff(t *testing.T) {
	var calls atomic.Int32
	var mu sync.Mutex
	var keys []string
	c, slept := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		keys = append(keys, r.Header.Get("Idempotency-Key"))
		mu.Unlock()
		if calls.Add(1) < 4 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusAccepted)
	}, defaults)

	if err := c.PostJSON(context.Background(), "/v1/events/transfer.posted", "ledger-outbox-7", []byte(`{}`)); err != nil {
		t.Fatal(err)
	}
	if calls.Load() != 4 {
		t.Fatalf("calls = %d; want 4", calls.Load())
	}
	want := []time.Duration{100 * time.Millisecond, 200 * time.Millisecond, 250 * time.Millisecond}
	if len(*slept) != len(want) || (*slept)[0] != want[0] || (*slept)[1] != want[1] || (*slept)[2] != want[2] {
		t.Fatalf("backoff = %v; want %v", *slept, want)
	}
	mu.Lock()
	defer mu.Unlock()
	for _, k := range keys {
		if k != "ledger-outbox-7" {
			t.Fatalf("idempotency key changed between attempts: %v", keys)
		}
	}
}

func TestClientErrorsAreNotRetried(t *testing.T) {
	var calls atomic.Int32
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.WriteHeader(http.StatusUnprocessableEntity)
	}, defaults)

	err := c.PostJSON(context.Background(), "/v1/events/x", "k", []byte(`{}`))

	var status *StatusError
	if !errors.As(err, &status) || status.Code != http.StatusUnprocessableEntity || calls.Load() != 1 {
		t.Fatalf("err = %v after %d calls", err, calls.Load())
	}
}

func TestGivesUpAfterMaxAttempts(t *testing.T) {
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadGateway)
	}, defaults)

	err := c.PostJSON(context.Background(), "/v1/events/x", "k", []byte(`{}`))

	var status *StatusError
	if !errors.As(err, &status) || status.Code != http.StatusBadGateway {
		t.Fatalf("err = %v", err)
	}
}

func TestBreakerOpensAndFailsFast(t *testing.T) {
	var calls atomic.Int32
	cfg := defaults
	cfg.MaxAttempts, cfg.BreakerFailures = 1, 3
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.WriteHeader(http.StatusInternalServerError)
	}, cfg)

	for i := 0; i < 3; i++ {
		_ = c.PostJSON(context.Background(), "/v1/events/x", "k", []byte(`{}`))
	}
	err := c.PostJSON(context.Background(), "/v1/events/x", "k", []byte(`{}`))

	if !errors.Is(err, ErrCircuitOpen) || calls.Load() != 3 {
		t.Fatalf("err = %v after %d calls; want ErrCircuitOpen after 3", err, calls.Load())
	}
}

func TestAttemptTimeoutIsRetried(t *testing.T) {
	var calls atomic.Int32
	cfg := defaults
	cfg.AttemptTimeout = 50 * time.Millisecond
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			select {
			case <-r.Context().Done():
			case <-time.After(time.Second):
			}
			return
		}
		w.WriteHeader(http.StatusOK)
	}, cfg)

	if err := c.PostJSON(context.Background(), "/v1/events/x", "k", []byte(`{}`)); err != nil || calls.Load() != 2 {
		t.Fatalf("err = %v after %d calls", err, calls.Load())
	}
}

func TestCancelledContextStopsRetrying(t *testing.T) {
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	}, defaults)
	ctx, cancel := context.WithCancel(context.Background())
	c.sleep = func(ctx context.Context, _ time.Duration) error { cancel(); return ctx.Err() }

	if err := c.PostJSON(ctx, "/v1/events/x", "k", []byte(`{}`)); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v; want context.Canceled", err)
	}
}
