#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Every ```yard block of the language and versions guides (not the `yard excerpt` ones) is a whole
//! document: it checks without errors, is in the canonical layout, and its examples pass.

use std::path::Path;
use yardstick::{testing::run_examples, Library};

fn blocks(file: &str) -> Vec<(usize, String)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(file);
    let text = std::fs::read_to_string(path).unwrap();
    let mut out = Vec::new();
    let mut cur: Option<(usize, String)> = None;
    for (n, line) in text.lines().enumerate() {
        match (&mut cur, line.trim_end()) {
            (None, "```yard") => cur = Some((n + 1, String::new())),
            (Some(_), "```") => out.extend(cur.take()),
            (Some((_, body)), l) => {
                body.push_str(l);
                body.push('\n');
            }
            _ => {}
        }
    }
    out
}

#[test]
fn every_yard_block_checks_formats_and_passes_its_examples() {
    let mut failures = Vec::new();
    let mut count = 0;
    for file in ["docs/language.md", "docs/versions.md"] {
        for (line, text) in blocks(file) {
            count += 1;
            let name = format!("{file}:{line}");
            // Blocks may use or extend the shipped standards.
            let mut lib = Library::new();
            lib.load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../standards"))
                .unwrap();
            let std = match lib
                .add(&name, &text)
                .map_err(yardstick::Error::from)
                .and_then(|()| lib.compile_file(&name))
            {
                Ok(s) => s,
                Err(yardstick::Error::Problems(p)) => {
                    let list: Vec<String> = p
                        .problems
                        .iter()
                        .map(|x| format!("{} line {}: {}", x.code, x.place.line, x.message))
                        .collect();
                    failures.push(format!("{name}: {}", list.join("; ")));
                    continue;
                }
                Err(e) => {
                    failures.push(format!("{name}: {e}"));
                    continue;
                }
            };
            match yardstick::format(&text) {
                Ok(f) if f == text => {}
                Ok(f) => failures.push(format!("{name}: not in the canonical layout:\n{f}")),
                Err(e) => failures.push(format!("{name}: {e:?}")),
            }
            for r in run_examples(&std) {
                if !r.failures.is_empty() {
                    failures.push(format!(
                        "{name}: example {:?} fails: {:?}",
                        r.name, r.failures
                    ));
                }
            }
        }
    }
    assert!(count >= 15, "only {count} blocks found");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
