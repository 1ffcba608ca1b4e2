#!/usr/bin/env bash
# Restores a backup written by ops/backup.sh. Stop the server first: the restore replaces its database.
#
#   ops/restore.sh BACKUP [--provider sqlite|postgres] [--db FILE]
#
# SQLite: checks the backup (PRAGMA integrity_check), keeps the current database as FILE.before-restore, copies the
# backup in place and removes the old write-ahead log. PostgreSQL: pg_restore --clean --if-exists into the database
# the libpq variables name (PGHOST, PGDATABASE, PGUSER, PGPASSWORD or ~/.pgpass).
# Then start the server and check GET /healthz/ready and the newest assessments (docs/server-operations.md).
set -euo pipefail

[ $# -ge 1 ] || { echo "usage: restore.sh BACKUP [--provider sqlite|postgres] [--db FILE]" >&2; exit 2; }
backup="$1"; shift
provider=sqlite
db="${PRODREADY_DB:-.prodready-server/prodready.db}"
while [ $# -gt 0 ]; do
  case "$1" in
    --provider) provider="$2"; shift 2 ;;
    --db) db="$2"; shift 2 ;;
    *) echo "restore.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[ -f "$backup" ] || { echo "restore.sh: no backup at $backup" >&2; exit 2; }

case "$provider" in
  sqlite)
    check=$(sqlite3 "$backup" "PRAGMA integrity_check;")
    [ "$check" = ok ] || { echo "restore.sh: $backup failed its integrity check: $check" >&2; exit 1; }
    mkdir -p "$(dirname "$db")"
    if [ -f "$db" ]; then
      cp -- "$db" "$db.before-restore"
      echo "restore.sh: kept the current database as $db.before-restore"
    fi
    rm -f -- "$db-wal" "$db-shm"
    cp -- "$backup" "$db"
    ;;
  postgres)
    pg_restore --clean --if-exists --no-owner --single-transaction --dbname "${PGDATABASE:?set PGDATABASE}" "$backup"
    ;;
  *) echo "restore.sh: --provider is sqlite or postgres, not $provider" >&2; exit 2 ;;
esac
echo "restore.sh: restored $backup; start the server and check /healthz/ready"
