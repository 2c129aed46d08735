//! The routes (described by `openapi.json`, served at `/v1/openapi.json`; a test holds the two equal).
//!
//! Every body is read with its route's limit ([`crate::Limits`]) and parsed by the facade (exact numbers,
//! bounded depth); every evaluation, check and diff runs on a blocking thread so that a long search never
//! holds up the threads that answer other connections.

use crate::error::{json_response, ApiError, ErrorCode};
use crate::log;
use crate::state::{Shared, Snapshot};
use axum::body::{Body, Bytes};
use axum::extract::{MatchedPath, Path, RawQuery, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, MethodRouter};
use axum::Router;
use futures_util::StreamExt;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Instant;
use yardstick::api::{Evaluation, Options};
use yardstick::catalogue::server as cat;
use yardstick::{Drafts, Error, Json, Lang};

/// The OpenAPI description, as served.
pub const OPENAPI: &str = include_str!("../openapi.json");

type Handler = MethodRouter<Arc<Shared>>;

/// Every route: method, path (axum's pattern, the same as OpenAPI's), handler.
fn table() -> Vec<(Method, &'static str, Handler)> {
    vec![
        (Method::POST, "/v1/evaluate", post(evaluate)),
        (Method::POST, "/v1/batch", post(batch)),
        (Method::GET, "/v1/standards", get(standards)),
        (Method::GET, "/v1/standards/{id}", get(standard)),
        (
            Method::GET,
            "/v1/standards/{id}/{version}/schema",
            get(schema),
        ),
        (Method::GET, "/v1/standards/{id}/{version}/doc", get(doc)),
        (Method::POST, "/v1/check", post(check)),
        (Method::POST, "/v1/diff", post(diff)),
        (Method::GET, "/v1/openapi.json", get(openapi)),
        (Method::GET, "/health", get(health)),
        (Method::GET, "/ready", get(ready)),
        (Method::GET, "/metrics", get(metrics)),
    ]
}

/// (method, path) of every route the router has.
pub fn routes() -> Vec<(String, String)> {
    table()
        .into_iter()
        .map(|(m, p, _)| (m.as_str().to_string(), p.to_string()))
        .collect()
}

/// The application.
pub fn router(shared: Arc<Shared>) -> Router {
    let mut r = Router::new();
    for (_, path, handler) in table() {
        r = r.route(path, handler);
    }
    r.fallback(no_route)
        .method_not_allowed_fallback(wrong_method)
        .layer(axum::middleware::from_fn_with_state(
            shared.clone(),
            observe,
        ))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            |_: Box<dyn std::any::Any + Send>| ApiError::internal().into_response(),
        ))
        .with_state(shared)
}

/// Time limit, metrics and the request log, around every request.
async fn observe(State(s): State<Arc<Shared>>, req: Request, next: Next) -> Response {
    let start = Instant::now();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_string())
        .unwrap_or_else(|| "unmatched".to_string());
    let method = req.method().as_str().to_string();
    let path = req.uri().path().to_string();
    let limit = s.config.limits.request_timeout;
    let resp = match tokio::time::timeout(limit, next.run(req)).await {
        Ok(r) => r,
        Err(_) => ApiError::new(
            StatusCode::REQUEST_TIMEOUT,
            crate::codes::TOO_SLOW,
            cat::too_slow(limit.as_secs()),
        )
        .into_response(),
    };
    let took = start.elapsed();
    let status = resp.status().as_u16();
    let code = resp.extensions().get::<ErrorCode>().map(|c| c.0.clone());
    s.metrics
        .request(&route, &method, status, took, code.as_deref());
    if s.config.log_requests || status >= 500 {
        let ms = format!("{:.3}", took.as_secs_f64() * 1000.0);
        let status_text = status.to_string();
        let mut fields: Vec<(&str, &str)> = vec![
            ("method", &method),
            ("route", &route),
            ("path", &path),
            ("status", &status_text),
            ("ms", &ms),
        ];
        if let Some(c) = &code {
            fields.push(("code", c));
        }
        log::request(&fields);
    }
    resp
}

