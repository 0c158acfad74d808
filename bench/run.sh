#!/usr/bin/env bash
# geokg's benchmark (BENCHMARKS.md; `make bench`): installs the peer's npm
# packages when they are missing or stale (bench/peer, from its
# package-lock.json), then runs bench/run, which starts its own Neo4j in
# bench/.work and measures extraction, loading and the five queries on
# geokg, the floor and the peer. Flags go to bench/run (go run ./bench/run
# -help); for example bench/run.sh -n 10000,30000 for a shorter run.
set -euo pipefail
cd "$(dirname "$0")/.."
if command -v node >/dev/null && command -v npm >/dev/null; then
  lock=bench/peer/node_modules/.package-lock.json
  if [[ ! -f $lock || bench/peer/package-lock.json -nt $lock ]]; then
    (cd bench/peer && npm ci --no-audit --no-fund)
  fi
else
  echo "bench: node or npm not found; the peer will not be measured" >&2
fi
exec go run ./bench/run "$@"
