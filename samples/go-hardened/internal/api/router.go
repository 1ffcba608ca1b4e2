// Package api maps HTTP requests onto the ledger.
package api

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"regexp"
	"time"

	"github.com/getsentry/sentry-go"
	sentryhttp "github.com/getsentry/sentry-go/http"
	"github.com/go-chi/chi/v5"
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"

	"github.com/tallyworks/ledger/internal/auth"
	"github.com/tallyworks/ledger/internal/health"
	"github.com/tallyworks/ledger/internal/httpx"
	"github.com/tallyworks/ledger/internal/middleware"
	"github.com/tallyworks/ledger/internal/ratelimit"
	"github.com/tallyworks/ledger/internal/storage"
	"github.com/tallyworks/ledger/internal/telemetry"
	"github.com/tallyworks/ledger/internal/webhooks"
)

// Ledger is what the handlers need from storage.
type Ledger interface {
	CreateTransfer(ctx context.Context, req storage.TransferRequest) (storage.Transfer, bool, error)
	Balance(ctx context.Context, owner, accountID string) (storage.Balance, error)
	RecordSettlement(ctx context.Context, s storage.Settlement) (bool, error)
}

type Deps struct {
	Logger       *slog.Logger
	Ledger       Ledger
	Auth         *auth.Authenticator
	Webhooks     *webhooks.Verifier
	Probes       *health.Probes
	Limits       ratelimit.Limiters
	Metrics      *telemetry.HTTPMetrics
	CORSOrigins  []string
	MaxBodyBytes int64
}

func NewRouter(d Deps) http.Handler {
	h := &handlers{ledger: d.Ledger, logger: d.Logger}
	r := chi.NewRouter()
	r.Use(
		middleware.RequestID,
		middleware.AccessLog(d.Logger),
		middleware.Recover(d.Logger),
		sentryhttp.New(sentryhttp.Options{Repanic: true}).Handle,
		d.Metrics.Middleware,
		middleware.SecurityHeaders,
		middleware.CORS(d.CORSOrigins),
		middleware.MaxBodyBytes(d.MaxBodyBytes),
	)

	r.Get("/livez", d.Probes.Live)
	r.Get("/readyz", d.Probes.Ready)
	r.Get("/startupz", d.Probes.Started)

	r.Route("/v1", func(r chi.Router) {
		r.Use(d.Limits.PerIP)
		r.With(d.Webhooks.Middleware).Post("/webhooks/psp", h.pspWebhook)
		r.Group(func(r chi.Router) {
			r.Use(d.Auth.Middleware, d.Limits.PerKey)
			r.With(auth.RequireScope(auth.ScopeTransfersWrite)).Post("/transfers", h.createTransfer)
			r.With(auth.RequireScope(auth.ScopeBalancesRead)).Get("/accounts/{accountID}/balance", h.balance)
		})
	})

	return otelhttp.NewHandler(r, "ledger", otelhttp.WithFilter(func(r *http.Request) bool {
		switch r.URL.Path {
		case "/livez", "/readyz", "/startupz":
			return false // probes would drown the traces
		}
		return true
	}))
}

var (
	accountIDPattern      = regexp.MustCompile(`^acc_[A-Za-z0-9]{6,40}$`)
	idempotencyKeyPattern = regexp.MustCompile(`^[A-Za-z0-9_.:-]{8,64}$`)
	currencyPattern       = regexp.MustCompile(`^[A-Z]{3}$`)
	uuidPattern           = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
)

// One transfer may not exceed this many minor units (10 million in a two-decimal currency).
const maxAmountMinor = 1_000_000_000

type handlers struct {
	ledger Ledger
	logger *slog.Logger
}

type transferBody struct {
	FromAccount string `json:"from_account"`
	ToAccount   string `json:"to_account"`
	AmountMinor int64  `json:"amount_minor"`
	Currency    string `json:"currency"`
}

func (b transferBody) problem() string {
	switch {
	case !accountIDPattern.MatchString(b.FromAccount) || !accountIDPattern.MatchString(b.ToAccount):
		return "from_account and to_account must be account ids (acc_...)"
	case b.FromAccount == b.ToAccount:
		return "from_account and to_account must differ"
	case b.AmountMinor <= 0 || b.AmountMinor > maxAmountMinor:
		return "amount_minor must be between 1 and 1000000000"
	case !currencyPattern.MatchString(b.Currency):
		return "currency must be an ISO 4217 code such as EUR"
	}
	return ""
}