async fn no_route(req: Request) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        crate::codes::NO_ROUTE,
        cat::no_route(&yardstick::json::quote(req.uri().path())),
    )
}

async fn wrong_method(req: Request) -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        crate::codes::WRONG_METHOD,
        cat::wrong_method(
            req.method().as_str(),
            &yardstick::json::quote(req.uri().path()),
        ),
    )
}

// ── Reading requests ──

/// Query parameters: each once, only those the route takes.
fn params(query: Option<&str>, allowed: &[&str]) -> Result<BTreeMap<String, String>, ApiError> {
    let mut out = BTreeMap::new();
    for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let (k, v) = (decode(k), decode(v));
        if !allowed.contains(&k.as_str()) {
            let expected = if allowed.is_empty() {
                "—".to_string()
            } else {
                allowed.join(", ")
            };
            return Err(ApiError::argument(cat::unknown_parameter(
                &yardstick::json::quote(&k),
                &expected,
            )));
        }
        out.insert(k, v);
    }
    Ok(out)
}

/// `%XX` and `+` decoded; a bad escape is kept as written.
fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => {
                match std::str::from_utf8(&b[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                {
                    Some(x) => {
                        out.push(x);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A yes/no parameter: `true`/`false` (or `1`/`0`), absent: no.
fn flag(p: &BTreeMap<String, String>, name: &str) -> Result<bool, ApiError> {
    match p.get(name).map(String::as_str) {
        None => Ok(false),
        Some("true" | "1" | "") => Ok(true),
        Some("false" | "0") => Ok(false),
        Some(_) => Err(ApiError::argument(cat::bad_parameter(
            name,
            "true or false",
        ))),
    }
}

fn choice<'a>(
    p: &'a BTreeMap<String, String>,
    name: &str,
    allowed: &[&'a str],
    default: &'a str,
) -> Result<&'a str, ApiError> {
    match p.get(name) {
        None => Ok(default),
        Some(v) if allowed.contains(&v.as_str()) => Ok(v.as_str()),
        Some(_) => Err(ApiError::argument(cat::bad_parameter(
            name,
            &allowed.join(" | "),
        ))),
    }
}

fn lang(p: &BTreeMap<String, String>) -> Result<Lang, ApiError> {
    let l = choice(p, "lang", &["en", "zh", "both"], "both")?;
    Ok(Lang::from_name(l).unwrap_or(Lang::Both))
}

/// The whole body, refused past `limit` bytes (413).
async fn read_body(body: Body, limit: usize) -> Result<Bytes, ApiError> {
    axum::body::to_bytes(body, limit).await.map_err(|e| {
        let over = std::error::Error::source(&e)
            .is_some_and(|s| s.is::<http_body_util::LengthLimitError>())
            || e.to_string().contains("length limit");
        if over {
            ApiError::too_large(limit)
        } else {
            ApiError::argument(cat::body_not_utf8(0))
        }
    })
}

/// The body as text (a leading byte-order mark dropped).
fn utf8(bytes: Bytes) -> Result<String, ApiError> {
    match String::from_utf8(bytes.to_vec()) {
        Ok(mut t) => {
            if t.starts_with('\u{FEFF}') {
                t.drain(..'\u{FEFF}'.len_utf8());
            }
            Ok(t)
        }
        Err(e) => Err(ApiError::argument(cat::body_not_utf8(
            e.utf8_error().valid_up_to(),
        ))),
    }
}

fn ready_snapshot(s: &Shared) -> Result<Arc<Snapshot>, ApiError> {
    s.snapshot().ok_or_else(ApiError::not_ready)
}

/// Run CPU work on a blocking thread.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|_| ApiError::internal())
}

fn with_header(mut r: Response, name: &'static str, value: &str) -> Response {
    if let Ok(v) = HeaderValue::from_str(value) {
        r.headers_mut().insert(name, v);
    }
    r
}

// ── Evaluating ──

/// One decision, as the decision log writes it.
#[derive(Serialize)]
struct Decision<'a> {
    time: String,
    route: &'a str,
    generation: u64,
    standard: &'a str,
    version: &'a str,
    hash: &'a str,
    as_of: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    outcome: &'a str,
    grade: Option<&'a str>,
    vetoed_by: &'a [yardstick::api::Id],
    failing: &'a [yardstick::api::Id],
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    inputs: Option<&'a Json>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    inputs_masked: bool,
}

/// Evaluate one assessment's text against the snapshot; count it and log the decision.
fn evaluate_one(
    s: &Shared,
    snap: &Snapshot,
    text: &str,
    options: &Options,
    drafts: Drafts,
    route: &str,
    line: Option<u64>,
) -> Result<Evaluation, Error> {
    let v = yardstick::json::read_json(text)?;
    let h = yardstick::json::header_from_json(&v)?;
    if h.standard.is_empty() {
        let m = yardstick::catalogue::standard_not_named();
        return Err(Error::NotFound(yardstick::Failure {
            code: yardstick::codes::NOT_NAMED.into(),
            en: m.en,
            zh: m.zh,
        }));
    }
    let doc = snap
        .library
        .resolve_document(&h.standard, h.version.as_deref(), h.as_of, drafts)?;
    let std = snap.standard(&doc).ok_or_else(|| {
        let m = yardstick::catalogue::no_document(&doc.file);
        Error::NotFound(yardstick::Failure {
            code: yardstick::codes::NO_DOCUMENT.into(),
            en: m.en,
            zh: m.zh,
        })
    })?;
    let a = std.assessment_from_json(&v)?;
    let r = std.evaluate(&a, options)?;
    s.metrics
        .evaluation(&r.standard.id, &r.standard.version, r.outcome.as_str());
    if let Some(d) = &s.decisions {
        let mask = d.config().mask_inputs;
        let decision = Decision {
            time: log::now(),
            route,
            generation: snap.generation,
            standard: &r.standard.id,
            version: &r.standard.version,
            hash: &r.standard.hash,
            as_of: r.as_of.as_deref(),
            name: v.get("name").and_then(Json::as_str),
            outcome: r.outcome.as_str(),
            grade: r.grade.as_deref(),
            vetoed_by: &r.vetoed_by,
            failing: &r.failing,
            line,
            inputs: if mask { None } else { v.get("inputs") },
            inputs_masked: mask,
        };
        let written = serde_json::to_string(&decision)
            .map_err(std::io::Error::other)
            .and_then(|l| d.write_line(&l));
        match written {
            Ok(()) => {
                s.metrics.decision_lines.fetch_add(1, Ordering::Relaxed);
            }
            Err(e) => {
                s.metrics.decision_errors.fetch_add(1, Ordering::Relaxed);
                log::error(
                    "decision_log_failed",
                    &cat::decision_log_failed(
                        &d.config().path.display().to_string(),
                        &e.to_string(),
                    ),
                    &[],
                );
            }
        }
    }
    Ok(r)
}

/// `POST /v1/evaluate[?explain=true][&include_drafts=true]`: an assessment → its result.
async fn evaluate(
    State(s): State<Arc<Shared>>,
    RawQuery(q): RawQuery,
    body: Body,
) -> Result<Response, ApiError> {
    let p = params(q.as_deref(), &["explain", "include_drafts"])?;
    let options = if flag(&p, "explain")? {
        Options::explained()
    } else {
        Options::default()
    };
    let drafts = if flag(&p, "include_drafts")? || s.config.include_drafts {
        Drafts::Include
    } else {
        Drafts::Skip
    };
    let snap = ready_snapshot(&s)?;
    let text = utf8(read_body(body, s.config.limits.max_body_bytes).await?)?;
    let s2 = s.clone();
    let generation = snap.generation;
    let r =
        blocking(move || evaluate_one(&s2, &snap, &text, &options, drafts, "/v1/evaluate", None))
            .await??;
    let resp = json_response(StatusCode::OK, r.to_json());
    let resp = with_header(
        resp,
        "x-yardstick-standard",
        &format!("{}@{}", r.standard.id, r.standard.version),
    );
    let resp = with_header(resp, "x-yardstick-hash", &r.standard.hash);
    Ok(with_header(
        resp,
        "x-yardstick-generation",
        &generation.to_string(),
    ))
}

/// Rows evaluated at a time by one `/v1/batch` request (then written before the next are read).
pub const BATCH_CHUNK_ROWS: usize = 256;
/// Bytes of rows evaluated at a time, at most (about; one row may pass it).
pub const BATCH_CHUNK_BYTES: usize = 1 << 20;
/// Chunks of answer waiting for the client, at most: with the two above, what bounds a batch's memory.
pub const BATCH_QUEUE: usize = 2;

enum Row {
    Text(u64, Vec<u8>),
    Overlong(u64),
}

/// Lines of a body read in pieces: a line is held up to `max` bytes; a longer one is dropped as it
/// comes and becomes [`Row::Overlong`]. Blank lines are skipped (their numbers still count).
struct Lines {
    max: usize,
    buf: Vec<u8>,
    over: bool,
    line: u64,
}

impl Lines {
    fn push(&mut self, mut data: &[u8], out: &mut Vec<Row>) {
        while !data.is_empty() {
            match data.iter().position(|b| *b == b'\n') {
                Some(i) => {
                    self.add(&data[..i]);
                    self.end(out);
                    data = &data[i + 1..];
                }
                None => {
                    self.add(data);
                    data = &[];
                }
            }
        }
    }
    fn add(&mut self, piece: &[u8]) {
        if self.over {
            return;
        }
        // A `\r` before the line end is not counted (it is dropped at the end).
        if self.buf.len() + piece.len() > self.max + 1 {
            self.over = true;
            self.buf = Vec::new();
        } else {
            self.buf.extend_from_slice(piece);
        }
    }
    fn end(&mut self, out: &mut Vec<Row>) {
        self.line += 1;
        if self.buf.last() == Some(&b'\r') {
            self.buf.pop();
        }
        if self.over || self.buf.len() > self.max {
            out.push(Row::Overlong(self.line));
        } else if !self.buf.iter().all(u8::is_ascii_whitespace) {
            out.push(Row::Text(self.line, std::mem::take(&mut self.buf)));
        }
        self.buf.clear();
        self.over = false;
    }
    fn finish(&mut self, out: &mut Vec<Row>) {
        if self.over || !self.buf.is_empty() {
            self.end(out);
        }
    }
}

fn row_error(line: u64, report: &yardstick::api::ErrorReport) -> String {
    format!(
        "{{\"line\":{line},\"error\":{}}}\n",
        serde_json::to_string(report).unwrap_or_default()
    )
}

fn run_rows(
    s: &Shared,
    snap: &Snapshot,
    rows: Vec<Row>,
    options: &Options,
    drafts: Drafts,
) -> Bytes {
    let mut out = String::new();
    for row in rows {
        match row {
            Row::Overlong(n) => {
                let e = ApiError::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    crate::codes::OVER_LIMIT,
                    cat::batch_line_too_long(s.config.limits.max_line_bytes),
                );
                out.push_str(&row_error(n, &e.report));
            }
            Row::Text(n, bytes) => {
                let text = match String::from_utf8(bytes) {
                    Ok(t) => t,
                    Err(e) => {
                        let e =
                            ApiError::argument(cat::body_not_utf8(e.utf8_error().valid_up_to()));
                        out.push_str(&row_error(n, &e.report));
                        continue;
                    }
                };
                match evaluate_one(s, snap, &text, options, drafts, "/v1/batch", Some(n)) {
                    Ok(r) => {
                        out.push_str(&format!("{{\"line\":{n},\"result\":{}}}\n", r.to_json()));
                    }
                    Err(e) => out.push_str(&row_error(n, &e.report())),
                }
            }
        }
    }
    Bytes::from(out)
}

/// `POST /v1/batch[?explain=true|full=true][&include_drafts=true]`: JSON Lines of assessments in, one
/// line per row out, in order, streamed: `{"line": N, "result": …}` or `{"line": N, "error": …}`.
async fn batch(
    State(s): State<Arc<Shared>>,
    RawQuery(q): RawQuery,
    body: Body,
) -> Result<Response, ApiError> {
    let p = params(q.as_deref(), &["explain", "full", "include_drafts"])?;
    let options = if flag(&p, "explain")? {
        Options::explained()
    } else if flag(&p, "full")? {
        Options::default()
    } else {
        Options::outcome_only()
    };
    let drafts = if flag(&p, "include_drafts")? || s.config.include_drafts {
        Drafts::Include
    } else {
        Drafts::Skip
    };
    let snap = ready_snapshot(&s)?;
    let generation = snap.generation;
    let (tx, rx) = tokio::sync::mpsc::channel::<Bytes>(BATCH_QUEUE);
    let limits = s.config.limits;
    let mut stream = body.into_data_stream();
    tokio::spawn(async move {
        let mut lines = Lines {
            max: limits.max_line_bytes,
            buf: Vec::new(),
            over: false,
            line: 0,
        };
        let mut rows: Vec<Row> = Vec::new();
        let mut taken = 0usize;
        let mut ended = false;
        loop {
            let mut pending_bytes = 0usize;
            while rows.len() < BATCH_CHUNK_ROWS && pending_bytes < BATCH_CHUNK_BYTES {
                match stream.next().await {
                    Some(Ok(data)) => {
                        pending_bytes += data.len();
                        lines.push(&data, &mut rows);
                    }
                    Some(Err(_)) => return,
                    None => {
                        lines.finish(&mut rows);
                        ended = true;
                        break;
                    }
                }
            }
            let mut stop = None;
            if taken + rows.len() > limits.max_batch_rows {
                let keep = limits.max_batch_rows - taken;
                if let Some(Row::Text(n, _) | Row::Overlong(n)) = rows.get(keep) {
                    stop = Some(*n);
                }
                rows.truncate(keep);
            }
            taken += rows.len();
            let chunk = std::mem::take(&mut rows);
            let (s2, snap2) = (s.clone(), snap.clone());
            let Ok(mut out) =
                tokio::task::spawn_blocking(move || run_rows(&s2, &snap2, chunk, &options, drafts))
                    .await
            else {
                return;
            };
            if let Some(n) = stop {
                let e = ApiError::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    crate::codes::TOO_MANY_ROWS,
                    cat::too_many_rows(limits.max_batch_rows),
                );
                let mut v = out.to_vec();
                v.extend_from_slice(row_error(n, &e.report).as_bytes());
                out = Bytes::from(v);
            }
            if !out.is_empty() && tx.send(out).await.is_err() {
                return;
            }
            if ended || stop.is_some() {
                return;
            }
        }
    });
    let stream = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv()
            .await
            .map(|b| (Ok::<Bytes, std::convert::Infallible>(b), rx))
    });
    let mut r = Response::new(Body::from_stream(stream));
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/x-ndjson"),
    );
    Ok(with_header(
        r,
        "x-yardstick-generation",
        &generation.to_string(),
    ))
}

