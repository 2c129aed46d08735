//! `yardstick serve` as a process: it names its port in the log, answers, and on SIGTERM finishes the
//! requests in flight (a batch whose body is still coming in included), writes every decision whole, and
//! exits 0.

#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn repo() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// Status and body of one request on its own connection (`None`: no answer came).
fn request(addr: SocketAddr, method: &str, path: &str, body: &[u8]) -> Option<(u16, Vec<u8>)> {
    let mut s = TcpStream::connect(addr).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(30))).ok()?;
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    s.write_all(head.as_bytes()).ok()?;
    s.write_all(body).ok()?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).ok()?;
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let status = String::from_utf8_lossy(&raw[..end])
        .split(' ')
        .nth(1)?
        .parse()
        .ok()?;
    Some((status, raw[end + 4..].to_vec()))
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(i) = b.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(String::from_utf8_lossy(&b[..i]).trim(), 16).unwrap();
        b = &b[i + 2..];
        if size == 0 {
            break;
        }
        out.extend_from_slice(&b[..size]);
        b = &b[size + 2..];
    }
    out
}

#[test]
fn sigterm_finishes_requests_in_flight_and_tears_no_decision_line() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("decisions.jsonl");
    let mut child = Command::new(env!("CARGO_BIN_EXE_yardstick"))
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--quiet",
            "--poll-ms",
            "0",
        ])
        .arg("--standards")
        .arg(repo().join("standards"))
        .arg("--decision-log")
        .arg(&log)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    let stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let mut logged = Vec::new();
    let addr: SocketAddr = loop {
        let line = rx.recv_timeout(Duration::from_secs(60)).unwrap();
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        logged.push(v.clone());
        if v["event"] == "listening" {
            break v["addr"].as_str().unwrap().parse().unwrap();
        }
    };
    let start = Instant::now();
    while request(addr, "GET", "/ready", b"").map(|r| r.0) != Some(200) {
        assert!(start.elapsed() < Duration::from_secs(60));
        std::thread::sleep(Duration::from_millis(20));
    }
    let a = std::fs::read_to_string(repo().join("examples/assessments/city-vetoed-pre2014.json"))
        .unwrap()
        .replace('\n', " ");

    // A batch whose body is half sent when SIGTERM comes.
    let mut batch = TcpStream::connect(addr).unwrap();
    batch
        .write_all(b"POST /v1/batch HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n")
        .unwrap();
    let rows = |n: usize| {
        let text: String = (0..n).map(|_| format!("{a}\n")).collect();
        format!("{:x}\r\n{text}\r\n", text.len())
    };
    batch.write_all(rows(50).as_bytes()).unwrap();

    // Clients evaluating one request after another until the server stops answering.
    let answered = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let clients: Vec<_> = (0..4)
        .map(|_| {
            let (answered, stop, a) = (answered.clone(), stop.clone(), a.clone());
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    match request(addr, "POST", "/v1/evaluate?explain=true", a.as_bytes()) {
                        Some((200, body)) => {
                            let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
                            assert_eq!(v["outcome"], "fail");
                            answered.fetch_add(1, Ordering::Relaxed);
                        }
                        Some((status, body)) => {
                            panic!("{status}: {}", String::from_utf8_lossy(&body))
                        }
                        None => break,
                    }
                }
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    std::thread::sleep(Duration::from_millis(300));
    // The rest of the batch, after SIGTERM: it is still read and answered whole.
    batch.write_all(rows(50).as_bytes()).unwrap();
    batch.write_all(b"0\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    batch.read_to_end(&mut raw).unwrap();
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    assert!(raw.starts_with(b"HTTP/1.1 200"));
    let body = String::from_utf8(dechunk(&raw[end + 4..])).unwrap();
    let out: Vec<serde_json::Value> = body
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(out.len(), 100);
    for (i, row) in out.iter().enumerate() {
        assert_eq!(row["line"], i + 1);
        assert_eq!(row["result"]["outcome"], "fail");
    }

    stop.store(true, Ordering::Relaxed);
    for c in clients {
        c.join().unwrap();
    }
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(start.elapsed() < Duration::from_secs(30), "still running");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status}");
    while let Ok(line) = rx.recv_timeout(Duration::from_secs(5)) {
        logged.push(serde_json::from_str(&line).unwrap());
    }
    let events: Vec<&str> = logged.iter().filter_map(|v| v["event"].as_str()).collect();
    assert!(
        events.ends_with(&["shutting_down", "stopped"]),
        "{events:?}"
    );

    // Every decision answered is in the log, each line whole.
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(text.ends_with('\n'));
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let n = answered.load(Ordering::Relaxed);
    assert!(n > 0);
    assert_eq!(lines.len(), n + 100);
    assert_eq!(
        lines.iter().filter(|l| l["route"] == "/v1/batch").count(),
        100
    );
}
