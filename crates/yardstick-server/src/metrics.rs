//! `/metrics`: Prometheus text exposition (version 0.0.4), counted in the process.
//!
//! - `yardstick_http_requests_total{route,method,status}`: requests answered;
//! - `yardstick_http_errors_total{route,code}`: error answers by their stable code;
//! - `yardstick_http_request_duration_seconds{route}`: a latency histogram per route;
//! - `yardstick_evaluations_total{standard,version,outcome}`: evaluations (a batch counts each row);
//! - `yardstick_library_generation`, `yardstick_library_ready`, `yardstick_library_documents`,
//!   `yardstick_reloads_total{result}`, `yardstick_decision_log_lines_total`,
//!   `yardstick_decision_log_errors_total`.
//!
//! A route is the path pattern the router matched (`/v1/standards/{id}`), so ids never make new series;
//! a request that matched no route counts under `unmatched`.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;

/// Upper bounds of the latency buckets, in seconds.
pub const BUCKETS: &[f64] = &[
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
    5.0, 10.0,
];

#[derive(Default)]
struct Histogram {
    /// One count per bucket (not cumulative), then the `+Inf` one.
    counts: Vec<u64>,
    sum: f64,
    count: u64,
}

#[derive(Default)]
struct Tables {
    requests: BTreeMap<(String, String, u16), u64>,
    errors: BTreeMap<(String, String), u64>,
    latency: BTreeMap<String, Histogram>,
    evaluations: BTreeMap<(String, String, String), u64>,
}

#[derive(Default)]
pub struct Metrics {
    tables: Mutex<Tables>,
    pub reloads_ok: AtomicU64,
    pub reloads_failed: AtomicU64,
    pub decision_lines: AtomicU64,
    pub decision_errors: AtomicU64,
}

impl Metrics {
    pub fn request(
        &self,
        route: &str,
        method: &str,
        status: u16,
        took: Duration,
        code: Option<&str>,
    ) {
        let Ok(mut t) = self.tables.lock() else {
            return;
        };
        *t.requests
            .entry((route.to_string(), method.to_string(), status))
            .or_default() += 1;
        if let Some(code) = code {
            *t.errors
                .entry((route.to_string(), code.to_string()))
                .or_default() += 1;
        }
        let h = t.latency.entry(route.to_string()).or_default();
        if h.counts.is_empty() {
            h.counts = vec![0; BUCKETS.len() + 1];
        }
        let s = took.as_secs_f64();
        let i = BUCKETS
            .iter()
            .position(|b| s <= *b)
            .unwrap_or(BUCKETS.len());
        if let Some(c) = h.counts.get_mut(i) {
            *c += 1;
        }
        h.sum += s;
        h.count += 1;
    }

    pub fn evaluation(&self, standard: &str, version: &str, outcome: &str) {
        if let Ok(mut t) = self.tables.lock() {
            *t.evaluations
                .entry((
                    standard.to_string(),
                    version.to_string(),
                    outcome.to_string(),
                ))
                .or_default() += 1;
        }
    }

