#![no_main]
//! Fuzz target `format_roundtrip`: the body is `yardstick_tests::fuzz_targets::format_roundtrip` (see there for the input).

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    yardstick_tests::fuzz_targets::format_roundtrip(data);
});
