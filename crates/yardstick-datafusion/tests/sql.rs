#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! `yardstick_eval` through SQL: bad rows, exact decimals, unknown standards and inputs, versions and
//! as-of dates, the result's shape.

mod common;

use common::*;
use datafusion::arrow::array::{AsArray, RecordBatch};
use datafusion::arrow::util::pretty::pretty_format_batches;
use datafusion::prelude::SessionContext;
use yardstick::Library;

fn ctx_with(lib: &Library) -> SessionContext {
    let ctx = SessionContext::new_with_config(yardstick_datafusion::session_config());
    yardstick_datafusion::register(&ctx, lib);
    ctx
}

async fn query(ctx: &SessionContext, sql: &str) -> datafusion::error::Result<Vec<RecordBatch>> {
    ctx.sql(sql).await?.collect().await
}

async fn table(ctx: &SessionContext, sql: &str) -> String {
    pretty_format_batches(&query(ctx, sql).await.unwrap())
        .unwrap()
        .to_string()
}

async fn plan_error(ctx: &SessionContext, sql: &str) -> String {
    match query(ctx, sql).await {
        Ok(b) => panic!("planned: {}", pretty_format_batches(&b).unwrap()),
        Err(e) => e.to_string(),
    }
}

const FLY: &str = "named_struct('room_positive_rate', 17.60, 'flies_per_positive_room', 2, \
    'breeding_site_positive_rate', 1, 'proofing_compliance_rate', 99, \
    'ready_to_eat_sites_with_flies', 0)";

#[tokio::test]
async fn a_row_gives_outcome_levels_failing_outputs_hash() {
    let ctx = ctx_with(&shipped());
    let sql = format!(
        "SELECT r['outcome'] AS outcome, r['grade'] AS grade, r['levels']['level'] AS level, \
         r['failing'] AS failing, r['outputs']['exceedance'] AS exceedance, r['infinite'] AS inf, \
         r['version'] AS version, r['error'] AS error \
         FROM (SELECT yardstick_eval('cn.vector.fly', 'GB/T 27772-2011', {FLY}) AS r)"
    );
    let t = table(&ctx, &sql).await;
    // The Haidian 2019 example of the standard: D at 1.96 times the C limit.
    assert!(
        t.contains(
            "| fail    |       | D     | [level] | 1.9555555556 | []  | GB/T 27772-2011 |       |"
        ),
        "{t}"
    );
    let lib = shipped();
    let hash = lib
        .compile("cn.vector.fly", None)
        .unwrap()
        .hash()
        .to_string();
    let b = query(
        &ctx,
        &format!("SELECT yardstick_eval('cn.vector.fly', NULL, {FLY})['hash'] AS h"),
    )
    .await
    .unwrap();
    assert_eq!(b[0].column(0).as_string::<i32>().value(0), hash);
}

#[tokio::test]
async fn the_result_type_comes_from_the_standard() {
    let ctx = ctx_with(&shipped());
    let df = ctx
        .sql(&format!(
            "SELECT yardstick_eval('cn.vector.fly', NULL, {FLY}) AS r"
        ))
        .await
        .unwrap();
    let t = df.schema().field(0).data_type().to_string();
    insta::assert_snapshot!(t);
}

#[tokio::test]
async fn bad_rows_give_error_and_never_fail_the_query() {
    let ctx = ctx_with(&shipped());
    let sql = "SELECT k, r['outcome'] AS outcome, r['levels'] AS levels, r['error']['code'] AS code, \
               r['error']['en'] AS en, r['error']['zh'] AS zh FROM (SELECT k, yardstick_eval('cn.vector.fly', NULL, \
               named_struct('room_positive_rate', rate, 'ready_to_eat_sites_with_flies', shops)) AS r \
               FROM (VALUES (1, '2', '0'), (2, '101', '0'), (3, 'lots', '0'), (4, '1', '-1'), (5, NULL, NULL)) \
               AS t(k, rate, shops)) ORDER BY k";
    insta::assert_snapshot!(table(&ctx, sql).await);
}

/// A standard that gives back what it is given, to see the digits.
fn echo() -> Library {
    let mut lib = Library::new();
    lib.add(
        "echo.yard",
        r#"standard demo.echo {
  version "1"
  input x: number
  input p: percent
  input s: series 3 of number
  output same = x
  output share = p
  output third = x / 3
  output all = s
  basic { item b1 { x >= 0 } }
}"#,
    )
    .unwrap();
    lib
}

