#!/usr/bin/env bash
# The packages. The crates: `cargo package` of the six published crates succeeds and the CLI's carries
# the shipped standards it embeds. The npm package (packages/js, `yardstick-standards`): build it,
# `npm pack` it, install the tarball into a fresh scratch project under a temp folder, and run its tests
# there with Node's test runner: the Node entry (exact numbers, errors, the shipped standards, results
# equal to the native CLI's), a plain <script type="module"> page in Chromium, and an esbuild bundle of it
# in Chromium.
#
#   ./scripts/packages-test.sh
#
# Idempotent set-up, each step skipped when done: what scripts/web-test.sh --build-only sets up (the
# wasm32 target, wasm-bindgen-cli, web/node_modules with binaryen and playwright-core); Debian's chromium;
# esbuild and TypeScript (`npm ci` in packages/js, pinned in its package-lock.json). The engine is rebuilt
# only when it changed (web-test.sh keeps web/dist/pkg otherwise).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
step() { printf '\n== packages: %s  [t=%ss]\n' "$*" "$SECONDS"; }

step "set-up"
if [ ! -x /usr/bin/chromium ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium
fi
if [ ! -x packages/js/node_modules/.bin/esbuild ] || [ ! -x packages/js/node_modules/.bin/tsc ] \
   || [ packages/js/package-lock.json -nt packages/js/node_modules/.package-lock.json ]; then
  (cd packages/js && npm ci --no-audit --no-fund)
fi
echo "esbuild $(packages/js/node_modules/.bin/esbuild --version), $(packages/js/node_modules/.bin/tsc --version), node $(node --version)"

step "cargo package (the published crates, packaged together: their path dependencies are not on crates.io yet)"
cargo package -p yardstick-syntax -p yardstick-core -p yardstick -p yardstick-ide -p yardstick-server -p yardstick-cli --allow-dirty --no-verify --locked -q
listed=$(cargo package -p yardstick-cli --list --allow-dirty --locked 2>/dev/null | grep -c '^standards/.*\.yard$' || true)
shipped=$(find standards -name '*.yard' | wc -l)
if [ "$listed" != "$shipped" ]; then
  echo "FAIL: the yardstick-cli package lists $listed standards, the repository has $shipped" >&2; exit 1
fi
echo "ok   the yardstick-cli crate carries the $shipped shipped standards it embeds"

step "build and pack (packages/js/build.sh)"
packages/js/build.sh
TARBALL=$(ls "$ROOT"/packages/js/yardstick-standards-*.tgz)
echo "$TARBALL: $(stat -c %s "$TARBALL") bytes"

step "native CLI (for the parity test)"
cargo build -q -p yardstick-cli --locked
TARGET_DIR=$(cargo metadata --format-version 1 --no-deps --locked \
  | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')

step "install the tarball into a scratch project"
SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/yardstick-npm-XXXXXX")
trap 'rm -rf "$SCRATCH"' EXIT
cat > "$SCRATCH/package.json" <<'JSON'
{ "name": "scratch", "private": true, "type": "module" }
JSON
# The tarball has no dependencies: nothing is fetched.
(cd "$SCRATCH" && npm install --no-audit --no-fund --offline "$TARBALL")
cp -r packages/js/test "$SCRATCH/test"
ls "$SCRATCH/node_modules/yardstick-standards/dist"

step "types: tsc --strict on a program using the installed package"
(cd "$SCRATCH" && "$ROOT/packages/js/node_modules/.bin/tsc" --noEmit --strict --skipDefaultLibCheck --target es2022 \
  --module nodenext --moduleResolution nodenext --lib es2022,dom test/types.ts)
echo "ok   test/types.ts type-checks against the installed declarations"

step "tests in the scratch project (node --test)"
(cd "$SCRATCH" && YARDSTICK_REPO="$ROOT" YARDSTICK_BIN="$TARGET_DIR/debug/yardstick" \
  YARDSTICK_EXAMPLES="$ROOT/examples/assessments" node --test test/node.test.mjs test/browser.test.mjs)
