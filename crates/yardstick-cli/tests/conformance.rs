#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The conformance corpus (conformance/README.md) through the `yardstick` binary, as another program
//! would run it: `yardstick eval CASE.json --standard DOC.yard --format json`.

#[path = "../../../conformance/runner.rs"]
mod runner;

mod common;
use common::{outputs, root, yardstick};

#[test]
fn the_cli_gives_every_expected_result() {
    let empty = std::env::temp_dir().join(format!("yardstick-conformance-{}", std::process::id()));
    std::fs::create_dir_all(&empty).unwrap();
    let (n, failures) = runner::run(&root().join("conformance"), false, &|c| {
        let out = yardstick(&[
            "eval",
            c.assessment.to_str().unwrap(),
            "--standard",
            c.document.to_str().unwrap(),
            "--standards",
            empty.to_str().unwrap(),
            "--format",
            "json",
        ]);
        let (stdout, stderr) = outputs(&out);
        match out.status.code() {
            // Exit 1 with a result: definitions that could not be computed (`errors`).
            Some(0) | Some(1)
                if stdout
                    .trim_start()
                    .starts_with("{\n  \"contract\": 1,\n  \"standard\"") =>
            {
                Ok(stdout)
            }
            code => Err(format!("exit {code:?}: {stdout}{stderr}")),
        }
    });
    assert!(n >= 130, "{n} cases");
    assert!(
        failures.is_empty(),
        "{} of {n} cases differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
