#!/usr/bin/env bash
# Benchmark: `prodready scan` against ripgrep searching the union of every content pattern in the catalog,
# over the same tree. Prints wall time, peak memory (max RSS) and the ratio. Targets: within 2x of ripgrep,
# under 300 MB peak.
#
#   bench/scan-vs-ripgrep.sh [TREE]        # TREE: a folder to scan; default: a generated 50,000-file tree
#   BENCH_SOURCES="dir1 dir2" bench/...     # seed the generated tree from these folders (e.g. real repositories)
#   BENCH_FILES=50000 bench/...             # size of the generated tree
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$root/bench/.work
mkdir -p "$work"

need() { command -v "$1" >/dev/null 2>&1 || { [ "$(id -u)" = 0 ] && apt-get update -qq && apt-get install -y -qq "$2" >/dev/null; }; }
need rg ripgrep
need /usr/bin/time time
need python3 python3

echo "== building Release"
dotnet publish src/ProdReady.Cli -c Release -o "$work/bin" --nologo -v quiet >/dev/null

tree=${1:-}
if [ -z "$tree" ]; then
  tree=$work/tree
  target=${BENCH_FILES:-50000}
  sources=${BENCH_SOURCES:-"$root/samples $root/src $root/tests $root/rules"}
  if [ ! -f "$tree/.complete-$target" ]; then
    echo "== generating a $target-file tree in $tree from: $sources"
    rm -rf "$tree" && mkdir -p "$tree"
    python3 - "$tree" "$target" $sources <<'PY'
import os, shutil, sys
tree, target, sources = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
skip = {".git", "node_modules", "bin", "obj", ".work", "dist", ".venv", "vendor"}
files = []
for source in sources:
    for dirpath, dirnames, filenames in os.walk(source):
        dirnames[:] = [d for d in dirnames if d not in skip]
        for name in filenames:
            path = os.path.join(dirpath, name)
            if not os.path.islink(path) and os.path.getsize(path) < 1 << 20:
                files.append(path)
if not files:
    sys.exit("no seed files")
count, copy = 0, 0
while count < target:
    for path in files:
        if count >= target:
            break
        rel = os.path.relpath(path, "/")
        dest = os.path.join(tree, f"copy{copy:04d}", rel)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        shutil.copyfile(path, dest)
        count += 1
    copy += 1
print(f"{count} files in {copy} copies of {len(files)} seed files")
PY
    touch "$tree/.complete-$target"
  fi
fi

# The union of every content pattern in the catalog, as ripgrep sees it (case-insensitive ones wrapped in (?i:)).
python3 - "$root/rules" > "$work/patterns.txt" <<'PY'
import glob, sys, yaml
def walk(node, out):
    if isinstance(node, dict):
        content = node.get("content")
        if isinstance(content, dict) and "pattern" in content:
            pattern = content["pattern"]
            out.add(f"(?i:{pattern})" if content.get("ignore-case") else pattern)
        for value in node.values():
            walk(value, out)
    elif isinstance(node, list):
        for value in node:
            walk(value, out)
patterns = set()
for path in sorted(glob.glob(sys.argv[1] + "/**/*.yaml", recursive=True)):
    for control in (yaml.safe_load(open(path)) or {}).get("controls", []) + (yaml.safe_load(open(path)) or {}).get("features", []) + (yaml.safe_load(open(path)) or {}).get("frameworks", []):
        walk(control.get("detect"), patterns)
# ripgrep's default engine has no look-arounds and matches line by line: such patterns are left out for it
# (which can only make ripgrep's side lighter).
usable = sorted(p for p in patterns if "\\n" not in p and not any(a in p for a in ("(?=", "(?!", "(?<=", "(?<!")))
print(f"{len(patterns) - len(usable)} multi-line or look-around patterns left out for ripgrep", file=sys.stderr)
print("\n".join(usable))
PY

files=$(find "$tree" -type f | wc -l)
echo "== tree: $tree ($files files, $(du -sh "$tree" | cut -f1)); $(wc -l < "$work/patterns.txt") content patterns"

measure() { # name, command...: prints "seconds max_rss_kb" of the fastest of BENCH_RUNS runs (default 3)
  local name=$1; shift
  "$@" >/dev/null 2>"$work/$name.err" || true  # warm the page cache
  : > "$work/$name.time"
  for _ in $(seq "${BENCH_RUNS:-3}"); do
    /usr/bin/time -f "%e %M" -a -o "$work/$name.time" "$@" >"$work/$name.out" 2>>"$work/$name.err" || true
  done
  grep -E '^[0-9.]+ [0-9]+$' "$work/$name.time" | sort -n | head -1
}

# ripgrep gets its fastest honest configuration, so the ratio does not flatter us:
# - line by line: the few patterns that span lines are left out (multi-line mode is far slower);
# - --no-unicode: with Unicode \w and \b its DFA gives up on this many patterns and a run takes minutes;
# - --no-require-git: honour .gitignore files outside a git checkout, as prodready does.
read -r rg_s rg_kb < <(measure rg rg --hidden --no-require-git --no-unicode --no-messages -c -f "$work/patterns.txt" "$tree")
if grep -q "regex" "$work/rg.err"; then
  echo "ripgrep rejected the patterns:" >&2; head -5 "$work/rg.err" >&2; exit 1
fi
read -r pr_s pr_kb < <(measure prodready dotnet "$work/bin/ProdReady.Cli.dll" scan "$tree" --format json --output "$work/assessment.json")

python3 - "$rg_s" "$rg_kb" "$pr_s" "$pr_kb" "$work/assessment.json" <<'PY'
import json, sys
rg_s, rg_kb, pr_s, pr_kb, assessment = float(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
stats = json.load(open(assessment))["statistics"]
print(f"ripgrep   : {rg_s:6.2f} s   peak {rg_kb/1024:7.1f} MB")
print(f"prodready : {pr_s:6.2f} s   peak {pr_kb/1024:7.1f} MB   ({stats['filesSeen']} files seen, {stats['filesRead']} read, {stats['bytesRead']/1e6:.1f} MB)")
ratio = pr_s / rg_s if rg_s > 0 else float("inf")
print(f"ratio     : {ratio:6.2f}x ripgrep (target <= 2.0x); peak memory {'OK' if pr_kb/1024 < 300 else 'OVER'} (target < 300 MB)")
PY
