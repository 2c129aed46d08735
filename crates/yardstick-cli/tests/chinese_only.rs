#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! `--lang zh` prints no English sentence: `yardstick diff` (probes and given assessments) and
//! `yardstick test` (passing and failing examples). Ids, codes and file names may stay.

mod common;
use common::{outputs, root, yardstick};

/// Words of the English sentences that must not appear in the Chinese-only output.
const ENGLISH: &[&str] = &[
    "What changed",
    "changed",
    "passed",
    "failed",
    "threshold",
    "outcome",
    "probe",
    "expected",
    "Assessments",
    "no change",
    "read ",
    "file(s)",
];

fn no_english(what: &str, text: &str) {
    for w in ENGLISH {
        assert!(!text.contains(w), "{what}: `{w}` in:\n{text}");
    }
}

#[test]
fn diff_in_chinese_only_says_no_english_sentence() {
    for args in [
        vec![
            "--lang",
            "zh",
            "diff",
            "standards/cn/sanitary-city/national-2014.yard",
            "standards/cn/sanitary-city/national-2021.yard",
            "--standards",
            "standards",
        ],
        vec![
            "--lang",
            "zh",
            "diff",
            "standards/cn/sanitary-city/national-pre2014.yard",
            "standards/cn/sanitary-city/national-2014.yard",
            "--standards",
            "standards",
            "--assessments",
            "examples/assessments/city-passes-pre2014.json",
        ],
    ] {
        let out = yardstick(&args);
        let (stdout, stderr) = outputs(&out);
        assert_eq!(out.status.code(), Some(0), "{stderr}");
        assert!(stdout.contains("的变化"), "{stdout}");
        no_english(&format!("{args:?}"), &stdout);
    }
}

#[test]
fn test_in_chinese_only_says_no_english_sentence() {
    // One example that passes and one that fails.
    let dir = std::env::temp_dir().join(format!("yardstick-zh-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("t.yard");
    std::fs::write(
        &file,
        "standard t {\n  version \"1\"\n  input x: count\n  item i \"i\" { x <= 1 }\n  \
         example \"good\" { given x = 0 expect i = pass }\n  \
         example \"bad\" { given x = 5 expect i = pass }\n}\n",
    )
    .unwrap();
    let out = yardstick(&[
        "--lang",
        "zh",
        "test",
        file.to_str().unwrap(),
        "--standards",
        root().join("standards").to_str().unwrap(),
    ]);
    let (stdout, stderr) = outputs(&out);
    assert!(stdout.contains("1 个通过，1 个失败"), "{stdout}{stderr}");
    assert!(stdout.contains("条目 i"), "{stdout}");
    no_english("test", &stdout);
    let _ = std::fs::remove_dir_all(&dir);
}
