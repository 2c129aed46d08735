#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Assessment files as a user hands them over: a byte-order mark, invalid UTF-8, a hostile standard.

use std::path::PathBuf;

mod common;
use common::{root, yardstick};

fn scratch(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("yardstick-inputs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn an_assessment_with_a_byte_order_mark_is_read() {
    let text = std::fs::read(root().join("examples/assessments/city-vetoed-pre2014.json")).unwrap();
    let mut bom = "\u{FEFF}".as_bytes().to_vec();
    bom.extend(text);
    let f = scratch("bom.json", &bom);
    let out = yardstick(&["eval", f.to_str().unwrap(), "--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn invalid_utf8_is_a_problem_in_the_input_with_exit_1() {
    let f = scratch(
        "gbk.json",
        b"{\"standard\": \"cn.vector.fly\", \"note\": \"\xc9\xcf\xba\xa3\"}",
    );
    let out = yardstick(&["eval", f.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is not UTF-8 text"), "{err}");
    assert!(err.contains("offset 39"), "{err}");
    assert!(err.contains("不是 UTF-8 文本"), "{err}");
}

#[test]
fn a_missing_file_is_a_usage_error_with_exit_2() {
    let out = yardstick(&["eval", "no/such/file.json"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn deep_brackets_after_a_quote_in_a_curly_label_are_a_coded_error_not_a_crash() {
    // Once exit 134 (stack overflow) from check, eval, fmt, test and doc.
    let doc = format!(
        "standard s {{\n  version \"1\"\n  input x: count\n  item i \u{201C}\"\u{201D} {{ {}x{} <= 1 }}\n}}\n",
        "(".repeat(700),
        ")".repeat(700)
    );
    let f = scratch("deep.yard", doc.as_bytes());
    for cmd in [
        vec!["check", f.to_str().unwrap(), "--format", "plain"],
        vec!["fmt", "--check", f.to_str().unwrap()],
        vec!["test", f.to_str().unwrap()],
    ] {
        let out = yardstick(&cmd);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{cmd:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(all.contains("Y0009"), "{cmd:?}: {all}");
    }
}

#[test]
fn a_report_lists_the_first_50_problems_and_counts_the_rest() {
    let mut doc = String::from("standard s {\n  version \"1\"\n  input x: count\n");
    for k in 0..120 {
        doc.push_str(&format!("  item i{k} {{ x = {k} }}\n"));
    }
    doc.push_str("}\n");
    let f = scratch("many.yard", doc.as_bytes());
    let out = yardstick(&["check", f.to_str().unwrap(), "--format", "plain"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text.matches("error Y0002").count(), 50, "{text}");
    assert!(text.contains("… and 70 more problems"), "{text}");
    assert!(text.contains("另有 70 个问题"), "{text}");
    let json = yardstick(&["check", f.to_str().unwrap(), "--format", "json"]);
    let all: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(all.as_array().unwrap().len(), 120);
}
