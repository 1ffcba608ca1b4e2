package config

import (
	"strings"
	"testing"
	"time"
)

func setRequired(t *testing.T) {
	t.Setenv("DATABASE_URL", "postgres://ledger@db:5432/ledger")
	t.Setenv("REDIS_ADDR", "redis:6379")
	t.Setenv("NOTIFICATIONS_BASE_URL", "http://notifications:8080")
	t.Setenv("WEBHOOK_SIGNING_SECRETS", strings.Repeat("a", 32)+", "+strings.Repeat("b", 32))
}

func TestLoadWithDefaults(t *testing.T) {
	setRequired(t)
	t.Setenv("TRUSTED_PROXY_CIDRS", "10.0.0.0/8, 192.168.0.0/16")

	cfg, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if cfg.ListenAddr != ":8080" || cfg.Database.MaxConns != 20 || cfg.ShutdownTimeout != 20*time.Second {
		t.Fatalf("defaults not applied: %+v", cfg)
	}
	if len(cfg.WebhookSecrets) != 2 || len(cfg.RateLimits.TrustedProxies) != 2 {
		t.Fatalf("lists not parsed: %d secrets, %d proxies", len(cfg.WebhookSecrets), len(cfg.RateLimits.TrustedProxies))
	}
}

func TestLoadReportsEveryProblemAtOnce(t *testing.T) {
	t.Setenv("DATABASE_URL", "")
	t.Setenv("REDIS_ADDR", "")
	t.Setenv("NOTIFICATIONS_BASE_URL", "")
	t.Setenv("WEBHOOK_SIGNING_SECRETS", "")
	t.Setenv("DB_MAX_CONNS", "lots")
	t.Setenv("SHUTDOWN_TIMEOUT", "20")

	_, err := Load()

	for _, want := range []string{"DATABASE_URL", "REDIS_ADDR", "NOTIFICATIONS_BASE_URL", "WEBHOOK_SIGNING_SECRETS", "DB_MAX_CONNS", "SHUTDOWN_TIMEOUT"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error does not mention %s: %v", want, err)
		}
	}
}
