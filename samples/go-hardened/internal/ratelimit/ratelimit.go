// Package ratelimit limits request rates per client IP and per API key. Counters live in Redis so the
// limits hold across all replicas; if Redis is slow or down, httprate-redis falls back to per-replica
// in-memory counters instead of failing requests.
package ratelimit

import (
	"errors"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"github.com/go-chi/httprate"
	httprateredis "github.com/go-chi/httprate-redis"
	"github.com/redis/go-redis/v9"

	"github.com/tallyworks/ledger/internal/auth"
	"github.com/tallyworks/ledger/internal/httpx"
)

type Config struct {
	PerIPPerMinute  int
	PerKeyPerMinute int
	// The ingress addresses; X-Forwarded-For is believed only when the peer is one of them.
	TrustedProxies []netip.Prefix
}

// Limiters are middleware: PerIP before authentication (it also slows key guessing), PerKey after it.
type Limiters struct {
	PerIP  func(http.Handler) http.Handler
	PerKey func(http.Handler) http.Handler
}

func New(rdb *redis.Client, cfg Config) Limiters {
	return Limiters{
		PerIP: httprate.Limit(cfg.PerIPPerMinute, time.Minute,
			httprate.WithKeyFuncs(func(r *http.Request) (string, error) { return ClientIP(r, cfg.TrustedProxies), nil }),
			httprate.WithLimitHandler(tooManyRequests),
			httprateredis.WithRedisLimitCounter(counter(rdb, "ledger:ratelimit:ip")),
		),
		PerKey: httprate.Limit(cfg.PerKeyPerMinute, time.Minute,
			httprate.WithKeyFuncs(apiKeyID),
			httprate.WithLimitHandler(tooManyRequests),
			httprateredis.WithRedisLimitCounter(counter(rdb, "ledger:ratelimit:key")),
		),
	}
}

func counter(rdb *redis.Client, prefix string) *httprateredis.Config {
	return &httprateredis.Config{Client: rdb, PrefixKey: prefix, FallbackTimeout: 100 * time.Millisecond}
}

func tooManyRequests(w http.ResponseWriter, r *http.Request) {
	// httprate has already set Retry-After and the X-RateLimit-* headers.
	httpx.Error(w, r, http.StatusTooManyRequests, "rate limit exceeded")
}

func apiKeyID(r *http.Request) (string, error) {
	principal, ok := auth.FromContext(r.Context())
	if !ok {
		return "", errors.New("ratelimit: per-key limit mounted before authentication")
	}
	return principal.KeyID, nil
}

// ClientIP is the address of the client. When the direct peer is a trusted proxy, it is the right-most
// X-Forwarded-For entry that is not itself a trusted proxy: entries further left were written by the
// client and can be forged to dodge the limit or to exhaust someone else's.
func ClientIP(r *http.Request, trusted []netip.Prefix) string {
	peer, err := netip.ParseAddrPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	addr := peer.Addr().Unmap()
	if !isTrusted(addr, trusted) {
		return addr.String()
	}
	hops := strings.Split(r.Header.Get("X-Forwarded-For"), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		hop, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break
		}
		if hop = hop.Unmap(); !isTrusted(hop, trusted) {
			return hop.String()
		}
	}
	return addr.String()
}

func isTrusted(addr netip.Addr, trusted []netip.Prefix) bool {
	for _, p := range trusted {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}
