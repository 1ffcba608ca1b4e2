#!/usr/bin/env bash
# Benchmark: what the policy, the history and the reports cost on top of a scan, on a copy of a sample. Prints the
# median wall time of `scan --no-history`, `scan` (recording), `gate` (recording, applying prodready.yml) and
# `report` in Markdown (updated in place) and HTML, the ratios to the plain scan, the history file's size per
# recorded run and the reports' sizes. Targets: each within 1.3x of the scan; under 1 MB of history per run.
#
#   bench/gate-and-history.sh [SAMPLE] [RUNS]      # default: aspnet-api, 9 runs each
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(pwd)/bench/.work
sample=${1:-aspnet-api}
runs=${2:-9}
mkdir -p "$work"

echo "== building Release"
dotnet publish src/ProdReady.Cli -c Release -o "$work/bin" --nologo -v quiet >/dev/null
prodready() { dotnet "$work/bin/ProdReady.Cli.dll" "$@"; }

repo=$work/gate-$sample
rm -rf "$repo" && cp -r "samples/$sample" "$repo" && rm -rf "$repo/.prodready"
( cd "$repo" && prodready init >/dev/null )

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
timed() {
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    ( cd "$repo" && prodready "$@" >/dev/null 2>&1 || true )
    end=$(date +%s%N)
    echo $(( (end - start) / 1000000 ))
  done | median
}

plain=$(timed scan --no-history)
recorded=$(timed scan)
gate=$(timed gate)
markdown=$(timed report --format markdown --output PRODUCTION_READINESS.md)
html=$(timed report --format html --output readiness.html)
db=$repo/.prodready/history.db
size=$(stat -c %s "$db")
rows=$(( runs * 4 ))

echo "sample: $sample, $runs runs each (median wall time, ms, including .NET start-up)"
printf "  scan --no-history  %6d ms\n" "$plain"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
printf "  scan (recorded)    %6d ms   %sx\n" "$recorded" "$(ratio "$recorded" "$plain")"
printf "  gate (recorded)    %6d ms   %sx\n" "$gate" "$(ratio "$gate" "$plain")"
printf "  report markdown    %6d ms   %sx   (%d KB)\n" "$markdown" "$(ratio "$markdown" "$plain")" $(( $(stat -c %s "$repo/PRODUCTION_READINESS.md") / 1024 ))
printf "  report html        %6d ms   %sx   (%d KB)\n" "$html" "$(ratio "$html" "$plain")" $(( $(stat -c %s "$repo/readiness.html") / 1024 ))
printf "  history: %d runs, %d KB, %d KB per run\n" "$rows" $(( size / 1024 )) $(( size / 1024 / rows ))
