#!/usr/bin/env bash
# Benchmark: `prodready doc lint` on a large generated readiness document (default 4 MB): 100 items per section
# over a small vocabulary, so every next-step line shares words with thousands of items (the worst case for
# matching lines to items by title). Prints size, items, wall time and peak memory. Target: seconds, not minutes.
#
#   bench/doc-lint-large.sh [MEGABYTES]
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(pwd)/bench/.work
mkdir -p "$work"
megabytes=${1:-4}

echo "== building Release"
dotnet publish src/ProdReady.Cli -c Release -o "$work/bin" --nologo -v quiet >/dev/null

doc=$work/large-readiness.md
python3 - "$doc" "$megabytes" <<'PY'
import random, sys
path, target = sys.argv[1], int(float(sys.argv[2]) * 1_000_000)
random.seed(2)
words = ("auth backup restore metrics tracing logging cache queue retry timeout secret header cors limit scan image "
         "deploy rollback canary alert dashboard runbook drill encryption rest transit token rotation audit").split()
lines, size, section = ["# Readiness", "", "Last Updated: 2026-11-20", ""], 0, 0
while size < target:
    section += 1
    lines.append(f"## Section {section}")
    for i in range(100):
        line = f"- {'✅' if random.random() < .5 else '❌'} **[HIGH]** {' '.join(random.sample(words, 4))} {section}-{i}"
        lines.append(line)
        size += len(line.encode()) + 1
    if section % 10 == 0:
        lines.append("## Next Steps")
        lines += [f"{i + 1}. {'✅' if random.random() < .5 else '❌'} {' '.join(random.sample(words, 4))}" for i in range(20)]
open(path, "w").write("\n".join(lines) + "\n")
PY

items=$(grep -c '^- ' "$doc")
/usr/bin/time -f "%e %M" -o "$work/doc-time" "$work/bin/ProdReady.Cli" doc lint "$doc" --today 2026-11-21 --format json >/dev/null
read -r seconds kilobytes < "$work/doc-time"
echo "document: $(du -h "$doc" | cut -f1), $items items"
echo "doc lint: ${seconds} s, $((kilobytes / 1024)) MB peak"
