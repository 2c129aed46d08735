#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Standards saved as editors save them: GBK (Chinese Windows' default), UTF-16 with a byte-order mark,
//! and bytes that are no text at all. Nothing is skipped without a word (issue 11, item 3).

use std::path::{Path, PathBuf};

mod common;
use common::{outputs, root, yardstick};

/// A fresh folder of its own for each test.
fn scratch(test: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("yardstick-encodings-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const FLY: &str = "standards/cn/vector/fly-2011.yard";

fn fly() -> String {
    std::fs::read_to_string(root().join(FLY)).unwrap()
}

fn gbk(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable, "the standard has a character GBK lacks");
    bytes.into_owned()
}

fn utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    out.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
    out
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p.to_str().unwrap().to_string()
}

/// `N passed, M failed` from the last line of `yardstick test`.
fn counts(stdout: &str) -> (usize, usize) {
    let last = stdout.lines().last().unwrap_or_default();
    let mut words = last.split_whitespace();
    let passed = words
        .next()
        .and_then(|w| w.parse().ok())
        .unwrap_or(usize::MAX);
    let failed = words
        .nth(1)
        .and_then(|w| w.parse().ok())
        .unwrap_or(usize::MAX);
    (passed, failed)
}

#[test]
fn the_shipped_fly_standard_is_the_same_standard_in_utf8_gbk_and_utf16() {
    let text = fly();
    assert!(
        text.contains("蝇"),
        "the test needs Chinese in the standard"
    );
    let dir = scratch("same");
    let empty = scratch("same-empty");
    let empty = empty.to_str().unwrap();
    let utf8 = write(&dir, "fly-utf8.yard", text.as_bytes());
    let expected = {
        let out = yardstick(&["test", &utf8, "--standards", empty]);
        assert_eq!(out.status.code(), Some(0), "{:?}", outputs(&out));
        counts(&outputs(&out).0)
    };
    assert!(expected.0 > 0 && expected.1 == 0, "{expected:?}");
    for (name, bytes, enc) in [
        ("fly-gbk.yard", gbk(&text), "GB18030"),
        ("fly-utf16.yard", utf16le_with_bom(&text), "UTF-16LE"),
    ] {
        let file = write(&dir, name, &bytes);
        // `test` runs every example, as it does for the UTF-8 file, and says how it read the file.
        let out = yardstick(&["test", &file, "--standards", empty]);
        let (stdout, stderr) = outputs(&out);
        assert_eq!(out.status.code(), Some(0), "{stdout}\n{stderr}");
        assert_eq!(counts(&stdout), expected, "{stdout}");
        assert!(
            stdout.contains(&format!("read 1 file(s) (1 as {enc}: {file}")),
            "{stdout}"
        );
        assert!(
            stderr.contains("Y0091") && stderr.contains(&format!("read as {enc}")),
            "{stderr}"
        );
        // `check` is clean but for the warning that names the encoding, in English and Chinese.
        let out = yardstick(&["check", &file, "--standards", empty, "--format", "plain"]);
        let (stdout, stderr) = outputs(&out);
        assert_eq!(out.status.code(), Some(0), "{stdout}\n{stderr}");
        assert!(
            stdout.starts_with(&format!(
                "warning Y0091 in {file}, line 1, column 1: read as {enc}, not UTF-8; save it as UTF-8"
            )),
            "{stdout}"
        );
        assert!(stdout.contains(&format!("已按 {enc} 读取")), "{stdout}");
        assert!(
            stdout.contains(&format!("iconv -f {enc} -t UTF-8")),
            "{stdout}"
        );
        assert!(stderr.contains("0 error(s), 1 warning(s)"), "{stderr}");
        // The Chinese labels are read, not replaced.
        let out = yardstick(&["doc", &file, "--standards", empty]);
        let (stdout, _) = outputs(&out);
        assert!(stdout.contains("病媒生物密度控制水平 蝇类"), "{stdout}");
    }
}

#[test]
fn a_standards_folder_with_a_gbk_standard_evaluates_and_says_so() {
    let dir = scratch("folder");
    write(&dir, "fly.yard", &gbk(&fly()));
    let standards = dir.to_str().unwrap();
    let out = yardstick(&[
        "eval",
        "examples/assessments/fly2011-level-b.json",
        "--standards",
        standards,
        "--format",
        "json",
    ]);
    let (stdout, stderr) = outputs(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["outputs"]["level"], "B", "{stdout}");
    assert!(stderr.contains("1 as GB18030"), "{stderr}");
}

