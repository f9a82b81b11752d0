#!/usr/bin/env bash
# The two-way sync tests (test/caldav, test/two-way-sync) run against a real CalDAV server:
# Debian's Radicale. Each test run starts its own Radicale on loopback with a throw-away storage
# folder (test/support/radicale.ts), so this script only installs the package when missing.
# Idempotent and quiet on success.
set -euo pipefail

if command -v radicale >/dev/null 2>&1 || python3 -c 'import radicale' >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" != "0" ]; then
  echo "Radicale is not installed: run 'sudo bash $0' (needed by the CalDAV sync tests)." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq radicale >/dev/null
# Debian's package enables a system service; the project starts its own instances instead.
if command -v systemctl >/dev/null 2>&1; then systemctl disable --now radicale >/dev/null 2>&1 || true; fi
