#!/usr/bin/env bash
# What `npm test` needs besides node_modules: Chromium for the browser tests, and the local
# PostgreSQL the storage contract suites run against. Both scripts are idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-chromium.sh
bash scripts/ensure-postgres.sh
bash scripts/ensure-radicale.sh
