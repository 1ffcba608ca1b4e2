// Package logging builds the service's JSON logger, which redacts secrets before anything is written.
package logging

import (
	"io"
	"log/slog"
	"regexp"
	"strings"
)

const redacted = "[REDACTED]"

// Keys whose values are never logged, whatever they contain.
var sensitiveKeys = map[string]bool{
	"authorization":  true,
	"api_key":        true,
	"password":       true,
	"secret":         true,
	"token":          true,
	"signature":      true,
	"database_url":   true,
	"iban":           true,
	"account_number": true,
}

var (
	// Keep the key id, which is useful when debugging, and hide the secret.
	apiKeyPattern = regexp.MustCompile(`lk_([0-9a-f]{12})_[A-Za-z0-9_-]{43}`)
	// Passwords inside connection URLs: postgres://user:password@host.
	urlPasswordPattern = regexp.MustCompile(`(://[^:/@\s]+:)[^@\s]+@`)
)

// New returns a JSON logger writing to w at level.
func New(w io.Writer, level slog.Leveler) *slog.Logger {
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: level, ReplaceAttr: Redact}))
}

// Redact is the slog ReplaceAttr hook: it hides sensitive keys and secrets embedded in strings and errors.
func Redact(_ []string, a slog.Attr) slog.Attr {
	if sensitiveKeys[strings.ToLower(a.Key)] {
		return slog.String(a.Key, redacted)
	}
	switch a.Value.Kind() {
	case slog.KindString:
		return slog.String(a.Key, scrub(a.Value.String()))
	case slog.KindAny:
		if err, ok := a.Value.Any().(error); ok {
			return slog.String(a.Key, scrub(err.Error()))
		}
	}
	return a
}

func scrub(s string) string {
	s = apiKeyPattern.ReplaceAllString(s, "lk_${1}_"+redacted)
	return urlPasswordPattern.ReplaceAllString(s, "${1}"+redacted+"@")
}
