#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The `yardstick-sql` binary: tables and CSV out, CSV and Parquet in, clear errors.

mod common;

use common::*;
use std::process::{Command, Output};

fn sql(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yardstick-sql"))
        .arg("--standards")
        .arg(root().join("standards"))
        .args(args)
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).unwrap()
}

#[test]
fn a_query_over_a_parquet_file_by_path_as_a_table_and_as_csv() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fly_2024.parquet");
    write_parquet(&fly_rows(10, 3), &path);
    let q = format!(
        "SELECT name, yardstick_eval({FLY_SQL_ARGS})['levels']['level'] AS level, \
         yardstick_eval({FLY_SQL_ARGS})['error']['code'] AS error FROM '{}' ORDER BY name",
        path.display()
    );
    let o = sql(&[&q]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    insta::assert_snapshot!("table", text(&o.stdout));
    assert!(text(&o.stderr).contains("10 row(s)"));
    let o = sql(&["--format", "csv", &q]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    insta::assert_snapshot!("csv", text(&o.stdout));
}

#[test]
fn a_csv_table_is_read_as_text_so_decimals_stay_exact() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fly.csv");
    write_csv(&fly_rows(10, 3), &path);
    let q = format!(
        "SELECT name, room_positive_rate, yardstick_eval({FLY_SQL_ARGS})['levels']['level'] AS level, \
         yardstick_eval({FLY_SQL_ARGS})['error']['code'] AS error FROM fly ORDER BY name"
    );
    let table = format!("fly={}", path.display());
    let o = sql(&[
        "--table",
        &table,
        "--format",
        "csv",
        "--partitions",
        "1",
        &q,
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    // The same levels as the Parquet file of the same rows.
    let parquet = dir.path().join("fly.parquet");
    write_parquet(&fly_rows(10, 3), &parquet);
    let p = sql(&[
        "--format",
        "csv",
        &format!(
            "SELECT name, CAST(room_positive_rate AS VARCHAR) AS room_positive_rate, \
             yardstick_eval({FLY_SQL_ARGS})['levels']['level'] AS level, \
             yardstick_eval({FLY_SQL_ARGS})['error']['code'] AS error FROM '{}' ORDER BY name",
            parquet.display()
        ),
    ]);
    assert_eq!(text(&o.stdout), text(&p.stdout));
}

#[test]
fn errors_are_clear_with_their_codes_and_exit_codes() {
    let o = sql(&["--table", "x=/no/such/file.parquet", "SELECT 1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("[Y0958]: /no/such/file.parquet: no such file or folder"),
        "{}",
        text(&o.stderr)
    );
    let o = sql(&["--table", "nonsense", "SELECT 1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("[Y0959]"), "{}", text(&o.stderr));
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("a.json");
    std::fs::write(&json, "{}").unwrap();
    let o = sql(&["--table", &format!("a={}", json.display()), "SELECT 1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("reads .csv and .parquet files"),
        "{}",
        text(&o.stderr)
    );
    let o = sql(&["SELECT yardstick_eval('no.such', NULL, named_struct('a', 1))"]);
    assert_eq!(o.status.code(), Some(1));
    let e = text(&o.stderr);
    assert!(e.contains("[Y0960]") && e.contains("Y0801"), "{e}");
    let o = Command::new(env!("CARGO_BIN_EXE_yardstick-sql"))
        .args(["--standards", "/no/such/folder", "SELECT 1"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("[Y0090]: cannot read /no/such/folder"),
        "{}",
        text(&o.stderr)
    );
}
