#!/usr/bin/env bash
# Build the browser calculator and serve it on http://127.0.0.1:${PORT:-8080}/ (Ctrl-C stops).
# The site is static (web/dist): any static file server works; nothing is sent anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/web-test.sh --build-only
exec node web/serve.mjs web/dist "${PORT:-8080}"
