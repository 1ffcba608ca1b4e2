package outbound

import (
	"context"
	"log/slog"
	"strconv"
	"time"
)

// Event is one row of the transactional outbox: written in the same transaction as the ledger change,
// delivered afterwards, at least once.
type Event struct {
	ID      int64
	Topic   string
	Payload []byte
}

// Outbox leases pending events, calls send for each and records the outcome.
type Outbox interface {
	DispatchPending(ctx context.Context, limit int, send func(context.Context, Event) error) (int, error)
}

type Dispatcher struct {
	outbox   Outbox
	client   *Client
	logger   *slog.Logger
	interval time.Duration
	batch    int
}

func NewDispatcher(outbox Outbox, client *Client, logger *slog.Logger) *Dispatcher {
	return &Dispatcher{outbox: outbox, client: client, logger: logger, interval: 2 * time.Second, batch: 50}
}

// Run delivers events until ctx is cancelled. A full batch means more are waiting, so it goes again at once.
func (d *Dispatcher) Run(ctx context.Context) {
	ticker := time.NewTicker(d.interval)
	defer ticker.Stop()
	for {
		sent, err := d.outbox.DispatchPending(ctx, d.batch, d.send)
		if err != nil && ctx.Err() == nil {
			d.logger.WarnContext(ctx, "outbox dispatch stopped early", "err", err, "sent", sent)
		}
		if sent == d.batch && err == nil {
			continue
		}
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
	}
}

func (d *Dispatcher) send(ctx context.Context, e Event) error {
	return d.client.PostJSON(ctx, "/v1/events/"+e.Topic, "ledger-outbox-"+strconv.FormatInt(e.ID, 10), e.Payload)
}
