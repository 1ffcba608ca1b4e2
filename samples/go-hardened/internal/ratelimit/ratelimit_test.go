package ratelimit

import (
	"net/http/httptest"
	"net/netip"
	"testing"
)

func TestClientIP(t *testing.T) {
	trusted := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
	tests := []struct {
		name, remote, xff, want string
	}{
		{"direct client, header ignored", "203.0.113.7:51000", "198.51.100.1", "203.0.113.7"},
		{"through the ingress", "10.2.0.15:443", "198.51.100.1", "198.51.100.1"},
		{"forged left-most entry ignored", "10.2.0.15:443", "1.2.3.4, 198.51.100.1", "198.51.100.1"},
		{"several trusted hops", "10.2.0.15:443", "198.51.100.1, 10.9.0.3", "198.51.100.1"},
		{"ingress without header", "10.2.0.15:443", "", "10.2.0.15"},
		{"garbage header", "10.2.0.15:443", "not-an-ip", "10.2.0.15"},
		{"ipv4-mapped ipv6 peer", "[::ffff:203.0.113.7]:51000", "", "203.0.113.7"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/v1/transfers", nil)
			r.RemoteAddr = tt.remote
			if tt.xff != "" {
				r.Header.Set("X-Forwarded-For", tt.xff)
			}
			if got := ClientIP(r, trusted); got != tt.want {
				t.Fatalf("ClientIP = %q; want %q", got, tt.want)
			}
		})
	}
}
