// Package health serves the liveness, readiness and startup probes.
//
//   - /livez: the process can serve HTTP. Never checks dependencies: a database outage must not make the
//     orchestrator restart every replica.
//   - /startupz: initialisation finished (first database connection made).
//   - /readyz: started, not shutting down, and every dependency check passes. Failing it only takes the
//     replica out of the load balancer.
package health

import (
	"context"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tallyworks/ledger/internal/httpx"
)

// Check returns an error when a dependency is unusable.
type Check func(ctx context.Context) error

type Probes struct {
	checks   map[string]Check
	timeout  time.Duration
	started  atomic.Bool
	draining atomic.Bool
}

// New runs each check with timeout on every readiness probe.
func New(timeout time.Duration, checks map[string]Check) *Probes {
	return &Probes{checks: checks, timeout: timeout}
}

func (p *Probes) MarkStarted() { p.started.Store(true) }

// MarkDraining fails readiness from now on, so traffic moves away before the server stops.
func (p *Probes) MarkDraining() { p.draining.Store(true) }

func (p *Probes) Live(w http.ResponseWriter, _ *http.Request) {
	httpx.JSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

func (p *Probes) Started(w http.ResponseWriter, _ *http.Request) {
	if !p.started.Load() {
		httpx.JSON(w, http.StatusServiceUnavailable, map[string]string{"status": "starting"})
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

func (p *Probes) Ready(w http.ResponseWriter, r *http.Request) {
	switch {
	case !p.started.Load():
		httpx.JSON(w, http.StatusServiceUnavailable, map[string]string{"status": "starting"})
		return
	case p.draining.Load():
		httpx.JSON(w, http.StatusServiceUnavailable, map[string]string{"status": "draining"})
		return
	}

	ctx, cancel := context.WithTimeout(r.Context(), p.timeout)
	defer cancel()
	results := p.run(ctx)

	status := http.StatusOK
	for _, result := range results {
		if result != "ok" {
			status = http.StatusServiceUnavailable
		}
	}
	httpx.JSON(w, status, map[string]any{"status": http.StatusText(status), "checks": results})
}

// run executes the checks concurrently; results say "ok" or "fail" (details go to logs, not to callers).
func (p *Probes) run(ctx context.Context) map[string]string {
	var mu sync.Mutex
	var wg sync.WaitGroup
	results := make(map[string]string, len(p.checks))
	for name, check := range p.checks {
		wg.Add(1)
		go func(name string, check Check) {
			defer wg.Done()
			result := "ok"
			if err := check(ctx); err != nil {
				result = "fail"
			}
			mu.Lock()
			results[name] = result
			mu.Unlock()
		}(name, check)
	}
	wg.Wait()
	return results
}
