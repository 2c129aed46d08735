#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The CLI's conventions (issue 12, item 5): errors as JSON with `--format json`, `eval -` reads standard
//! input, `--lang`, labels in the human output, documented exit codes, no colour off a terminal.

use std::io::Write;
use std::process::{Command, Stdio};

mod common;
use common::{outputs, root, yardstick};

const VETOED: &str = "examples/assessments/city-vetoed-pre2014.json";

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

#[test]
fn format_json_prints_errors_as_an_error_report() {
    let dir = std::env::temp_dir().join(format!("yardstick-conv-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        r#"{"standard": "cn.vector.fly", "version": "GB/T 27772-2011", "inputs": {"room_positive_rate": "9%", "room_positive_rat": 1}}"#,
    )
    .unwrap();
    let out = yardstick(&["eval", bad.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let (stdout, stderr) = outputs(&out);
    assert!(stderr.is_empty(), "nothing on stderr: {stderr}");
    let r = json(&stdout);
    assert_eq!(r["kind"], "assessment");
    assert_eq!(r["code"], "Y0705");
    assert_eq!(r["inputs"][1]["code"], "Y0704");
    assert!(r["inputs"][1]["reason"]
        .as_str()
        .unwrap()
        .contains("did you mean `room_positive_rate`"));
    assert!(r["zh"].as_str().unwrap().contains("应为百分数"));

    // Not found, as JSON too.
    let nowhere = dir.join("nowhere.json");
    std::fs::write(&nowhere, r#"{"standard": "cn.nowhere", "inputs": {}}"#).unwrap();
    let out = yardstick(&["eval", nowhere.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let r = json(&outputs(&out).0);
    assert_eq!(
        (r["kind"].as_str(), r["code"].as_str()),
        (Some("not_found"), Some("Y0801"))
    );

    // A document with errors, as JSON: every problem in `problems`.
    let broken = dir.join("broken.yard");
    std::fs::write(
        &broken,
        "standard x { version \"1\" input s: percent item i { s >= 90 } }",
    )
    .unwrap();
    let out = yardstick(&[
        "eval",
        nowhere.to_str().unwrap(),
        "--standard",
        broken.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let r = json(&outputs(&out).0);
    assert_eq!(r["kind"], "problems");
    assert_eq!(r["code"], "Y0203");
    assert_eq!(r["problems"][0]["line"], 1);
}

#[test]
fn eval_dash_reads_standard_input() {
    let text = std::fs::read_to_string(root().join(VETOED)).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_yardstick"))
        .current_dir(root())
        .args(["eval", "-", "--format", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let from_stdin = String::from_utf8(out.stdout).unwrap();
    let from_file = outputs(&yardstick(&["eval", VETOED, "--format", "json"])).0;
    assert_eq!(from_stdin, from_file);
    assert_eq!(json(&from_stdin)["outcome"], "fail");
}

#[test]
fn lang_picks_the_language_of_the_human_output() {
    let en = outputs(&yardstick(&["eval", VETOED, "--lang", "en"])).0;
    let zh = outputs(&yardstick(&["eval", VETOED, "--lang", "zh"])).0;
    let both = outputs(&yardstick(&["eval", VETOED])).0;
    let chinese = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    assert!(!chinese(&en), "{en}");
    assert!(en.contains("outcome: FAIL (fail)"), "{en}");
    assert!(
        zh.contains("不通过") && zh.contains("群众满意率 未通过"),
        "{zh}"
    );
    assert!(!zh.contains("residents' satisfaction fails"), "{zh}");
    assert!(both.contains("residents' satisfaction fails") && both.contains("群众满意率 未通过"));
    // Items of the used standard are named, with the path they are reached through.
    assert!(
        en.contains("[pests] cockroaches meet the criteria fails"),
        "{en}"
    );
}

#[test]
fn the_json_result_names_every_item_the_human_output_names() {
    let human = outputs(&yardstick(&["eval", VETOED, "--explain", "--lang", "en"])).0;
    let r = json(&outputs(&yardstick(&["eval", VETOED, "--format", "json"])).0);
    let ids: Vec<&str> = r["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    let explained = json(
        &outputs(&yardstick(&[
            "eval",
            VETOED,
            "--format",
            "json",
            "--explain",
        ]))
        .0,
    );
    let kind_of = |id: &str| -> String {
        explained["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id)
            .and_then(|i| i["kind"].as_str())
            .unwrap_or_default()
            .to_string()
    };
    // Every `[id]` of the human listing of items and ladders is in the summary items, with its outcome.
    let mut named = 0;
    for line in human.lines() {
        let Some((_, rest)) = line.trim_start().split_once(' ') else {
            continue;
        };
        let Some(id) = rest.strip_prefix('[').and_then(|r| r.split(']').next()) else {
            continue;
        };
        if matches!(kind_of(id).as_str(), "item" | "levels") {
            named += 1;
            assert!(
                ids.contains(&id),
                "{id} is named by the human output but not in items"
            );
        }
    }
    assert!(named >= 14, "{named} items named");
    let cockroach = r["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "pests.cockroach")
        .unwrap();
    assert_eq!(cockroach["outcome"], "fail");
    assert_eq!(cockroach["path"], serde_json::json!(["pests"]));
}

#[test]
fn grades_are_shown_by_their_labels() {
    let good = "examples/assessments/school-seed-good.json";
    let zh = outputs(&yardstick(&["eval", good, "--lang", "zh"])).0;
    assert!(
        zh.contains("结论：通过　等级：良好"),
        "the band's label: {zh}"
    );
    assert!(zh.contains("评级 = 良好"), "{zh}");
    // The band has a Chinese label only: English shows its id.
    let en = outputs(&yardstick(&["eval", good, "--lang", "en"])).0;
    assert!(en.contains("outcome: PASS (pass)   grade: good"), "{en}");
}

#[test]
fn no_colour_off_a_terminal_or_with_no_color() {
    let dir = std::env::temp_dir().join(format!("yardstick-conv-colour-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let broken = dir.join("broken.yard");
    std::fs::write(
        &broken,
        "standard x { version \"1\" input s: percent item i { s >= 90 } }",
    )
    .unwrap();
    for no_color in [None, Some("1")] {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_yardstick"));
        cmd.current_dir(root())
            .args(["check", broken.to_str().unwrap()]);
        if let Some(v) = no_color {
            cmd.env("NO_COLOR", v);
        }
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("Y0203"), "{stderr}");
        assert!(!stderr.contains('\u{1b}'), "no escape codes: {stderr}");
    }
}

#[test]
fn exit_codes_are_0_1_2() {
    assert_eq!(
        yardstick(&["eval", VETOED]).status.code(),
        Some(0),
        "a failing city is exit 0"
    );
    assert_eq!(
        yardstick(&["eval", "no/such/file.json"]).status.code(),
        Some(2),
        "a missing file is a usage error"
    );
    assert_eq!(
        yardstick(&["eval", "--no-such-flag"]).status.code(),
        Some(2)
    );
    let dir = std::env::temp_dir().join(format!("yardstick-conv-exit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(&bad, "{not json").unwrap();
    let out = yardstick(&[
        "eval",
        bad.to_str().unwrap(),
        "--standard",
        "standards/cn/vector/fly-2011.yard",
    ]);
    assert_eq!(out.status.code(), Some(1), "bad input is exit 1");
    assert!(outputs(&out).1.contains("[Y0702]"), "{}", outputs(&out).1);
}

#[test]
fn schema_prints_the_result_schema_the_assessment_schema_and_the_form() {
    let r = json(&outputs(&yardstick(&["schema"])).0);
    assert!(r["$defs"]["Evaluation"]["properties"]["outcome"].is_object());
    assert!(r["$defs"]["ErrorReport"]["properties"]["code"].is_object());
    let a = json(&outputs(&yardstick(&["schema", "cn.vector.fly@GB/T 27772-2011"])).0);
    let inputs = &a["anyOf"][1]["properties"];
    assert_eq!(inputs["room_positive_rate"]["anyOf"][0]["maximum"], 100.0);
    assert_eq!(a["anyOf"][1]["additionalProperties"], false);
    let f = json(
        &outputs(&yardstick(&[
            "schema",
            "cn.vector.fly@GB/T 27772-2011",
            "--form",
        ]))
        .0,
    );
    assert_eq!(f["inputs"][0]["type"], "percent");
    let ts = outputs(&yardstick(&["schema", "--typescript"])).0;
    assert!(ts.contains("export interface Evaluation {"), "{ts}");
}
