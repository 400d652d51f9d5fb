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
fi

version=$(ls /etc/postgresql | sort -n | tail -n 1)
if [ -z "$version" ]; then
  log "no PostgreSQL cluster found under /etc/postgresql"
  exit 1
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
  log "starting PostgreSQL $version"
  pg_ctlcluster "$version" main start >&2
fi
# The test utilities create a fresh database per test, so the role needs a password it can
# log in with over TCP and the right to create databases (postgres has both once set).
su postgres -c "psql -qc \"ALTER USER postgres PASSWORD 'postgres';\"" >&2

echo "export BACKSTAGE_TEST_DISABLE_DOCKER=1"
echo "export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING=postgresql://postgres:postgres@127.0.0.1:5432"
