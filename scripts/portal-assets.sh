#!/usr/bin/env bash
# Builds the portal's front end (portal/Platform.Portal/ClientApp -> wwwroot) from the packages its lockfile names:
# npm ci when node_modules is missing or older than the lock, vite build when a source is newer than the built page.
# run.sh, .ci/run and the portal's browser tests call it; it does nothing when everything is up to date.
set -euo pipefail
cd "$(dirname "$0")/../portal/Platform.Portal/ClientApp"
if ! command -v npm >/dev/null 2>&1; then
  echo "portal assets need Node.js 20+ and npm" >&2
  exit 1
fi
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
page=../wwwroot/index.html
if [ ! -f "$page" ] || [ -n "$(find src index.html vite.config.js package-lock.json -newer "$page" -print -quit)" ]; then
  npm run build --silent >/dev/null
  touch "$page"
fi
