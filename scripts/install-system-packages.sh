#!/usr/bin/env bash
# Installs, in one apt transaction, the Debian packages the tests need and this machine lacks:
# PostgreSQL (setup-postgres.sh) and Chromium (setup-chromium.sh). Both scripts install their own
# package when it is missing; CI runs this one beside `npm install` instead, so the two downloads
# overlap, and the scripts then find their package installed. Needs root to install anything.
set -euo pipefail
missing=()
command -v pg_ctlcluster >/dev/null 2>&1 || missing+=(postgresql)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-system-packages: nothing to install"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "install-system-packages: not root; missing ${missing[*]} (the setup scripts say what to do)"
  exit 0
fi
echo "install-system-packages: installing ${missing[*]} from Debian packages"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}"