// ── Standards ──

#[derive(Serialize)]
struct StandardsList<'a> {
    generation: u64,
    standards: &'a [crate::state::Summary],
}

/// `GET /v1/standards`.
async fn standards(
    State(s): State<Arc<Shared>>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    params(q.as_deref(), &[])?;
    let snap = ready_snapshot(&s)?;
    let body = serde_json::to_string(&StandardsList {
        generation: snap.generation,
        standards: &snap.summaries,
    })
    .unwrap_or_default();
    Ok(json_response(StatusCode::OK, body))
}

#[derive(Serialize)]
struct Versions<'a> {
    id: &'a str,
    generation: u64,
    versions: Vec<&'a crate::state::Summary>,
}

/// `GET /v1/standards/{id}`: every version, window, status, lineage and hash.
async fn standard(
    State(s): State<Arc<Shared>>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    params(q.as_deref(), &[])?;
    let snap = ready_snapshot(&s)?;
    let versions: Vec<_> = snap.summaries.iter().filter(|x| x.id == id).collect();
    if versions.is_empty() {
        // The facade's Y0801, naming the ids it has.
        return Err(snap
            .library
            .resolve_document(&id, None, None, Drafts::Skip)
            .err()
            .map(ApiError::from)
            .unwrap_or_else(ApiError::internal));
    }
    let body = serde_json::to_string(&Versions {
        id: &id,
        generation: snap.generation,
        versions,
    })
    .unwrap_or_default();
    Ok(json_response(StatusCode::OK, body))
}

