//! Rows per second through SQL (`yardstick_eval` over a Parquet file) against `yardstick batch` (the
//! CLI over the same rows as CSV), on 1 and 2 threads (DataFusion's target_partitions, batch's `-j`).
//!
//! `cargo run --release --example throughput [ROWS]` (default 500,000 rows of cn.vector.fly); the
//! figures go in BENCHMARKS.md. Builds the release CLI from the main workspace unless `YARDSTICK_BIN`
//! names one.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../tests/common/mod.rs"]
mod common;

use common::*;
use datafusion::prelude::{SessionConfig, SessionContext};
use std::process::Command;
use std::time::Instant;

/// Each figure is the best of this many runs (the machine is shared).
const RUNS: usize = 3;

async fn sql_secs(parquet: &str, partitions: usize, with_eval: bool) -> f64 {
    let ctx =
        SessionContext::new_with_config(SessionConfig::new().with_target_partitions(partitions));
    yardstick_datafusion::register(&ctx, &shipped());
    ctx.register_parquet("fly", parquet, Default::default())
        .await
        .unwrap();
    let q = if with_eval {
        format!(
            "SELECT r['outcome'] AS o, r['levels']['level'] AS l, count(*) AS n \
             FROM (SELECT yardstick_eval({FLY_SQL_ARGS}) AS r FROM fly) GROUP BY o, l"
        )
    } else {
        // The scan and the grouping alone, for scale.
        "SELECT ready_to_eat_sites_with_flies AS o, count(room_positive_rate) AS n FROM fly GROUP BY o"
            .to_string()
    };
    let mut best = f64::MAX;
    for _ in 0..RUNS {
        let t = Instant::now();
        let b = ctx.sql(&q).await.unwrap().collect().await.unwrap();
        assert!(!b.is_empty());
        best = best.min(t.elapsed().as_secs_f64());
    }
    best
}

fn batch_secs(bin: &std::path::Path, csv: &std::path::Path, threads: usize) -> f64 {
    let out = csv.with_extension("out.jsonl");
    let mut best = f64::MAX;
    for _ in 0..RUNS {
        let t = Instant::now();
        let o = Command::new(bin)
            .arg("batch")
            .arg("cn.vector.fly")
            .arg(csv)
            .arg("-o")
            .arg(&out)
            .arg("-j")
            .arg(threads.to_string())
            .arg("--standards")
            .arg(root().join("standards"))
            .output()
            .unwrap();
        // Exit 1: some rows are bad on purpose (reported, not fatal).
        assert!(o.status.code().is_some_and(|c| c <= 1));
        best = best.min(t.elapsed().as_secs_f64());
    }
    best
}

#[tokio::main]
async fn main() {
    let rows: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(500_000);
    let dir = tempfile::tempdir().unwrap();
    let data = fly_rows(rows, 19);
    let parquet = dir.path().join("fly.parquet");
    let csv = dir.path().join("fly.csv");
    write_parquet(&data, &parquet);
    write_csv(&data, &csv);
    drop(data);
    let bin = yardstick_bin(true);
    let p = parquet.to_str().unwrap();
    println!("{rows} rows of cn.vector.fly, best of {RUNS} runs");
    println!("| path | threads | seconds | rows/s |");
    println!("| --- | ---: | ---: | ---: |");
    for threads in [1, 2] {
        let s = sql_secs(p, threads, true).await;
        println!(
            "| SQL yardstick_eval over Parquet | {threads} | {s:.3} | {:.0} |",
            rows as f64 / s
        );
        let s = batch_secs(&bin, &csv, threads);
        println!(
            "| yardstick batch CSV → JSON Lines | {threads} | {s:.3} | {:.0} |",
            rows as f64 / s
        );
        let s = sql_secs(p, threads, false).await;
        println!(
            "| SQL scan and group only (no evaluation) | {threads} | {s:.3} | {:.0} |",
            rows as f64 / s
        );
    }
}
