#!/usr/bin/env bash
# Restore a ledger backup into a database. Used for the monthly restore drill (into a scratch database)
# and for disaster recovery. See docs/runbook.md, "Restore from backup".
#
#   scripts/restore.sh <backup name, e.g. 20240601T020000Z> <target DATABASE_URL>
#
# Needs: BACKUP_BUCKET, and the age identity file in AGE_IDENTITY_FILE (from the secret store).
# Refuses to touch a database that already has ledger tables unless RESTORE_FORCE=yes.
set -euo pipefail

if [ "$#" -ne 2 ]; then
  echo "usage: $0 <backup-stamp> <target-database-url>" >&2
  exit 2
fi
stamp="$1"
target="$2"
: "${BACKUP_BUCKET:?BACKUP_BUCKET is required}"
: "${AGE_IDENTITY_FILE:?AGE_IDENTITY_FILE is required}"

workdir="$(mktemp -d)"
trap 'rm -rf "$workdir"' EXIT

log() { printf '{"ts":"%s","msg":"%s"}\n' "$(date -u +%FT%TZ)" "$*"; }

existing="$(psql "$target" --tuples-only --no-align -c "SELECT count(*) FROM information_schema.tables WHERE table_name = 'transfers'")"
if [ "$existing" != "0" ] && [ "${RESTORE_FORCE:-no}" != "yes" ]; then
  echo "target already has a transfers table; set RESTORE_FORCE=yes to overwrite it" >&2
  exit 1
fi

log "downloading $stamp"
aws s3 cp --only-show-errors "$BACKUP_BUCKET/ledger/$stamp.dump.age" "$workdir/backup.dump.age"
aws s3 cp --only-show-errors "$BACKUP_BUCKET/ledger/$stamp.dump.age.sha256" "$workdir/backup.dump.age.sha256"
if [ "$(sha256sum "$workdir/backup.dump.age" | cut -d' ' -f1)" != "$(cat "$workdir/backup.dump.age.sha256")" ]; then
  echo "checksum mismatch: the backup is corrupt or was tampered with" >&2
  exit 1
fi

log "decrypting"
age --decrypt --identity "$AGE_IDENTITY_FILE" --output "$workdir/backup.dump" "$workdir/backup.dump.age"

log "restoring"
pg_restore --clean --if-exists --no-owner --no-privileges --exit-on-error --single-transaction \
  --dbname="$target" "$workdir/backup.dump"

# The ledger must balance after a restore: every transfer's entries sum to zero.
unbalanced="$(psql "$target" --tuples-only --no-align -c \
  "SELECT count(*) FROM (SELECT transfer_id FROM entries GROUP BY transfer_id HAVING sum(amount_minor) <> 0) t")"
if [ "$unbalanced" != "0" ]; then
  echo "restore finished but $unbalanced transfers do not balance; do not serve traffic from it" >&2
  exit 1
fi

log "restore of $stamp complete; $(psql "$target" --tuples-only --no-align -c 'SELECT count(*) FROM transfers') transfers"
