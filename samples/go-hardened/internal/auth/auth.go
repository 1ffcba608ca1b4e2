// Package auth authenticates API keys and enforces their scopes.
//
// A key looks like "lk_<id>_<secret>": a 12-character hex id used to find the key, and a 43-character
// secret (32 random bytes, base64url). Only the SHA-256 of the secret is stored. The secret carries 256
// bits of entropy, so a fast hash is the right tool: slow password hashes (argon2, bcrypt) exist to protect
// low-entropy secrets and would only add latency to every request here.
package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/tallyworks/ledger/internal/cache"
	"github.com/tallyworks/ledger/internal/httpx"
)

// Scope is a permission granted to a key.
type Scope string

const (
	ScopeTransfersWrite Scope = "transfers:write"
	ScopeBalancesRead   Scope = "balances:read"
)

const (
	keyPrefix    = "lk_"
	idLength     = 12
	secretLength = 43
	keyLength    = len(keyPrefix) + idLength + 1 + secretLength
)

var (
	// ErrMalformed means the presented string cannot be an API key.
	ErrMalformed = errors.New("auth: malformed API key")
	// ErrInvalidKey covers unknown, wrong, revoked and expired keys alike, so callers learn nothing more.
	ErrInvalidKey = errors.New("auth: invalid API key")
)

// StoredKey is what the key store keeps for one key.
type StoredKey struct {
	ID         string
	Owner      string
	SecretHash [sha256.Size]byte
	Scopes     []Scope
	ExpiresAt  *time.Time
	RevokedAt  *time.Time
}

// KeyStore finds keys by id. It returns ErrInvalidKey when there is no key with that id.
type KeyStore interface {
	LookupKey(ctx context.Context, id string) (StoredKey, error)
}

// ParseScopes reads a comma-separated list, refusing scopes that do not exist.
func ParseScopes(csv string) ([]Scope, error) {
	var scopes []Scope
	for _, part := range strings.Split(csv, ",") {
		switch s := Scope(strings.TrimSpace(part)); s {
		case ScopeTransfersWrite, ScopeBalancesRead:
			scopes = append(scopes, s)
		default:
			return nil, fmt.Errorf("auth: unknown scope %q", s)
		}
	}
	return scopes, nil
}

// Principal is the authenticated caller.
type Principal struct {
	KeyID  string
	Owner  string
	Scopes []Scope
}

// Has reports whether the principal was granted scope.
func (p Principal) Has(scope Scope) bool {
	for _, s := range p.Scopes {
		if s == scope {
			return true
		}
	}
	return false
}

// Authenticator checks presented keys against the store, caching found keys briefly: a revocation takes
// effect within the cache ttl.
type Authenticator struct {
	store KeyStore
	keys  *cache.LRU[string, StoredKey]
	now   func() time.Time
}

func NewAuthenticator(store KeyStore, cacheSize int, cacheTTL time.Duration) *Authenticator {
	return &Authenticator{store: store, keys: cache.NewLRU[string, StoredKey](cacheSize, cacheTTL), now: time.Now}
}

// GenerateKey makes a new key. The raw key is shown to its owner once; only the StoredKey is kept.
func GenerateKey(owner string, scopes []Scope) (raw string, stored StoredKey, err error) {
	idBytes := make([]byte, idLength/2)
	secretBytes := make([]byte, 32)
	if _, err := rand.Read(idBytes); err != nil {
		return "", StoredKey{}, fmt.Errorf("auth: generate key id: %w", err)
	}
	if _, err := rand.Read(secretBytes); err != nil {
		return "", StoredKey{}, fmt.Errorf("auth: generate key secret: %w", err)
	}
	id := hex.EncodeToString(idBytes)
	secret := base64.RawURLEncoding.EncodeToString(secretBytes)
	return keyPrefix + id + "_" + secret, StoredKey{ID: id, Owner: owner, SecretHash: HashSecret(secret), Scopes: scopes}, nil
}

// HashSecret is the stored form of a key secret.
func HashSecret(secret string) [sha256.Size]byte {
	return sha256.Sum256([]byte(secret))
}

// ParseKey splits a raw key into its id and secret.
func ParseKey(raw string) (id, secret string, err error) {
	if len(raw) != keyLength || !strings.HasPrefix(raw, keyPrefix) || raw[len(keyPrefix)+idLength] != '_' {
		return "", "", ErrMalformed
	}
	id = raw[len(keyPrefix) : len(keyPrefix)+idLength]
	if _, err := hex.DecodeString(id); err != nil {
		return "", "", ErrMalformed
	}
	return id, raw[len(keyPrefix)+idLength+1:], nil
}

// Authenticate returns the principal for a raw key, ErrMalformed, ErrInvalidKey, or a store error.
func (a *Authenticator) Authenticate(ctx context.Context, raw string) (Principal, error) {
	id, secret, err := ParseKey(raw)
	if err != nil {
		return Principal{}, err
	}
	key, ok := a.keys.Get(id)
	if !ok {
		key, err = a.store.LookupKey(ctx, id)
		if err != nil {
			return Principal{}, err
		}
		a.keys.Add(id, key)
	}

	presented := HashSecret(secret)
	if subtle.ConstantTimeCompare(presented[:], key.SecretHash[:]) != 1 {
		return Principal{}, ErrInvalidKey
	}
	now := a.now()
	if key.RevokedAt != nil || (key.ExpiresAt != nil && !now.Before(*key.ExpiresAt)) {
		return Principal{}, ErrInvalidKey
	}
	return Principal{KeyID: key.ID, Owner: key.Owner, Scopes: key.Scopes}, nil
}

// Middleware requires a valid key in "Authorization: Bearer <key>" and puts the Principal in the context.
func (a *Authenticator) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || raw == "" {
			w.Header().Set("WWW-Authenticate", `Bearer realm="ledger"`)
			httpx.Error(w, r, http.StatusUnauthorized, "missing API key")
			return
		}
		principal, err := a.Authenticate(r.Context(), raw)
		switch {
		case errors.Is(err, ErrMalformed), errors.Is(err, ErrInvalidKey):
			w.Header().Set("WWW-Authenticate", `Bearer realm="ledger", error="invalid_token"`)
			httpx.Error(w, r, http.StatusUnauthorized, "invalid API key")
			return
		case err != nil:
			// The key store is down: say so rather than pretend the key is wrong.
			httpx.Error(w, r, http.StatusServiceUnavailable, "authentication temporarily unavailable")
			return
		}
		next.ServeHTTP(w, r.WithContext(WithPrincipal(r.Context(), principal)))
	})
}

// RequireScope rejects callers whose key lacks scope. It must run after Middleware.
func RequireScope(scope Scope) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			principal, ok := FromContext(r.Context())
			if !ok || !principal.Has(scope) {
				httpx.Error(w, r, http.StatusForbidden, "API key lacks scope "+string(scope))
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

type principalKey struct{}

func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

func FromContext(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(principalKey{}).(Principal)
	return p, ok
}
