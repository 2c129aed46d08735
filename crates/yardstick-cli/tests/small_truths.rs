#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Small truths (issue 11, item 7): character columns in every report, drafts named in as-of errors and
//! evaluated on request, `doc --as-of`, and `fmt --check` showing what would change.

use std::path::{Path, PathBuf};

mod common;
use common::{outputs, root, yardstick};

fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("yardstick-truths-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_string()
}

#[test]
fn a_problem_after_chinese_has_the_same_line_and_column_in_plain_json_and_graphical() {
    let dir = scratch("columns");
    let empty = scratch("columns-empty");
    let empty = empty.to_str().unwrap();
    // `90` (a missing `%`) comes after 11 Chinese characters on its line (33 bytes).
    let file = write(
        &dir,
        "demo.yard",
        "standard demo {\n  version \"1\"\n  input satisfaction: percent label zh \"满意率\" en \"satisfaction\"\n  basic { item b10 \"群众对卫生城市的满意率\" { satisfaction >= 90 } }\n}\n",
    );
    let line = "  basic { item b10 \"群众对卫生城市的满意率\" { satisfaction >= 90 } }";
    let column = line[..line.find("90").unwrap()].chars().count() + 1;
    let bytes = line.find("90").unwrap() + 1;
    assert!(
        bytes > column + 10,
        "the test needs Chinese before the problem"
    );

    let out = yardstick(&["check", &file, "--standards", empty, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let y0203 = v
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["code"] == "Y0203")
        .unwrap_or_else(|| panic!("{v:#}"));
    assert_eq!(
        (y0203["line"].as_u64(), y0203["column"].as_u64()),
        (Some(4), Some(column as u64))
    );

    let out = yardstick(&["check", &file, "--standards", empty, "--format", "plain"]);
    let (plain, _) = outputs(&out);
    assert!(
        plain.contains(&format!("error Y0203 in {file}, line 4, column {column}:")),
        "{plain}"
    );

    let out = yardstick(&["check", &file, "--standards", empty]);
    let (_, graphical) = outputs(&out);
    let headers: Vec<&str> = graphical
        .lines()
        .filter(|l| l.contains(&format!("[{file}:")))
        .collect();
    assert!(
        headers
            .iter()
            .any(|h| h.contains(&format!("[{file}:4:{column}]"))),
        "{graphical}"
    );
    assert!(
        !graphical.contains(&format!("[{file}:4:{bytes}]")),
        "{graphical}"
    );
}

const DRAFT_LIB: [(&str, &str); 2] = [
    (
        "v2020.yard",
        "standard d {\n  version \"2020\"\n  effective 2020-01-01 until 2024-01-01\n  input x: percent label zh \"率\" en \"rate\"\n  basic { item i \"条目\" { x >= 90% } }\n}\n",
    ),
    (
        "v2024.yard",
        "standard d {\n  version \"2024\"\n  effective 2024-01-01\n  status draft\n  input x: percent label zh \"率\" en \"rate\"\n  basic { item i \"条目\" { x >= 80% } }\n}\n",
    ),
];

fn draft_library(test: &str) -> String {
    let dir = scratch(test);
    for (n, t) in DRAFT_LIB {
        write(&dir, n, t);
    }
    dir.to_str().unwrap().to_string()
}

#[test]
fn an_as_of_date_that_only_a_draft_covers_names_the_draft_and_include_drafts_evaluates_it() {
    let lib = draft_library("drafts");
    let a = write(
        &scratch("drafts-a"),
        "a.json",
        r#"{"standard": "d", "as_of": "2024-05-31", "inputs": {"x": 85}}"#,
    );
    let out = yardstick(&["eval", &a, "--standards", &lib]);
    let (_, stderr) = outputs(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("no version of `d` is in force on 2024-05-31"),
        "{stderr}"
    );
    assert!(
        stderr.contains("\"2024\" (draft, from 2024-01-01)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("\"2024\" is a draft, which an as-of date never picks"),
        "{stderr}"
    );
    assert!(stderr.contains("--include-drafts"), "{stderr}");

    let out = yardstick(&[
        "eval",
        &a,
        "--standards",
        &lib,
        "--include-drafts",
        "--format",
        "json",
    ]);
    let (stdout, stderr) = outputs(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["standard"]["version"], "2024");
    assert_eq!(v["outcome"], "pass");
    // On a day the published version covers, it is used either way: no draft covers that day.
    let b = write(
        &scratch("drafts-b"),
        "b.json",
        r#"{"standard": "d", "as_of": "2021-05-31", "inputs": {"x": 85}}"#,
    );
    let out = yardstick(&[
        "eval",
        &b,
        "--standards",
        &lib,
        "--include-drafts",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["standard"]["version"], "2020");
    assert_eq!(v["outcome"], "fail");
}

#[test]
fn doc_as_of_picks_the_version_in_force() {
    let lib = draft_library("doc");
    // An id with two versions needs one of them, or a date.
    let out = yardstick(&["doc", "d", "--standards", &lib]);
    let (_, stderr) = outputs(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("give an as-of date"), "{stderr}");
    let out = yardstick(&["doc", "d", "--standards", &lib, "--as-of", "2021-06-30"]);
    let (stdout, stderr) = outputs(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stdout.contains("2020"), "{stdout}");
    assert!(
        !stdout.contains(">= 80%") && !stdout.contains("≥ 80%"),
        "{stdout}"
    );
    let out = yardstick(&["doc", "d", "--standards", &lib, "--as-of", "2024-06-30"]);
    let (_, stderr) = outputs(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("is a draft"), "{stderr}");
    let out = yardstick(&[
        "doc",
        "d",
        "--standards",
        &lib,
        "--as-of",
        "2024-06-30",
        "--include-drafts",
    ]);
    let (stdout, stderr) = outputs(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stdout.contains("2024"), "{stdout}");
    // A date that is no date, and a date with a version, are usage errors.
    let out = yardstick(&["doc", "d", "--standards", &lib, "--as-of", "2024-02-30"]);
    assert_eq!(out.status.code(), Some(2));
    let out = yardstick(&[
        "doc",
        "d@2020",
        "--standards",
        &lib,
        "--as-of",
        "2021-01-01",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn fmt_check_shows_a_unified_diff_of_what_would_change() {
    let dir = scratch("fmt");
    let canonical =
        std::fs::read_to_string(root().join("standards/cn/vector/fly-2011.yard")).unwrap();
    let line = canonical
        .lines()
        .find(|l| l.trim_start().starts_with("input "))
        .unwrap();
    let messy = canonical.replacen(line, &format!("      {}", line.trim_start()), 1);
    let file = write(&dir, "fly.yard", &messy);
    let out = yardstick(&["fmt", "--check", &file]);
    let (stdout, stderr) = outputs(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("{file} is not formatted")),
        "{stderr}"
    );
    assert!(
        stdout.starts_with(&format!(
            "--- {file} (as written)\n+++ {file} (formatted)\n@@ "
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("\n-      {}\n", line.trim_start())),
        "{stdout}"
    );
    assert!(stdout.contains(&format!("\n+{line}\n")), "{stdout}");
    assert!(stdout.lines().count() < 20, "{stdout}");

    // A huge change is cut at 200 lines, with how many more.
    let many: String = (0..500)
        .map(|i| format!("      input x{i}: bool\n"))
        .collect();
    let big = canonical.replacen(line, &format!("{many}{line}"), 1);
    let file = write(&dir, "big.yard", &big);
    let out = yardstick(&["fmt", "--check", &file]);
    let (stdout, stderr) = outputs(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 201, "{stdout}");
    assert!(
        lines[200].starts_with("… ") && lines[200].contains("more lines of the diff"),
        "{}",
        lines[200]
    );
}