    /// The exposition text. `library`: (generation, ready, documents).
    pub fn render(&self, library: (u64, bool, usize)) -> String {
        let mut o = String::new();
        let Ok(t) = self.tables.lock() else {
            return o;
        };
        o.push_str("# HELP yardstick_http_requests_total Requests answered.\n");
        o.push_str("# TYPE yardstick_http_requests_total counter\n");
        for ((route, method, status), n) in &t.requests {
            let _ = writeln!(
                o,
                "yardstick_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{status}\"}} {n}",
                esc(route),
                esc(method)
            );
        }
        o.push_str("# HELP yardstick_http_errors_total Error answers by their stable code.\n");
        o.push_str("# TYPE yardstick_http_errors_total counter\n");
        for ((route, code), n) in &t.errors {
            let _ = writeln!(
                o,
                "yardstick_http_errors_total{{route=\"{}\",code=\"{}\"}} {n}",
                esc(route),
                esc(code)
            );
        }
        o.push_str("# HELP yardstick_http_request_duration_seconds Time to answer, per route.\n");
        o.push_str("# TYPE yardstick_http_request_duration_seconds histogram\n");
        for (route, h) in &t.latency {
            let r = esc(route);
            let mut acc = 0;
            for (i, b) in BUCKETS.iter().enumerate() {
                acc += h.counts.get(i).copied().unwrap_or(0);
                let _ = writeln!(
                    o,
                    "yardstick_http_request_duration_seconds_bucket{{route=\"{r}\",le=\"{b}\"}} {acc}"
                );
            }
            let _ = writeln!(
                o,
                "yardstick_http_request_duration_seconds_bucket{{route=\"{r}\",le=\"+Inf\"}} {}",
                h.count
            );
            let _ = writeln!(
                o,
                "yardstick_http_request_duration_seconds_sum{{route=\"{r}\"}} {}",
                h.sum
            );
            let _ = writeln!(
                o,
                "yardstick_http_request_duration_seconds_count{{route=\"{r}\"}} {}",
                h.count
            );
        }
        o.push_str("# HELP yardstick_evaluations_total Evaluations, per standard and outcome.\n");
        o.push_str("# TYPE yardstick_evaluations_total counter\n");
        for ((s, v, outcome), n) in &t.evaluations {
            let _ = writeln!(
                o,
                "yardstick_evaluations_total{{standard=\"{}\",version=\"{}\",outcome=\"{}\"}} {n}",
                esc(s),
                esc(v),
                esc(outcome)
            );
        }
        drop(t);
        let (generation, ready, documents) = library;
        let gauge = |o: &mut String, name: &str, help: &str, v: u64| {
            let _ = writeln!(o, "# HELP {name} {help}\n# TYPE {name} gauge\n{name} {v}");
        };
        gauge(
            &mut o,
            "yardstick_library_generation",
            "The generation of the library served (0: none yet).",
            generation,
        );
        gauge(
            &mut o,
            "yardstick_library_ready",
            "1 when a library is loaded.",
            u64::from(ready),
        );
        gauge(
            &mut o,
            "yardstick_library_documents",
            "Documents in the library served.",
            documents as u64,
        );
        o.push_str("# HELP yardstick_reloads_total Reloads of the standards folder.\n");
        o.push_str("# TYPE yardstick_reloads_total counter\n");
        let _ = writeln!(
            o,
            "yardstick_reloads_total{{result=\"ok\"}} {}",
            self.reloads_ok.load(Ordering::Relaxed)
        );
        let _ = writeln!(
            o,
            "yardstick_reloads_total{{result=\"kept_last_good\"}} {}",
            self.reloads_failed.load(Ordering::Relaxed)
        );
        let counter = |o: &mut String, name: &str, help: &str, v: u64| {
            let _ = writeln!(o, "# HELP {name} {help}\n# TYPE {name} counter\n{name} {v}");
        };
        counter(
            &mut o,
            "yardstick_decision_log_lines_total",
            "Lines written to the decision log.",
            self.decision_lines.load(Ordering::Relaxed),
        );
        counter(
            &mut o,
            "yardstick_decision_log_errors_total",
            "Decisions that could not be written.",
            self.decision_errors.load(Ordering::Relaxed),
        );
        o
    }
}

/// A label value escaped as the exposition format wants (`\`, `"`, line ends).
fn esc(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_histogram_is_cumulative_and_counts_every_request() {
        let m = Metrics::default();
        m.request("/v1/evaluate", "POST", 200, Duration::from_micros(80), None);
        m.request("/v1/evaluate", "POST", 200, Duration::from_millis(3), None);
        m.request(
            "/v1/evaluate",
            "POST",
            400,
            Duration::from_secs(20),
            Some("Y0702"),
        );
        let text = m.render((1, true, 3));
        assert!(text.contains("route=\"/v1/evaluate\",le=\"0.0001\"} 1\n"));
        assert!(text.contains("route=\"/v1/evaluate\",le=\"0.005\"} 2\n"));
        assert!(text.contains("route=\"/v1/evaluate\",le=\"10\"} 2\n"));
        assert!(text.contains("route=\"/v1/evaluate\",le=\"+Inf\"} 3\n"));
        assert!(text.contains(
            "yardstick_http_requests_total{route=\"/v1/evaluate\",method=\"POST\",status=\"400\"} 1\n"
        ));
        assert!(
            text.contains("yardstick_http_errors_total{route=\"/v1/evaluate\",code=\"Y0702\"} 1\n")
        );
        assert!(text.contains("yardstick_library_documents 3\n"));
    }

    #[test]
    fn label_values_are_escaped() {
        assert_eq!(esc("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    }
}
