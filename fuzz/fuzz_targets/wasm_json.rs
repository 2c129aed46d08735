#![no_main]
//! Fuzz target `wasm_json`: the body is `yardstick_tests::fuzz_targets::wasm_json` (see there for the input).

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    yardstick_tests::fuzz_targets::wasm_json(data);
});