fn versioned<'a>(
    snap: &'a Snapshot,
    id: &str,
    version: &str,
) -> Result<&'a yardstick::Standard, ApiError> {
    Ok(snap.by_name(&format!("{id}@{version}"))?)
}

/// `GET /v1/standards/{id}/{version}/schema`: the JSON Schema of its assessments and its form.
async fn schema(
    State(s): State<Arc<Shared>>,
    Path((id, version)): Path<(String, String)>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    params(q.as_deref(), &[])?;
    let snap = ready_snapshot(&s)?;
    let std = versioned(&snap, &id, &version)?;
    let body = serde_json::json!({
        "assessment": yardstick::schema::assessment_schema(std),
        "form": std.form(),
    });
    Ok(json_response(StatusCode::OK, body.to_string()))
}

/// `GET /v1/standards/{id}/{version}/doc[?format=md|html][&lang=en|zh|both]`: the printable page.
async fn doc(
    State(s): State<Arc<Shared>>,
    Path((id, version)): Path<(String, String)>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    let p = params(q.as_deref(), &["format", "lang"])?;
    let format = choice(&p, "format", &["md", "html"], "md")?.to_string();
    let lang = lang(&p)?;
    let snap = ready_snapshot(&s)?;
    versioned(&snap, &id, &version)?;
    let page = blocking(move || {
        let std = versioned(&snap, &id, &version)?;
        let base = std.base().and_then(|b| snap.by_name(&b).ok());
        Ok::<_, ApiError>(match format.as_str() {
            "html" => (
                yardstick::doc::html_in(std, base, lang),
                "text/html; charset=utf-8",
            ),
            _ => (
                yardstick::doc::markdown_in(std, base, lang),
                "text/markdown; charset=utf-8",
            ),
        })
    })
    .await??;
    let mut r = (StatusCode::OK, page.0).into_response();
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(page.1));
    Ok(r)
}