#[test]
fn bytes_that_are_no_text_fail_check_and_test_with_y0090_in_english_and_chinese() {
    let dir = scratch("bad");
    let empty = scratch("bad-empty");
    let empty = empty.to_str().unwrap();
    // Latin-1 `é`: not UTF-8, and not GB18030 either.
    let bad = write(&dir, "bad.yard", b"standard s {\n  // caf\xE9 au lait\n}\n");
    let out = yardstick(&["check", &bad, "--standards", empty, "--format", "plain"]);
    let (stdout, stderr) = outputs(&out);
    assert_eq!(out.status.code(), Some(1), "{stdout}\n{stderr}");
    assert!(
        stdout.starts_with(&format!(
            "error Y0090 in {bad}, line 2, column 9: this file is not text in UTF-8, UTF-16 or GB18030"
        )),
        "{stdout}"
    );
    assert!(stdout.contains("第 2 行第 9 列"), "{stdout}");
    assert!(stdout.contains("iconv -f ENCODING -t UTF-8"), "{stdout}");
    assert!(stdout.contains("另存为 UTF-8"), "{stdout}");
    assert!(stderr.contains("could not read 1"), "{stderr}");
    assert!(stderr.contains("1 error(s)"), "{stderr}");

    let out = yardstick(&["check", &bad, "--standards", empty, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(v[0]["code"], "Y0090");
    assert_eq!(
        (v[0]["line"].as_u64(), v[0]["column"].as_u64()),
        (Some(2), Some(9))
    );

    let out = yardstick(&["check", &bad, "--standards", empty]);
    let (_, stderr) = outputs(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.contains(&format!("[{bad}:2:9]")), "{stderr}");

    // `test` of a folder holding it and a good standard: the good one runs, the bad one fails the run.
    write(&dir, "fly.yard", fly().as_bytes());
    let folder = dir.to_str().unwrap();
    let out = yardstick(&["test", folder, "--standards", empty]);
    let (stdout, stderr) = outputs(&out);
    assert_eq!(out.status.code(), Some(1), "{stdout}\n{stderr}");
    let (passed, failed) = counts(&stdout);
    assert!(passed > 0 && failed == 1, "{stdout}");
    assert!(
        stdout.contains("read 1 file(s); could not read 1"),
        "{stdout}"
    );
    assert!(stderr.contains("Y0090"), "{stderr}");

    // A UTF-16 file cut in the middle of a character.
    let mut cut = utf16le_with_bom("standard s { version \"1\" }\n");
    cut.push(b'x');
    let cut = write(&dir, "cut.yard", &cut);
    let out = yardstick(&["check", &cut, "--standards", empty]);
    let (_, stderr) = outputs(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("{cut}:2:1: this file looks like UTF-16LE")),
        "{stderr}"
    );
}

#[test]
fn an_unreadable_file_in_the_standards_folder_is_named_not_skipped() {
    let dir = scratch("folder-bad");
    write(&dir, "fly.yard", fly().as_bytes());
    write(&dir, "bad.yard", b"\xFF\xFF\xFF\xFF\xFF");
    let standards = dir.to_str().unwrap();
    // `eval` resolves in the folder: an error in any file stops it, as a syntax error does.
    let out = yardstick(&[
        "eval",
        "examples/assessments/fly2011-level-b.json",
        "--standards",
        standards,
    ]);
    let (_, stderr) = outputs(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("Y0090") && stderr.contains("could not read 1"),
        "{stderr}"
    );
    // `check` of another file: the folder's unreadable file is a warning (not checked here).
    let other = scratch("folder-bad-other");
    let mine = write(
        &other,
        "mine.yard",
        fly().replace("cn.vector.fly", "my.fly").as_bytes(),
    );
    let out = yardstick(&[
        "check",
        &mine,
        "--standards",
        standards,
        "--format",
        "plain",
    ]);
    let (stdout, stderr) = outputs(&out);
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{stderr}");
    assert!(stdout.contains("warning Y0090"), "{stdout}");
    assert!(stdout.contains("not checked here"), "{stdout}");
}

#[test]
fn fmt_reads_gbk_and_writes_utf8() {
    let dir = scratch("fmt");
    let file = write(&dir, "fly.yard", &gbk(&fly()));
    let out = yardstick(&["fmt", "--check", &file]);
    let (_, stderr) = outputs(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("it is GB18030 text; fmt writes UTF-8"),
        "{stderr}"
    );
    let out = yardstick(&["fmt", &file]);
    assert_eq!(out.status.code(), Some(0), "{:?}", outputs(&out));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), fly());
    let out = yardstick(&["fmt", "--check", &file]);
    assert_eq!(out.status.code(), Some(0), "{:?}", outputs(&out));
}
