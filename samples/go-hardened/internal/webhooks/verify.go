// Package webhooks verifies the signatures of webhooks sent by the payment service provider (PSP).
//
// The PSP sends "Ledger-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>" where the HMAC covers
// "<t>.<raw body>". During a secret rotation the header may carry several v1 values, and we accept
// any configured secret, so both sides can roll secrets without downtime.
package webhooks

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/tallyworks/ledger/internal/httpx"
)

const SignatureHeader = "Ledger-Signature"

var (
	ErrMissingSignature   = errors.New("webhooks: missing signature header")
	ErrMalformedSignature = errors.New("webhooks: malformed signature header")
	ErrStaleTimestamp     = errors.New("webhooks: timestamp outside tolerance")
	ErrSignatureMismatch  = errors.New("webhooks: no signature matches")
)

// Verifier checks webhook signatures against one or more shared secrets.
type Verifier struct {
	secrets   [][]byte
	tolerance time.Duration
	now       func() time.Time
}

// NewVerifier needs at least one secret. tolerance bounds how old (or how far in the future) a signed
// timestamp may be, which limits replays of captured requests.
func NewVerifier(secrets [][]byte, tolerance time.Duration) (*Verifier, error) {
	if len(secrets) == 0 {
		return nil, errors.New("webhooks: no signing secret configured")
	}
	for _, s := range secrets {
		if len(s) < 32 {
			return nil, errors.New("webhooks: signing secrets must be at least 32 bytes")
		}
	}
	return &Verifier{secrets: secrets, tolerance: tolerance, now: time.Now}, nil
}

// Verify returns nil if header carries a valid, fresh signature of body.
func (v *Verifier) Verify(header string, body []byte) error {
	if header == "" {
		return ErrMissingSignature
	}
	timestamp, signatures, err := parseHeader(header)
	if err != nil {
		return err
	}
	age := v.now().Sub(time.Unix(timestamp, 0))
	if age > v.tolerance || age < -v.tolerance {
		return ErrStaleTimestamp
	}
	for _, secret := range v.secrets {
		expected := mac(secret, timestamp, body)
		for _, candidate := range signatures {
			if hmac.Equal(expected, candidate) {
				return nil
			}
		}
	}
	return ErrSignatureMismatch
}

// Middleware rejects requests without a valid signature with 401 and hands verified bodies on unchanged.
// The body must already be bounded (see middleware.MaxBodyBytes).
func (v *Verifier) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			httpx.Error(w, r, http.StatusRequestEntityTooLarge, "webhook body too large or unreadable")
			return
		}
		if err := v.Verify(r.Header.Get(SignatureHeader), body); err != nil {
			httpx.Error(w, r, http.StatusUnauthorized, "invalid webhook signature")
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		next.ServeHTTP(w, r)
	})
}

func parseHeader(header string) (timestamp int64, signatures [][]byte, err error) {
	haveTimestamp := false
	for _, part := range strings.Split(header, ",") {
		key, value, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return 0, nil, ErrMalformedSignature
		}
		switch key {
		case "t":
			timestamp, err = strconv.ParseInt(value, 10, 64)
			if err != nil {
				return 0, nil, ErrMalformedSignature
			}
			haveTimestamp = true
		case "v1":
			sig, err := hex.DecodeString(value)
			if err != nil || len(sig) != sha256.Size {
				return 0, nil, ErrMalformedSignature
			}
			signatures = append(signatures, sig)
		default:
			// Other schemes (v0, future versions) are ignored, never trusted.
		}
	}
	if !haveTimestamp || len(signatures) == 0 {
		return 0, nil, ErrMalformedSignature
	}
	return timestamp, signatures, nil
}

func mac(secret []byte, timestamp int64, body []byte) []byte {
	h := hmac.New(sha256.New, secret)
	h.Write([]byte(strconv.FormatInt(timestamp, 10)))
	h.Write([]byte{'.'})
	h.Write(body)
	return h.Sum(nil)
}