// ── Documents ──

#[derive(Serialize)]
struct Checked {
    ok: bool,
    problems: Vec<yardstick::report::Problem>,
}

/// `POST /v1/check[?name=FILE.yard]`: a document's text (UTF-8, UTF-16 or GB18030) → its problems, in the
/// context of the library served (so `use` and `extends` resolve; a document of the library with the same
/// file name, or the same id and version, is left out). 200 with warnings only, 422 with errors.
async fn check(
    State(s): State<Arc<Shared>>,
    RawQuery(q): RawQuery,
    body: Body,
) -> Result<Response, ApiError> {
    let p = params(q.as_deref(), &["name"])?;
    let name = p
        .get("name")
        .cloned()
        .unwrap_or_else(|| "request.yard".to_string());
    let bytes = read_body(body, s.config.limits.max_document_bytes).await?;
    let snap = s.snapshot();
    let problems = blocking(move || check_document(snap.as_deref(), &name, &bytes)).await?;
    if problems.problems.iter().any(|p| p.is_error()) {
        return Err(ApiError::from(Error::Problems(problems)));
    }
    let body = serde_json::to_string(&Checked {
        ok: true,
        problems: problems.problems,
    })
    .unwrap_or_default();
    Ok(json_response(StatusCode::OK, body))
}