#[tokio::test]
async fn decimals_are_exact_or_refused() {
    let ctx = ctx_with(&echo());
    // One query per value: a VALUES list would coerce them all to one decimal type. The facade gives
    // every result number with at most 10 decimals (1.12345678901 is 1.1234567890 in `yardstick batch`
    // too), which Decimal128(38, 10) holds exactly.
    let mut out = String::new();
    for (x, s) in [
        (
            "CAST('12345678901234567890.1234567891' AS DECIMAL(38, 10))",
            "[1, 2, 3]",
        ),
        (
            "CAST('0.1' AS DECIMAL(10, 1))",
            "[CAST('0.10' AS DECIMAL(5, 2)), 2, 3]",
        ),
        ("CAST('1.12345678901' AS DECIMAL(20, 11))", "NULL"),
        ("CAST('1.12345678900' AS DECIMAL(20, 11))", "NULL"),
        (
            "CAST('1234567890123456789012345678' AS DECIMAL(38, 0))",
            "NULL",
        ),
        // 29 digits: the facade holds it, a Decimal128(38, 10) column does not (Y0956).
        (
            "CAST('12345678901234567890123456789' AS DECIMAL(38, 0))",
            "NULL",
        ),
        (
            "CAST('12345678901234567890123456789012' AS DECIMAL(38, 0))",
            "NULL",
        ),
        ("17.60", "NULL"),
    ] {
        let sql = format!(
            "SELECT r['outputs'] AS outputs, r['error']['code'] AS code, r['error']['en'] AS en \
             FROM (SELECT yardstick_eval('demo.echo', '1', named_struct('x', {x}, 's', {s})) AS r)"
        );
        out.push_str(&format!("{x}, {s}:\n{}\n", table(&ctx, &sql).await));
    }
    insta::assert_snapshot!(out);
    // Text is read as the CLI reads a CSV cell: exactly.
    let t = table(
        &ctx,
        "SELECT yardstick_eval('demo.echo', '1', named_struct('x', '0.30', 'p', '12.5'))['outputs'] AS o",
    )
    .await;
    assert!(
        t.contains("{same: 0.3000000000, share: 12.5000000000, third: 0.1000000000, all: }"),
        "{t}"
    );
}

#[tokio::test]
async fn a_float_column_is_refused_when_planning() {
    let ctx = ctx_with(&echo());
    let e = plan_error(
        &ctx,
        "SELECT yardstick_eval('demo.echo', '1', named_struct('x', CAST(0.1 AS DOUBLE)))",
    )
    .await;
    assert!(
        e.contains("input `x` is given as Float64: a float cannot hold a decimal exactly"),
        "{e}"
    );
    assert!(e.contains("[Y0954]"), "{e}");
    assert!(e.contains("浮点数无法精确表示小数"), "{e}");
    let e = plan_error(
        &ctx,
        "SELECT yardstick_eval('demo.echo', '1', named_struct('s', [CAST(0.1 AS DOUBLE)]))",
    )
    .await;
    assert!(e.contains("[Y0954]"), "{e}");
}

#[tokio::test]
async fn unknown_standards_versions_and_inputs_are_planning_errors() {
    let ctx = ctx_with(&shipped());
    let e = plan_error(
        &ctx,
        &format!("SELECT yardstick_eval('cn.vector.flies', NULL, {FLY})"),
    )
    .await;
    assert!(e.contains("[Y0801]"), "{e}");
    let e = plan_error(
        &ctx,
        &format!("SELECT yardstick_eval('cn.vector.fly', '2011', {FLY})"),
    )
    .await;
    assert!(
        e.contains("[Y0802]") && e.contains("GB/T 27772-2011"),
        "{e}"
    );
    let e = plan_error(
        &ctx,
        "SELECT yardstick_eval('cn.vector.fly', NULL, named_struct('room_positve_rate', 1))",
    )
    .await;
    assert!(
        e.contains("[Y0704]") && e.contains("room_positive_rate"),
        "{e}"
    );
    let e = plan_error(
        &ctx,
        "SELECT yardstick_eval('cn.vector.fly', NULL, named_struct('room_positive_rate', 1, 'room_positive_rate', 2))",
    )
    .await;
    assert!(e.contains("[Y0957]") || e.contains("duplicate"), "{e}");
    let e = plan_error(&ctx, "SELECT yardstick_eval('cn.vector.fly', NULL)").await;
    assert!(e.contains("[Y0951]"), "{e}");
    let e = plan_error(&ctx, "SELECT yardstick_eval('cn.vector.fly', NULL, 3)").await;
    assert!(e.contains("[Y0953]"), "{e}");
    let e = plan_error(
        &ctx,
        &format!("SELECT yardstick_eval(id, NULL, {FLY}) FROM (VALUES ('cn.vector.fly')) AS t(id)"),
    )
    .await;
    assert!(e.contains("[Y0952]"), "{e}");
    let e = plan_error(
        &ctx,
        "SELECT yardstick_eval('cn.vector.fly', NULL, named_struct('room_positive_rate', now()))",
    )
    .await;
    assert!(e.contains("[Y0955]"), "{e}");
}

