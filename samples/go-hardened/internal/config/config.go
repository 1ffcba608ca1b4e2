// Package config reads the service configuration from the environment. Secrets arrive the same way,
// injected from the secret store; nothing secret has a default.
package config

import (
	"errors"
	"fmt"
	"log/slog"
	"net/netip"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/tallyworks/ledger/internal/outbound"
	"github.com/tallyworks/ledger/internal/ratelimit"
	"github.com/tallyworks/ledger/internal/storage"
)

type Config struct {
	Environment     string
	ListenAddr      string
	MetricsAddr     string
	LogLevel        slog.Level
	Database        storage.Config
	RedisAddr       string
	RedisPassword   string
	WebhookSecrets  [][]byte
	Notifications   outbound.Config
	CORSOrigins     []string
	RateLimits      ratelimit.Config
	SentryDSN       string
	MaxBodyBytes    int64
	DrainDelay      time.Duration
	ShutdownTimeout time.Duration
}

// Load collects every problem at once, so a bad deploy shows all missing settings in one log line.
func Load() (Config, error) {
	var errs []error
	e := env{errs: &errs}
	db, dbErr := Database()
	errs = append(errs, dbErr)

	cfg := Config{
		Environment:   e.str("ENVIRONMENT", "production"),
		ListenAddr:    e.str("LEDGER_LISTEN_ADDR", ":8080"),
		MetricsAddr:   e.str("LEDGER_METRICS_ADDR", ":9090"),
		Database:      db,
		RedisAddr:     e.required("REDIS_ADDR"),
		RedisPassword: os.Getenv("REDIS_PASSWORD"),
		Notifications: outbound.Config{
			BaseURL:         e.required("NOTIFICATIONS_BASE_URL"),
			MaxAttempts:     e.integer("NOTIFICATIONS_MAX_ATTEMPTS", 4),
			BaseDelay:       e.duration("NOTIFICATIONS_BASE_DELAY", 200*time.Millisecond),
			MaxDelay:        e.duration("NOTIFICATIONS_MAX_DELAY", 5*time.Second),
			AttemptTimeout:  e.duration("NOTIFICATIONS_ATTEMPT_TIMEOUT", 2*time.Second),
			BreakerFailures: uint32(e.integer("NOTIFICATIONS_BREAKER_FAILURES", 5)),
			BreakerOpenFor:  e.duration("NOTIFICATIONS_BREAKER_OPEN_FOR", 30*time.Second),
		},
		CORSOrigins: e.list("CORS_ALLOWED_ORIGINS"),
		RateLimits: ratelimit.Config{
			PerIPPerMinute:  e.integer("RATE_LIMIT_PER_IP_PER_MINUTE", 300),
			PerKeyPerMinute: e.integer("RATE_LIMIT_PER_KEY_PER_MINUTE", 1200),
		},
		SentryDSN:       os.Getenv("SENTRY_DSN"),
		MaxBodyBytes:    int64(e.integer("MAX_BODY_BYTES", 64<<10)),
		DrainDelay:      e.duration("DRAIN_DELAY", 5*time.Second),
		ShutdownTimeout: e.duration("SHUTDOWN_TIMEOUT", 20*time.Second),
	}
	if err := cfg.LogLevel.UnmarshalText([]byte(e.str("LOG_LEVEL", "info"))); err != nil {
		errs = append(errs, fmt.Errorf("LOG_LEVEL: %w", err))
	}
	for _, s := range e.list("WEBHOOK_SIGNING_SECRETS") {
		cfg.WebhookSecrets = append(cfg.WebhookSecrets, []byte(s))
	}
	if len(cfg.WebhookSecrets) == 0 {
		errs = append(errs, errors.New("WEBHOOK_SIGNING_SECRETS is required"))
	}
	for _, cidr := range e.list("TRUSTED_PROXY_CIDRS") {
		prefix, err := netip.ParsePrefix(cidr)
		if err != nil {
			errs = append(errs, fmt.Errorf("TRUSTED_PROXY_CIDRS: %w", err))
			continue
		}
		cfg.RateLimits.TrustedProxies = append(cfg.RateLimits.TrustedProxies, prefix)
	}
	return cfg, errors.Join(errs...)
}

// Database is the part of the configuration the create-key command needs.
func Database() (storage.Config, error) {
	var errs []error
	e := env{errs: &errs}
	cfg := storage.Config{
		URL:              e.required("DATABASE_URL"),
		MaxConns:         int32(e.integer("DB_MAX_CONNS", 20)),
		MinConns:         int32(e.integer("DB_MIN_CONNS", 2)),
		ConnectTimeout:   e.duration("DB_CONNECT_TIMEOUT", 5*time.Second),
		StatementTimeout: e.duration("DB_STATEMENT_TIMEOUT", 5*time.Second),
		MaxConnLifetime:  e.duration("DB_MAX_CONN_LIFETIME", 30*time.Minute),
		MaxConnIdleTime:  e.duration("DB_MAX_CONN_IDLE_TIME", 5*time.Minute),
	}
	return cfg, errors.Join(errs...)
}

type env struct{ errs *[]error }

func (e env) str(name, fallback string) string {
	if v := strings.TrimSpace(os.Getenv(name)); v != "" {
		return v
	}
	return fallback
}

func (e env) required(name string) string {
	v := strings.TrimSpace(os.Getenv(name))
	if v == "" {
		*e.errs = append(*e.errs, fmt.Errorf("%s is required", name))
	}
	return v
}

func (e env) integer(name string, fallback int) int {
	v := os.Getenv(name)
	if v == "" {
		return fallback
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		*e.errs = append(*e.errs, fmt.Errorf("%s must be a positive integer", name))
		return fallback
	}
	return n
}

func (e env) duration(name string, fallback time.Duration) time.Duration {
	v := os.Getenv(name)
	if v == "" {
		return fallback
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		*e.errs = append(*e.errs, fmt.Errorf("%s must be a positive duration like 5s", name))
		return fallback
	}
	return d
}

func (e env) list(name string) []string {
	var out []string
	for _, part := range strings.Split(os.Getenv(name), ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}
