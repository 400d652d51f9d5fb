#!/usr/bin/env bash
# Installs (from Debian packages) and starts a local PostgreSQL for the test suite, then prints
# the environment the Backstage test utilities need to use it instead of Docker.
# Usage: eval "$(bash scripts/setup-postgres.sh)"
set -euo pipefail

log() { echo "setup-postgres: $*" >&2; }

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then
    log "PostgreSQL is not installed and this is not root; install the 'postgresql' package."
    exit 1
  fi
  log "installing PostgreSQL from Debian packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  installed=1
fi

version=$(ls /etc/postgresql | sort -n | tail -n 1)
if [ -z "$version" ]; then
  log "no PostgreSQL cluster found under /etc/postgresql"
  exit 1
fi
# A server this script installed serves only the tests, which create a database and run every
# migration per test: it need not survive a power cut, so commits and DDL skip the disk flush.
# A cluster that was here before is left as it is, unless DSOMM_TEST_PG_NO_FSYNC=1 (CI's
# machine serves nothing else).
if [ "${installed:-0}" = 1 ] || [ "${DSOMM_TEST_PG_NO_FSYNC:-0}" = 1 ]; then
  tuned=1
  cat >"/etc/postgresql/$version/main/conf.d/dsomm-tests.conf" <<'CONF'
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
  log "starting PostgreSQL $version"
  pg_ctlcluster "$version" main start >&2
elif [ "${tuned:-0}" = 1 ]; then
  pg_ctlcluster "$version" main reload >&2 # already running: the settings above need a reload
fi
# The test utilities create a fresh database per test, so the role needs a password it can
# log in with over TCP and the right to create databases (postgres has both once set).
su postgres -c "psql -qc \"ALTER USER postgres PASSWORD 'postgres';\"" >&2

echo "export BACKSTAGE_TEST_DISABLE_DOCKER=1"
echo "export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING=postgresql://postgres:postgres@127.0.0.1:5432"
