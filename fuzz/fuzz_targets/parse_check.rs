#![no_main]
//! Fuzz target `parse_check`: the body is `yardstick_tests::fuzz_targets::parse_check` (see there for the input).

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    yardstick_tests::fuzz_targets::parse_check(data);
});
