#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! `yardstick batch`: bad rows reported and skipped, order kept, CSV in and out, atomic output.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const NATIONAL: &str = "cn.sanitary_city.national@pre-2014";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The CLI speaking English only: these tests read its lines word for word.
fn yardstick() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_yardstick"));
    c.current_dir(root()).args(["--lang", "en"]);
    c
}

fn run(args: &[&str]) -> Output {
    match yardstick().args(args).output() {
        Ok(o) => o,
        Err(e) => panic!("cannot run yardstick: {e}"),
    }
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn example(name: &str) -> Value {
    let path = root().join("examples/assessments").join(name);
    let t = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&t).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("no temp dir: {e}"))
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::write(path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

fn rows(stdout: &[u8]) -> Vec<Value> {
    text(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("output row {l}: {e}")))
        .collect()
}

#[test]
fn corrupted_rows_are_reported_by_line_and_good_rows_kept_in_order() {
    let dir = tempdir();
    let passes = example("city-passes-pre2014.json");
    let vetoed = example("city-vetoed-pre2014.json");
    let mut named = vetoed.clone();
    named["name"] = Value::from("vetoed city");
    let mut f: Vec<u8> = Vec::new();
    let lines: Vec<String> = vec![
        passes.to_string(),                                // 1 good: a whole assessment
        r#"{"satisfaction": 9"#.into(),                    // 2 bad JSON
        vetoed["inputs"].to_string(),                      // 3 good: a bare object of inputs
        r#"{"satisfactoin": 95}"#.into(),                  // 4 unknown input
        r#"{"satisfaction": 120}"#.into(),                 // 5 out of range
        String::new(),                                     // 6 blank line
        r#"{"satisfaction": 95}"#.into(),                  // 7 good, most inputs missing
        r#"[1, 2]"#.into(),                                // 8 not an object
        r#"{"standard": "x.other", "inputs": {}}"#.into(), // 9 another standard
        named.to_string(),                                 // 10 good, named
    ];
    for l in &lines {
        f.extend_from_slice(l.as_bytes());
        f.push(b'\n');
    }
    f.extend_from_slice(b"{\"satisfaction\": \xff}\n"); // 11 not UTF-8
                                                        // 12 several problems: all reported, by input id, as the JSON contract orders them
    f.extend_from_slice(
        b"{\"satisfaction\": 120, \"satisfactoin\": 1, \"pests.fly.key_unit_room_rate\": \"1%\"}\n",
    );
    // 13 a whole assessment with a bad input
    f.extend_from_slice(
        b"{\"standard\": \"cn.sanitary_city.national\", \"inputs\": {\"satisfaction\": -1}}\n",
    );
    f.extend_from_slice(passes["inputs"].to_string().as_bytes()); // 14 good, no final newline
    let input = dir.path().join("rows.jsonl");
    write(&input, &f);

    let out = run(&["batch", NATIONAL, &input.display().to_string()]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr: {err}");

    let got = rows(&out.stdout);
    let lines: Vec<u64> = got.iter().filter_map(|r| r["line"].as_u64()).collect();
    assert_eq!(lines, [1, 3, 7, 10, 14], "{got:?}");
    let outcomes: Vec<&str> = got.iter().filter_map(|r| r["outcome"].as_str()).collect();
    assert_eq!(outcomes, ["pass", "fail", "unknown", "fail", "pass"]);
    assert_eq!(got[1]["failing"], serde_json::json!(["b5", "b10"]));
    assert_eq!(got[3]["name"], "vetoed city");
    assert!(got[0].get("name").is_none());
    assert!(got[1].get("items").is_none(), "no tree without --explain");

    // The same fields as the JSON contract of `yardstick eval`.
    let e = run(&[
        "eval",
        "examples/assessments/city-vetoed-pre2014.json",
        "--format",
        "json",
    ]);
    let full: Value = serde_json::from_slice(&e.stdout).unwrap_or_else(|x| panic!("{x}"));
    for k in ["outcome", "grade", "failing", "outputs"] {
        assert_eq!(got[1][k], full[k], "{k}");
    }

    let name = input.display().to_string();
    for (line, why) in [
        (2, "not valid JSON"),
        (4, "no input `satisfactoin`; did you mean `satisfaction`?"),
        (5, "120% is above the largest allowed value 100%"),
        (6, "empty line"),
        (8, "an assessment is a JSON object"),
        (9, "the assessment is for `x.other`"),
        (11, "not valid UTF-8"),
        (
            12,
            "`pests.fly.key_unit_room_rate`: must be a number of percent (90.5 means 90.5%), not \"1%\"; \
             `satisfaction`: 120% is above the largest allowed value 100%; \
             `satisfactoin`: the standard has no input `satisfactoin`; did you mean `satisfaction`?",
        ),
        (13, "`satisfaction`: -1% is below the smallest allowed value 0%"),
    ] {
        let needle = format!("error: {name}:{line}: ");
        let msg = err
            .lines()
            .find(|l| l.starts_with(&needle))
            .unwrap_or_else(|| panic!("line {line} not reported: {err}"));
        assert!(msg.contains(why), "line {line}: {msg}");
    }
    assert_eq!(err.lines().filter(|l| l.starts_with("error:")).count(), 9);
    assert!(
        err.lines().any(|l| l
            == "summary: 14 rows read, 5 evaluated, 9 with errors; outcome: fail 2, pass 2, unknown 1"),
        "{err}"
    );
}

#[test]
fn every_good_row_exits_zero_and_explain_adds_the_tree() {
    let dir = tempdir();
    let input = dir.path().join("ok.jsonl");
    let vetoed = example("city-vetoed-pre2014.json");
    write(
        &input,
        format!("{vetoed}\n{{\"satisfaction\": 91}}\n").as_bytes(),
    );
    let path = input.display().to_string();
    let out = run(&["batch", NATIONAL, &path, "--explain"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let got = rows(&out.stdout);
    assert_eq!(got.len(), 2);
    let items = got[0]["items"].as_array().map(Vec::len).unwrap_or(0);
    assert!(items > 10, "the full tree: {}", got[0]);
    assert_eq!(got[0]["failing"], serde_json::json!(["b5", "b10"]));
    assert!(text(&out.stderr).contains("summary: 2 rows read, 2 evaluated, 0 with errors"));

    // --explain cannot go into CSV: a usage error.
    let out = run(&[
        "batch",
        NATIONAL,
        &path,
        "--explain",
        "--output-format",
        "csv",
    ]);
    assert_eq!(out.status.code(), Some(2));
    // Unreadable input: usage; unknown standard: 1.
    let missing = dir.path().join("missing.jsonl").display().to_string();
    assert_eq!(run(&["batch", NATIONAL, &missing]).status.code(), Some(2));
    assert_eq!(
        run(&["batch", "no.such.standard", &path]).status.code(),
        Some(1)
    );
}

#[test]
fn csv_in_and_out() {
    let dir = tempdir();
    let input = dir.path().join("classes.csv");
    write(
        &input,
        b"name,score\nclass 1,90\n\"class 2, east\",89.5\nclass 3,\nclass 4,abc\nclass 5,101\nclass 6,1,2\n\nclass 7,84.9\n",
    );
    let output = dir.path().join("out.csv");
    let out = run(&[
        "batch",
        "school.hygiene_rating",
        &input.display().to_string(),
        "-o",
        &output.display().to_string(),
    ]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(out.stdout.is_empty());
    let csv = std::fs::read_to_string(&output).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        csv,
        "line,name,outcome,grade,failing,outputs.grade\n\
         2,class 1,pass,excellent,,excellent\n\
         3,\"class 2, east\",pass,good,,good\n\
         4,class 3,unknown,,,\n\
         9,class 7,pass,below,,below\n"
    );
    let name = input.display().to_string();
    assert!(err.contains(&format!(
        "error: {name}:5: `score`: must be a number, not \"abc\""
    )));
    assert!(err.contains(&format!("error: {name}:6: `score`: 101 is above")));
    assert!(err.contains(&format!(
        "error: {name}:7: has 3 field(s); the header has 2"
    )));
    assert!(err.contains(
        "summary: 7 rows read, 4 evaluated, 3 with errors; outcome: pass 3, unknown 1; grade: (none) 1, below 1, excellent 1, good 1"
    ), "{err}");
    // No temporary file is left beside the output.
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(left.is_empty());

    // Typed cells (percent, bool, count) into JSON Lines on stdout, format chosen by flag.
    let input = dir.path().join("cities.txt");
    write(
        &input,
        b"satisfaction,regulation_in_place,major_food_incidents_2y\n95,TRUE,0\n88,false,1\n95,yes,0\n",
    );
    let out = run(&[
        "batch",
        NATIONAL,
        &input.display().to_string(),
        "--input-format",
        "csv",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let got = rows(&out.stdout);
    assert_eq!(got.len(), 2);
    assert_eq!(got[0]["outcome"], "unknown");
    assert_eq!(got[1]["failing"], serde_json::json!(["b6", "b8", "b10"]));
    assert!(text(&out.stderr).contains(":4: `regulation_in_place`: must be true or false"));

    // A header naming an input the standard does not have: nothing is evaluated, no output appears.
    let input = dir.path().join("bad-header.csv");
    write(&input, b"satisfactoin\n95\n");
    let output = dir.path().join("never.csv");
    let out = run(&[
        "batch",
        NATIONAL,
        &input.display().to_string(),
        "-o",
        &output.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("did you mean `satisfaction`?"));
    assert!(!output.exists());
}

#[test]
fn standard_input_and_standard_files() {
    let mut child = yardstick()
        .args([
            "batch",
            "standards/school/hygiene-rating-seed.yard",
            "-",
            "--output-format",
            "csv",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(b"{\"score\": 85}\n{\"score\": 95}\n");
    }
    let out = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "line,name,outcome,grade,failing,outputs.grade\n1,,pass,good,,good\n2,,pass,excellent,,excellent\n"
    );
}

/// A large input for the interruption tests: `n` rows, some failing, some missing answers.
fn big_input(dir: &Path, n: usize) -> PathBuf {
    let passes = example("city-passes-pre2014.json");
    let full = passes["inputs"].to_string();
    let mut s = String::with_capacity(n * 40);
    for i in 0..n {
        match i % 4 {
            0 => s.push_str(&full),
            _ => s.push_str(&format!("{{\"satisfaction\": {}}}", 80 + i % 20)),
        }
        s.push('\n');
    }
    let p = dir.join("big.jsonl");
    write(&p, s.as_bytes());
    p
}

fn temp_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains(".tmp-"))
        .collect()
}

/// Start a batch into `out.jsonl` and wait until its temporary file appears (or it has finished).
fn start_big(dir: &Path, input: &Path) -> std::process::Child {
    let output = dir.join("out.jsonl");
    let mut child = yardstick()
        .args([
            "batch",
            NATIONAL,
            &input.display().to_string(),
            "-o",
            &output.display().to_string(),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let t = Instant::now();
    while temp_files(dir).is_empty()
        && !output.exists()
        && t.elapsed() < Duration::from_secs(5)
        && matches!(child.try_wait(), Ok(None))
    {
        std::thread::sleep(Duration::from_millis(5));
    }
    std::thread::sleep(Duration::from_millis(50));
    child
}

fn assert_complete_or_absent(dir: &Path, n: usize, was_running: bool) {
    let output = dir.join("out.jsonl");
    if was_running {
        assert!(!output.exists(), "a partial output appeared");
    } else {
        // Finished before the signal: the output must then be whole.
        let t = std::fs::read_to_string(&output).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(t.lines().count(), n);
    }
}

#[test]
fn killed_mid_run_leaves_no_partial_output() {
    let dir = tempdir();
    let n = 300_000;
    let input = big_input(dir.path(), n);
    let mut child = start_big(dir.path(), &input);
    let was_running = matches!(child.try_wait(), Ok(None));
    let _ = child.kill(); // SIGKILL: nothing can be cleaned, but nothing partial may be renamed
    let _ = child.wait();
    assert_complete_or_absent(dir.path(), n, was_running);
    // The next run into the same output removes the temporary file the killed run left behind.
    let small = dir.path().join("small.jsonl");
    write(&small, b"{\"satisfaction\": 95}\n");
    let out = run(&[
        "batch",
        NATIONAL,
        &small.display().to_string(),
        "-o",
        &dir.path().join("out.jsonl").display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    if cfg!(target_os = "linux") {
        assert_eq!(temp_files(dir.path()), Vec::<PathBuf>::new());
    }
}

#[test]
fn sigterm_mid_run_removes_the_temporary_file() {
    let dir = tempdir();
    let n = 300_000;
    let input = big_input(dir.path(), n);
    let mut child = start_big(dir.path(), &input);
    let was_running = matches!(child.try_wait(), Ok(None));
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let status = child.wait().unwrap_or_else(|e| panic!("{e}"));
    if was_running && status.code() == Some(130) {
        assert!(
            temp_files(dir.path()).is_empty(),
            "the temporary file is removed"
        );
    }
    assert_complete_or_absent(dir.path(), n, was_running && status.code() != Some(0));
}

#[test]
fn lines_across_read_blocks_keep_their_numbers() {
    // Rows of 100 KB and one of 5 MB (longer than a read block), with CRLF line ends: every good row
    // is evaluated once, in order, with its own line number, and the bad row is reported by its line.
    let dir = tempdir();
    let mut f = Vec::new();
    for i in 1..=60u32 {
        if i == 45 {
            f.extend_from_slice(b"{\"score\": 101}\r\n");
            continue;
        }
        let note = "x".repeat(if i == 30 { 5 << 20 } else { 100_000 });
        let score = 80 + i % 20;
        f.extend_from_slice(
            format!(
                "{{\"standard\": \"school.hygiene_rating\", \"name\": \"r{i}\", \"note\": \"{note}\", \"inputs\": {{\"score\": {score}}}}}\r\n"
            )
            .as_bytes(),
        );
    }
    let input = dir.path().join("long.jsonl");
    write(&input, &f);
    let out = run(&[
        "batch",
        "school.hygiene_rating",
        &input.display().to_string(),
    ]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let got = rows(&out.stdout);
    let lines: Vec<u64> = got.iter().filter_map(|r| r["line"].as_u64()).collect();
    let expected: Vec<u64> = (1..=60).filter(|&i| i != 45).collect();
    assert_eq!(lines, expected);
    for r in &got {
        assert_eq!(r["name"], format!("r{}", r["line"]));
    }
    assert!(err.contains(":45: `score`: 101 is above"), "{err}");
    assert!(
        err.contains("summary: 60 rows read, 59 evaluated, 1 with errors"),
        "{err}"
    );
}

#[test]
fn csv_line_numbers_count_blank_lines_and_quoted_line_ends() {
    let dir = tempdir();
    let input = dir.path().join("odd.csv");
    write(
        &input,
        b"name,score\r\n\r\n\"multi\nline\",90\r\nb,\xff\r\n\r\n\r\nc,101\r\nd,85",
    );
    let out = run(&[
        "batch",
        "school.hygiene_rating",
        &input.display().to_string(),
    ]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let got = rows(&out.stdout);
    let lines: Vec<u64> = got.iter().filter_map(|r| r["line"].as_u64()).collect();
    assert_eq!(lines, [3, 9]);
    assert_eq!(got[0]["name"], "multi\nline");
    let name = input.display().to_string();
    assert!(err.contains(&format!("{name}:5: not valid UTF-8")), "{err}");
    assert!(
        err.contains(&format!("{name}:8: `score`: 101 is above")),
        "{err}"
    );
}

// ---- Data safety (issue 10): the input is never replaced, no temporary file is left behind, an
// overlong line is a bad row read in bounded memory, a bad value is quoted briefly.

const HYGIENE: &str = "school.hygiene_rating";

/// A whole assessment of the hygiene rating that is exactly `n` bytes long (`n` ≥ 80).
fn row_of_len(n: usize) -> String {
    let make = |pad: usize| {
        format!(
            "{{\"standard\":\"{HYGIENE}\",\"name\":\"{}\",\"inputs\":{{\"score\":90}}}}",
            "x".repeat(pad)
        )
    };
    let base = make(0).len();
    assert!(n >= base, "a row is at least {base} bytes");
    let r = make(n - base);
    assert_eq!(r.len(), n);
    r
}

fn lines_of(rows: &[Value]) -> Vec<u64> {
    rows.iter().filter_map(|r| r["line"].as_u64()).collect()
}

/// The `error: NAME:LINE: …` line of `line` in `err`.
fn error_at<'a>(err: &'a str, name: &str, line: u64) -> &'a str {
    let needle = format!("error: {name}:{line}: ");
    err.lines()
        .find(|l| l.starts_with(&needle))
        .unwrap_or_else(|| panic!("line {line} not reported: {err}"))
}

#[test]
fn an_output_that_is_the_input_is_refused_before_anything_is_read() {
    let dir = tempdir();
    let input = dir.path().join("rows.jsonl");
    let original = b"{\"score\": 90}\n{\"score\": 95}\n".to_vec();
    write(&input, &original);
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    let link = dir.path().join("link.jsonl");
    std::os::unix::fs::symlink(&input, &link).unwrap();
    let hard = dir.path().join("hard.jsonl");
    std::fs::hard_link(&input, &hard).unwrap();
    let p = |x: &Path| x.display().to_string();
    let d = dir.path().display().to_string();
    let cases: Vec<(String, String)> = vec![
        (p(&input), p(&input)),                        // the same name
        (p(&input), format!("{d}/./rows.jsonl")),      // `./`
        (p(&input), format!("{d}/sub/../rows.jsonl")), // `..`
        (p(&input), p(&link)),                         // the output is a symlink to the input
        (p(&link), p(&input)),                         // the input is a symlink to the output
        (p(&input), p(&hard)),                         // a hard link
    ];
    for (i, o) in &cases {
        for standard in [HYGIENE, "no.such.standard"] {
            let out = run(&["batch", standard, i, "-o", o]);
            let err = text(&out.stderr);
            // A usage error, found before the standard is even looked up.
            assert_eq!(out.status.code(), Some(2), "{i} -o {o}: {err}");
            assert!(err.contains("is the input"), "{err}");
            assert_eq!(std::fs::read(&input).unwrap(), original, "{i} -o {o}");
            assert!(temp_files(dir.path()).is_empty());
        }
    }
    // Standard input redirected from the output file.
    let out = yardstick()
        .args(["batch", HYGIENE, "-", "-o", &p(&input)])
        .stdin(std::fs::File::open(&input).unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert_eq!(std::fs::read(&input).unwrap(), original);
    // Another file (even with the same content) is fine.
    let other = dir.path().join("out.jsonl");
    write(&other, &original);
    let out = run(&["batch", HYGIENE, &p(&input), "-o", &p(&other)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(std::fs::read(&input).unwrap(), original);
    assert_eq!(rows(&std::fs::read(&other).unwrap()).len(), 2);
}

#[test]
fn an_output_folder_is_refused_and_leaves_no_temporary_file() {
    let dir = tempdir();
    let input = dir.path().join("rows.jsonl");
    write(&input, b"{\"score\": 90}\n");
    let folder = dir.path().join("results");
    std::fs::create_dir(&folder).unwrap();
    for o in [
        folder.display().to_string(),
        format!("{}/", folder.display()),
    ] {
        let out = run(&["batch", HYGIENE, &input.display().to_string(), "-o", &o]);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains("is a folder"), "{err}");
        assert!(temp_files(dir.path()).is_empty());
        assert!(temp_files(&folder).is_empty());
        assert!(folder.is_dir());
    }
    // A folder as the input: a usage error too.
    let out = run(&["batch", HYGIENE, &folder.display().to_string()]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
}

#[cfg(target_os = "linux")]
#[test]
fn stale_temporary_files_of_killed_runs_are_removed_and_live_ones_kept() {
    let dir = tempdir();
    let input = dir.path().join("rows.jsonl");
    write(&input, b"{\"score\": 90}\n");
    // A PID that is no process now.
    let dead = (999_999u32..)
        .find(|n| !Path::new(&format!("/proc/{n}")).exists())
        .unwrap();
    let live = std::process::id();
    let stale = dir.path().join(format!(".out.jsonl.tmp-{dead}"));
    let kept = [
        dir.path().join(format!(".out.jsonl.tmp-{live}")), // a live process: this test
        dir.path().join(format!(".out.jsonl.tmp-0{dead}")), // not a name batch makes
        dir.path().join(format!(".out.jsonl.tmp-{dead}x")),
        dir.path().join(format!(".other.jsonl.tmp-{dead}")), // another output's
    ];
    write(&stale, b"partial");
    for k in &kept {
        write(k, b"partial");
    }
    // A folder of that name is never removed.
    let folder = dir.path().join(format!(".out.jsonl.tmp-{}", dead + 1));
    std::fs::create_dir(&folder).unwrap();
    let output = dir.path().join("out.jsonl");
    let out = run(&[
        "batch",
        HYGIENE,
        &input.display().to_string(),
        "-o",
        &output.display().to_string(),
    ]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(!stale.exists(), "the stale file is swept");
    assert!(
        err.contains(&format!("note: removed {}", stale.display())),
        "{err}"
    );
    for k in &kept {
        assert!(k.exists(), "{} is kept", k.display());
    }
    assert!(folder.is_dir());
    assert_eq!(rows(&std::fs::read(&output).unwrap()).len(), 1);
}

#[test]
fn a_line_at_the_limit_is_read_and_one_byte_more_is_a_bad_row() {
    let dir = tempdir();
    let max = 200;
    let mut f = Vec::new();
    f.extend_from_slice(format!("{}\n", row_of_len(max)).as_bytes()); // 1: exactly the limit
    f.extend_from_slice(format!("{}\n", row_of_len(max + 1)).as_bytes()); // 2: one byte more
    f.extend_from_slice(format!("{}\r\n", row_of_len(max)).as_bytes()); // 3: the limit, CRLF
    f.extend_from_slice(format!("{}\r\n", row_of_len(max + 1)).as_bytes()); // 4: one more, CRLF
    f.extend_from_slice(format!("{}\n", row_of_len(3 << 20)).as_bytes()); // 5: 3 MiB, over reads
    f.extend_from_slice(b"{\"score\": 95}\n"); // 6
    f.extend_from_slice(row_of_len(max).as_bytes()); // 7: the limit, no final line end
    let input = dir.path().join("long.jsonl");
    write(&input, &f);
    let name = input.display().to_string();
    let out = run(&[
        "batch",
        HYGIENE,
        &name,
        "--max-line-bytes",
        &max.to_string(),
    ]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(lines_of(&rows(&out.stdout)), [1, 3, 6, 7]);
    for (line, bytes) in [(2, max + 1), (4, max + 1), (5, 3 << 20)] {
        let msg = error_at(&err, &name, line);
        assert!(
            msg.contains(&format!(
                "line of {bytes} bytes is longer than the limit of {max} bytes (--max-line-bytes)"
            )),
            "{msg}"
        );
        // The start of the line is quoted, cut at 100 characters.
        let quoted = format!("it begins `{}", &row_of_len(max + 1)[..100]);
        assert!(msg.contains(&format!("{quoted}…`")), "{msg}");
        assert!(msg.len() < 300, "{msg}");
    }
    assert!(
        err.contains("summary: 7 rows read, 4 evaluated, 3 with errors"),
        "{err}"
    );

    // One byte over at the end of the input, without a final line end.
    write(
        &input,
        format!("{}\n{}", row_of_len(max), row_of_len(max + 1)).as_bytes(),
    );
    let out = run(&[
        "batch",
        HYGIENE,
        &name,
        "--max-line-bytes",
        &max.to_string(),
    ]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(lines_of(&rows(&out.stdout)), [1]);
    assert!(
        error_at(&err, &name, 2).contains("longer than the limit"),
        "{err}"
    );

    // A limit of 0 is a usage error.
    let out = run(&["batch", HYGIENE, &name, "--max-line-bytes", "0"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_default_limit_is_16_mib() {
    let dir = tempdir();
    let limit = 16 << 20;
    let mut f = vec![b'x'; limit]; // 1: exactly the limit: read (and not JSON)
    f.push(b'\n');
    f.extend(std::iter::repeat_n(b'y', limit + 1)); // 2: one byte more
    f.extend_from_slice(b"\n{\"score\": 95}\n"); // 3
    let input = dir.path().join("huge.jsonl");
    write(&input, &f);
    let name = input.display().to_string();
    let t = Instant::now();
    let out = run(&["batch", HYGIENE, &name]);
    let took = t.elapsed();
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(lines_of(&rows(&out.stdout)), [3]);
    assert!(error_at(&err, &name, 1).contains("not valid JSON"), "{err}");
    let msg = error_at(&err, &name, 2);
    assert!(
        msg.contains(
            "line of 16777217 bytes is longer than the limit of 16777216 bytes (--max-line-bytes)"
        ),
        "{msg}"
    );
    assert!(
        msg.contains(&format!("it begins `{}…`", "y".repeat(100))),
        "{msg}"
    );
    assert!(err.len() < 1000, "{err}");
    assert!(took < Duration::from_secs(5), "{took:?}");
}

/// The peak memory (VmHWM) of a running process, in bytes.
#[cfg(target_os = "linux")]
fn peak_memory(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap();
    kb * 1024
}

#[cfg(target_os = "linux")]
#[test]
fn an_overlong_line_is_skipped_in_bounded_memory() {
    // A 256 MiB line streamed through standard input: the run's peak memory stays far below it.
    let mut child = yardstick()
        .args(["batch", HYGIENE, "-", "--max-line-bytes", "4096"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let mut stdin = child.stdin.take().unwrap();
    let piece = vec![b'z'; 1 << 20];
    let size: u64 = 256 << 20;
    stdin.write_all(b"{\"score\": \"").unwrap();
    for _ in 0..256 {
        stdin.write_all(&piece).unwrap();
    }
    stdin.write_all(b"\"}\n{\"score\": 95}\n").unwrap();
    stdin.flush().unwrap();
    // Still running (its standard input is open), and it has read nearly all of the line.
    std::thread::sleep(Duration::from_millis(100));
    let peak = peak_memory(pid);
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(lines_of(&rows(&out.stdout)), [2]);
    let msg = error_at(&err, "-", 1);
    assert!(
        msg.contains(&format!("line of {} bytes is longer", size + 13)),
        "{msg}"
    );
    assert!(msg.len() < 300, "{msg}");
    assert!(peak < 96 << 20, "peak memory {} MiB", peak >> 20);
}

#[test]
fn a_csv_record_over_the_limit_is_a_bad_row() {
    let dir = tempdir();
    let max = 40;
    let cell = |n: usize| format!("\"{}\",90", "n".repeat(n - 5)); // a record of n bytes
    let mut f = String::from("name,score\n"); // 1
    f.push_str(&format!("{}\n", cell(max))); // 2: the limit
    f.push_str(&format!("{}\n", cell(max + 1))); // 3: one byte more
    f.push_str(&format!("{}\r\n", cell(max))); // 4: the limit, CRLF
    f.push_str("\n\n"); // 5, 6: blank
                        // 7–12: a quoted field of 2 MiB over six lines
    let big = "q".repeat(400 << 10);
    f.push_str(&format!(
        "\"{big}\n{big}\n{big}\n{big}\n{big}\n{big}\",90\n"
    ));
    f.push_str("last,95\n"); // 13
    f.push_str(&cell(max)); // 14: the limit at the end, no final line end
    let input = dir.path().join("rows.csv");
    write(&input, f.as_bytes());
    let name = input.display().to_string();
    let out = run(&[
        "batch",
        HYGIENE,
        &name,
        "--max-line-bytes",
        &max.to_string(),
    ]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let got = rows(&out.stdout);
    assert_eq!(lines_of(&got), [2, 4, 13, 14], "{err}");
    assert_eq!(got[2]["name"], "last");
    let msg = error_at(&err, &name, 3);
    assert!(
        msg.contains(&format!(
            "record of {} bytes is longer than the limit of {max} bytes",
            max + 1
        )),
        "{msg}"
    );
    let msg = error_at(&err, &name, 7);
    assert!(msg.contains("record of"), "{msg}");
    assert!(
        msg.contains(&format!("it begins `\"{}…`", "q".repeat(99))),
        "{msg}"
    );
    assert!(msg.len() < 300, "{msg}");

    // An overlong header stops the run (exit 1).
    write(&input, format!("{}\n1\n", "h".repeat(max + 1)).as_bytes());
    let out = run(&[
        "batch",
        HYGIENE,
        &name,
        "--max-line-bytes",
        &max.to_string(),
    ]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(":1: cannot read the CSV header: record of"),
        "{err}"
    );
}

#[test]
fn a_huge_bad_value_or_key_is_quoted_briefly() {
    let dir = tempdir();
    let long = "é".repeat(10_000);
    let many: Vec<String> = (0..60).map(|i| format!("\"k{i}\": 1")).collect();
    let f = format!(
        "{{\"score\": \"{long}\"}}\n{{\"{long}\": 1}}\n{{{}}}\n{{\"standard\": \"{long}\", \"inputs\": {{}}}}\n",
        many.join(", ")
    );
    let input = dir.path().join("rows.jsonl");
    write(&input, f.as_bytes());
    let name = input.display().to_string();
    let out = run(&["batch", HYGIENE, &name]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let cut = format!("{}…", "é".repeat(100));
    let msg = error_at(&err, &name, 1);
    // The quote (`"` included) is cut at about 100 characters.
    assert!(
        msg.contains(&format!("must be a number, not \"{}…", "é".repeat(99))),
        "{msg}"
    );
    assert!(!msg.contains(&"é".repeat(101)), "{msg}");
    let msg = error_at(&err, &name, 2);
    assert!(msg.contains(&format!("`{cut}`: ")), "{msg}");
    assert!(msg.chars().count() < 600, "{msg}");
    let msg = error_at(&err, &name, 3);
    assert!(msg.contains("`k0`: "), "{msg}");
    assert!(msg.ends_with("; … and 10 more problems"), "{msg}");
    assert!(!msg.contains("`k59`"), "{msg}");
    let msg = error_at(&err, &name, 4);
    assert!(msg.contains(&cut), "{msg}");
    assert!(!msg.contains(&"é".repeat(101)), "{msg}");
    assert!(msg.chars().count() < 600, "{msg}");
    assert!(err.chars().count() < 10_000, "{err}");
}
