#!/usr/bin/env bash
# Runs every test. Needs a PostgreSQL: PLATFORM_TEST_DATABASE_URL if set, else Testcontainers when a Docker engine
# answers, else a private throwaway cluster (platform_test, 127.0.0.1:55433) started here.
# The last line is "N passed, N failed, N skipped", summed over the TRX files of all test assemblies.
# ./test.sh --fast runs only the pure tier (tests marked [Trait("Tier", "Fast")]: no PostgreSQL, no processes).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/postgres.sh

fast=0
if [ "${1:-}" = "--fast" ]; then
  fast=1
  shift
  set -- --filter "Tier=Fast" "$@"
fi

results=${TEST_RESULTS_DIR:-$PWD/artifacts/test-results}
rm -rf "$results"
mkdir -p "$results"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

# Throwaway clusters of tests that were killed before they could drop them.
[ "$fast" = 1 ] || for stale in $(pg_lsclusters -h 2>/dev/null | awk '$2 ~ /^platform_outage_/ {print $2}'); do pg_drop "$stale"; done

if [ "$fast" = 0 ] && [ -z "${PLATFORM_TEST_DATABASE_URL:-}" ] && ! docker info >/dev/null 2>&1; then
  PG_EPHEMERAL=1 pg_up platform_test 55433
  pg_role 55433 platform_test pw_platform_test superuser
  export PLATFORM_TEST_DATABASE_URL="postgres://platform_test:pw_platform_test@127.0.0.1:55433/postgres"
fi

dotnet build Platform.sln -c Debug -nologo -clp:ErrorsOnly
status=0
# One test assembly at a time (-m:1): several of them start silos, gateways and PostgreSQL clusters, and on a
# 2-core machine running them side by side starves Orleans' failure detector into false suspicions.
dotnet test Platform.sln -c Debug --no-build --nologo -m:1 \
  --logger "trx" --results-directory "$results" "$@" || status=$?

# Sum the counters of every TRX file: dotnet test prints one line per assembly and no total.
summary=$(find "$results" -name '*.trx' -print0 | xargs -0 -r cat | awk '
  /<Counters / {
    n = split($0, parts, " ")
    for (i = 1; i <= n; i++) {
      if (split(parts[i], kv, "=") == 2) {
        gsub(/[^0-9]/, "", kv[2]); c[kv[1]] += kv[2]
      }
    }
    files++
  }
  END {
    failed = c["failed"] + c["error"] + c["timeout"] + c["aborted"]
    printf "%d %d %d %d\n", c["passed"], failed, c["notExecuted"] + c["inconclusive"], files
  }')
read -r passed failed skipped files <<<"$summary"
if [ "${files:-0}" = 0 ] || [ "$((passed + failed))" = 0 ]; then
  echo "no test ran"
  echo "0 passed, 1 failed"
  exit 1
fi
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$failed" != 0 ] || [ "$status" != 0 ]; then exit 1; fi
