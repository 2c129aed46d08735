#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Standard output closed by its reader (`yardstick schema | head -1`): the program ends quietly with
//! success, not with a panic ("failed printing to stdout: Broken pipe", exit 101).

use std::process::{Command, Stdio};

mod common;
use common::root;

/// Run `yardstick ARGS` with standard output a pipe whose reading end is closed before the program
/// writes anything (it is closed right after the start, long before the program has read its library),
/// so that its first write fails with a broken pipe whatever the size of the output.
fn with_closed_stdout(args: &[&str]) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_yardstick"))
        .current_dir(root())
        .env_remove("YARDSTICK_STANDARDS")
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn schema_of_results_into_a_closed_pipe_exits_quietly() {
    let (code, stderr) = with_closed_stdout(&["schema"]);
    assert_eq!(code, Some(0), "stderr: {stderr}");
    assert_eq!(stderr, "");
}

#[test]
fn schema_of_assessments_into_a_closed_pipe_exits_quietly() {
    let (code, stderr) = with_closed_stdout(&["schema", "standards/cn/vector/fly-2011.yard"]);
    assert_eq!(code, Some(0), "stderr: {stderr}");
    assert_eq!(stderr, "");
}

#[test]
fn a_document_page_into_a_closed_pipe_exits_quietly() {
    // Every command prints through the same two macros: `doc` stands for the rest.
    let (code, stderr) = with_closed_stdout(&["doc", "cn.vector.fly"]);
    assert_eq!(code, Some(0), "stderr: {stderr}");
    assert_eq!(stderr, "");
}

#[test]
fn the_whole_output_still_arrives_through_an_open_pipe() {
    let out = common::yardstick(&["schema", "standards/cn/vector/fly-2011.yard"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        schema["title"],
        "Assessment for cn.vector.fly@GB/T 27772-2011"
    );
    assert!(text.ends_with("}\n"));
}
