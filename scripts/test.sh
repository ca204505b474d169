#!/usr/bin/env bash
# `npm test`: makes the services the tests need available (scripts/services.sh), then
# runs the unit, integration, solo (time-bound integration tests, one at a time) and
# end-to-end projects in that order.
set -uo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/services.sh
. scripts/services.sh
ensure_services || exit 1
exec node node_modules/vitest/vitest.mjs run --project unit --project integration --project solo --project e2e "$@"
