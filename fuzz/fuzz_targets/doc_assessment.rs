#![no_main]
//! Fuzz target `doc_assessment`: the body is `yardstick_tests::fuzz_targets::doc_assessment` (see there for the input).

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    yardstick_tests::fuzz_targets::doc_assessment(data);
});
