#!/usr/bin/env bash
# Local Neo4j 5.26 Community (embedded, Bolt only) for development and tests.
# Needs only bash, Java 17+ and Maven; Neo4j itself comes from Maven Central into ~/.m2.
# See README.md next to this file.
set -euo pipefail

DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MAIN=dev.geokg.neo4jlocal.Launcher
POM="$DIR/pom.xml"
SRC="$DIR/src/main/java/dev/geokg/neo4jlocal/Launcher.java"
JAR="$DIR/target/neo4jlocal.jar"
CPFILE="$DIR/target/classpath.txt"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

die() { echo "neo4j.sh: $*" >&2; exit 1; }

usage() {
  cat >&2 <<'EOF'
usage: neo4j.sh build
       neo4j.sh start HOME PORT    start in the background, wait until Bolt is ready
       neo4j.sh run HOME PORT      run in the foreground (for a supervisor; SIGTERM stops it)
       neo4j.sh stop HOME
       neo4j.sh status HOME        exit 0 if running
       neo4j.sh freeport           print a free TCP port on 127.0.0.1
env: NEO4J_USER (neo4j), NEO4J_PASSWORD (empty = auth off), NEO4J_HEAP (1g),
     NEO4J_PAGECACHE (256m), NEO4J_TX_MEMORY (512m), NEO4J_START_TIMEOUT (180),
     NEO4J_STOP_TIMEOUT (60), NEO4J_JAVA_OPTS (extra JVM flags), JAVA_HOME
EOF
  exit 2
}

# --- build -----------------------------------------------------------------

needs_build() {
  [[ -f $JAR && -f $CPFILE ]] || return 0
  [[ $JAR -nt $SRC && $JAR -nt $POM && $CPFILE -nt $POM ]] || return 0
  # ~/.m2 may have been wiped while target/ survived; then Maven has to fetch again.
  local jar IFS=:
  for jar in $(<"$CPFILE"); do [[ -f $jar ]] || return 0; done
  return 1
}

build() {
  needs_build || return 0
  command -v mvn >/dev/null || die "mvn not found (install Maven)"
  mkdir -p "$DIR/target"
  # Parallel `start`s (e.g. several test packages) must not run Maven on one target/ at once.
  if command -v flock >/dev/null; then
    exec 9>"$DIR/target/.build.lock"
    flock 9
    needs_build || { exec 9>&-; return 0; }
  fi
  local log="$DIR/target/build.log"
  echo "neo4j.sh: building with Maven (the first build on a machine fetches Neo4j into ~/.m2)..." >&2
  if ! mvn -q -B -f "$POM" package dependency:build-classpath \
       -Dmdep.outputFile="$CPFILE.tmp" >"$log" 2>&1; then
    cat "$log" >&2
    die "maven build failed (log: $log)"
  fi
  mv "$CPFILE.tmp" "$CPFILE"
  # Maven skips compiling an unchanged source, so mark both outputs as newer than their inputs.
  touch "$JAR" "$CPFILE"
  if command -v flock >/dev/null; then exec 9>&-; fi
}

# --- helpers ---------------------------------------------------------------

check_port() {
  if ! [[ $1 =~ ^[0-9]+$ ]] || (($1 < 1 || $1 > 65535)); then
    echo "neo4j.sh: bad port '$1'" >&2
    usage
  fi
}

# Pid of the launcher running for HOME, if any. Checks the command line so a stale pid file whose
# pid got reused by something else is not taken for a live server.
live_pid() {
  local pidf="$1/neo4jlocal.pid" pid
  [[ -f $pidf ]] || return 1
  pid=$(<"$pidf")
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  if [[ -r /proc/$pid/cmdline ]]; then
    local args=()
    mapfile -d '' args <"/proc/$pid/cmdline" 2>/dev/null || true
    [[ " ${args[*]} " == *" $MAIN "* ]] || return 1
    # An exited child nobody has reaped yet still answers kill -0.
    [[ $(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) != Z ]] || return 1
  fi
  echo "$pid"
}

