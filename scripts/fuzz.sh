#!/usr/bin/env bash
# Fuzz every target of fuzz/ (issue 10) for SECONDS each (default 60), one after the other.
#
#   ./scripts/fuzz.sh                 # 60 s per target
#   ./scripts/fuzz.sh 600             # 600 s per target
#   ./scripts/fuzz.sh 600 wasm_json   # only the named targets
#   ./scripts/fuzz.sh --seeds         # only (re)build the seed corpora in fuzz/seeds/
#
# How it runs here: cargo-fuzz (libFuzzer through the libfuzzer-sys crate) on the *stable* toolchain
# with RUSTC_BOOTSTRAP=1, which lets stable rustc accept the `-Z` flags cargo-fuzz passes
# (`-Cpasses=sancov-module`, `-Cllvm-args=-sanitizer-coverage-*`, `-Zsanitizer=…`). FUZZ_TOOLCHAIN=nightly
# uses `cargo +nightly fuzz` instead. No sanitizer (`--sanitizer none`): the code is safe Rust, and
# without ASan it runs about twice as fast; debug assertions and overflow checks are on
# (`--debug-assertions`), optimised (`-O`), so an arithmetic overflow is a finding.
# The exact command per target is
#
#   RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer none -O --debug-assertions TARGET \
#     fuzz/corpus/TARGET fuzz/seeds/TARGET -- \
#     -max_total_time=SECONDS -timeout=5 -rss_limit_mb=2048 -print_final_stats=1 \
#     -max_len=65536 -dict=fuzz/seeds/TARGET.dict -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1
#
# -timeout=5: an input that runs longer than 5 s is a finding (a `timeout-*` file), like a crash.
# -fork=1 with -ignore_*: one child process at a time, restarted after a finding, so a known crash does
# not end the run; every finding is kept in fuzz/artifacts/TARGET/ (crash-*, timeout-*, oom-*).
# The log of each target is fuzz/logs/TARGET.log; the summary at the end lists the findings.
#
# Seeds (rebuilt on every run, never committed): fuzz/seeds/TARGET/ from standards/**/*.yard,
# tests/corpus/**/*.yard, examples/assessments/*.json, conformance/cases/**/*.json and the regression
# corpus tests/corpus/fuzz/TARGET/. What libFuzzer adds goes to fuzz/corpus/TARGET/ and is kept between
# runs (gitignored). Input formats: tests/src/fuzz_targets.rs.
#
# A finding: minimise it (fuzz/README.md), then save it as tests/corpus/fuzz/TARGET/NAME once it passes
# (replayed by `cargo test -p yardstick-tests --test fuzz_regressions` on stable), or in
# tests/corpus/fuzz-pending/TARGET/NAME while it still fails (not replayed).
#
# Needs: cargo (cargo-fuzz is installed with `cargo install` when missing), jq (for the wasm_json seeds).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

targets_all=(parse_check format_roundtrip shipped_json doc_assessment wasm_json)
seconds=60
seeds_only=0
targets=()
for a in "$@"; do
  case "$a" in
    --seeds) seeds_only=1 ;;
    -h | --help) sed -n '2,35p' "$0"; exit 0 ;;
    *[!0-9]*) targets+=("$a") ;;
    *) seconds="$a" ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=("${targets_all[@]}")

# ------------------------------------------------------------------------------------------ tools
if ! command -v cargo-fuzz >/dev/null 2>&1; then
  echo "== cargo install cargo-fuzz" >&2
  cargo install cargo-fuzz --locked
fi
command -v jq >/dev/null 2>&1 || { echo "fuzz.sh: needs jq (apt-get install jq)" >&2; exit 2; }
if [ "${FUZZ_TOOLCHAIN:-}" != "" ]; then
  fuzz=(cargo "+$FUZZ_TOOLCHAIN" fuzz)
else
  export RUSTC_BOOTSTRAP=1
  fuzz=(cargo fuzz)
fi
flags=(--sanitizer none -O --debug-assertions)

# ------------------------------------------------------------------------------------------ seeds
seeds="$root/fuzz/seeds"
rm -rf "$seeds"
for t in "${targets_all[@]}"; do mkdir -p "$seeds/$t" "$root/fuzz/corpus/$t"; done

# A file name from a path: standards/cn/vector/fly-2011.yard -> standards-cn-vector-fly-2011.yard
flat() { echo "$1" | tr '/' '-'; }
yards=$(find standards tests/corpus -name '*.yard' -not -path 'tests/corpus/fuzz*' | sort)
for f in $yards; do
  cp "$f" "$seeds/parse_check/$(flat "$f")"
  cp "$f" "$seeds/format_roundtrip/$(flat "$f")"
  cp "$f" "$seeds/doc_assessment/$(flat "$f")"
