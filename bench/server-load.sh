#!/usr/bin/env bash
# Benchmark: the server under load, on SQLite and on PostgreSQL. Seeds a portfolio of SERVICES services x
# ASSESSMENTS assessments (bench/ServerSeed: real scans of the samples, varied statuses, scores, owners, tiers,
# commits and times, stored through PortfolioStore.IngestAsync), starts `prodready serve` on loopback, then with wrk:
#   - the portfolio page (PORTFOLIO_PATH), the whole portfolio in one response (ALL_PATH) and a service's page
#     (SERVICE_PATH) at CLIENTS concurrent clients: p50/p95/p99 latency and requests/s. In a path `{name}` is a seeded
#     service, `{owner}` one of their 97 owners (~50 services each), `{page}` a page of 50: another on each request;
#   - pushes over HTTP with a write key (a whole `prodready scan --format json` document of samples/go-hardened, a
#     new commit per request, to the seeded services in turn) at PUSH_CLIENTS clients: assessments stored per second.
# Targets: portfolio page p95 under 50 ms at 50 clients with 5,000 services; at least 200 assessments/s on PostgreSQL.
#
#   bench/server-load.sh                     # 5,000 x 20, both providers, 20 s per measurement
#   SERVICES=500 ASSESSMENTS=5 PROVIDERS=sqlite DURATION=10s bench/server-load.sh
#
# Reads run anonymously (serve --public-read), as the dashboard's pages can: the portfolio page (a page of 50
# services, any of the 100 pages) and a service's page; PORTFOLIO_PATH='/api/v1/services?owner={owner}' and
# SERVICE_PATH='/api/v1/services/{name}' measure their API equivalents instead. The script passes `--rate-limit off` to a `serve` that has the option (a limit would show as failed requests)
# and SERVE_ARGS, if set, as further options.
# Needs wrk (Debian: apt-get install wrk) and PostgreSQL's binaries (Debian: postgresql) for the postgres run.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$root/bench/.work
services=${SERVICES:-5000}
assessments=${ASSESSMENTS:-20}
providers=${PROVIDERS:-sqlite postgres}
clients=${CLIENTS:-50}
push_clients=${PUSH_CLIENTS:-16}
duration=${DURATION:-20s}
portfolio_path=${PORTFOLIO_PATH:-/?page=\{page\}}
all_path=${ALL_PATH:-/api/v1/services}
service_path=${SERVICE_PATH:-/services/\{name\}}
serve_args=${SERVE_ARGS:-}
seed_workers=${SEED_WORKERS:-4}
pg_bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
target_p95_ms=50
target_ingest=200

command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install wrk)" >&2; exit 1; }

