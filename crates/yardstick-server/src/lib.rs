//! `yardstick serve`: the facade's typed contract over HTTP, for systems not written in Rust.
//!
//! One binary, one folder: the standards folder is compiled into a library ([`state`]), watched and
//! recompiled aside when it changes or on SIGHUP, and swapped in only when it checks clean ([`reload`]);
//! the routes ([`routes`], described by `openapi.json`) evaluate assessments one at a time or as a
//! stream of JSON Lines, list the standards, give their schemas and printed pages, check documents and
//! diff versions. Every error is the facade's `ErrorReport` with a stable code and an HTTP status
//! ([`error`]); every request and body has a named limit ([`Limits`]); evaluations are optionally written
//! to a decision log ([`decision_log`]); `/metrics` is Prometheus text ([`metrics`]); the log is one JSON
//! object per line on standard error ([`log`]). SIGTERM or Ctrl-C stops accepting connections and
//! finishes the requests in flight.

pub mod decision_log;
pub mod error;
pub mod log;
pub mod metrics;
pub mod reload;
pub mod routes;
pub mod state;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use yardstick::catalogue::server as cat;
use yardstick::Msg;

/// The stable codes of the server's own errors (the facade's codes are used for everything else:
/// Y07xx assessments, Y08xx finding a standard, Y0901 a bad argument, a document's codes for /v1/check).
pub mod codes {
    /// 400: a query parameter, or a body that is not UTF-8 or not what the route takes.
    pub const BAD_ARGUMENT: &str = yardstick::bindings::BAD_ARGUMENT;
    /// 413: a body over the route's limit.
    pub const TOO_LARGE: &str = "Y0902";
    /// 503: no library loaded yet.
    pub const NOT_READY: &str = "Y0903";
    /// 404: no such route.
    pub const NO_ROUTE: &str = "Y0904";
    /// 405: the route does not take this method.
    pub const WRONG_METHOD: &str = "Y0905";
    /// 413 (/v1/diff), or one row of /v1/batch: over a count or line limit.
    pub const OVER_LIMIT: &str = "Y0906";
    /// The last line of a /v1/batch answer that stopped at its row limit.
    pub const TOO_MANY_ROWS: &str = "Y0907";
    /// 408: a request that took longer than [`super::Limits::request_timeout`].
    pub const TOO_SLOW: &str = "Y0908";
    /// 500: a bug.
    pub const INTERNAL: &str = "Y0909";
    /// Every code of the server.
    pub const ALL: &[&str] = &[
        TOO_LARGE,
        NOT_READY,
        NO_ROUTE,
        WRONG_METHOD,
        OVER_LIMIT,
        TOO_MANY_ROWS,
        TOO_SLOW,
        INTERNAL,
    ];
}

/// Every size and time a request may take. Evaluation work is bounded by the facade's
/// [`yardstick::SearchBudget`] ([`Config::search_steps`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The body of `/v1/evaluate` and `/v1/diff`, in bytes.
    pub max_body_bytes: usize,
    /// The body of `/v1/check` (a document's text), in bytes: the facade's own document limit.
    pub max_document_bytes: usize,
    /// One line of `/v1/batch`, in bytes, line end excluded (a longer line is a row error).
    pub max_line_bytes: usize,
    /// Rows of one `/v1/batch` request (the rest is not read; the last line says so).
    pub max_batch_rows: usize,
    /// Assessments re-evaluated by one `/v1/diff`.
    pub max_diff_assessments: usize,
    /// The longest a request may take (a batch: until its response has started).
    pub request_timeout: Duration,
}

impl Limits {
    pub const DEFAULT_MAX_BODY_BYTES: usize = 1 << 20;
    pub const DEFAULT_MAX_LINE_BYTES: usize = 1 << 20;
    pub const DEFAULT_MAX_BATCH_ROWS: usize = 1_000_000;
    pub const DEFAULT_MAX_DIFF_ASSESSMENTS: usize = 1000;
    pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body_bytes: Limits::DEFAULT_MAX_BODY_BYTES,
            max_document_bytes: yardstick::MAX_DOCUMENT_BYTES,
            max_line_bytes: Limits::DEFAULT_MAX_LINE_BYTES,
            max_batch_rows: Limits::DEFAULT_MAX_BATCH_ROWS,
            max_diff_assessments: Limits::DEFAULT_MAX_DIFF_ASSESSMENTS,
            request_timeout: Limits::DEFAULT_REQUEST_TIMEOUT,
        }
    }
}