# The --port a running launcher was started with.
pid_port() {
  local args=() i
  mapfile -d '' args <"/proc/$1/cmdline" 2>/dev/null || true
  for ((i = 0; i + 1 < ${#args[@]}; i++)); do
    [[ ${args[i]} == --port ]] && { echo "${args[i + 1]}"; return 0; }
  done
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

java_args() { # HOME PORT
  local extra=()
  read -r -a extra <<<"${NEO4J_JAVA_OPTS:-}"
  JARGS=(-Xms256m "-Xmx${NEO4J_HEAP:-1g}"
    # A JVM wedged by OOM is worse for tests than one that dies and says why.
    -XX:+ExitOnOutOfMemoryError -XX:-OmitStackTraceInFastThrow
    # As neo4j's own server launcher does: lets Netty use its direct-buffer fast paths.
    -Dio.netty.tryReflectionSetAccessible=true
    --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
    "${extra[@]}"
    "$MAIN" --home "$1" --port "$2")
  [[ -n ${NEO4J_USER:-} ]] && JARGS+=(--user "$NEO4J_USER")
  [[ -n ${NEO4J_PASSWORD:-} ]] && JARGS+=(--password "$NEO4J_PASSWORD")
  [[ -n ${NEO4J_PAGECACHE:-} ]] && JARGS+=(--pagecache "$NEO4J_PAGECACHE")
  [[ -n ${NEO4J_TX_MEMORY:-} ]] && JARGS+=(--tx-memory "$NEO4J_TX_MEMORY")
  # 200+ jars: passed via CLASSPATH rather than -cp so `ps` stays readable.
  CLASSPATH="$JAR:$(<"$CPFILE")"
  export CLASSPATH
}

abs_home() { mkdir -p "$1" && (cd "$1" && pwd); }

# Handles an already running server for HOME; returns 1 if none runs.
already_running() { # HOME PORT
  local pid running
  pid=$(live_pid "$1") || return 1
  running=$(pid_port "$pid")
  if [[ $running == "$2" ]]; then
    echo "neo4jlocal already running (pid $pid) for $1" >&2
    echo "bolt://127.0.0.1:$2"
    return 0
  fi
  die "neo4jlocal already running (pid $pid) for $1 on port ${running:-?}, not $2; stop it first"
}

fail_start() { # HOME PID MESSAGE
  local log="$1/neo4jlocal.log"
  echo "neo4j.sh: $3; last 40 lines of $log:" >&2
  tail -n 40 "$log" >&2 || true
  exit 1
}

# --- commands --------------------------------------------------------------

cmd_start() {
  (($# == 2)) || usage
  check_port "$2"
  local home port=$2 pid pidf log exitf timeout deadline i
  home=$(abs_home "$1")
  already_running "$home" "$port" && return 0
  # Neo4j binds Bolt only after starting its databases; fail now rather than ~10 s later.
  port_open "$port" && die "port $port on 127.0.0.1 is already in use"
  build
  pidf="$home/neo4jlocal.pid" log="$home/neo4jlocal.log" exitf="$home/neo4jlocal.exit"
  rm -f "$pidf" "$exitf"
  java_args "$home" "$port"
  # A watcher subshell owns java so its exit status lands in neo4jlocal.exit for `stop` to report.
  # All its fds point away from ours: a caller reading our stdout (e.g. Go's exec) must see EOF.
  (
    trap '' HUP INT
    echo "$BASHPID" >"$home/neo4jlocal.watcher"
    "$JAVA" "${JARGS[@]}" </dev/null >"$log" 2>&1 &
    echo $! >"$pidf.tmp" && mv "$pidf.tmp" "$pidf"
    rc=0
    wait $! || rc=$?
    echo "$rc" >"$exitf"
    echo "neo4jlocal: java exited with status $rc" >>"$log"
  ) </dev/null >/dev/null 2>&1 &
  timeout=${NEO4J_START_TIMEOUT:-180}
  deadline=$((SECONDS + timeout))
  while [[ ! -s $pidf ]]; do
    ((SECONDS < deadline)) || fail_start "$home" "" "no pid file after ${timeout}s"
    sleep 0.05
  done
  pid=$(<"$pidf")
  while :; do
    if [[ -f $exitf ]] || ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$pidf"
      fail_start "$home" "$pid" "neo4jlocal exited during startup (status $(cat "$exitf" 2>/dev/null || echo '?'))"
    fi
    if grep -q '^neo4jlocal: ready' "$log" 2>/dev/null && port_open "$port"; then
      break
    fi
    if ((SECONDS >= deadline)); then
      kill -TERM "$pid" 2>/dev/null || true
      for ((i = 0; i < 100; i++)); do
        [[ -f $exitf ]] && break
        sleep 0.1
      done
      [[ -f $exitf ]] || kill -KILL "$pid" 2>/dev/null || true
      rm -f "$pidf"
      fail_start "$home" "$pid" "neo4jlocal not ready after ${timeout}s (killed)"
    fi
    sleep 0.2
  done
  echo "bolt://127.0.0.1:$port"
}

cmd_run() {
  (($# == 2)) || usage
  check_port "$2"
  local home
  home=$(abs_home "$1")
  # A supervisor expects run to block while the server lives; quietly returning would look like
  # an immediate exit, so a running instance is an error here (unlike start).
  if pid=$(live_pid "$home"); then die "neo4jlocal already running (pid $pid) for $home"; fi
  build
  rm -f "$home/neo4jlocal.exit" "$home/neo4jlocal.watcher"
  java_args "$home" "$2"
  echo $$ >"$home/neo4jlocal.pid" # exec keeps the pid, so status/stop work for run too
  exec "$JAVA" "${JARGS[@]}"
}

cmd_stop() {
  (($# == 1)) || usage
  local home=$1 pid i watcher="" status timeout=${NEO4J_STOP_TIMEOUT:-60}
  if [[ ! -d $home ]] || ! pid=$(live_pid "$home"); then
    rm -f "$home/neo4jlocal.pid" 2>/dev/null || true
    echo "neo4jlocal not running for $home" >&2
    return 0
  fi
  [[ -f $home/neo4jlocal.watcher ]] && watcher=$(<"$home/neo4jlocal.watcher")
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < timeout * 10; i++)); do
    live_pid "$home" >/dev/null || break
    sleep 0.1
  done
  if live_pid "$home" >/dev/null; then
    echo "neo4j.sh: pid $pid still alive ${timeout}s after SIGTERM, sending SIGKILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  # A `start`ed server has a watcher that records java's exit status just after it is gone.
  if [[ -n $watcher ]]; then
    for ((i = 0; i < 100; i++)); do
      kill -0 "$watcher" 2>/dev/null || break
      sleep 0.05
    done
    status=$(cat "$home/neo4jlocal.exit" 2>/dev/null || echo unknown)
  else
    status="unknown (foreground run: its supervisor sees it)"
  fi
  # Only our pid: a `run` started right after SIGTERM may already have written its own.
  [[ $(cat "$home/neo4jlocal.pid" 2>/dev/null) == "$pid" ]] && rm -f "$home/neo4jlocal.pid"
  echo "neo4jlocal stopped (pid $pid, exit status $status)" >&2
}

cmd_status() {
  (($# == 1)) || usage
  local pid
  if [[ -d $1 ]] && pid=$(live_pid "$1"); then
    echo "running pid $pid bolt://127.0.0.1:$(pid_port "$pid")"
    return 0
  fi
  echo "not running"
  return 1
}

cmd_freeport() {
  (($# == 0)) || usage
  if command -v python3 >/dev/null; then
    # Port 0 lets the kernel pick one that is free right now.
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
    return
  fi
  local p i
  for ((i = 0; i < 200; i++)); do
    p=$((20000 + RANDOM % 40000))
    port_open "$p" || { echo "$p"; return; }
  done
  die "no free port found"
}

(($# >= 1)) || usage
cmd=$1
shift
case $cmd in
  build) (($# == 0)) || usage; build ;;
  start) cmd_start "$@" ;;
  run) cmd_run "$@" ;;
  stop) cmd_stop "$@" ;;
  status) cmd_status "$@" ;;
  freeport) cmd_freeport "$@" ;;
  -h | --help | help) usage ;;
  *) echo "neo4j.sh: unknown command '$cmd'" >&2; usage ;;
esac
