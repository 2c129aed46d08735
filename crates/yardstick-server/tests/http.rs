//! Every route over a loopback connection, bad inputs, limits at their edge, hot reload, the decision
//! log, the OpenAPI description against the router.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{config, demo, example, standards, Server};
use std::collections::BTreeSet;
use yardstick::{Library, Options};

fn library() -> Library {
    let mut lib = Library::new();
    lib.load_dir(&standards()).unwrap();
    lib
}

#[test]
fn health_ready_and_an_evaluation_equal_to_the_facade_in_process() {
    let s = Server::ready(config(standards()));
    let h = s.get("/health");
    assert_eq!(
        (h.status, h.text()),
        (200, r#"{"status":"ok"}"#.to_string())
    );
    let r = s.get("/ready").json();
    assert_eq!(r["ready"], true);
    assert_eq!(r["generation"], 1);
    assert_eq!(r["last_attempt"]["ok"], true);

    let text = example("city-vetoed-pre2014.json");
    let reply = s.post("/v1/evaluate", text.as_bytes());
    assert_eq!(reply.status, 200, "{}", reply.text());
    let std = library()
        .compile("cn.sanitary_city.national", Some("pre-2014"))
        .unwrap();
    let expected = std.evaluate_text(&text, &Options::default()).unwrap();
    // The same bytes as the facade's contract in process (what `yardstick eval --format json` gives).
    assert_eq!(reply.text(), expected.to_json());
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert_eq!(reply.header("x-yardstick-hash"), Some(std.hash()));
    assert_eq!(
        reply.header("x-yardstick-standard"),
        Some("cn.sanitary_city.national@pre-2014")
    );
    let v = reply.json();
    assert_eq!(v["outcome"], "fail");
    assert_eq!(v["standard"]["hash"], std.hash());

    let explained = s.post("/v1/evaluate?explain=true", text.as_bytes());
    assert_eq!(
        explained.text(),
        std.evaluate_text(&text, &Options::explained())
            .unwrap()
            .to_json()
    );
    assert!(explained.json()["items"][0]["checks"].is_array());
}

#[test]
fn as_of_picks_the_version_in_force() {
    let s = Server::ready(config(standards()));
    let mut v: serde_json::Value =
        serde_json::from_str(&example("national2014-passes.json")).unwrap();
    v.as_object_mut().unwrap().remove("version");
    for (day, version) in [("2016-05-01", "2014"), ("2022-01-01", "2021")] {
        v["as_of"] = day.into();
        let expected = library()
            .resolve(
                "cn.sanitary_city.national",
                None,
                yardstick::parse_date(day),
            )
            .unwrap();
        assert_eq!(expected.version(), version);
        let r = s.post("/v1/evaluate", v.to_string().as_bytes());
        // 2021's inputs differ from 2014's: the answer is the 2021 standard's refusal then, still naming it.
        match r.status {
            200 => {
                assert_eq!(r.json()["standard"]["version"], version);
                assert_eq!(r.json()["as_of"], day);
            }
            400 => assert_eq!(r.json()["kind"], "assessment", "{}", r.text()),
            other => panic!("{other}: {}", r.text()),
        }
    }
    v["as_of"] = "2016-02-30".into();
    let r = s.post("/v1/evaluate", v.to_string().as_bytes());
    assert_eq!(
        (r.status, r.code()),
        (400, "Y0703".to_string()),
        "{}",
        r.text()
    );
}

#[test]
fn bad_requests_are_error_reports_with_codes_and_statuses() {
    let s = Server::ready(config(standards()));
    let cases: &[(&str, &[u8], u16, &str)] = &[
        ("/v1/evaluate", b"{not json", 400, "Y0702"),
        ("/v1/evaluate", b"[1, 2]", 400, "Y0703"),
        ("/v1/evaluate", br#"{"inputs": {}}"#, 400, "Y0807"),
        (
            "/v1/evaluate",
            br#"{"standard": "no.such", "inputs": {}}"#,
            404,
            "Y0801",
        ),
        (
            "/v1/evaluate",
            br#"{"standard": "cn.sanitary_city.national", "version": "1999", "inputs": {}}"#,
            404,
            "Y0802",
        ),
        (
            "/v1/evaluate",
            br#"{"standard": "cn.sanitary_city.national", "inputs": {}}"#,
            400,
            "Y0803",
        ),
        (
            "/v1/evaluate",
            br#"{"standard": "cn.vector.fly", "inputs": {"nope": 1}}"#,
            400,
            "Y0704",
        ),
        ("/v1/evaluate", b"\xff\xfe{}", 400, "Y0901"),
        ("/v1/evaluate?explain=maybe", b"{}", 400, "Y0901"),
        ("/v1/evaluate?verbose=1", b"{}", 400, "Y0901"),
        ("/v1/diff", b"{}", 400, "Y0901"),
        (
            "/v1/diff",
            br#"{"old": "cn.vector.fly", "new": "no.such"}"#,
            404,
            "Y0801",
        ),
        (
            "/v1/diff",
            br#"{"old": "cn.vector.fly", "new": "cn.vector.fly", "extra": 1}"#,
            400,
            "Y0901",
        ),
    ];
    for (path, body, status, code) in cases {
        let r = s.post(path, body);
        assert_eq!(
            (r.status, r.code()),
            (*status, code.to_string()),
            "{path} {}: {}",
            String::from_utf8_lossy(body),
            r.text()
        );
        let v = r.json();
        assert_eq!(v["contract"], 1);
        assert!(!v["en"].as_str().unwrap().is_empty() && !v["zh"].as_str().unwrap().is_empty());
    }
    let r = s.post(
        "/v1/evaluate",
        br#"{"standard": "cn.vector.fly", "inputs": {"nope": 1}}"#,
    );
    assert_eq!(r.json()["kind"], "assessment");
    assert_eq!(r.json()["inputs"][0]["input"], "nope");

    let r = s.get("/v2/nothing");
    assert_eq!((r.status, r.code()), (404, "Y0904".to_string()));
    let r = s.get("/v1/evaluate");
    assert_eq!((r.status, r.code()), (405, "Y0905".to_string()));
    let r = s.get("/v1/standards?x=1");
    assert_eq!((r.status, r.code()), (400, "Y0901".to_string()));
}

/// A valid assessment padded with spaces to exactly `len` bytes.
fn padded(len: usize) -> Vec<u8> {
    let mut t = example("fly2011-level-b.json")
        .trim_end()
        .replace('\n', " ")
        .into_bytes();
    assert!(t.len() <= len);
    t.resize(len, b' ');
    t
}

#[test]
fn bodies_at_the_limit_are_read_and_one_byte_more_is_413() {
    let mut c = config(standards());
    c.limits.max_body_bytes = 4096;
    c.limits.max_document_bytes = 2048;
    let s = Server::ready(c);
    let r = s.post("/v1/evaluate", &padded(4096));
    assert_eq!(r.status, 200, "{}", r.text());
    let r = s.post("/v1/evaluate", &padded(4097));
    assert_eq!((r.status, r.code()), (413, "Y0902".to_string()));
    assert!(r.json()["en"].as_str().unwrap().contains("4096"));
    // Without a Content-Length (chunked), the limit holds too.
    let body = padded(5000);
    let mut raw = format!(
        "POST /v1/evaluate HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n{:x}\r\n",
        body.len()
    )
    .into_bytes();
    raw.extend_from_slice(&body);
    raw.extend_from_slice(b"\r\n0\r\n\r\n");
    let mut conn = std::net::TcpStream::connect(s.addr).unwrap();
    std::io::Write::write_all(&mut conn, &raw).unwrap();
    let r = common::read_reply(&mut conn);
    assert_eq!((r.status, r.code()), (413, "Y0902".to_string()));

    let mut doc = demo(90).into_bytes();
    doc.resize(2048, b'\n');
    let r = s.post("/v1/check", &doc);
    assert_eq!(r.status, 200, "{}", r.text());
    doc.push(b'\n');
    let r = s.post("/v1/check", &doc);
    assert_eq!((r.status, r.code()), (413, "Y0902".to_string()));
}

#[test]
fn the_default_document_limit_is_the_facades() {
    let c = config(standards());
    assert_eq!(c.limits.max_document_bytes, yardstick::MAX_DOCUMENT_BYTES);
}

fn lines(r: &common::Reply) -> Vec<serde_json::Value> {
    r.text()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn batch_streams_one_line_per_row_with_row_errors() {
    let mut c = config(standards());
    c.limits.max_line_bytes = 2048;
    c.limits.max_batch_rows = 4;
    let s = Server::ready(c);
    let good = example("fly2011-level-b.json").replace('\n', " ");
    let mut body = String::new();
    body.push_str(&good);
    body.push_str("\n\n{oops\n");
    body.push_str(r#"{"standard": "no.such", "inputs": {}}"#);
    body.push('\n');
    // Exactly the line limit, then one byte over it.
    let at = String::from_utf8(padded(2048)).unwrap();
    let over = String::from_utf8(padded(2049)).unwrap();
    body.push_str(&format!("{at}\r\n{over}\n{good}\n{good}\n"));
    let r = s.post("/v1/batch", body.as_bytes());
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("application/x-ndjson"));
    let out = lines(&r);
    let summary: Vec<(u64, String)> = out
        .iter()
        .map(|l| {
            let what = match l.get("result") {
                Some(x) => x["outcome"].as_str().unwrap().to_string(),
                None => l["error"]["code"].as_str().unwrap().to_string(),
            };
            (l["line"].as_u64().unwrap(), what)
        })
        .collect();
    let expected_outcome = library()
        .compile("cn.vector.fly", None)
        .unwrap()
        .evaluate_text(&good, &Options::outcome_only())
        .unwrap()
        .outcome
        .as_str()
        .to_string();
    assert_eq!(
        summary,
        [
            (1, expected_outcome.clone()),
            (3, "Y0702".into()),
            (4, "Y0801".into()),
            (5, expected_outcome),
            // The fifth row is past the limit of 4: it is not read, and the answer says so.
            (6, "Y0907".into()),
        ]
    );
    // By default a row is the outcome only (as `yardstick batch`); `full` adds items and fixes.
    assert_eq!(out[0]["result"]["items"], serde_json::json!([]));
    let r = s.post("/v1/batch?full=true", good.as_bytes());
    assert!(!lines(&r)[0]["result"]["items"]
        .as_array()
        .unwrap()
        .is_empty());
    let r = s.post("/v1/batch?explain=true", good.as_bytes());
    assert!(lines(&r)[0]["result"]["items"][0]["checks"].is_array());
    let r = s.post("/v1/batch", over.as_bytes());
    assert_eq!(lines(&r)[0]["error"]["code"], "Y0906");
}

#[test]
fn standards_versions_schemas_and_pages() {
    let s = Server::ready(config(standards()));
    let lib = library();
    let list = s.get("/v1/standards").json();
    let served: BTreeSet<(String, String)> = list["standards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["id"].as_str().unwrap().to_string(),
                x["version"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let known: BTreeSet<(String, String)> = lib
        .documents()
        .into_iter()
        .map(|d| (d.id, d.version))
        .collect();
    assert_eq!(served, known);

    let one = s.get("/v1/standards/cn.sanitary_city.national").json();
    let versions = one["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 3);
    for v in versions {
        let std = lib
            .compile("cn.sanitary_city.national", v["version"].as_str())
            .unwrap();
        assert_eq!(v["hash"], std.hash());
        assert!(v["effective"].get("from").is_some() && v["effective"].get("until").is_some());
    }
    assert!(versions.iter().any(|v| v["effective"]["from"].is_string()));
    let provincial = s.get("/v1/standards/cn.sanitary_city.provincial").json();
    assert_eq!(
        provincial["versions"][0]["lineage"][1],
        "cn.sanitary_city.national@pre-2014"
    );
    let r = s.get("/v1/standards/no.such");
    assert_eq!((r.status, r.code()), (404, "Y0801".to_string()));

    // A version with a slash and a space, percent-encoded in its path segment.
    let fly = "/v1/standards/cn.vector.fly/GB%2FT%2027772-2011";
    let schema = s.get(&format!("{fly}/schema"));
    assert_eq!(schema.status, 200, "{}", schema.text());
    let std = lib.compile("cn.vector.fly", None).unwrap();
    assert_eq!(
        schema.json()["assessment"],
        yardstick::schema::assessment_schema(&std)
    );
    assert_eq!(
        schema.json()["form"],
        serde_json::to_value(std.form()).unwrap()
    );
    let r = s.get("/v1/standards/cn.vector.fly/1999/schema");
    assert_eq!((r.status, r.code()), (404, "Y0802".to_string()));

    let md = s.get(&format!("{fly}/doc"));
    assert_eq!(
        md.header("content-type"),
        Some("text/markdown; charset=utf-8")
    );
    assert_eq!(
        md.text(),
        yardstick::doc::markdown_in(&std, None, yardstick::Lang::Both)
    );
    let html = s.get(&format!("{fly}/doc?format=html&lang=zh"));
    assert_eq!(
        html.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(
        html.text(),
        yardstick::doc::html_in(&std, None, yardstick::Lang::Zh)
    );
    let r = s.get(&format!("{fly}/doc?format=pdf"));
    assert_eq!((r.status, r.code()), (400, "Y0901".to_string()));
}

#[test]
fn check_reports_problems_and_survives_hostile_documents() {
    let s = Server::ready(config(standards()));
    let r = s.post("/v1/check?name=demo.yard", demo(90).as_bytes());
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["ok"], true);

    let broken = demo(90).replace(">= 90%", ">=");
    let r = s.post("/v1/check?name=demo.yard", broken.as_bytes());
    assert_eq!(r.status, 422);
    let v = r.json();
    assert_eq!(v["kind"], "problems");
    assert_eq!(v["problems"][0]["file"], "demo.yard");
    assert_eq!(v["code"], v["problems"][0]["code"]);

    // A revision checked against the library it extends (`extends` resolves in the folder served).
    let revision = r#"standard cn.sanitary_city.provincial extends cn.sanitary_city.national version "pre-2014" {
  version "seed"
}
"#;
    let r = s.post("/v1/check", revision.as_bytes());
    assert!(r.status == 200 || r.status == 422, "{}", r.text());
    if r.status == 422 {
        assert!(!r.text().contains("Y0801"), "{}", r.text());
    }

    let hostile: Vec<Vec<u8>> = vec![
        format!(
            "standard x {{ version \"1\" output o = {}1{} }}",
            "(".repeat(10_000),
            ")".repeat(10_000)
        )
        .into_bytes(),
        format!(
            "standard x {{ version \"1\" output o = 1{} }}",
            " + 1".repeat(50_000)
        )
        .into_bytes(),
        "standard \u{202e}x { version \"1\" "
            .repeat(2000)
            .into_bytes(),
        vec![0xff; 1000],
        b"\"".repeat(100_000),
    ];
    for doc in hostile {
        let r = s.post("/v1/check", &doc);
        assert_eq!(r.status, 422, "{}", r.text());
        assert_eq!(r.json()["kind"], "problems");
    }
    assert_eq!(s.get("/health").status, 200);
}

#[test]
fn diff_of_two_versions_with_assessments() {
    let mut c = config(standards());
    c.limits.max_diff_assessments = 2;
    let s = Server::ready(c);
    let a: serde_json::Value = serde_json::from_str(&example("city-passes-pre2014.json")).unwrap();
    let body = serde_json::json!({
        "old": "cn.sanitary_city.national@pre-2014",
        "new": "cn.sanitary_city.provincial@seed",
        "assessments": [a],
    });
    let r = s.post("/v1/diff", body.to_string().as_bytes());
    assert_eq!(r.status, 200, "{}", r.text());
    let lib = library();
    let (o, n) = (
        lib.compile("cn.sanitary_city.national", Some("pre-2014"))
            .unwrap(),
        lib.compile("cn.sanitary_city.provincial", Some("seed"))
            .unwrap(),
    );
    let list = vec![(
        "assessments[0]".to_string(),
        yardstick::Json::parse(&a.to_string()).unwrap(),
    )];
    let expected = yardstick::diff::diff(&o, &n, &list);
    // Assessments are named by their `name`, else by their place in the list.
    assert_eq!(r.text(), serde_json::to_string(&expected).unwrap());
    let t = s.post("/v1/diff?format=text&lang=en", body.to_string().as_bytes());
    assert_eq!(t.header("content-type"), Some("text/plain; charset=utf-8"));
    assert!(!t.text().is_empty());

    let three = serde_json::json!({"old": "cn.vector.fly", "new": "cn.vector.fly", "assessments": [{}, {}, {}]});
    let r = s.post("/v1/diff", three.to_string().as_bytes());
    assert_eq!((r.status, r.code()), (413, "Y0906".to_string()));
}

#[test]
fn the_openapi_description_lists_exactly_the_routes() {
    let s = Server::ready(config(standards()));
    let doc = s.get("/v1/openapi.json").json();
    let mut described = BTreeSet::new();
    for (path, ops) in doc["paths"].as_object().unwrap() {
        for method in ops.as_object().unwrap().keys() {
            described.insert((method.to_uppercase(), path.clone()));
        }
    }
    let routed: BTreeSet<(String, String)> =
        yardstick_server::routes::routes().into_iter().collect();
    assert_eq!(described, routed);
    // And the router answers each of them (never with "no route" or "wrong method").
    for (method, path) in &routed {
        let p = path
            .replace("{id}", "cn.vector.fly")
            .replace("{version}", "GB%2FT%2027772-2011");
        let r = common::request(s.addr, method, &p, &[], b"{}");
        assert!(r.status != 404 || r.code() != "Y0904", "{method} {p}");
        assert_ne!(r.status, 405, "{method} {p}");
    }
}

#[test]
fn metrics_count_requests_errors_latency_and_evaluations() {
    let s = Server::ready(config(standards()));
    s.post("/v1/evaluate", example("fly2011-level-b.json").as_bytes());
    s.post("/v1/evaluate", b"{");
    let m = s.get("/metrics");
    assert_eq!(
        m.header("content-type"),
        Some("text/plain; version=0.0.4; charset=utf-8")
    );
    let t = m.text();
    assert!(t.contains(
        "yardstick_http_requests_total{route=\"/v1/evaluate\",method=\"POST\",status=\"200\"} 1\n"
    ));
    assert!(t.contains("yardstick_http_errors_total{route=\"/v1/evaluate\",code=\"Y0702\"} 1\n"));
    assert!(t.contains("yardstick_http_request_duration_seconds_count{route=\"/v1/evaluate\"} 2\n"));
    assert!(t.contains("yardstick_evaluations_total{standard=\"cn.vector.fly\",version=\"GB/T 27772-2011\",outcome="));
    assert!(t.contains("yardstick_library_ready 1\n"));
}

#[test]
fn hot_reload_keeps_the_last_good_library_and_takes_the_fixed_one() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("demo.yard");
    std::fs::write(&file, demo(90)).unwrap();
    let s = Server::ready(config(dir.path().to_path_buf()));
    let a = br#"{"standard": "demo", "inputs": {"satisfaction": 85}}"#;
    let first = s.post("/v1/evaluate", a).json();
    assert_eq!(first["outcome"], "fail");
    let h1 = first["standard"]["hash"].as_str().unwrap().to_string();

    std::fs::write(&file, demo(90).replace(">= 90%", ">=")).unwrap();
    s.wait_for(|s| s.get("/ready").json()["last_attempt"]["ok"] == false);
    let r = s.get("/ready");
    assert_eq!(r.status, 200, "still serving the last good library");
    let v = r.json();
    assert_eq!(v["generation"], 1);
    assert_eq!(
        v["last_attempt"]["problems"][0]["file"],
        file.display().to_string()
    );
    assert_eq!(
        s.post("/v1/evaluate", a).json()["standard"]["hash"],
        h1.as_str()
    );

    std::fs::write(&file, demo(80)).unwrap();
    s.wait_for(|s| s.get("/ready").json()["generation"] == 2);
    let second = s.post("/v1/evaluate", a);
    let v = second.json();
    assert_eq!(v["outcome"], "pass");
    assert_ne!(v["standard"]["hash"], h1.as_str());
    assert_eq!(second.header("x-yardstick-generation"), Some("2"));
    // At least one reload kept the last good library. Not exactly one: a single write of the broken
    // text can reach the watcher as two events (truncate, then write), each a failed attempt; under
    // load both are seen (it failed so once with 2 on a loaded 2-core machine).
    let metrics = s.get("/metrics").text();
    let kept: u64 = metrics
        .lines()
        .find_map(|l| l.strip_prefix("yardstick_reloads_total{result=\"kept_last_good\"} "))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0);
    assert!(kept >= 1, "{metrics}");
}

#[test]
fn not_ready_until_the_folder_compiles() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("demo.yard");
    std::fs::write(&file, "standard demo {").unwrap();
    let s = Server::start(config(dir.path().to_path_buf()));
    s.wait_for(|s| s.get("/ready").json()["last_attempt"].is_object());
    assert_eq!(s.get("/health").status, 200);
    let r = s.get("/ready");
    assert_eq!(r.status, 503);
    assert_eq!(r.json()["ready"], false);
    let r = s.post("/v1/evaluate", b"{}");
    assert_eq!((r.status, r.code()), (503, "Y0903".to_string()));
    assert_eq!(r.json()["kind"], "not_ready");
    std::fs::write(&file, demo(90)).unwrap();
    s.wait_for(|s| s.get("/ready").status == 200);
    assert_eq!(s.get("/v1/standards").json()["standards"][0]["id"], "demo");
}

#[test]
fn the_decision_log_has_one_line_per_evaluation() {
    let dir = tempfile::tempdir().unwrap();
    for mask in [false, true] {
        let path = dir.path().join(format!("decisions-{mask}.jsonl"));
        let mut c = config(standards());
        c.decision_log = Some(yardstick_server::DecisionLogConfig {
            path: path.clone(),
            mask_inputs: mask,
            max_bytes: 1 << 20,
            keep: 2,
        });
        let s = Server::ready(c);
        let a = example("fly2011-level-b.json");
        s.post("/v1/evaluate", a.as_bytes());
        s.post("/v1/evaluate", b"{");
        s.post(
            "/v1/batch",
            format!("{}\n{}\n", a.replace('\n', " "), a.replace('\n', " ")).as_bytes(),
        );
        drop(s);
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 3, "{text}");
        let std = library().compile("cn.vector.fly", None).unwrap();
        for l in &lines {
            assert_eq!(l["standard"], "cn.vector.fly");
            assert_eq!(l["hash"], std.hash());
            assert!(l["outcome"].is_string() && l["time"].is_string());
        }
        assert_eq!(lines[0]["route"], "/v1/evaluate");
        assert_eq!(lines[2]["line"], 2);
        if mask {
            assert!(lines[0].get("inputs").is_none());
            assert_eq!(lines[0]["inputs_masked"], true);
        } else {
            // The inputs as given, numbers with their digits.
            let given: serde_json::Value = serde_json::from_str(&a).unwrap();
            assert_eq!(lines[0]["inputs"], given["inputs"]);
            let raw = text.lines().next().unwrap();
            let inputs = yardstick::Json::parse(&a).unwrap();
            assert!(raw.contains(&serde_json::to_string(inputs.get("inputs").unwrap()).unwrap()));
        }
    }
}
