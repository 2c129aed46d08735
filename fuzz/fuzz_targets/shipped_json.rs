#![no_main]
//! Fuzz target `shipped_json`: the body is `yardstick_tests::fuzz_targets::shipped_json` (see there for the input).

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    yardstick_tests::fuzz_targets::shipped_json(data);
});
