#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests when it is missing (needs root).
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "setup-chromium: chromium is not installed and this is not root; install the 'chromium' package." >&2
  exit 1
fi
echo "setup-chromium: installing chromium from Debian packages" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq chromium >&2
