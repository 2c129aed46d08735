#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The cluster path of issue 19 (docs/scale.md, "The cluster path"): `yardstick_eval` on a
//! datafusion-distributed cluster. Two workers are tonic gRPC services on loopback listeners
//! (`127.0.0.1:0`, the ports the system gives) inside this test; the coordinator plans the query with the
//! distributed planner and a worker resolver returning both URLs; the plan crosses to the workers as
//! datafusion-proto, where `yardstick_eval` is decoded by name from each worker's session. The parity
//! rows, split into four Parquet files, are grouped by outcome, level and error through the cluster and
//! through a one-process session: the same groups, counts and sums of exceedance.
//!
//! Each side registers the function wrapped in [`Counted`], which counts the rows it evaluates: every
//! row is evaluated by a worker, both workers evaluate some, and the coordinator none.

mod common;

use common::*;
use datafusion::arrow::array::RecordBatch;
use datafusion::arrow::datatypes::{DataType, FieldRef};
use datafusion::arrow::util::pretty::pretty_format_batches;
use datafusion::common::{DataFusionError, Result};
use datafusion::execution::SessionStateBuilder;
use datafusion::logical_expr::{
    ColumnarValue, ReturnFieldArgs, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature,
};
use datafusion::physical_plan::collect;
use datafusion::prelude::{ParquetReadOptions, SessionContext};
use datafusion_distributed::{
    display_plan_ascii, DistributedExt, SessionStateBuilderExt, Worker, WorkerQueryContext,
    WorkerResolver,
};
use std::hash::{Hash, Hasher};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use tokio::net::TcpListener;
use tokio_stream::wrappers::TcpListenerStream;
use url::Url;
use yardstick::Library;
use yardstick_datafusion::YardstickEval;

const ROWS: usize = 20_000;
const FILES: usize = 4;

/// `yardstick_eval` counting the rows it evaluates (everything else is the function's own).
#[derive(Debug)]
struct Counted {
    inner: YardstickEval,
    rows: Arc<AtomicUsize>,
}

impl PartialEq for Counted {
    fn eq(&self, other: &Self) -> bool {
        self.inner == other.inner && Arc::ptr_eq(&self.rows, &other.rows)
    }
}

impl Eq for Counted {}

impl Hash for Counted {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.inner.hash(state);
        (Arc::as_ptr(&self.rows) as usize).hash(state);
    }
}

impl ScalarUDFImpl for Counted {
    fn name(&self) -> &str {
        self.inner.name()
    }
    fn signature(&self) -> &Signature {
        self.inner.signature()
    }
    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        self.inner.return_type(arg_types)
    }
    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        self.inner.return_field_from_args(args)
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        self.rows.fetch_add(args.number_rows, Ordering::Relaxed);
        self.inner.invoke_with_args(args)
    }
}

fn counted(library: &Arc<Library>) -> (Arc<ScalarUDF>, Arc<AtomicUsize>) {
    let rows = Arc::new(AtomicUsize::new(0));
    let f = Counted {
        inner: YardstickEval::new(library.clone()),
        rows: rows.clone(),
    };
    (Arc::new(ScalarUDF::new_from_impl(f)), rows)
}

/// The workers' URLs, as the coordinator's planner asks for them.
struct Loopback(Vec<Url>);

impl WorkerResolver for Loopback {
    fn get_urls(&self) -> Result<Vec<Url>, DataFusionError> {
        Ok(self.0.clone())
    }
}

/// A worker with the function registered, served by tonic on a loopback port; its URL.
async fn start_worker(udf: Arc<ScalarUDF>) -> Url {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let worker = Worker::from_session_builder(move |ctx: WorkerQueryContext| {
        let udf = udf.clone();
        async move {
            // The builder has the default functions (named_struct, get_field, sum…); add ours to them
            // (`with_scalar_functions` would replace them).
            let mut builder = ctx.builder;
            builder.scalar_functions().get_or_insert_default().push(udf);
            Ok(builder.build())
        }
    });
    tokio::spawn(async move {
        tonic::transport::Server::builder()
            .add_service(worker.into_worker_server())
            .serve_with_incoming(TcpListenerStream::new(listener))
            .await
            .unwrap();
    });
    Url::parse(&format!("http://127.0.0.1:{port}")).unwrap()
}

fn query() -> String {
    format!(
        "SELECT r['outcome'] AS outcome, r['levels']['level'] AS level, r['error']['code'] AS error, \
                count(*) AS n, sum(r['outputs']['exceedance']) AS exceedance \
         FROM (SELECT yardstick_eval({FLY_SQL_ARGS}) AS r FROM fly) \
         GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"
    )
}

