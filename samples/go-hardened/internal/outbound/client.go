// Package outbound calls the notifications service, which fans ledger events out to merchants.
package outbound

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"time"

	"github.com/sony/gobreaker"
)

// ErrCircuitOpen means recent calls failed and the breaker is refusing calls for a while.
var ErrCircuitOpen = errors.New("outbound: circuit open")

// StatusError is a non-2xx answer.
type StatusError struct{ Code int }

func (e *StatusError) Error() string { return fmt.Sprintf("outbound: status %d", e.Code) }

type Config struct {
	BaseURL         string
	MaxAttempts     int
	BaseDelay       time.Duration // first backoff ceiling; doubles each attempt
	MaxDelay        time.Duration
	AttemptTimeout  time.Duration
	BreakerFailures uint32        // consecutive failures that open the breaker
	BreakerOpenFor  time.Duration // how long it stays open before a trial call
}

// Client posts JSON with per-attempt timeouts, retries with exponential backoff and full jitter, and a
// circuit breaker so a dead downstream costs one fast error instead of a pile of waiting goroutines.
type Client struct {
	cfg     Config
	http    *http.Client
	breaker *gobreaker.CircuitBreaker
	sleep   func(context.Context, time.Duration) error
	jitter  func(ceiling time.Duration) time.Duration
}

// NewClient wraps transport (instrumented by the caller). onStateChange may be nil.
func NewClient(cfg Config, transport http.RoundTripper, onStateChange func(from, to string)) *Client {
	settings := gobreaker.Settings{
		Name:        "notifications",
		MaxRequests: 1,
		Interval:    time.Minute,
		Timeout:     cfg.BreakerOpenFor,
		ReadyToTrip: func(c gobreaker.Counts) bool { return c.ConsecutiveFailures >= cfg.BreakerFailures },
		// A 4xx means the service is up and rejected this request: not a reason to open the breaker.
		IsSuccessful: func(err error) bool {
			var status *StatusError
			return err == nil || (errors.As(err, &status) && status.Code < http.StatusInternalServerError && status.Code != http.StatusTooManyRequests)
		},
	}
	if onStateChange != nil {
		settings.OnStateChange = func(_ string, from, to gobreaker.State) { onStateChange(from.String(), to.String()) }
	}
	return &Client{
		cfg:     cfg,
		http:    &http.Client{Transport: transport},
		breaker: gobreaker.NewCircuitBreaker(settings),
		sleep:   sleepContext,
		jitter:  func(ceiling time.Duration) time.Duration { return time.Duration(rand.Int64N(int64(ceiling) + 1)) },
	}
}

// PostJSON sends body to path. Every attempt carries the same Idempotency-Key, so a retry after a lost
// response is applied once downstream.
func (c *Client) PostJSON(ctx context.Context, path, idempotencyKey string, body []byte) error {
	var lastErr error
	for attempt := 1; attempt <= c.cfg.MaxAttempts; attempt++ {
		_, err := c.breaker.Execute(func() (interface{}, error) {
			return nil, c.attempt(ctx, path, idempotencyKey, body)
		})
		switch {
		case err == nil:
			return nil
		case errors.Is(err, gobreaker.ErrOpenState), errors.Is(err, gobreaker.ErrTooManyRequests):
			return fmt.Errorf("%w: %v", ErrCircuitOpen, err)
		case !retryable(err):
			return err
		}
		lastErr = err
		if attempt == c.cfg.MaxAttempts {
			break
		}
		if err := c.sleep(ctx, c.backoff(attempt)); err != nil {
			return err
		}
	}
	return fmt.Errorf("outbound: giving up after %d attempts: %w", c.cfg.MaxAttempts, lastErr)
}

func (c *Client) attempt(ctx context.Context, path, idempotencyKey string, body []byte) error {
	ctx, cancel := context.WithTimeout(ctx, c.cfg.AttemptTimeout)
	defer cancel()

	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.cfg.BaseURL+path, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Idempotency-Key", idempotencyKey)

	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // drain so the connection is reused
	if resp.StatusCode >= http.StatusMultipleChoices {
		return &StatusError{Code: resp.StatusCode}
	}
	return nil
}

// backoff is "full jitter": uniform in [0, min(MaxDelay, BaseDelay*2^(attempt-1))], so replicas that
// failed together do not retry together.
func (c *Client) backoff(attempt int) time.Duration {
	ceiling := c.cfg.BaseDelay << (attempt - 1)
	if ceiling <= 0 || ceiling > c.cfg.MaxDelay {
		ceiling = c.cfg.MaxDelay
	}
	return c.jitter(ceiling)
}

func retryable(err error) bool {
	if errors.Is(err, context.Canceled) {
		return false
	}
	var status *StatusError
	if errors.As(err, &status) {
		return status.Code == http.StatusTooManyRequests || status.Code >= http.StatusInternalServerError
	}
	return true // network errors and attempt timeouts
}

func sleepContext(ctx context.Context, d time.Duration) error {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}
