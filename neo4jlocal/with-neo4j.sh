#!/usr/bin/env bash
# Runs a command with a throwaway local Neo4j: starts one on a free port in a
# temporary directory, exports GEOKG_TEST_NEO4J_URI/_USER/_PASSWORD for the
# tests, runs the command, and stops and removes the server whatever happens.
# Usage: with-neo4j.sh COMMAND [ARGS...]
set -euo pipefail
DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
home="$(mktemp -d "${TMPDIR:-/tmp}/geokg-test-neo4j.XXXXXX")"
cleanup() {
  "$DIR/neo4j.sh" stop "$home" >/dev/null 2>&1 || true
  rm -rf "$home"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
port="$("$DIR/neo4j.sh" freeport)"
export NEO4J_USER=neo4j NEO4J_PASSWORD="test-$RANDOM-$RANDOM"
t0=$(date +%s%N)
uri="$("$DIR/neo4j.sh" start "$home" "$port" | tail -n 1)"
echo "with-neo4j: Neo4j ready at $uri in $(( ($(date +%s%N) - t0) / 1000000 )) ms" >&2
export GEOKG_TEST_NEO4J_URI="$uri" GEOKG_TEST_NEO4J_USER="$NEO4J_USER" GEOKG_TEST_NEO4J_PASSWORD="$NEO4J_PASSWORD"
unset NEO4J_USER NEO4J_PASSWORD
"$@"