done
for f in examples/assessments/*.json $(find conformance/cases -name '*.json' | sort); do
  cp "$f" "$seeds/shipped_json/$(flat "$f")"
done
# doc_assessment: each document of the evaluation corpus with each of its cases (DOC NUL JSON).
for f in $(find conformance/cases -name '*.json' | sort); do
  doc="${f%.*.json}.yard"
  [ -f "$doc" ] || continue
  { cat "$doc"; printf '\0'; cat "$f"; } >"$seeds/doc_assessment/$(flat "$f")"
done
# wasm_json: calls with the whole shipped library as the page sends it (CALL NUL ARG NUL ARG …).
lib=$(for f in $(find standards -name '*.yard' | sort); do jq -n --arg n "$f" --rawfile t "$f" '{name: $n, text: $t}'; done | jq -cs .)
w="$seeds/wasm_json"
printf 'documents\0%s' "$lib" >"$w/documents"
for f in $(find standards -name '*.yard' | sort); do
  printf 'compileFile\0%s\0%s\0{}' "$lib" "$f" >"$w/compileFile-$(flat "$f")"
  printf 'checkInLibrary\0%s\0%s' "$lib" "$f" >"$w/checkInLibrary-$(flat "$f")"
done
for f in examples/assessments/*.json; do
  id=$(jq -r '.standard // ""' "$f")
  version=$(jq -r '.version // ""' "$f")
  as_of=$(jq -r '.as_of // ""' "$f")
  printf 'compileLibrary\0%s\0%s\0%s\0%s\0%s' "$lib" "$id" "$version" "$as_of" "$(cat "$f")" \
    >"$w/compileLibrary-$(flat "$f")"
done
for f in $(find conformance/cases -name '*.json' | sort); do
  doc="${f%.*.json}.yard"
  [ -f "$doc" ] || continue
  printf 'compile\0%s\0%s\0%s' "$(cat "$doc")" "$doc" "$(cat "$f")" >"$w/compile-$(flat "$f")"
done
for f in $(find tests/corpus/invalid -name '*.yard' | sort | head -40); do
  printf 'check\0%s\0%s' "$(cat "$f")" "$f" >"$w/check-$(flat "$f")"
  printf 'format\0%s' "$(cat "$f")" >"$w/format-$(flat "$f")"
done
# The regression corpus: every saved finding and the minimal inputs.
for t in "${targets_all[@]}"; do
  [ -d "tests/corpus/fuzz/$t" ] && cp tests/corpus/fuzz/"$t"/* "$seeds/$t/" 2>/dev/null || true
done
for t in "${targets_all[@]}"; do
  echo "seeds: $t $(find "$seeds/$t" -type f | wc -l) files" >&2
done
# Dictionaries: keywords and tokens (fuzz/yard.dict, fuzz/json.dict); both for the mixed inputs.
for t in parse_check format_roundtrip; do cp fuzz/yard.dict "$seeds/$t.dict"; done
cp fuzz/json.dict "$seeds/shipped_json.dict"
for t in doc_assessment wasm_json; do cat fuzz/yard.dict fuzz/json.dict >"$seeds/$t.dict"; done
[ "$seeds_only" = 0 ] || exit 0

# ------------------------------------------------------------------------------------------ run
echo "== build: ${fuzz[*]} build ${flags[*]}" >&2
(cd fuzz && "${fuzz[@]}" build "${flags[@]}") >&2
mkdir -p fuzz/logs
for t in "${targets[@]}"; do
  mkdir -p "fuzz/artifacts/$t"
  before=$(find "fuzz/artifacts/$t" -type f | wc -l)
  # Room for a hostile document (ladders, long lists) well past the largest seed; wasm_json carries the
  # whole shipped library.
  max_len=65536
  [ "$t" != wasm_json ] || max_len=262144
  echo "== fuzz $t for ${seconds}s (log: fuzz/logs/$t.log)" >&2
  (cd fuzz && "${fuzz[@]}" run "${flags[@]}" "$t" "$root/fuzz/corpus/$t" "$seeds/$t" -- \
    -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -print_final_stats=1 \
    -max_len="$max_len" -dict="$seeds/$t.dict" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1) >"fuzz/logs/$t.log" 2>&1 || true
  after=$(find "fuzz/artifacts/$t" -type f | wc -l)
  last=$(grep -E '^#[0-9]+:? ' "fuzz/logs/$t.log" | tail -1 || true)
  echo "   $t: last status: ${last:-none}" >&2
  echo "   $t: new findings: $((after - before)) (fuzz/artifacts/$t/)" >&2
done

echo "== findings (fuzz/artifacts/)" >&2
find fuzz/artifacts -type f | sort >&2
