#!/usr/bin/env bash
# Browser tests drive Debian's Chromium through playwright-core (Playwright's own browser
# download cannot work offline). Installs it when missing; idempotent and quiet on success.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" != "0" ]; then
  echo "Chromium is missing: install it with 'sudo apt-get install -y chromium' (needed by the browser tests)." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq chromium >/dev/null
command -v chromium >/dev/null
