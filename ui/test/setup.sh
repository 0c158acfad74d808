#!/usr/bin/env bash
# Installs what the browser test of the dashboard needs, and nothing when it
# is there already: Debian's chromium (as root, through apt-get) and the npm
# packages of ui/test (playwright-core only; it never downloads a browser).
# Usage: ui/test/setup.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

CHROMIUM="${GEOKG_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "ui-test setup: $CHROMIUM is missing; install Debian's chromium package (apt-get install chromium) as root" >&2
    exit 1
  fi
  echo "ui-test setup: installing Debian's chromium package" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
fi

# Playwright must never fetch a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [ ! -d node_modules/playwright-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "ui-test setup: npm ci" >&2
  npm ci --no-audit --no-fund --loglevel=error
fi
