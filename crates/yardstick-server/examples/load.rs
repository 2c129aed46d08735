//! The load test of `yardstick serve` (BENCHMARKS.md, "Server"): loopback only, bounded in count.
//!
//! ```sh
//! cargo run --release -p yardstick-server --example load                 # the figures of BENCHMARKS.md
//! cargo run --release -p yardstick-server --example load -- --requests 2000 --rss-requests 10000
//! cargo run --release -p yardstick-server --example load -- --assessment examples/assessments/city-vetoed-pre2014.json
//! ```
//!
//! It starts the server in this process on 127.0.0.1 (an ephemeral port; request log off), then for 1, 8
//! and 64 concurrent clients sends `--requests` evaluations in all (each client one keep-alive
//! connection, one request after another) and measures requests per second and the latency of each
//! request (p50, p99). The same evaluations are then run in process (`Standard::evaluate_text`, the
//! options `/v1/evaluate` uses) on 1 thread and on every core, which gives the HTTP overhead as a ratio.
//! Last it sends `--rss-requests` more (8 clients) and reads the resident memory of the process
//! (server and client together) before and after, from /proc/self/status.

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use std::error::Error;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

type R<T> = Result<T, Box<dyn Error + Send + Sync>>;

struct Args {
    requests: usize,
    rss_requests: usize,
    assessment: PathBuf,
    levels: Vec<usize>,
}

fn args() -> R<Args> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut a = Args {
        requests: 20_000,
        rss_requests: 100_000,
        assessment: root.join("examples/assessments/fly2011-level-b.json"),
        levels: vec![1, 8, 64],
    };
    let mut it = std::env::args().skip(1);
    while let Some(k) = it.next() {
        let v = it.next().ok_or(format!("{k} needs a value"))?;
        match k.as_str() {
            "--requests" => a.requests = v.parse()?,
            "--rss-requests" => a.rss_requests = v.parse()?,
            "--assessment" => a.assessment = PathBuf::from(v),
            "--concurrency" => a.levels = v.split(',').map(str::parse).collect::<Result<_, _>>()?,
            _ => return Err(format!("unknown argument {k}").into()),
        }
    }
    Ok(a)
}

fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

/// One client: a keep-alive connection, `n` requests one after another; the latency of each.
async fn client(addr: SocketAddr, body: Bytes, n: usize) -> R<Vec<Duration>> {
    let stream = tokio::net::TcpStream::connect(addr).await?;
    stream.set_nodelay(true)?;
    let (mut sender, conn) =
        hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream)).await?;
    tokio::spawn(conn);
    let mut lat = Vec::with_capacity(n);
    for _ in 0..n {
        let req = hyper::Request::post("/v1/evaluate")
            .header("host", addr.to_string())
            .header("content-type", "application/json")
            .body(Full::new(body.clone()))?;
        let t = Instant::now();
        let resp = sender.send_request(req).await?;
        let status = resp.status();
        let got = resp.into_body().collect().await?.to_bytes();
        lat.push(t.elapsed());
        if status != 200 {
            return Err(format!("{status}: {}", String::from_utf8_lossy(&got)).into());
        }
    }
    Ok(lat)
}

/// `total` requests over `c` clients: (requests per second, sorted latencies).
async fn level(addr: SocketAddr, body: &Bytes, c: usize, total: usize) -> R<(f64, Vec<Duration>)> {
    let start = Instant::now();
    let tasks: Vec<_> = (0..c)
        .map(|i| {
            let n = total / c + usize::from(i < total % c);
            tokio::spawn(client(addr, body.clone(), n))
        })
        .collect();
    let mut all = Vec::with_capacity(total);
    for t in tasks {
        all.extend(t.await??);
    }
    let secs = start.elapsed().as_secs_f64();
    all.sort();
    Ok((all.len() as f64 / secs, all))
}

fn pct(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(i).map(|d| d.as_secs_f64() * 1e6).unwrap_or(0.0)
}

/// Evaluations per second in process, on `threads` threads.
fn in_process(std: &yardstick::Standard, text: &str, total: usize, threads: usize) -> f64 {
    let start = Instant::now();
    std::thread::scope(|s| {
        for i in 0..threads {
            let n = total / threads + usize::from(i < total % threads);
            s.spawn(move || {
                for _ in 0..n {
                    let r = std.evaluate_text(text, &yardstick::Options::default());
                    std::hint::black_box(r.map(|r| r.to_json()).ok());
                }
            });
        }
    });
    total as f64 / start.elapsed().as_secs_f64()
}

fn main() -> R<()> {
    let a = args()?;
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let standards = root.join("standards");
    let text = std::fs::read_to_string(&a.assessment)?;
    let body = Bytes::from(text.clone());
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);

    let mut config = yardstick_server::Config::new(standards.clone(), "127.0.0.1:0".parse()?);
    config.log_requests = false;
    config.poll = None;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let listener = rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))?;
    let addr = listener.local_addr()?;
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let server = rt.spawn(yardstick_server::serve(listener, config, async move {
        let _ = stop_rx.await;
    }));

    rt.block_on(async {
        // Wait for the library, then warm up.
        loop {
            let ok = async {
                let s = tokio::net::TcpStream::connect(addr).await?;
                let (mut tx, conn) =
                    hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(s)).await?;
                tokio::spawn(conn);
                let req = hyper::Request::get("/ready")
                    .header("host", "x")
                    .body(Full::new(Bytes::new()))?;
                R::Ok(tx.send_request(req).await?.status() == 200)
            }
            .await
            .unwrap_or(false);
            if ok {
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        level(addr, &body, 8, 2000).await.map(|_| ())
    })?;

    let mut lib = yardstick::Library::new();
    lib.load_dir(&standards)?;
    let h = yardstick::json::assessment_header(&text)?;
    let std = lib.resolve(&h.standard, h.version.as_deref(), h.as_of)?;
    let n_in = a.requests.max(1000);
    in_process(&std, &text, n_in / 10, 1);
    let one = in_process(&std, &text, n_in, 1);
    let all = in_process(&std, &text, n_in, cores);

    println!(
        "assessment: {} ({} bytes); {} requests per level; {cores} cores",
        a.assessment
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or(""),
        text.len(),
        a.requests
    );
    println!("in process: {one:.0} evaluations/s on 1 thread, {all:.0}/s on {cores} threads");
    println!();
    println!("| clients | requests/s | p50 µs | p99 µs | in-process / HTTP |");
    println!("|---:|---:|---:|---:|---:|");
    for c in &a.levels {
        let (rps, lat) = rt.block_on(level(addr, &body, *c, a.requests))?;
        let base = if *c == 1 { one } else { all };
        println!(
            "| {c} | {rps:.0} | {:.0} | {:.0} | {:.2} |",
            pct(&lat, 0.50),
            pct(&lat, 0.99),
            base / rps
        );
    }
    if a.rss_requests > 0 {
        let before = rss_kib();
        let (rps, _) = rt.block_on(level(addr, &body, 8, a.rss_requests))?;
        let after = rss_kib();
        println!();
        println!(
            "resident memory (server and client, one process): {before} KiB before, {after} KiB after {} more requests ({rps:.0}/s)",
            a.rss_requests
        );
    }
    let _ = stop_tx.send(());
    rt.block_on(server)?.map_err(|m| m.en)?;
    Ok(())
}
