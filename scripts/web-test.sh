#!/usr/bin/env bash
# The WASM build and the browser calculator: set-up, build (baseline WebAssembly, checked), the static site
# (service worker, manifest, precompressed .gz/.br), size budget, Node parity, recovery from engine traps
# (Node), browser tests, the printed report, the offline app.
#
#   ./scripts/web-test.sh               set up (idempotent), build web/dist, run every web test
#   ./scripts/web-test.sh --build-only  set up what the build needs and build web/dist (serve-web.sh)
#
# Set-up, each step skipped when already done: the wasm32 Rust target; wasm-bindgen-cli at the exact
# version in Cargo.lock; Debian's chromium, a Chinese font and poppler-utils (tests only; never Debian's
# binaryen: its wasm-opt 108 writes broken modules); `npm ci` in web/ (binaryen 132's wasm-opt and
# playwright-core, pinned in web/package-lock.json). Runs as root on Debian for the apt step; the rest
# needs Rust, Node and npm.
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_ONLY=0
[ "${1:-}" = "--build-only" ] && BUILD_ONLY=1
# Bytes, gzip -9 of the optimised engine .wasm. Raised from 300,000 on 2026-12-01 when the language grew
# (exact numbers, search budgets, infinity, revisions and row/band patches, if/each/require/vetoed, and
# the author-language diagnostics): 285.7 KB before, 315.1 KB after. Shrinking it again is open work
# (pest's generated parser and the JSON building are the largest parts). Raised to 335,000 on 2026-12-02
# with the typed contract (issue 12: typed results serialized with exact numbers, the lossless JSON
# reader, the bilingual catalogue, typed error reports): 315.3 KB before, 328.9 KB after; then to
# 350,000 when every diagnostic and syntax error gained its Chinese form: 343.1 KB; then to 355,000
# when their labels did too: 351.1 KB. The exact-number writer (RawValue) is 0.8 KB of it; the rest is
# text in two languages and pest's parser.
# 2026-12-02, issue 13 (which asks for 300 KB again): building for baseline WebAssembly (below) changed
# 351,926 -> 351,469 bytes gzip (278,532 -> 277,349 brotli; the JS glue 4.4 -> 4.6 KB gzip; with sign-ext
# kept it was 351,419: lowering it costs 50 bytes here, 0.7 KB when done after -Oz). 300 KB is not
# reachable by build settings: the profile already has opt-level "z", fat LTO, one codegen unit,
# panic=abort; wasm-opt -Oz twice saves 0.7 KB (350,676) for twice the time. By function size before
# wasm-opt: pest's generated parser ~20%, the rest of yardstick-syntax ~9%, yardstick-core 18%, core 16%
# (of it the standard library's sort, monomorphised for each element type: 78 KB of 1,170 KB; float
# formatting 18 KB), alloc 9%. Reaching 300 KB needs code changes (a smaller parser, fewer sort
# instantiations), not settings. Browsers get the brotli copy (web/build.mjs, web/serve.mjs): 277 KB.
# Then the form gained both languages of units, enum values, groups and used sections and each input's
# requirements (issue 13): +4.3 KB; raised to 360,000.
# 2026-12-02, shrinking it again (measured by function with names kept, wasm-objdump; see the size branch's
# report): 359,769 bytes gzip before. Each step, bytes gzip -9 after:
#   one copy of the standard library's sort (yardstick_syntax::sort; it was ~20 copies, 59 KB of code)
#                                                                                           348,721
#   pest's rule/sequence/atomic/lookahead done once for every closure (vendor/pest, a patched copy of
#   pest 2.9.6), the library JSON read with the crate's own reader, BTreeMap/BTreeSet built without
#   their sort                                                                              332,324
#   pest's closures behind a one-method trait (no `call_once` shim each), exact numbers written without
#   RawValue::from_string (which carried serde_json's deserializer and the float formatting)  311,940
#   wasm-opt -Oz --converge                                                                 309,918
#   functions ordered by Rust path for gzip (web/wasm-sections.mjs order-names)             303,527
# 300,000 is not reached yet (3.5 KB left); the budget was 305,000 until it is.
#   + the compiled evaluator (issue 17 part A, crates/yardstick-core/src/compiled; the tree
#     evaluator stays for explanations, fixes, examples, diff and rank)                    312,718
# Raised to 315,000 for it; shrinking the two evaluators into one path is open work (issues 13, 17).
# 2026-12-02 (issue 13): the calculator's engine without what only author mode uses, which moved to a
# second module loaded by author mode alone (web/dist/pkg-author, below):
#   the reference evaluator instead of the compiled one (the facade without its `compiled` feature;
#     the same results, held equal by crates/yardstick-core/tests/compiled.rs)            303,565
#   Talc instead of dlmalloc as the allocator (crates/yardstick-wasm)                      300,492
#   check, checkInLibrary, format and Standard.examples only in the author engine          280,322
# Budget back at 300,000, as issue 13 asks. (The author engine, with them: 300,522.)
# 2026-12-04 (issue 17): pest's one-string skip_until by memchr instead of memmem's searcher
# (vendor/pest/YARDSTICK.md) and a wide number's suggestion read with Decimal::from_str_exact (FromStr
# carried rust_decimal's scientific-notation reader): calculator 282,450 -> 276,913, author engine
# 349,998 -> 346,648. Then results sharing their ids (api::Id, Arc<StandardInfo>), the compiled
# evaluator's faster comparisons and the grammar's guarded primary: 277,697 and 347,433; with the
# items' shared ids and the fix search's comparisons by parts: 278,616 and 348,164.
BUDGET_GZIP=${YARDSTICK_WASM_BUDGET:-300000}
# The author engine: all of the above and the formatter and example runner; loaded only in author mode.
# 2026-12-02 (issue 16 point 5): + the editor's analysis (class Analysis: crates/yardstick-ide, its answers
# written with serde_json) for author mode's code editor: 300,522 -> 348,211 bytes gzip; raised from
# 305,000 to 350,000 (the calculator's engine and its budget unchanged: the page never loads this one).
AUTHOR_BUDGET_GZIP=${YARDSTICK_AUTHOR_WASM_BUDGET:-350000}
CRATE=yardstick-wasm
LIB=yardstick_wasm
WEB=web
DIST=$WEB/dist

