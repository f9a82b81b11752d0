#!/usr/bin/env bash
# What `npm test` needs besides node_modules: Chromium for the browser tests, and PostgreSQL
# when TEST_DATABASE_URL asks for it. Both scripts are idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-chromium.sh
if [ -n "${TEST_DATABASE_URL:-}" ]; then bash scripts/ensure-postgres.sh; fi
