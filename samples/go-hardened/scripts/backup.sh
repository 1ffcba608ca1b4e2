#!/usr/bin/env bash
# Nightly logical backup of the ledger database: pg_dump (custom format), encrypted with age, uploaded to
# the backup bucket with server-side encryption. Runs as a Kubernetes CronJob with a read-only role.
#
# Needs: DATABASE_URL, BACKUP_BUCKET (s3://...), BACKUP_AGE_RECIPIENT (age public key).
# Optional: BACKUP_RETENTION_DAYS (default 35), enforced by the bucket lifecycle rule, checked here.
set -euo pipefail

: "${DATABASE_URL:?DATABASE_URL is required}"
: "${BACKUP_BUCKET:?BACKUP_BUCKET is required}"
: "${BACKUP_AGE_RECIPIENT:?BACKUP_AGE_RECIPIENT is required}"
retention_days="${BACKUP_RETENTION_DAYS:-35}"

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
workdir="$(mktemp -d)"
trap 'rm -rf "$workdir"' EXIT
dump="$workdir/ledger-$stamp.dump"

log() { printf '{"ts":"%s","msg":"%s"}\n' "$(date -u +%FT%TZ)" "$*"; }

log "dumping database"
pg_dump --format=custom --compress=6 --no-owner --no-privileges --file="$dump" "$DATABASE_URL"

# Refuse to upload a dump that cannot be read back.
pg_restore --list "$dump" > /dev/null
size="$(stat -c %s "$dump")"
if [ "$size" -lt 1024 ]; then
  log "dump is only $size bytes; refusing to upload"
  exit 1
fi

log "encrypting and uploading $size bytes"
age --recipient "$BACKUP_AGE_RECIPIENT" --output "$dump.age" "$dump"
sha256sum "$dump.age" | cut -d' ' -f1 > "$dump.age.sha256"
aws s3 cp --only-show-errors --sse aws:kms "$dump.age" "$BACKUP_BUCKET/ledger/$stamp.dump.age"
aws s3 cp --only-show-errors --sse aws:kms "$dump.age.sha256" "$BACKUP_BUCKET/ledger/$stamp.dump.age.sha256"

oldest_allowed="$(date -u -d "-$retention_days days" +%Y%m%d)"
stale="$(aws s3 ls "$BACKUP_BUCKET/ledger/" | awk '{print $4}' | grep -E '^[0-9]{8}T' | awk -v c="$oldest_allowed" 'substr($0,1,8) < c' | wc -l)"
if [ "$stale" -gt 0 ]; then
  log "warning: $stale backups older than $retention_days days; check the bucket lifecycle rule"
fi

log "backup $stamp complete"
