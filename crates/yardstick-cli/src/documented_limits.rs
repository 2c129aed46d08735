//! The batch limits docs/json.md states are the constants in `batch.rs` (the facade's and the
//! language's limits are held the same way in `crates/yardstick/tests/documented_limits.rs`).

#![allow(clippy::unwrap_used, clippy::panic)]

use crate::batch;

fn doc(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every number written where `pattern` has `{}`, in `text` (white space runs compared as one space).
fn documented(text: &str, pattern: &str) -> Vec<u64> {
    let pattern = pattern.split_whitespace().collect::<Vec<_>>().join(" ");
    let (before, after) = pattern.split_once("{}").unwrap();
    assert!(
        !before.is_empty(),
        "a pattern needs words before its number: `{pattern}`"
    );
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find(before) {
        let start = from + i + before.len();
        from = start;
        let digits: String = text[start..]
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        if !digits.is_empty() && text[start + digits.len()..].starts_with(after) {
            found.push(digits.parse().unwrap());
        }
    }
    found
}

#[test]
fn the_documented_batch_limits_are_the_constants() {
    const MIB: usize = 1 << 20;
    let json = doc("docs/json.md");
    let limits: [(&str, usize); 6] = [
        (
            "(default {} MiB = 16777216;",
            batch::MAX_LINE_BYTES_DEFAULT / MIB,
        ),
        ("(default 16 MiB = {};", batch::MAX_LINE_BYTES_DEFAULT),
        (
            "longer than the limit of {} bytes (--max-line-bytes)",
            batch::MAX_LINE_BYTES_DEFAULT,
        ),
        ("it is read in pieces of {} MiB", batch::READ / MIB),
        (
            "An error quotes at most {} characters of a bad value, key or line",
            batch::QUOTE_CHARS,
        ),
        (
            "and lists at most {} problems of one row",
            batch::MAX_REASONS,
        ),
    ];
    let mut wrong = Vec::new();
    for (pattern, value) in limits {
        let found = documented(&json, pattern);
        if found.is_empty() {
            wrong.push(format!("docs/json.md no longer says `{pattern}` ({value})"));
        }
        for n in found.into_iter().filter(|n| *n != value as u64) {
            wrong.push(format!(
                "docs/json.md: `{pattern}` says {n}, the code has {value}"
            ));
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}