fn check_document(snap: Option<&Snapshot>, name: &str, bytes: &[u8]) -> yardstick::Problems {
    let mut alone = yardstick::Library::new();
    let read = alone.add_bytes(name, bytes);
    if !read.is_ok() {
        return yardstick::Problems {
            problems: read.problems,
            sources: read.sources,
        };
    }
    let me = alone.documents().into_iter().next();
    let mut lib = yardstick::Library::new();
    if let Some(snap) = snap {
        for (d, src) in snap.sources() {
            let same = d.file == name
                || me
                    .as_ref()
                    .is_some_and(|m| m.id == d.id && m.version == d.version);
            if !same {
                let _ = lib.add(&d.file, &src.text);
            }
        }
    }
    let read = lib.add_bytes(name, bytes);
    let mut problems = read.problems;
    problems.extend(lib.check_file(name));
    let sources = lib.source(name).cloned().into_iter().collect();
    yardstick::Problems { problems, sources }
}

/// `POST /v1/diff[?format=json|text][&lang=…]`: `{"old", "new", "assessments"?}` → what changed.
async fn diff(
    State(s): State<Arc<Shared>>,
    RawQuery(q): RawQuery,
    body: Body,
) -> Result<Response, ApiError> {
    let p = params(q.as_deref(), &["format", "lang"])?;
    let text_out = choice(&p, "format", &["json", "text"], "json")? == "text";
    let lang = lang(&p)?;
    let snap = ready_snapshot(&s)?;
    let text = utf8(read_body(body, s.config.limits.max_body_bytes).await?)?;
    let limit = s.config.limits.max_diff_assessments;
    let out = blocking(move || -> Result<String, ApiError> {
        let bad = |en: String, zh: String| ApiError::argument(cat::diff_body(&en, &zh));
        let v = Json::parse(&text).map_err(|e| {
            let m = yardstick::catalogue::not_json(e.line, e.column, &e.en, &e.zh);
            bad(m.en, m.zh)
        })?;
        let name = |k: &str| -> Result<String, ApiError> {
            v.get(k)
                .and_then(Json::as_str)
                .map(str::to_string)
                .ok_or_else(|| {
                    let m = cat::field_not_string(k);
                    bad(m.en, m.zh)
                })
        };
        let (old, new) = (name("old")?, name("new")?);
        for (k, _) in v.as_object().unwrap_or_default() {
            if !["old", "new", "assessments"].contains(&k.as_str()) {
                let m = cat::not_a_field(&yardstick::json::quote(k));
                return Err(bad(m.en, m.zh));
            }
        }
        let mut list = Vec::new();
        if let Some(a) = v.get("assessments") {
            let items = a.as_array().ok_or_else(|| {
                let m = cat::assessments_not_array();
                bad(m.en, m.zh)
            })?;
            if items.len() > limit {
                return Err(ApiError::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    crate::codes::OVER_LIMIT,
                    cat::too_many_assessments(limit),
                ));
            }
            for (i, x) in items.iter().enumerate() {
                let n = x
                    .get("name")
                    .and_then(Json::as_str)
                    .map(str::to_string)
                    .unwrap_or_else(|| format!("assessments[{i}]"));
                list.push((n, x.clone()));
            }
        }
        let (o, n) = (snap.by_name(&old)?, snap.by_name(&new)?);
        let d = yardstick::diff::diff(o, n, &list);
        Ok(if text_out {
            yardstick::diff::render_in(&d, lang)
        } else {
            serde_json::to_string(&d).unwrap_or_default()
        })
    })
    .await??;
    if text_out {
        let mut r = (StatusCode::OK, out).into_response();
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        Ok(r)
    } else {
        Ok(json_response(StatusCode::OK, out))
    }
}

