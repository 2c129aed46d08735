//! Shared helpers for the corpus and property tests.

pub mod fuzz_targets;
pub mod reference;
