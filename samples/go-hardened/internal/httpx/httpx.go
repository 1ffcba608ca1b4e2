// Package httpx has the JSON request and response helpers every handler uses.
package httpx

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
)

// Problem is the error body of every non-2xx response.
type Problem struct {
	Error     string `json:"error"`
	RequestID string `json:"request_id,omitempty"`
}

// JSON writes v with the given status. Encoding errors are not reportable to the client at that point.
func JSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// Error writes a Problem carrying the request's id, so a caller can quote it in a support ticket.
func Error(w http.ResponseWriter, r *http.Request, status int, message string) {
	JSON(w, status, Problem{Error: message, RequestID: RequestID(r.Context())})
}

type requestIDKey struct{}

// WithRequestID stores the request id; the RequestID middleware calls it first thing.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

// RequestID is the current request's id, or "" outside a request.
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// ErrBodyTooLarge is returned by Decode when the body exceeds the limit set by http.MaxBytesReader.
var ErrBodyTooLarge = errors.New("request body too large")

// Decode reads exactly one JSON object into dst, rejecting unknown fields and trailing data.
func Decode(r *http.Request, dst any) error {
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return ErrBodyTooLarge
		}
		return fmt.Errorf("invalid JSON body: %w", err)
	}
	if err := dec.Decode(&struct{}{}); !errors.Is(err, io.EOF) {
		return errors.New("invalid JSON body: more than one value")
	}
	return nil
}