func (h *handlers) createTransfer(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get("Idempotency-Key")
	if !idempotencyKeyPattern.MatchString(key) {
		httpx.Error(w, r, http.StatusBadRequest, "Idempotency-Key header is required (8-64 characters)")
		return
	}
	var body transferBody
	if !h.decode(w, r, &body) {
		return
	}
	if msg := body.problem(); msg != "" {
		httpx.Error(w, r, http.StatusUnprocessableEntity, msg)
		return
	}
	principal, _ := auth.FromContext(r.Context())

	transfer, replayed, err := h.ledger.CreateTransfer(r.Context(), storage.TransferRequest{
		Owner:          principal.Owner,
		IdempotencyKey: key,
		FromAccount:    body.FromAccount,
		ToAccount:      body.ToAccount,
		AmountMinor:    body.AmountMinor,
		Currency:       body.Currency,
	})
	switch {
	case errors.Is(err, storage.ErrAccountNotFound):
		httpx.Error(w, r, http.StatusNotFound, "account not found")
	case errors.Is(err, storage.ErrInsufficientFunds):
		httpx.Error(w, r, http.StatusConflict, "insufficient funds")
	case errors.Is(err, storage.ErrCurrencyMismatch):
		httpx.Error(w, r, http.StatusUnprocessableEntity, "currency does not match both accounts")
	case errors.Is(err, storage.ErrIdempotencyConflict):
		httpx.Error(w, r, http.StatusConflict, "Idempotency-Key was already used for a different transfer")
	case err != nil:
		h.internalError(w, r, "create transfer", err)
	case replayed:
		w.Header().Set("Idempotent-Replayed", "true")
		httpx.JSON(w, http.StatusOK, transfer)
	default:
		h.logger.InfoContext(r.Context(), "transfer posted", "transfer_id", transfer.ID,
			"owner", principal.Owner, "amount_minor", transfer.AmountMinor, "currency", transfer.Currency)
		httpx.JSON(w, http.StatusCreated, transfer)
	}
}

func (h *handlers) balance(w http.ResponseWriter, r *http.Request) {
	accountID := chi.URLParam(r, "accountID")
	if !accountIDPattern.MatchString(accountID) {
		httpx.Error(w, r, http.StatusNotFound, "account not found")
		return
	}
	principal, _ := auth.FromContext(r.Context())
	balance, err := h.ledger.Balance(r.Context(), principal.Owner, accountID)
	switch {
	case errors.Is(err, storage.ErrAccountNotFound):
		httpx.Error(w, r, http.StatusNotFound, "account not found")
	case err != nil:
		h.internalError(w, r, "read balance", err)
	default:
		httpx.JSON(w, http.StatusOK, balance)
	}
}

type settlementEvent struct {
	ID         string    `json:"id"`
	Type       string    `json:"type"`
	TransferID string    `json:"transfer_id"`
	SettledAt  time.Time `json:"settled_at"`
}

// pspWebhook runs after signature verification (webhooks.Verifier.Middleware).
func (h *handlers) pspWebhook(w http.ResponseWriter, r *http.Request) {
	var event settlementEvent
	if !h.decode(w, r, &event) {
		return
	}
	if event.Type != "settlement.completed" {
		// Acknowledge event types we do not handle, so the PSP does not retry them forever.
		httpx.JSON(w, http.StatusAccepted, map[string]string{"status": "ignored"})
		return
	}
	if event.ID == "" || len(event.ID) > 128 || !uuidPattern.MatchString(event.TransferID) || event.SettledAt.IsZero() {
		httpx.Error(w, r, http.StatusUnprocessableEntity, "settlement event is missing id, transfer_id or settled_at")
		return
	}

	duplicate, err := h.ledger.RecordSettlement(r.Context(), storage.Settlement{
		EventID: event.ID, TransferID: event.TransferID, SettledAt: event.SettledAt,
	})
	switch {
	case errors.Is(err, storage.ErrTransferNotFound):
		h.logger.WarnContext(r.Context(), "settlement for unknown transfer", "event_id", event.ID, "transfer_id", event.TransferID)
		httpx.Error(w, r, http.StatusUnprocessableEntity, "unknown transfer")
	case err != nil:
		h.internalError(w, r, "record settlement", err)
	case duplicate:
		httpx.JSON(w, http.StatusOK, map[string]string{"status": "duplicate"})
	default:
		httpx.JSON(w, http.StatusOK, map[string]string{"status": "settled"})
	}
}

func (h *handlers) decode(w http.ResponseWriter, r *http.Request, dst any) bool {
	err := httpx.Decode(r, dst)
	switch {
	case errors.Is(err, httpx.ErrBodyTooLarge):
		httpx.Error(w, r, http.StatusRequestEntityTooLarge, "request body too large")
	case err != nil:
		httpx.Error(w, r, http.StatusBadRequest, err.Error())
	default:
		return true
	}
	return false
}

// internalError logs the cause, reports it to Sentry and tells the caller only the request id.
func (h *handlers) internalError(w http.ResponseWriter, r *http.Request, action string, err error) {
	h.logger.ErrorContext(r.Context(), action+" failed", "err", err, "request_id", httpx.RequestID(r.Context()))
	if hub := sentry.GetHubFromContext(r.Context()); hub != nil {
		hub.CaptureException(err)
	}
	httpx.Error(w, r, http.StatusInternalServerError, "internal error")
}