fn text(batches: &[RecordBatch]) -> String {
    pretty_format_batches(batches).unwrap().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_two_worker_cluster_and_one_process_agree() {
    let t = std::time::Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let rows = fly_rows(ROWS, 19);
    let data = dir.path().join("fly");
    std::fs::create_dir(&data).unwrap();
    for (i, part) in rows.chunks(ROWS / FILES).enumerate() {
        write_parquet(part, &data.join(format!("part-{i}.parquet")));
    }
    let library = Arc::new(shipped());
    let table = format!("{}/", data.display());

    // One process.
    let local = SessionContext::new_with_config(yardstick_datafusion::session_config());
    let (udf_l, rows_l) = counted(&library);
    local.register_udf((*udf_l).clone());
    local
        .register_parquet("fly", &table, ParquetReadOptions::default())
        .await
        .unwrap();
    let expected = local.sql(&query()).await.unwrap().collect().await.unwrap();

    // The cluster: two workers, a coordinator.
    let (udf_a, rows_a) = counted(&library);
    let (udf_b, rows_b) = counted(&library);
    let urls = vec![start_worker(udf_a).await, start_worker(udf_b).await];
    let (udf_c, rows_c) = counted(&library);
    let state = SessionStateBuilder::new()
        .with_default_features()
        // Before the distributed planner, which adds its own options to this configuration.
        .with_config(yardstick_datafusion::session_config())
        .with_distributed_planner()
        .with_distributed_worker_resolver(Loopback(urls.clone()))
        // Small files: one byte per partition asks for as many tasks as there are workers.
        .with_distributed_file_scan_config_bytes_per_partition(1)
        .unwrap()
        .build();
    let cluster = SessionContext::from(state);
    cluster.register_udf((*udf_c).clone());
    cluster
        .register_parquet("fly", &table, ParquetReadOptions::default())
        .await
        .unwrap();
    let plan = cluster
        .sql(&query())
        .await
        .unwrap()
        .create_physical_plan()
        .await
        .unwrap();
    let shown = display_plan_ascii(plan.as_ref(), false);
    eprintln!("{shown}");
    let got = collect(plan, cluster.task_ctx()).await.unwrap();
    eprintln!("{}", text(&got));

    // The same groups, counts and sums.
    assert_eq!(text(&got), text(&expected));
    let total: i64 = expected
        .iter()
        .map(|b| {
            datafusion::arrow::compute::sum(
                b.column_by_name("n")
                    .unwrap()
                    .as_any()
                    .downcast_ref::<datafusion::arrow::array::Int64Array>()
                    .unwrap(),
            )
            .unwrap_or(0)
        })
        .sum();
    assert_eq!(total, ROWS as i64);
    assert!(
        expected.iter().map(|b| b.num_rows()).sum::<usize>() > 5,
        "levels, unknowns and errors make several groups"
    );

    // The plan is distributed: a coordinator head, and yardstick_eval in a stage of two tasks below it.
    assert!(shown.contains("DistributedExec"), "{shown}");
    let (head, stages) = shown
        .split_once("Stage ")
        .unwrap_or_else(|| panic!("no stage: {shown}"));
    assert!(!head.contains("yardstick_eval"), "{shown}");
    let eval_stage = stages
        .split("Stage ")
        .find(|s| s.contains("yardstick_eval"))
        .unwrap_or_else(|| panic!("yardstick_eval in no stage: {shown}"));
    assert!(eval_stage.contains("tasks=2"), "{shown}");

    // Every evaluation ran on a worker, both workers evaluated some rows, the coordinator none; the
    // workers together evaluated as many rows as the one process did. (DataFusion 55 pushes each of the
    // four field accesses `r['…']` into the scan's projection as its own
    // `get_field(yardstick_eval(…), …)`, so both sides evaluate every row four times: 4 × ROWS.)
    let (a, b, c, l) = (
        rows_a.load(Ordering::Relaxed),
        rows_b.load(Ordering::Relaxed),
        rows_c.load(Ordering::Relaxed),
        rows_l.load(Ordering::Relaxed),
    );
    eprintln!(
        "rows evaluated: worker {} {a}, worker {} {b}, coordinator {c}; one process {l}",
        urls[0], urls[1]
    );
    assert_eq!(c, 0);
    assert_eq!(a + b, l);
    assert!(l >= ROWS && l % ROWS == 0, "{l}");
    assert!(a > 0 && b > 0, "{a} and {b}");
    eprintln!("done in {:?}", t.elapsed());
}
