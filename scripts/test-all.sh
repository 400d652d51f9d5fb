#!/usr/bin/env bash
# Everything CI checks: type check, lint, formatting, every unit and integration test (SQLite
# and a real PostgreSQL), then the browser tests against the local portal in Chromium.
# Prints a closing line "Tests: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ]; then
  eval "$(bash scripts/setup-postgres.sh)"
fi
bash scripts/setup-chromium.sh
export CI=true
export DSOMM_REQUIRE_POSTGRES=1

# Each stage's heading says how long the stages before it took, so CI's log shows where its
# time goes.
last=$SECONDS
stage() {
  echo "   ($((SECONDS - last)) s)"
  last=$SECONDS
  echo "== $*"
}

# The type check keeps one core busy for about a minute; lint, the package metadata check and
# prettier need none of its output, so they run beside it on the other core. Their log is
# printed once the type check is done.
side_log=$(mktemp)
(
  set -e
  side_last=$SECONDS
  side_stage() {
    echo "   ($((SECONDS - side_last)) s)"
    side_last=$SECONDS
    echo "== $*"
  }
  side_stage "lint (beside the type check)"
  npx backstage-cli repo lint
  side_stage "package metadata (backstage-cli repo fix --check)"
  npx backstage-cli repo fix --check
  side_stage "prettier"
  npx prettier --check . >/dev/null || { npx prettier --check . ; exit 1; }
  side_stage "end of the checks beside the type check"
) >"$side_log" 2>&1 &
side=$!
stage "type check (lint, package metadata and prettier run beside it)"
# Emits declarations to dist-types/ as well, which the API report check reads. From clean:
# an incremental build can order a union differently from the clean one CI makes.
rm -rf dist-types
tsc_status=0
npx tsc -p . || tsc_status=$?
side_status=0
wait "$side" || side_status=$?
cat "$side_log"
rm -f "$side_log"
[ "$tsc_status" -eq 0 ] || { echo "== FAILED: type check"; exit "$tsc_status"; }
[ "$side_status" -eq 0 ] || { echo "== FAILED: lint, package metadata or prettier"; exit "$side_status"; }
stage "API reports (backstage-repo-tools api-reports --ci)"
npm run --silent build:api-reports -- --ci
stage "OpenAPI: generated router spec and client match src/schema/openapi.yaml"
node scripts/generate-openapi.mjs --check

results=$(mktemp -d)
status=0
stage "unit and integration tests"
npx backstage-cli repo test --json --outputFile="$results/jest.json" || status=$?
stage "browser tests"
node packages/app/e2e/run.js --json "$results/e2e.json" || status=$?

stage "summary"
node -e '
  const fs = require("fs");
  const read = f => (fs.existsSync(f) ? JSON.parse(fs.readFileSync(f, "utf8")) : undefined);
  const jest = read(process.argv[1]);
  const e2e = read(process.argv[2]);
  let passed = 0, failed = 0, ok = true;
  if (jest) { passed += jest.numPassedTests; failed += jest.numFailedTests; }
  else { console.error("jest wrote no results"); ok = false; }
  if (e2e) { passed += e2e.passed; failed += e2e.failed; }
  else { console.error("the browser tests wrote no results"); ok = false; }
  console.log(`Tests: ${passed} passed, ${failed} failed`);
  if (!ok || passed === 0) process.exit(1);
' "$results/jest.json" "$results/e2e.json" || status=1
exit $status
