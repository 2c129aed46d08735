#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The parity test of issue 19: `yardstick_eval` over a 100,000-row Parquet file and `yardstick batch`
//! (the CLI binary) over the same rows as CSV give the same result row for row: outcome, level, failing
//! items, every output (exact decimals, infinite multiples, missing values), and the same error for
//! every bad row.

mod common;

use common::*;
use datafusion::arrow::array::{Array, AsArray, RecordBatch};
use datafusion::arrow::datatypes::Decimal128Type;
use datafusion::prelude::SessionContext;
use std::collections::HashMap;
use std::process::Command;
use yardstick::Json;

const ROWS: usize = 100_000;

/// One row's result, as both sides are turned into it.
#[derive(Debug, PartialEq, Eq)]
enum Res {
    Ok {
        outcome: String,
        grade: Option<String>,
        failing: Vec<String>,
        level: Option<String>,
        /// The exceedance as a Decimal128(38, 10) value, `inf`/`-inf`, or `None` when missing.
        exceedance: Option<String>,
    },
    Error(String),
}

fn cli_results(csv: &std::path::Path, out: &std::path::Path) -> HashMap<String, Res> {
    let bin = yardstick_bin(false);
    let o = Command::new(bin)
        .arg("batch")
        .arg("cn.vector.fly")
        .arg(csv)
        .arg("-o")
        .arg(out)
        .arg("--standards")
        .arg(root().join("standards"))
        .output()
        .unwrap();
    let stderr = String::from_utf8(o.stderr).unwrap();
    let mut res = HashMap::new();
    // Bad rows: "error: PATH:LINE: REASON", LINE 2 being the first row after the header.
    let prefix = format!("error: {}:", csv.display());
    for l in stderr.lines() {
        if let Some(rest) = l.strip_prefix(&prefix) {
            let (line, reason) = rest.split_once(": ").unwrap();
            let line: usize = line.parse().unwrap();
            res.insert(format!("r{}", line - 2), Res::Error(reason.to_string()));
        }
    }
    let text = std::fs::read_to_string(out).unwrap();
    for l in text.lines() {
        let v = Json::parse(l).unwrap();
        let s = |k: &str| v.get(k).and_then(Json::as_str).map(str::to_string);
        let outputs = v.get("outputs").unwrap();
        let exceedance = match outputs.get("exceedance") {
            None | Some(Json::Null) => None,
            Some(Json::Number(t)) => {
                let d: rust_decimal::Decimal = t.parse().unwrap();
                Some(yardstick_datafusion::to_decimal128(d).unwrap().to_string())
            }
            Some(Json::String(s)) if s == "infinite" => Some("inf".into()),
            Some(Json::String(s)) if s == "-infinite" => Some("-inf".into()),
            Some(other) => panic!("exceedance {other:?}"),
        };
        let failing = match v.get("failing") {
            Some(Json::Array(a)) => a.iter().map(|x| x.as_str().unwrap().to_string()).collect(),
            _ => panic!("failing"),
        };
        let name = s("name").unwrap();
        res.insert(
            name,
            Res::Ok {
                outcome: s("outcome").unwrap(),
                grade: s("grade"),
                failing,
                level: outputs
                    .get("level")
                    .and_then(Json::as_str)
                    .map(str::to_string),
                exceedance,
            },
        );
    }
    res
}