// ── Service ──

async fn openapi() -> Response {
    json_response(StatusCode::OK, OPENAPI.to_string())
}

async fn health() -> Response {
    json_response(StatusCode::OK, r#"{"status":"ok"}"#.to_string())
}

#[derive(Serialize)]
struct Ready {
    ready: bool,
    generation: u64,
    loaded_at: Option<String>,
    documents: usize,
    standards: Vec<String>,
    last_attempt: Option<crate::state::Attempt>,
}

/// `GET /ready`: 200 once a library is served (with the last attempt's problems, if the newest folder
/// was refused), 503 before.
async fn ready(State(s): State<Arc<Shared>>) -> Response {
    let snap = s.snapshot();
    let r = Ready {
        ready: snap.is_some(),
        generation: snap.as_ref().map(|x| x.generation).unwrap_or(0),
        loaded_at: snap.as_ref().map(|x| x.loaded_at.clone()),
        documents: snap.as_ref().map(|x| x.documents.len()).unwrap_or(0),
        standards: snap
            .as_ref()
            .map(|x| {
                x.summaries
                    .iter()
                    .map(|m| format!("{}@{} {}", m.id, m.version, m.hash))
                    .collect()
            })
            .unwrap_or_default(),
        last_attempt: s.last_attempt(),
    };
    let status = if r.ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let mut resp = json_response(status, serde_json::to_string(&r).unwrap_or_default());
    if !r.ready {
        resp.extensions_mut()
            .insert(ErrorCode(crate::codes::NOT_READY.into()));
    }
    resp
}

async fn metrics(State(s): State<Arc<Shared>>) -> Response {
    let snap = s.snapshot();
    let text = s.metrics.render((
        snap.as_ref().map(|x| x.generation).unwrap_or(0),
        snap.is_some(),
        snap.as_ref().map(|x| x.documents.len()).unwrap_or(0),
    ));
    let mut r = (StatusCode::OK, text).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
    );
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_are_decoded() {
        assert_eq!(decode("a+b%20c%2Fd"), "a b c/d");
        assert_eq!(decode("%zz%"), "%zz%");
        assert_eq!(decode("%e4%b8%ad"), "中");
    }

    fn rows(max: usize, pieces: &[&[u8]]) -> Vec<String> {
        let mut l = Lines {
            max,
            buf: Vec::new(),
            over: false,
            line: 0,
        };
        let mut out = Vec::new();
        for p in pieces {
            l.push(p, &mut out);
        }
        l.finish(&mut out);
        out.into_iter()
            .map(|r| match r {
                Row::Text(n, b) => format!("{n}:{}", String::from_utf8_lossy(&b)),
                Row::Overlong(n) => format!("{n}:overlong"),
            })
            .collect()
    }

    #[test]
    fn lines_at_the_limit_are_read_and_one_byte_more_is_not() {
        assert_eq!(rows(3, &[b"abc\nabcd\n"]), ["1:abc", "2:overlong"]);
        // Split across pieces, a CR before the line end not counted, blank lines skipped.
        assert_eq!(
            rows(3, &[b"ab", b"c\r\n\n  \nab", b"cde", b"f\nxy"]),
            ["1:abc", "4:overlong", "5:xy"]
        );
        assert_eq!(rows(3, &[b"abcd"]), ["1:overlong"]);
    }
}
