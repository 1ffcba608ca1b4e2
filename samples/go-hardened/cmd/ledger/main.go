// Command ledger serves the payments ledger API.
//
//	ledger                 serve (configuration from the environment, see .env.example)
//	ledger healthcheck     probe the local /livez; used by the container HEALTHCHECK (no shell in the image)
//	ledger create-key -owner acme -scopes balances:read,transfers:write
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/getsentry/sentry-go"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/redis/go-redis/v9"
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"

	"github.com/tallyworks/ledger/internal/api"
	"github.com/tallyworks/ledger/internal/auth"
	"github.com/tallyworks/ledger/internal/config"
	"github.com/tallyworks/ledger/internal/health"
	"github.com/tallyworks/ledger/internal/logging"
	"github.com/tallyworks/ledger/internal/outbound"
	"github.com/tallyworks/ledger/internal/ratelimit"
	"github.com/tallyworks/ledger/internal/storage"
	"github.com/tallyworks/ledger/internal/telemetry"
	"github.com/tallyworks/ledger/internal/webhooks"
)

// version is set at build time: -ldflags "-X main.version=<git sha>".
var version = "dev"

func main() {
	if len(os.Args) > 1 {
		switch os.Args[1] {
		case "healthcheck":
			os.Exit(healthcheck())
		case "create-key":
			os.Exit(createKey(os.Args[2:]))
		}
	}
	if err := run(); err != nil {
		slog.Error("ledger stopped with an error", "err", err)
		os.Exit(1)
	}
}