fn sql_results(batches: &[RecordBatch]) -> HashMap<String, Res> {
    let mut res = HashMap::new();
    for b in batches {
        // Parquet text is read as Utf8View.
        let names = datafusion::arrow::compute::cast(
            b.column(0),
            &datafusion::arrow::datatypes::DataType::Utf8,
        )
        .unwrap();
        let names = names.as_string::<i32>();
        let r = b.column(1).as_struct();
        let field = |name: &str| r.column_by_name(name).unwrap().clone();
        let outcome = field("outcome");
        let outcome = outcome.as_string::<i32>();
        let grade = field("grade");
        let grade = grade.as_string::<i32>();
        let failing = field("failing");
        let failing = failing.as_list::<i32>();
        let outputs = field("outputs");
        let outputs = outputs.as_struct();
        let level = outputs
            .column_by_name("level")
            .unwrap()
            .as_string::<i32>()
            .clone();
        let exc = outputs
            .column_by_name("exceedance")
            .unwrap()
            .as_primitive::<Decimal128Type>()
            .clone();
        let infinite = field("infinite");
        let infinite = infinite.as_list::<i32>();
        let error = field("error");
        let error = error.as_struct();
        let en = error
            .column_by_name("en")
            .unwrap()
            .as_string::<i32>()
            .clone();
        for i in 0..b.num_rows() {
            let name = names.value(i).to_string();
            let row = if error.is_valid(i) {
                assert!(outcome.is_null(i) && outputs.is_null(i) && failing.is_null(i));
                Res::Error(en.value(i).to_string())
            } else {
                let inf: Vec<String> = {
                    let a = infinite.value(i);
                    let a = a.as_string::<i32>();
                    (0..a.len()).map(|k| a.value(k).to_string()).collect()
                };
                let exceedance = if exc.is_valid(i) {
                    Some(exc.value(i).to_string())
                } else if inf.iter().any(|x| x == "exceedance") {
                    Some("inf".into())
                } else if inf.iter().any(|x| x == "-exceedance") {
                    Some("-inf".into())
                } else {
                    None
                };
                let f = failing.value(i);
                let f = f.as_string::<i32>();
                Res::Ok {
                    outcome: outcome.value(i).to_string(),
                    grade: grade.is_valid(i).then(|| grade.value(i).to_string()),
                    failing: (0..f.len()).map(|k| f.value(k).to_string()).collect(),
                    level: level.is_valid(i).then(|| level.value(i).to_string()),
                    exceedance,
                }
            };
            res.insert(name, row);
        }
    }
    res
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sql_and_yardstick_batch_agree_on_100000_parquet_rows() {
    let t = std::time::Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let rows = fly_rows(ROWS, 19);
    let parquet = dir.path().join("fly.parquet");
    let csv = dir.path().join("fly.csv");
    write_parquet(&rows, &parquet);
    write_csv(&rows, &csv);

    let ctx = SessionContext::new();
    yardstick_datafusion::register(&ctx, &shipped());
    ctx.register_parquet("fly", parquet.to_str().unwrap(), Default::default())
        .await
        .unwrap();
    let batches = ctx
        .sql(&format!(
            "SELECT name, yardstick_eval({FLY_SQL_ARGS}) AS r FROM fly"
        ))
        .await
        .unwrap()
        .collect()
        .await
        .unwrap();
    eprintln!("written and evaluated through SQL: {:?}", t.elapsed());
    let sql = sql_results(&batches);
    eprintln!("read back: {:?}", t.elapsed());
    let cli = cli_results(&csv, &dir.path().join("out.jsonl"));
    eprintln!("yardstick batch: {:?}", t.elapsed());

    assert_eq!(sql.len(), ROWS);
    assert_eq!(cli.len(), ROWS);
    let mut mismatches = Vec::new();
    for r in &rows {
        let (a, b) = (sql.get(&r.name), cli.get(&r.name));
        if a != b {
            mismatches.push(format!("{}: sql {a:?}, batch {b:?}", r.name));
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} rows differ, first: {:#?}",
        mismatches.len(),
        &mismatches[..mismatches.len().min(5)]
    );

    // The rows exercise what they are meant to: every level, missing answers, bad rows, infinite
    // multiples.
    let mut levels: HashMap<String, usize> = HashMap::new();
    let (mut errors, mut unknown, mut infinite) = (0, 0, 0);
    for r in sql.values() {
        match r {
            Res::Error(_) => errors += 1,
            Res::Ok {
                outcome,
                level,
                exceedance,
                ..
            } => {
                if outcome == "unknown" {
                    unknown += 1;
                }
                if exceedance.as_deref() == Some("inf") {
                    infinite += 1;
                }
                *levels.entry(level.clone().unwrap_or_default()).or_default() += 1;
            }
        }
    }
    for l in ["A", "B", "C", "D"] {
        assert!(levels.get(l).copied().unwrap_or(0) > 100, "{levels:?}");
    }
    assert!(errors > 100, "{errors} bad rows");
    assert!(unknown > 100, "{unknown} unknown");
    assert!(infinite > 100, "{infinite} infinite");
}