step() { printf '\n== web: %s  [t=%ss]\n' "$*" "$SECONDS"; }

# ------------------------------------------------------------------------------------------ set-up
step "set-up"
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

WB_VERSION=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$WB_VERSION" ]; then
  echo "Cargo.lock has no wasm-bindgen entry" >&2; exit 1
fi
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WB_VERSION" ]; then
  # --locked first; it fails at once when the registry lacks a crate of wasm-bindgen-cli's own lock
  # (webpki-roots 1.0.11 for 0.2.130), then a fresh resolution. --no-default-features: no TLS stack.
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --no-default-features --locked \
    || cargo install wasm-bindgen-cli --version "$WB_VERSION" --no-default-features
fi
echo "$(wasm-bindgen --version) (Cargo.lock: $WB_VERSION)"

if [ "$BUILD_ONLY" = 0 ]; then
  # Chromium for the browser tests; a small Chinese font so the screenshots show text, not boxes.
  apt_missing=()
  [ -x /usr/bin/chromium ] || apt_missing+=(chromium)
  [ -n "$(fc-list :lang=zh 2>/dev/null | head -n 1)" ] || apt_missing+=(fonts-wqy-microhei)
  # poppler-utils: pdftotext, pdfinfo and pdftoppm read the printed report back (web/tests/report.mjs).
  command -v pdftotext >/dev/null && command -v pdftoppm >/dev/null || apt_missing+=(poppler-utils)
  if [ "${#apt_missing[@]}" -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${apt_missing[@]}"
  fi
fi

if [ ! -d "$WEB/node_modules/playwright-core" ] || [ ! -e "$WEB/node_modules/.bin/wasm-opt" ] \
   || [ "$WEB/package-lock.json" -nt "$WEB/node_modules/.package-lock.json" ]; then
  (cd "$WEB" && npm ci --no-audit --no-fund)
fi
WASM_OPT="$WEB/node_modules/.bin/wasm-opt"   # binaryen 132 (npm), runs in Node
WASM_AS="$WEB/node_modules/.bin/wasm-as"
echo "$("$WASM_OPT" --version)"

# ------------------------------------------------------------------------------------------- build
# Baseline WebAssembly: the WeChat in-app browser on iOS (and other older engines) rejects modules that use
# reference types or multi-value, and Safari before 15 lacks bulk memory and non-trapping float-to-int.
# Since Rust 1.82 the wasm32-unknown-unknown target enables reference-types and multivalue by default, and
# since 1.87 (LLVM 20) bulk-memory and nontrapping-fptoint too, and sign-ext needs Safari 14.1 (iOS 14.5).
# So: our code is compiled for the MVP plus mutable-globals; the precompiled standard library still brings
# a few memory.copy/fill and sign-extension operators, which wasm-opt lowers to MVP code (+0.7 KB gzip for
# sign-ext); the target_features section (which would make wasm-bindgen use externref) is dropped before
# wasm-bindgen; and the final module is validated with only the baseline features enabled, so the build
# fails if anything else appears (step "baseline WebAssembly").
# CARGO_TARGET_<triple>_RUSTFLAGS applies to the wasm build only (host builds keep their flags); a RUSTFLAGS
# in the environment would replace it, and the validation below would then say so.
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-C target-cpu=mvp -C target-feature=+mutable-globals"
BASELINE_FEATURES="--mvp-features --enable-mutable-globals"

TARGET_DIR=$(cargo metadata --format-version 1 --no-deps --locked \
  | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')
WASM_IN="$TARGET_DIR/wasm32-unknown-unknown/wasm/$LIB.wasm"
# -Oz --converge (-Oz until it no longer shrinks: 311,940 -> 309,918 bytes gzip), names kept (-g) for the
# second step: functions reordered by their Rust path (web/wasm-sections.mjs order-names), which gzip
# compresses better, then the names dropped.
WASM_OPT_FLAGS="$BASELINE_FEATURES --enable-bulk-memory --enable-bulk-memory-opt --enable-nontrapping-float-to-int --enable-sign-ext --llvm-memory-copy-fill-lowering --llvm-nontrapping-fptoint-lowering --signext-lowering -Oz --converge -g"
WASM_ORDER_FLAGS="$BASELINE_FEATURES --reorder-functions-by-name --strip-debug"
GLUE_PATCH=forget-instance-2   # bump when the addition to the glue below changes

# Two engines from the one crate (crates/yardstick-wasm/src/lib.rs): the calculator's in web/dist/pkg
# (default features; the page loads it, under BUDGET_GZIP) and the author engine in web/dist/pkg-author
# (feature `author`: also check, checkInLibrary, format and examples; author mode loads it when opened,
# the npm package ships it; under AUTHOR_BUDGET_GZIP). Cargo keeps both builds, so switching is a copy.
engine() {   # folder under $DIST, cargo features ("" for none)
  local PKG="$DIST/$1" FEATURES="$2"
  local BG="$PKG/${LIB}_bg.wasm" STAMP="$PKG/.built-from"
  step "cargo build -p $CRATE --profile wasm --target wasm32-unknown-unknown ${FEATURES:+--features $FEATURES }($CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS)"
  cargo build -p "$CRATE" --profile wasm --target wasm32-unknown-unknown --locked ${FEATURES:+--features "$FEATURES"}
  step "wasm-bindgen --target web, wasm-opt -Oz: $PKG"
  # wasm-opt takes ~40 s on 2 cores: skip it when the engine .wasm has not changed since the last build.
  local want
  want="$(sha256sum "$WASM_IN" | cut -d' ' -f1) $(wasm-bindgen --version) wasm-opt-$("$WASM_OPT" --version | tr -dc '0-9') $GLUE_PATCH $WASM_OPT_FLAGS order-names $WASM_ORDER_FLAGS"
  if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ] && [ -f "$BG" ] && [ -f "$PKG/$LIB.js" ]; then
    echo "engine unchanged; keeping $BG"
    return
  fi
  # Built aside and moved into place, so an interrupted build never leaves a half-made folder.
  local NEW="$PKG.new"
  rm -rf "$NEW"
  echo "target_features of the linked module: $(node "$WEB/wasm-sections.mjs" features "$WASM_IN" | tr '\n' ' ')"
  local RAW="$DIST/raw.new/$LIB.wasm"
  mkdir -p "$(dirname "$RAW")"
  node "$WEB/wasm-sections.mjs" drop target_features "$WASM_IN" "$RAW"
  wasm-bindgen --target web --remove-producers-section --out-dir "$NEW" "$RAW"
  rm -rf "$DIST/raw.new"
  # web/src/engine.js restarts the engine after a trap with a fresh instance of the compiled module. The
  # glue keeps its instance in `let wasm` and its `initSync` returns that once it is set, so add one export
  # that forgets it (the next `initSync` then instantiates anew). Checked, not assumed: the build stops if
  # a wasm-bindgen version lays the glue out differently.
  GLUE="$NEW/$LIB.js"
  # Without reference types the glue keeps the JavaScript values it lends the engine in its own `heap`
  # array: the fresh instance starts with none lent, so the heap starts afresh too.
  grep -q '^let wasmModule, wasmInstance, wasm;$' "$GLUE" \
    && grep -q '^function initSync(module) {$' "$GLUE" \
    && grep -q '^    if (wasm !== undefined) return wasm;$' "$GLUE" \
    && grep -q '^    wasm = instance.exports;$' "$GLUE" \
    && grep -q '^let heap = new Array(1024).fill(undefined);$' "$GLUE" \
    && grep -q '^heap.push(undefined, null, true, false);$' "$GLUE" \
    && grep -q '^let heap_next = heap.length;$' "$GLUE" \
    && grep -q '^let cachedDataViewMemory0 = null;$' "$GLUE" \
    && ! grep -q 'externref' "$GLUE" \
    || { echo "FAIL: the wasm-bindgen glue no longer has the layout engine.js restarts through" >&2; exit 1; }
  cat >> "$GLUE" <<'GLUE_EOF'

/** Added by scripts/web-test.sh for web/src/engine.js: forget the instance (after a trap), so that the
 * next `initSync` makes a fresh one. Raw `Standard`s of the old instance must not be used after it. */
export function __yardstick_forget_instance() {
    wasm = undefined;
    wasmInstance = undefined;
    cachedUint8ArrayMemory0 = null;
    cachedDataViewMemory0 = null;
    heap = new Array(1024).fill(undefined);
    heap.push(undefined, null, true, false);
    heap_next = heap.length;
}
GLUE_EOF
  cat >> "$NEW/$LIB.d.ts" <<'GLUE_EOF'

/** Added by scripts/web-test.sh for web/src/engine.js: forget the instance (after a trap), so that the
 * next `initSync` makes a fresh one. Raw `Standard`s of the old instance must not be used after it. */
export function __yardstick_forget_instance(): void;
GLUE_EOF
  echo "after wasm-bindgen: $(stat -c %s "$NEW/${LIB}_bg.wasm") bytes"
  "$WASM_OPT" $WASM_OPT_FLAGS "$NEW/${LIB}_bg.wasm" -o "$NEW/${LIB}_bg.opt.wasm"
  node "$WEB/wasm-sections.mjs" order-names "$NEW/${LIB}_bg.opt.wasm" "$NEW/${LIB}_bg.named.wasm"
  "$WASM_OPT" $WASM_ORDER_FLAGS "$NEW/${LIB}_bg.named.wasm" -o "$NEW/${LIB}_bg.wasm"
  rm -f "$NEW/${LIB}_bg.opt.wasm" "$NEW/${LIB}_bg.named.wasm"
  echo "$want" > "$NEW/.built-from"
  rm -rf "$PKG"
  mv "$NEW" "$PKG"
}
engine pkg ""
engine pkg-author author
PKG="$DIST/pkg"
BG="$PKG/${LIB}_bg.wasm"
AUTHOR_BG="$DIST/pkg-author/${LIB}_bg.wasm"
grep -q 'export function compileLibrary' "$PKG/$LIB.d.ts" || { echo "the .d.ts lacks compileLibrary" >&2; exit 1; }
for f in check checkInLibrary format; do
  grep -q "^export function $f(" "$DIST/pkg-author/$LIB.d.ts" || { echo "FAIL: the author engine lacks $f" >&2; exit 1; }
  ! grep -q "^export function $f(" "$PKG/$LIB.d.ts" || { echo "FAIL: the calculator's engine has $f (author engine only)" >&2; exit 1; }
done
grep -q "^export class Analysis " "$DIST/pkg-author/$LIB.d.ts" || { echo "FAIL: the author engine lacks the class Analysis" >&2; exit 1; }
! grep -q "^export class Analysis " "$PKG/$LIB.d.ts" || { echo "FAIL: the calculator's engine has the class Analysis (author engine only)" >&2; exit 1; }

step "baseline WebAssembly: $BG uses only $BASELINE_FEATURES"
# binaryen validates a module against the features it is given, but takes a target_features section's as
# given too: the shipped module must have none. First a self-test: the same check must reject a module
# for each feature left out (so a check that cannot fail would fail here), and accept the allowed ones.
PROBES="$DIST/probes.new"
rm -rf "$PROBES" && mkdir -p "$PROBES"
probe() {   # name, expected (ok|rejected), module text
  printf '%s\n' "$3" > "$PROBES/$1.wat"
  "$WASM_AS" --all-features "$PROBES/$1.wat" -o "$PROBES/$1.wasm" >/dev/null 2>&1 \
    || { echo "FAIL: could not assemble the probe $1" >&2; exit 1; }
  if "$WASM_OPT" $BASELINE_FEATURES "$PROBES/$1.wasm" -o /dev/null >/dev/null 2>&1; then got=ok; else got=rejected; fi
  [ "$got" = "$2" ] || { echo "FAIL: the baseline check says $got for a module using $1 (want $2)" >&2; exit 1; }
  echo "ok   the baseline check: $1 $got"
}
probe reference-types rejected '(module (func (export "f") (param externref)))'
probe multivalue rejected '(module (func (export "f") (result i32 i32) (i32.const 1) (i32.const 2)))'
probe bulk-memory rejected '(module (memory 1) (func (export "f") (memory.copy (i32.const 0) (i32.const 0) (i32.const 0))))'
probe nontrapping-fptoint rejected '(module (func (export "f") (param f64) (result i32) (i32.trunc_sat_f64_s (local.get 0))))'
probe sign-ext rejected '(module (func (export "f") (param i32) (result i32) (i32.extend8_s (local.get 0))))'
probe mutable-globals ok '(module (global (export "g") (mut i32) (i32.const 0)) (func (export "f") (param i32) (result i32) (i32.add (local.get 0) (global.get 0))))'
rm -rf "$PROBES"
for M in "$BG" "$AUTHOR_BG"; do
  if [ -n "$(node "$WEB/wasm-sections.mjs" features "$M")" ]; then
    echo "FAIL: $M has a target_features section: $(node "$WEB/wasm-sections.mjs" features "$M" | tr '\n' ' ')" >&2; exit 1
  fi
  if ! "$WASM_OPT" $BASELINE_FEATURES "$M" -o /dev/null 2> "$DIST/baseline.log"; then
    grep -o '\[--enable-[a-z-]*\]' "$DIST/baseline.log" | sort | uniq -c >&2 || true
    echo "FAIL: $M uses WebAssembly features beyond the baseline ($BASELINE_FEATURES); see $DIST/baseline.log" >&2
    exit 1
  fi
  rm -f "$DIST/baseline.log"
  echo "ok   $M validates with only: $BASELINE_FEATURES"
done

step "static site: $DIST"
node "$WEB/build.mjs"

step "size budget"
budget() {   # .wasm, budget (bytes gzip -9), what it is
  local raw gz js br
  raw=$(stat -c %s "$1")
  gz=$(gzip -9c "$1" | wc -c)
  js=$(gzip -9c "$(dirname "$1")/$LIB.js" | wc -c)
  br=$(stat -c %s "$1.br")   # brotli 11, written by web/build.mjs (what a browser gets from web/serve.mjs)
  printf '%s %s: %d bytes raw, %d bytes gzip -9 (budget %d), %d bytes brotli; JS glue %d bytes gzip\n' \
    "$3" "$1" "$raw" "$gz" "$2" "$br" "$js"
  if [ "$gz" -gt "$2" ]; then
    echo "FAIL: the $3 .wasm is over its size budget ($gz > $2 bytes gzip)" >&2
    exit 1
  fi
  echo "ok   size budget of the $3 ($gz <= $2 bytes gzip)"
}
budget "$BG" "$BUDGET_GZIP" "engine"
budget "$AUTHOR_BG" "$AUTHOR_BUDGET_GZIP" "author engine"

[ "$BUILD_ONLY" = 1 ] && exit 0

# ------------------------------------------------------------------------------------------- tests
step "recovery: real traps of the engine in Node (web/src/engine.js restarts it)"
node "$WEB/tests/recover.mjs"

step "parity: the WASM build in Node against the native CLI"
cargo build -q -p yardstick-cli --locked
YARDSTICK_BIN="$TARGET_DIR/debug/yardstick" node "$WEB/tests/parity.mjs"

step "conformance: the corpus of conformance/ through the WASM build"
YARDSTICK_BIN="$TARGET_DIR/debug/yardstick" node "$WEB/tests/conformance.mjs"

step "browser tests (playwright-core + /usr/bin/chromium, page served on 127.0.0.1)"
node "$WEB/tests/browser.mjs"

step "author mode's code editor: typo, diagnostic, quick fix, hover, completion (web/tests/author.mjs)"
node "$WEB/tests/author.mjs"

step "the printed report: A4 PDFs in zh and en, read back with pdftotext (web/tests/report.mjs)"
node "$WEB/tests/report.mjs"

step "browser tests of the calculator as an official tool: one language, nothing lost, honest standards, axe-core"
node "$WEB/tests/trust.mjs"

step "offline app: service worker, manifest, compression, page weight, phone with CPU 4x slower"
node "$WEB/tests/offline.mjs"
