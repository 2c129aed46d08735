//! Replays the fuzz regression corpus on stable Rust: every file under `corpus/fuzz/<target>/` is run
//! through the same function as fuzz target `<target>` (`yardstick_tests::fuzz_targets`), which must
//! return without panicking.
//!
//! The corpus holds small seed-style inputs, so that every target is replayed, and every finding of
//! `scripts/fuzz.sh` once it is fixed (a finding that still fails waits in `corpus/fuzz-pending/`, which is
//! not replayed). Each input's time is printed (`cargo test -- --nocapture`), not asserted.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::time::Instant;
use yardstick_tests::fuzz_targets::{run, TARGETS};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join("fuzz")
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    v.sort();
    v
}

fn replay(target: &str) {
    let dir = corpus_dir().join(target);
    let inputs = files(&dir);
    assert!(!inputs.is_empty(), "{} is empty", dir.display());
    let mut failed = Vec::new();
    for f in &inputs {
        let data = std::fs::read(f).unwrap();
        let t = Instant::now();
        let ok = std::panic::catch_unwind(|| assert!(run(target, &data)));
        println!(
            "{target}/{}: {} bytes, {:.3} s{}",
            f.file_name().unwrap().to_string_lossy(),
            data.len(),
            t.elapsed().as_secs_f64(),
            if ok.is_ok() { "" } else { ", PANICKED" }
        );
        if ok.is_err() {
            failed.push(f.display().to_string());
        }
    }
    assert!(failed.is_empty(), "{target}: panicked on {failed:#?}");
}

/// Every directory under `corpus/fuzz/` is a target, and every target has one.
#[test]
fn corpus_directories_are_the_targets() {
    let mut dirs: Vec<String> = std::fs::read_dir(corpus_dir())
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    dirs.sort();
    let mut targets: Vec<String> = TARGETS.iter().map(|s| s.to_string()).collect();
    targets.sort();
    assert_eq!(dirs, targets);
}

#[test]
fn parse_check() {
    replay("parse_check");
}

#[test]
fn format_roundtrip() {
    replay("format_roundtrip");
}

#[test]
fn shipped_json() {
    replay("shipped_json");
}

#[test]
fn doc_assessment() {
    replay("doc_assessment");
}

#[test]
fn wasm_json() {
    replay("wasm_json");
}