/// The decision log: where, and when to rotate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecisionLogConfig {
    pub path: PathBuf,
    /// Leave the inputs out of every line.
    pub mask_inputs: bool,
    /// Rotate before a line would take the file past this many bytes.
    pub max_bytes: u64,
    /// Rotated files kept (`FILE.1` newest … `FILE.N`).
    pub keep: usize,
}

impl DecisionLogConfig {
    pub const DEFAULT_MAX_BYTES: u64 = 64 << 20;
    pub const DEFAULT_KEEP: usize = 5;
}

/// How to run.
#[derive(Clone, Debug)]
pub struct Config {
    pub standards: PathBuf,
    pub addr: SocketAddr,
    pub decision_log: Option<DecisionLogConfig>,
    pub limits: Limits,
    /// The facade's search budget per evaluation (fixes, partial answers, diff probes); `None`: its default.
    pub search_steps: Option<u64>,
    /// Let an `as_of` pick a draft whose window contains the day (as `yardstick eval --include-drafts`).
    pub include_drafts: bool,
    /// How often the folder is compared with what was loaded; `None`: only SIGHUP reloads.
    pub poll: Option<Duration>,
    /// One log line per request (errors and reloads are always logged).
    pub log_requests: bool,
}

impl Config {
    pub const DEFAULT_ADDR: &'static str = "127.0.0.1:8750";
    pub const DEFAULT_POLL: Duration = Duration::from_millis(1000);

    /// The defaults for a folder, on `addr`.
    pub fn new(standards: PathBuf, addr: SocketAddr) -> Config {
        Config {
            standards,
            addr,
            decision_log: None,
            limits: Limits::default(),
            search_steps: None,
            include_drafts: false,
            poll: Some(Config::DEFAULT_POLL),
            log_requests: true,
        }
    }
}

/// Bind `config.addr` and serve until SIGTERM or Ctrl-C (on a runtime of its own, one worker per core).
pub fn run(config: Config) -> Result<(), Msg> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| cat::cannot_listen(&config.addr.to_string(), &e.to_string()))?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(config.addr)
            .await
            .map_err(|e| cat::cannot_listen(&config.addr.to_string(), &e.to_string()))?;
        serve(listener, config, shutdown_signal()).await
    })
}

/// Serve on a bound listener until `shutdown` completes, then finish the requests in flight.
pub async fn serve(
    listener: tokio::net::TcpListener,
    config: Config,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), Msg> {
    let addr = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_else(|_| config.addr.to_string());
    let decisions = match &config.decision_log {
        Some(c) => Some(Arc::new(
            decision_log::DecisionLog::open(c.clone())
                .map_err(|e| cat::cannot_open_log(&c.path.display().to_string(), &e.to_string()))?,
        )),
        None => None,
    };
    let shared = Arc::new(state::Shared::new(config, decisions));
    let app = routes::router(shared.clone());
    log::info("listening", &cat::listening(&addr), &[("addr", &addr)]);
    let reloader = tokio::spawn(reload::watch(shared.clone()));
    let result = axum::serve(listener, app)
        .with_graceful_shutdown(async move {
            shutdown.await;
            log::info("shutting_down", &cat::shutting_down(), &[]);
        })
        .await;
    reloader.abort();
    if let Some(d) = &shared.decisions {
        d.sync();
    }
    log::info("stopped", &cat::stopped(), &[]);
    result.map_err(|e| cat::cannot_listen(&addr, &e.to_string()))
}

/// SIGTERM or Ctrl-C.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    futures_util::future::select(Box::pin(ctrl_c), Box::pin(term)).await;
}
