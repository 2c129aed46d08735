#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The CLI installed anywhere (issue 15, part 3): the shipped standards built in as the default library,
//! `--standards DIR` and `YARDSTICK_STANDARDS` to use another, a missing folder an error (Y0809), and
//! completions and a manual page generated from the clap definition.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;
use common::{outputs, root, yardstick};

/// A folder of its own per test, outside the repository (no `./standards` there).
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("yardstick-install-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Run `yardstick ARGS` in `dir`, with `YARDSTICK_STANDARDS` as given (unset for `None`).
fn run_in(dir: &Path, env: Option<&str>, args: &[&str]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_yardstick"));
    c.current_dir(dir)
        .args(args)
        .env_remove("YARDSTICK_STANDARDS");
    if let Some(v) = env {
        c.env("YARDSTICK_STANDARDS", v);
    }
    c.output().unwrap()
}

fn assessment(name: &str) -> String {
    root()
        .join("examples/assessments")
        .join(name)
        .to_str()
        .unwrap()
        .to_string()
}

const SMALL: &str =
    "standard demo.small {\n  version \"1\"\n\n  input x: bool\n\n  item ok \"x holds\" { x }\n}\n";

#[test]
fn eval_from_any_folder_uses_the_built_in_standards_with_the_same_hashes_and_spans() {
    let away = scratch("away");
    for a in [
        "aedes2019-cutoffs-unknown.json",
        "aedes2019-missing.json",
        "national2021-passes.json",
        "national2014-fails.json",
    ] {
        let path = assessment(a);
        // From the repository root the CLI reads ./standards; from elsewhere the embedded copy. The
        // results (hashes, lineage, spans of every explanation) are byte for byte the same.
        let here = yardstick(&["eval", &path, "--format", "json", "--explain"]);
        let there = run_in(
            &away,
            None,
            &["eval", &path, "--format", "json", "--explain"],
        );
        assert_eq!(here.status.code(), there.status.code(), "{a}");
        assert!(!here.stdout.is_empty(), "{a}: {}", outputs(&here).1);
        assert_eq!(
            String::from_utf8_lossy(&here.stdout),
            String::from_utf8_lossy(&there.stdout),
            "{a}"
        );
    }
}

#[test]
fn test_without_files_runs_every_built_in_example() {
    let away = scratch("test");
    let here = yardstick(&["test", "--lang", "en"]);
    let there = run_in(&away, None, &["test", "--lang", "en"]);
    let (h, _) = outputs(&here);
    let (t, _) = outputs(&there);
    assert_eq!(here.status.code(), Some(0), "{h}");
    assert_eq!(h, t);
    let last = t.lines().last().unwrap();
    assert!(last.ends_with(" passed, 0 failed"), "{last}");
    assert!(!last.starts_with("0 passed"), "{last}");
}

#[test]
fn the_environment_variable_names_a_folder_and_the_flag_wins_over_it() {
    let away = scratch("env");
    let lib = scratch("env-lib");
    std::fs::write(lib.join("small.yard"), SMALL).unwrap();
    let a = away.join("a.json");
    std::fs::write(&a, r#"{"standard": "demo.small", "inputs": {"x": true}}"#).unwrap();
    let a = a.to_str().unwrap();
    let lib_s = lib.to_str().unwrap();

    let out = run_in(&away, Some(lib_s), &["eval", a, "--format", "json"]);
    let (o, e) = outputs(&out);
    assert_eq!(out.status.code(), Some(0), "{o}{e}");
    assert!(o.contains("\"outcome\": \"pass\""), "{o}");

    // The built-in library has no `demo.small`.
    let out = run_in(&away, None, &["eval", a, "--format", "json"]);
    let (o, _) = outputs(&out);
    assert_eq!(out.status.code(), Some(1), "{o}");
    assert!(o.contains("\"code\": \"Y0801\""), "{o}");

    // `--standards` beats the variable: an empty folder has no `demo.small` either.
    let empty = scratch("env-empty");
    let out = run_in(
        &away,
        Some(lib_s),
        &[
            "eval",
            a,
            "--format",
            "json",
            "--standards",
            empty.to_str().unwrap(),
        ],
    );
    let (o, _) = outputs(&out);
    assert_eq!(out.status.code(), Some(1), "{o}");
    assert!(o.contains("\"code\": \"Y0801\""), "{o}");
}

#[test]
fn a_standards_folder_in_the_working_folder_is_used_before_the_built_in_one() {
    let away = scratch("cwd");
    std::fs::create_dir_all(away.join("standards")).unwrap();
    std::fs::write(away.join("standards/small.yard"), SMALL).unwrap();
    std::fs::write(
        away.join("a.json"),
        r#"{"standard": "demo.small", "inputs": {"x": false}}"#,
    )
    .unwrap();
    let out = run_in(&away, None, &["eval", "a.json", "--format", "json"]);
    let (o, e) = outputs(&out);
    assert_eq!(out.status.code(), Some(0), "{o}{e}");
    assert!(o.contains("\"outcome\": \"fail\""), "{o}");
}

#[test]
fn a_missing_folder_given_explicitly_is_an_error_that_says_so() {
    let away = scratch("missing");
    let gone = away.join("no-such-folder");
    let gone = gone.to_str().unwrap();
    let a = assessment("aedes2019-grade1.json");

    let out = run_in(
        &away,
        None,
        &["eval", &a, "--standards", gone, "--lang", "en"],
    );
    let (o, e) = outputs(&out);
    assert_eq!(out.status.code(), Some(2), "{o}{e}");
    assert!(
        e.contains("Y0809") && e.contains(gone) && e.contains("--standards"),
        "{e}"
    );
    assert!(o.is_empty(), "{o}");

    let out = run_in(&away, Some(gone), &["check", &a, "--lang", "zh"]);
    let (_, e) = outputs(&out);
    assert_eq!(out.status.code(), Some(2), "{e}");
    assert!(
        e.contains("Y0809") && e.contains("YARDSTICK_STANDARDS") && e.contains("不存在"),
        "{e}"
    );

    // With `--format json` the error is an ErrorReport with the stable code.
    let out = run_in(&away, Some(gone), &["eval", &a, "--format", "json"]);
    let (o, _) = outputs(&out);
    assert_eq!(out.status.code(), Some(2), "{o}");
    let v: serde_json::Value = serde_json::from_str(&o).unwrap();
    assert_eq!(v["code"], "Y0809");
    assert_eq!(v["kind"], "not_found");

    // A file given where a folder is wanted is refused the same way.
    let out = run_in(&away, None, &["test", "--standards", &a]);
    assert_eq!(out.status.code(), Some(2));
    assert!(outputs(&out).1.contains("Y0809"));

    // `fmt` reads no library: the variable does not matter to it.
    std::fs::write(away.join("small.yard"), SMALL).unwrap();
    let out = run_in(&away, Some(gone), &["fmt", "--check", "small.yard"]);
    assert_ne!(out.status.code(), Some(2), "{}", outputs(&out).1);
}

#[test]
fn completions_for_every_shell_name_the_commands() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = yardstick(&["completions", shell]);
        let (o, e) = outputs(&out);
        assert_eq!(out.status.code(), Some(0), "{shell}: {e}");
        // fish writes a long option without its dashes (`-l standards`).
        for word in ["yardstick", "eval", "batch", "standards", "completions"] {
            assert!(o.contains(word), "{shell} completions lack {word}");
        }
    }
    let out = yardstick(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_manual_page_is_roff_with_every_command() {
    let out = yardstick(&["man"]);
    let (o, e) = outputs(&out);
    assert_eq!(out.status.code(), Some(0), "{e}");
    assert!(o.contains(".TH yardstick 1"), "{}", &o[..o.len().min(300)]);
    for word in [
        "check",
        "eval",
        "batch",
        "schema",
        "completions",
        "YARDSTICK_STANDARDS",
    ] {
        assert!(o.contains(word), "the manual lacks {word}");
    }
}
