#!/usr/bin/env bash
# The TypeScript conformance runner: compiles the client and the runner (node_modules from
# `npm ci`, which tools/install-client-tools.sh runs), then runs the vectors named by
# SB_CONFORMANCE_VECTORS against SB_CONFORMANCE_ADDRESS with the identities in
# SB_CONFORMANCE_TLS_DIR. Its last line is `conformance typescript: P/N passed`.
set -euo pipefail
cd "$(dirname "$0")"
[[ -x node_modules/.bin/tsc ]] || { echo "conformance typescript: run 'npm ci' in $(pwd) first" >&2; exit 1; }
node_modules/.bin/tsc -p . >&2
exec node --no-deprecation dist/conformance/runner.js