tmp=$(mktemp -d /tmp/prodready-server-load-XXXXXX)
chmod 755 "$tmp"
server_pid=""
pg_data=""
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
cleanup() {
  stop_server
  if [ -n "$pg_data" ]; then as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -w -m immediate stop >/dev/null 2>&1 || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

echo "== building Release"
dotnet publish src/ProdReady.Cli -c Release -o "$work/server-bin" --nologo -v quiet >/dev/null
dotnet publish bench/ServerSeed -c Release -o "$work/server-seed" --nologo -v quiet >/dev/null
prodready() { dotnet "$work/server-bin/ProdReady.Cli.dll" "$@"; }
# The load comes from one address with one key: lift the server's rate limit where it has one.
if prodready serve --help 2>/dev/null | grep -q -- '--rate-limit'; then serve_args="--rate-limit off $serve_args"; fi

# The pushed document: a whole scan, declaring an owner and tier as a service's prodready.yml does.
prodready scan samples/go-hardened --format json --no-history >"$tmp/scan.json" || [ -s "$tmp/scan.json" ]
python3 - "$tmp/scan.json" "$tmp/push.json" <<'EOF'
import json, sys
document = json.load(open(sys.argv[1]))
document["service"].update(owner="team-push", tier="standard")
document["commit"] = "0" * 40
json.dump(document, open(sys.argv[2], "w"), indent=2)
EOF

start_postgres() {
  pg_data=$tmp/pg/data
  mkdir -p "$tmp/pg/sockets"
  [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$tmp/pg"
  as_postgres "$pg_bin/initdb" -D "$pg_data" -U postgres --auth=trust --locale=C --encoding=UTF8 >/dev/null
  pg_port=$(free_port)
  # Durable defaults (fsync, synchronous_commit) as a production server has them; room for the pool of each process.
  as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -l "$tmp/pg/server.log" -w -t 60 start \
    -o "-p $pg_port -k $tmp/pg/sockets -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=256MB" >/dev/null
  "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres prodready
}

# CPU time (ms) the server and, on PostgreSQL, the database have used: per request, a figure that other load on the
# machine inflates far less than latency.
cpu_ms() {
  local pids=$server_pid postmaster pid ticks=0
  if [ -n "$pg_data" ]; then
    postmaster=$(head -1 "$pg_data/postmaster.pid")
    pids="$pids $postmaster $(pgrep -P "$postmaster" | tr '\n' ' ')"
  fi
  for pid in $pids; do
    # utime, stime and the same for children waited for (backends that ended)
    ticks=$(( ticks + $(awk '{ print $14 + $15 + $16 + $17 }' "/proc/$pid/stat" 2>/dev/null || echo 0) ))
  done
  echo $(( ticks * 1000 / $(getconf CLK_TCK) ))
}

# CONNECTIONS URL ARGS...: the RESULT line's fields as shell variables (requests rps p50 p95 p99 failed bytes) and
# cpu, the server's (and database's) CPU ms per request.
measure() {
  local connections=$1 url=$2
  shift 2
  local out before
  before=$(cpu_ms)
  out=$(wrk -t2 -c"$connections" -d"$duration" --timeout 30s -s bench/wrk/server-load.lua "$url" -- "$@" | grep '^RESULT ')
  eval "${out#RESULT }"
  cpu=$(awk -v used=$(( $(cpu_ms) - before )) -v n="$requests" 'BEGIN { printf "%.1f", n ? used / n : 0 }')
}

verdict() { awk -v value="$1" -v target="$2" -v below="$3" 'BEGIN { ok = below ? value < target : value >= target; print ok ? "PASS" : "FAIL" }'; }

declare -A figures
for provider in $providers; do
  echo "== $provider: seeding $services services x $assessments assessments"
  if [ "$provider" = postgres ]; then
    start_postgres
    db="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=prodready;Maximum Pool Size=200"
    # Seeding only: no wait for the WAL flush on each commit; the measured server below runs with the defaults.
    seed_db="$db;Options=-c synchronous_commit=off"
  else
    db="Data Source=$tmp/prodready.db"
    seed_db=$db
  fi
  dotnet "$work/server-seed/ServerSeed.dll" "$provider" "$seed_db" samples "$services" "$assessments" "$seed_workers"
  key=$(prodready keys create --name bench-push --scopes assessments:write --provider "$provider" --db "$db" 2>/dev/null)

  port=$(free_port)
  # shellcheck disable=SC2086 # SERVE_ARGS is a list of options
  dotnet "$work/server-bin/ProdReady.Cli.dll" serve --provider "$provider" --db "$db" --urls "http://127.0.0.1:$port" --public-read $serve_args \
    >"$tmp/serve.log" 2>&1 &
  server_pid=$!
  base=http://127.0.0.1:$port
  for _ in $(seq 120); do curl -fs "$base/api/v1/services/svc-0000" >/dev/null && break; sleep 0.5; done
  curl -fs "$base/api/v1/services/svc-0000" >/dev/null || { echo "the server did not start:" >&2; cat "$tmp/serve.log" >&2; exit 1; }

  echo "== $provider: warming up, then $duration per measurement"
  duration=5s measure "$clients" "$base" get "$portfolio_path" "$services" >/dev/null
  measure "$clients" "$base" get "$portfolio_path" "$services"
  figures[$provider.portfolio]="$p50 $p95 $p99 $rps $failed $bytes $cpu"
  measure "$clients" "$base" get "$all_path" "$services"
  figures[$provider.all]="$p50 $p95 $p99 $rps $failed $bytes $cpu"
  measure "$clients" "$base" get "$service_path" "$services"
  figures[$provider.service]="$p50 $p95 $p99 $rps $failed $bytes $cpu"
  # One push first: the server verifies a key's slow hash once, then remembers it.
  curl -fs -o /dev/null -H "Authorization: Bearer $key" -H "Content-Type: application/json" --data-binary "@$tmp/push.json" \
    "$base/api/v1/assessments?service=svc-0000"
  measure "$push_clients" "$base/api/v1/assessments" push "$tmp/push.json" "$key" "$services"
  figures[$provider.push]="$p50 $p95 $p99 $rps $failed $bytes $cpu"
  stop_server
done

echo
echo "server under load: $services services x $assessments assessments, wrk 2 threads, $duration per measurement, loopback, $(nproc) cores (load average $(cut -d' ' -f1 /proc/loadavg))"
printf "  %-9s %-52s %8s %8s %8s %9s %7s %9s %9s\n" provider measurement p50/ms p95/ms p99/ms req/s failed bytes/req "cpu ms/req"
for provider in $providers; do
  for what in portfolio all service push; do
    case $what in
      portfolio) label="portfolio $portfolio_path, $clients clients" ;;
      all) label="all services $all_path, $clients clients" ;;
      service) label="service $service_path, $clients clients" ;;
      push) label="push (whole scan), $push_clients clients" ;;
    esac
    read -r p50 p95 p99 rps failed bytes cpu <<<"${figures[$provider.$what]}"
    printf "  %-9s %-52s %8s %8s %8s %9s %7s %9s %9s\n" "$provider" "$label" "$p50" "$p95" "$p99" "$rps" "$failed" "$bytes" "$cpu"
  done
done
echo "targets"
for provider in $providers; do
  read -r _ p95 _ _ failed _ <<<"${figures[$provider.portfolio]}"
  printf "  %-9s portfolio p95 %s ms < %d ms at %d clients (%d failed)   %s\n" "$provider" "$p95" "$target_p95_ms" "$clients" "$failed" \
    "$( [ "$failed" = 0 ] && verdict "$p95" "$target_p95_ms" 1 || echo FAIL)"
done
if [[ " $providers " == *" postgres "* ]]; then
  read -r _ _ _ rps failed _ <<<"${figures[postgres.push]}"
  printf "  %-9s ingest %s assessments/s >= %d (%d failed)   %s\n" postgres "$rps" "$target_ingest" "$failed" \
    "$( [ "$failed" = 0 ] && verdict "$rps" "$target_ingest" 0 || echo FAIL)"
fi
