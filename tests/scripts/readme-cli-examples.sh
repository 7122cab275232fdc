#!/usr/bin/env bash
# Runs every CLI example of the README ("$ dotnet run --project src/Circuits.Cli -- ..." and "$ circuits ...") with the
# CLI binary given as $1 and writes each example's stdout, stderr and exit code under $2: run it on two builds and diff the
# folders to show a change kept every example's output and exit code (wall times "in N ms" are masked).
# usage: tests/scripts/readme-cli-examples.sh path/to/Circuits.Cli OUTDIR
set -uo pipefail
cli=$(realpath "$1"); out=$(realpath -m "$2")
root=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$out"; work=$(mktemp -d)
n=0
grep -E '^\$ .*(dotnet run --project src/Circuits.Cli --|circuits )' "$root/README.md" | sed 's/^\$ //' | while IFS= read -r line; do
  n=$((n + 1))
  cmd=${line//dotnet run --project src\/Circuits.Cli --/\"\$CLI\"}
  cmd=$(sed -E 's/(^|\| *)circuits /\1"$CLI" /' <<<"$cmd")
  cmd=$(sed -E 's/ +# .*$//' <<<"$cmd")
  f=$(printf '%s/%02d' "$out" "$n")
  printf '%s\n' "$line" > "$f.cmd"
  (cd "$work" && CLI="$cli" bash -c "$cmd" >"$f.out" 2>"$f.err"; echo $? > "$f.rc")
  sed -i -E 's/ in [0-9,]+ ms/ in … ms/' "$f.out"   # wall times differ from run to run
done
rm -rf "$work"
ls "$out"/*.cmd | wc -l
