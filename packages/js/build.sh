#!/usr/bin/env bash
# Builds the npm package yardstick-standards into packages/js/dist and packs it (packages/js/*.tgz).
# The engine comes from the web build (scripts/web-test.sh --build-only: the wasm32 build, wasm-bindgen
# at the version in Cargo.lock, binaryen's wasm-opt, the restart hook of web/src/engine.js); that script
# keeps web/dist/pkg when the engine has not changed, so this is quick on a fresh build.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "${YARDSTICK_SKIP_WEB_BUILD:-0}" != 1 ]; then
  scripts/web-test.sh --build-only
fi
node packages/js/build.mjs
cd packages/js
rm -f yardstick-standards-*.tgz
npm pack --silent
