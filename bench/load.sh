#!/usr/bin/env bash
# The load test of issue 5: a graph of N generated articles (default 10000)
# on a throwaway local Neo4j, `geokg serve` on a loopback port, then C
# concurrent clients (default 32) sending the analyst and dashboard mix of
# bench/loadtest for D (default 60s). Prints errors, p50/p99 and the API's
# memory; exits non-zero on any error. Usage: bench/load.sh [N] [C] [D]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000} C=${2:-32} D=${3:-60s}
work=$(mktemp -d "${TMPDIR:-/tmp}/geokg-load.XXXXXX")
serve_pid=""
cleanup() {
  [[ -n $serve_pid ]] && kill "$serve_pid" 2>/dev/null && wait "$serve_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
go build -o "$work/geokg" ./cmd/geokg
go run ./bench/gen -n "$N" -seed 1 > "$work/corpus.jsonl"
# with-neo4j.sh exports GEOKG_TEST_NEO4J_*; the inner script maps them to
# the NEO4J_* settings of the binary.
./neo4jlocal/with-neo4j.sh bash -c '
  set -euo pipefail
  export NEO4J_URI=$GEOKG_TEST_NEO4J_URI NEO4J_USER=$GEOKG_TEST_NEO4J_USER NEO4J_PASSWORD=$GEOKG_TEST_NEO4J_PASSWORD
  work=$1 C=$2 D=$3
  start=$(date +%s)
  "$work/geokg" load --workers 4 "$work/corpus.jsonl"
  echo "load: $(( $(date +%s) - start ))s"
  port=$(./neo4jlocal/neo4j.sh freeport)
  "$work/geokg" serve --addr "127.0.0.1:$port" > "$work/serve.log" 2>&1 &
  pid=$!
  trap "kill $pid 2>/dev/null; wait $pid 2>/dev/null || true" EXIT
  for _ in $(seq 120); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.5; done
  go run ./bench/load -url "http://127.0.0.1:$port/query" -clients "$C" -duration "$D" -pid "$pid"
' _ "$work" "$C" "$D"
