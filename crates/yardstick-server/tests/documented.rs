//! docs/server.md states the defaults and codes the server has.

#![allow(clippy::unwrap_used, clippy::panic)]

use yardstick_server::{codes, Config, DecisionLogConfig, Limits};

fn doc() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/server.md")).unwrap()
}

#[test]
fn the_option_table_states_the_defaults() {
    let d = doc();
    let rows = [
        ("--addr ADDR", format!("`{}`", Config::DEFAULT_ADDR)),
        (
            "--decision-log-max-bytes N",
            DecisionLogConfig::DEFAULT_MAX_BYTES.to_string(),
        ),
        (
            "--decision-log-keep N",
            DecisionLogConfig::DEFAULT_KEEP.to_string(),
        ),
        (
            "--max-body-bytes N",
            Limits::DEFAULT_MAX_BODY_BYTES.to_string(),
        ),
        (
            "--max-line-bytes N",
            Limits::DEFAULT_MAX_LINE_BYTES.to_string(),
        ),
        (
            "--max-batch-rows N",
            Limits::DEFAULT_MAX_BATCH_ROWS.to_string(),
        ),
        (
            "--max-diff-assessments N",
            Limits::DEFAULT_MAX_DIFF_ASSESSMENTS.to_string(),
        ),
        (
            "--request-timeout SECONDS",
            Limits::DEFAULT_REQUEST_TIMEOUT.as_secs().to_string(),
        ),
        ("--poll-ms MS", Config::DEFAULT_POLL.as_millis().to_string()),
    ];
    for (flag, value) in rows {
        let row = format!("| `{flag}` | {value}");
        assert!(d.contains(&row), "docs/server.md lacks `{row}`");
    }
    assert!(
        d.contains(&format!("4 MiB ({} bytes", yardstick::MAX_DOCUMENT_BYTES))
            || d.contains(&format!("limit, {} bytes", yardstick::MAX_DOCUMENT_BYTES))
    );
    assert!(d.contains(&format!(
        "rows are read and evaluated {} at a time",
        yardstick_server::routes::BATCH_CHUNK_ROWS
    )));
}

#[test]
fn every_code_is_in_the_error_table() {
    let d = doc();
    for c in codes::ALL {
        assert!(d.contains(&format!("| {c} ")), "docs/server.md: {c}");
    }
}
