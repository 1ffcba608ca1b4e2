package health

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func probe(t *testing.T, handler http.HandlerFunc) (int, map[string]any) {
	t.Helper()
	rec := httptest.NewRecorder()
	handler(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	var body map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatal(err)
	}
	return rec.Code, body
}

func TestLifecycle(t *testing.T) {
	var dbErr error
	p := New(time.Second, map[string]Check{"postgres": func(context.Context) error { return dbErr }})

	if code, _ := probe(t, p.Live); code != http.StatusOK {
		t.Fatalf("live before start = %d", code)
	}
	if code, body := probe(t, p.Ready); code != http.StatusServiceUnavailable || body["status"] != "starting" {
		t.Fatalf("ready before start = %d %v", code, body)
	}
	if code, _ := probe(t, p.Started); code != http.StatusServiceUnavailable {
		t.Fatalf("startup before start = %d", code)
	}

	p.MarkStarted()
	if code, _ := probe(t, p.Started); code != http.StatusOK {
		t.Fatalf("startup after start = %d", code)
	}
	if code, body := probe(t, p.Ready); code != http.StatusOK || body["checks"].(map[string]any)["postgres"] != "ok" {
		t.Fatalf("ready = %d %v", code, body)
	}

	dbErr = errors.New("connection refused")
	if code, body := probe(t, p.Ready); code != http.StatusServiceUnavailable || body["checks"].(map[string]any)["postgres"] != "fail" {
		t.Fatalf("ready with db down = %d %v", code, body)
	}
	if code, _ := probe(t, p.Live); code != http.StatusOK {
		t.Fatal("liveness must not depend on the database")
	}

	dbErr = nil
	p.MarkDraining()
	if code, body := probe(t, p.Ready); code != http.StatusServiceUnavailable || body["status"] != "draining" {
		t.Fatalf("ready while draining = %d %v", code, body)
	}
}

func TestSlowCheckTimesOut(t *testing.T) {
	p := New(20*time.Millisecond, map[string]Check{"slow": func(ctx context.Context) error {
		<-ctx.Done()
		return ctx.Err()
	}})
	p.MarkStarted()

	start := time.Now()
	code, _ := probe(t, p.Ready)
	if code != http.StatusServiceUnavailable || time.Since(start) > time.Second {
		t.Fatalf("slow check: status %d after %v", code, time.Since(start))
	}
}
