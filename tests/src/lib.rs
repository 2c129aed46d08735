//! Shared helpers for the corpus and property tests.

pub mod reference;
