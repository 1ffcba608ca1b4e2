package logging

import (
	"bytes"
	"encoding/json"
	"errors"
	"log/slog"
	"strings"
	"testing"
)

func logOnce(t *testing.T, msg string, args ...any) map[string]any {
	t.Helper()
	var buf bytes.Buffer
	New(&buf, slog.LevelInfo).Info(msg, args...)
	var entry map[string]any
	if err := json.Unmarshal(buf.Bytes(), &entry); err != nil {
		t.Fatalf("not JSON: %q", buf.String())
	}
	return entry
}

func TestSensitiveKeysAreRedacted(t *testing.T) {
	entry := logOnce(t, "calling psp", "Authorization", "Bearer abc", "iban", "NL91ABNA0417164300", "account", "acc_123")

	if entry["Authorization"] != redacted || entry["iban"] != redacted {
		t.Fatalf("sensitive values leaked: %v", entry)
	}
	if entry["account"] != "acc_123" {
		t.Fatalf("ordinary value changed: %v", entry["account"])
	}
}

func TestAPIKeySecretIsRedactedButIDKept(t *testing.T) {
	key := "lk_0a1b2c3d4e5f_" + strings.Repeat("Z", 43)

	entry := logOnce(t, "auth", "detail", "rejected "+key)

	if entry["detail"] != "rejected lk_0a1b2c3d4e5f_"+redacted {
		t.Fatalf("detail = %v", entry["detail"])
	}
}

func TestErrorsAreScrubbed(t *testing.T) {
	err := errors.New("connect postgres://ledger:s3cr3t@db:5432/ledger: refused")

	entry := logOnce(t, "db", "err", err)

	if entry["err"] != "connect postgres://ledger:"+redacted+"@db:5432/ledger: refused" {
		t.Fatalf("err = %v", entry["err"])
	}
}

func TestLevelIsHonoured(t *testing.T) {
	var buf bytes.Buffer
	New(&buf, slog.LevelWarn).Info("noise")

	if buf.Len() != 0 {
		t.Fatalf("info logged at warn level: %q", buf.String())
	}
}