func run() error {
	cfg, err := config.Load()
	if err != nil {
		return fmt.Errorf("configuration: %w", err)
	}
	logger := logging.New(os.Stdout, cfg.LogLevel).With("service", "ledger", "version", version)
	slog.SetDefault(logger)

	// SIGTERM from the orchestrator (or Ctrl-C locally) starts a graceful shutdown.
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()

	if cfg.SentryDSN != "" {
		if err := sentry.Init(sentry.ClientOptions{
			Dsn:              cfg.SentryDSN,
			Environment:      cfg.Environment,
			Release:          "ledger@" + version,
			AttachStacktrace: true,
		}); err != nil {
			return fmt.Errorf("sentry: %w", err)
		}
		defer sentry.Flush(2 * time.Second)
	}
	shutdownTracing, err := telemetry.SetupTracing(ctx, version)
	if err != nil {
		return fmt.Errorf("tracing: %w", err)
	}

	db, err := storage.Open(ctx, cfg.Database)
	if err != nil {
		return err
	}
	defer db.Close()
	db.RegisterMetrics(prometheus.DefaultRegisterer)

	// Short timeouts and no retries: if Redis stalls, rate limiting falls back to local counters quickly.
	rdb := redis.NewClient(&redis.Options{
		Addr: cfg.RedisAddr, Password: cfg.RedisPassword,
		DialTimeout: 500 * time.Millisecond, ReadTimeout: 100 * time.Millisecond, WriteTimeout: 100 * time.Millisecond,
		MaxRetries: -1,
	})
	defer rdb.Close()

	verifier, err := webhooks.NewVerifier(cfg.WebhookSecrets, 5*time.Minute)
	if err != nil {
		return err
	}
	probes := health.New(2*time.Second, map[string]health.Check{"postgres": db.Ping})
	notifications := outbound.NewClient(cfg.Notifications, otelhttp.NewTransport(http.DefaultTransport),
		telemetry.BreakerStateRecorder(prometheus.DefaultRegisterer))

	server := &http.Server{
		Addr: cfg.ListenAddr,
		Handler: api.NewRouter(api.Deps{
			Logger:       logger,
			Ledger:       db,
			Auth:         auth.NewAuthenticator(db, 10_000, 30*time.Second),
			Webhooks:     verifier,
			Probes:       probes,
			Limits:       ratelimit.New(rdb, cfg.RateLimits),
			Metrics:      telemetry.NewHTTPMetrics(prometheus.DefaultRegisterer),
			CORSOrigins:  cfg.CORSOrigins,
			MaxBodyBytes: cfg.MaxBodyBytes,
		}),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    32 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	// Metrics on their own port, never exposed through the ingress.
	metricsServer := &http.Server{
		Addr:              cfg.MetricsAddr,
		Handler:           promhttp.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
	}

	serveErrs := make(chan error, 2)
	for _, s := range []*http.Server{server, metricsServer} {
		go func(s *http.Server) {
			if err := s.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
				serveErrs <- fmt.Errorf("listen on %s: %w", s.Addr, err)
			}
		}(s)
	}
	logger.Info("listening", "addr", cfg.ListenAddr, "metrics_addr", cfg.MetricsAddr)

	// Serving /livez already; /startupz and /readyz pass once the database answers.
	if err := waitForDatabase(ctx, db, logger); err != nil {
		return err
	}
	probes.MarkStarted()

	dispatchCtx, stopDispatch := context.WithCancel(context.Background())
	dispatched := make(chan struct{})
	go func() {
		defer close(dispatched)
		outbound.NewDispatcher(db, notifications, logger).Run(dispatchCtx)
	}()

	var serveErr error
	select {
	case <-ctx.Done():
		logger.Info("shutdown signal received")
	case serveErr = <-serveErrs:
		logger.Error("server failed; shutting down", "err", serveErr)
	}

	// Fail readiness first and give the load balancer time to notice, then drain in-flight requests.
	probes.MarkDraining()
	select {
	case <-time.After(cfg.DrainDelay):
	case serveErr2 := <-serveErrs:
		serveErr = errors.Join(serveErr, serveErr2)
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	shutdownErr := server.Shutdown(shutdownCtx)
	_ = metricsServer.Shutdown(shutdownCtx)
	stopDispatch()
	<-dispatched
	if err := shutdownTracing(shutdownCtx); err != nil {
		logger.Warn("flushing traces failed", "err", err)
	}
	logger.Info("shutdown complete")
	return errors.Join(serveErr, shutdownErr)
}

func waitForDatabase(ctx context.Context, db *storage.DB, logger *slog.Logger) error {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	for attempt := 1; ; attempt++ {
		pingCtx, cancelPing := context.WithTimeout(ctx, 3*time.Second)
		err := db.Ping(pingCtx)
		cancelPing()
		if err == nil {
			return nil
		}
		logger.Warn("database not reachable yet", "attempt", attempt, "err", err)
		select {
		case <-ctx.Done():
			return fmt.Errorf("database unreachable after %d attempts: %w", attempt, err)
		case <-time.After(2 * time.Second):
		}
	}
}

func healthcheck() int {
	addr := os.Getenv("LEDGER_LISTEN_ADDR")
	if addr == "" {
		addr = ":8080"
	}
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "healthcheck:", err)
		return 1
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://127.0.0.1:"+port+"/livez", nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, "healthcheck:", err)
		return 1
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Fprintln(os.Stderr, "healthcheck:", err)
		return 1
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		fmt.Fprintln(os.Stderr, "healthcheck: status", resp.StatusCode)
		return 1
	}
	return 0
}

func createKey(args []string) int {
	flags := flag.NewFlagSet("create-key", flag.ContinueOnError)
	owner := flags.String("owner", "", "owner the key acts for (required)")
	scopeList := flags.String("scopes", string(auth.ScopeBalancesRead), "comma-separated scopes")
	if err := flags.Parse(args); err != nil {
		return 2
	}
	if *owner == "" {
		fmt.Fprintln(os.Stderr, "create-key: -owner is required")
		return 2
	}
	scopes, err := auth.ParseScopes(*scopeList)
	if err != nil {
		fmt.Fprintln(os.Stderr, "create-key:", err)
		return 2
	}
	dbConfig, err := config.Database()
	if err != nil {
		fmt.Fprintln(os.Stderr, "create-key:", err)
		return 1
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	db, err := storage.Open(ctx, dbConfig)
	if err != nil {
		fmt.Fprintln(os.Stderr, "create-key:", err)
		return 1
	}
	defer db.Close()

	raw, key, err := auth.GenerateKey(*owner, scopes)
	if err == nil {
		err = db.InsertKey(ctx, key)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "create-key:", err)
		return 1
	}
	fmt.Fprintf(os.Stderr, "created key %s for %s; it is shown once, store it in the client's secret store now\n", key.ID, *owner)
	fmt.Println(raw)
	return 0
}
