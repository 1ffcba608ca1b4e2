#!/usr/bin/env bash
# Backs up the ProdReady server's portfolio to a timestamped file and keeps the newest few.
#
#   ops/backup.sh [--provider sqlite|postgres] [--db FILE] [--dest DIR] [--keep N]
#
# SQLite (default; --db or $PRODREADY_DB, else .prodready-server/prodready.db): an online, consistent copy with
# sqlite3's .backup, safe while the server runs, checked with PRAGMA integrity_check.
# PostgreSQL: pg_dump in custom format, connecting with the usual libpq variables (PGHOST, PGPORT, PGDATABASE,
# PGUSER, and PGPASSWORD or ~/.pgpass), so no password appears on a command line.
#
# Schedule it (docs/server-operations.md, "Backups and restore"), e.g. cron:  15 2 * * * /opt/prodready/ops/backup.sh --dest /backups
set -euo pipefail

provider=sqlite
db="${PRODREADY_DB:-.prodready-server/prodready.db}"
dest=backups
keep=14
while [ $# -gt 0 ]; do
  case "$1" in
    --provider) provider="$2"; shift 2 ;;
    --db) db="$2"; shift 2 ;;
    --dest) dest="$2"; shift 2 ;;
    --keep) keep="$2"; shift 2 ;;
    *) echo "backup.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

mkdir -p "$dest"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
case "$provider" in
  sqlite)
    [ -f "$db" ] || { echo "backup.sh: no SQLite database at $db" >&2; exit 2; }
    out="$dest/prodready-$stamp.db"
    sqlite3 "$db" ".backup '$out'"
    check=$(sqlite3 "$out" "PRAGMA integrity_check;")
    [ "$check" = ok ] || { echo "backup.sh: $out failed its integrity check: $check" >&2; exit 1; }
    pattern='prodready-*.db'
    ;;
  postgres)
    out="$dest/prodready-$stamp.dump"
    pg_dump --format=custom --no-owner --file "$out"
    pattern='prodready-*.dump'
    ;;
  *) echo "backup.sh: --provider is sqlite or postgres, not $provider" >&2; exit 2 ;;
esac
echo "backup.sh: wrote $out ($(wc -c <"$out") bytes)"

# Keep the newest $keep backups of this provider.
find "$dest" -maxdepth 1 -name "$pattern" -type f | sort -r | tail -n +"$((keep + 1))" | while read -r old; do
  rm -f -- "$old"
  echo "backup.sh: removed $old (keeping $keep)"
done
