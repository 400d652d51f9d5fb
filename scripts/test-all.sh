#!/usr/bin/env bash
# Everything CI checks: type check, lint, and every test (SQLite and a real PostgreSQL).
# Prints a closing line "Tests: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ]; then
  eval "$(bash scripts/setup-postgres.sh)"
fi
export CI=true
export DSOMM_REQUIRE_POSTGRES=1

echo "== type check"
npx tsc --noEmit -p .
echo "== lint"
npx backstage-cli repo lint
echo "== prettier"
npx prettier --check . >/dev/null || { npx prettier --check . ; exit 1; }
echo "== tests"
results=$(mktemp)
status=0
npx backstage-cli repo test --json --outputFile="$results" || status=$?
node -e '
  const r = require(process.argv[1]);
  console.log(`Tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
  if (r.numTotalTests === 0) { console.error("no test ran"); process.exit(1); }
' "$results" || status=1
exit $status