#[tokio::test]
async fn a_date_picks_the_version_in_force() {
    let ctx = ctx_with(&shipped());
    // cn.vector.fly is in force from 2012-04-01 until 2025-11-01.
    let t = table(
        &ctx,
        &format!("SELECT yardstick_eval('cn.vector.fly', '2020-06-01', {FLY})['version'] AS v"),
    )
    .await;
    assert!(t.contains("GB/T 27772-2011"), "{t}");
    let e = plan_error(
        &ctx,
        &format!("SELECT yardstick_eval('cn.vector.fly', '2026-01-01', {FLY})"),
    )
    .await;
    assert!(e.contains("[Y0804]"), "{e}");
    // The sanitary-city standards: three versions, each picked by its own day.
    let mut versions = Vec::new();
    for (day, input) in [
        ("2010-01-01", "'msw_harmless_rate', 95"),
        ("2016-01-01", "'good_air_days', 300"),
        ("2022-01-01", "'public_toilets_class2', true"),
    ] {
        let b = query(
            &ctx,
            &format!(
                "SELECT yardstick_eval('cn.sanitary_city.national', '{day}', named_struct({input}))['version'] AS v"
            ),
        )
        .await
        .unwrap();
        versions.push(b[0].column(0).as_string::<i32>().value(0).to_string());
    }
    versions.dedup();
    assert_eq!(versions.len(), 3, "{versions:?}");
}

#[tokio::test]
async fn one_function_shares_its_standard_across_partitions() {
    let dir = tempfile::tempdir().unwrap();
    let rows = fly_rows(20_000, 7);
    for (k, part) in rows.chunks(5000).enumerate() {
        write_parquet(part, &dir.path().join(format!("part{k}.parquet")));
    }
    let config = datafusion::prelude::SessionConfig::new().with_target_partitions(4);
    let ctx = SessionContext::new_with_config(config);
    yardstick_datafusion::register(&ctx, &shipped());
    ctx.register_parquet("fly", dir.path().to_str().unwrap(), Default::default())
        .await
        .unwrap();
    let b = query(
        &ctx,
        &format!(
            "SELECT yardstick_eval({FLY_SQL_ARGS})['outcome'] AS o, count(*) AS n FROM fly GROUP BY o ORDER BY o"
        ),
    )
    .await
    .unwrap();
    let total: i64 = b
        .iter()
        .map(|b| {
            b.column(1)
                .as_primitive::<datafusion::arrow::datatypes::Int64Type>()
                .iter()
                .flatten()
                .sum::<i64>()
        })
        .sum();
    assert_eq!(total, 20_000);
    // The same counts as one partition.
    let one = SessionContext::new_with_config(
        datafusion::prelude::SessionConfig::new().with_target_partitions(1),
    );
    yardstick_datafusion::register(&one, &shipped());
    one.register_parquet("fly", dir.path().to_str().unwrap(), Default::default())
        .await
        .unwrap();
    let sql = format!(
        "SELECT yardstick_eval({FLY_SQL_ARGS})['outcome'] AS o, count(*) AS n FROM fly GROUP BY o ORDER BY o"
    );
    assert_eq!(table(&ctx, &sql).await, table(&one, &sql).await);
}

#[tokio::test]
async fn the_cache_keeps_one_compiled_standard_per_call_up_to_its_limit() {
    use datafusion::logical_expr::ScalarUDF;
    use std::sync::Arc;
    let lib = Arc::new(shipped());
    let f = Arc::new(yardstick_datafusion::YardstickEval::new(lib.clone()).with_cache_limit(2));
    let ctx = SessionContext::new_with_config(yardstick_datafusion::session_config());
    ctx.register_udf(ScalarUDF::new_from_shared_impl(f.clone()));
    let q = |which: &str| {
        format!(
            "SELECT yardstick_eval('cn.vector.fly', {which}, {FLY})['levels']['level'] AS l \
             FROM (VALUES (1), (2), (3)) AS t(k)"
        )
    };
    // The same call twice: one compiled standard.
    for _ in 0..2 {
        assert!(table(&ctx, &q("NULL")).await.contains("| D |"));
    }
    assert_eq!(f.cached(), 1);
    assert!(table(&ctx, &q("'2020-01-01'")).await.contains("| D |"));
    assert_eq!(f.cached(), 2);
    // At the limit: a third call still evaluates (compiled for each batch), and is not kept.
    assert!(table(&ctx, &q("'GB/T 27772-2011'")).await.contains("| D |"));
    assert_eq!(f.cached(), 2);
    assert_eq!(yardstick_datafusion::MAX_CACHED_STANDARDS, 256);
}
