//! Hot reload, keeping the last good library.
//!
//! The folder is loaded once at start (the server answers `/health` at once, and `/ready` with 503 until
//! a library is compiled). Then, every [`crate::Config::poll`], a digest of the folder's `.yard` files
//! (names and contents) is compared with the one of the library served and of the last attempt; on a
//! change, or on SIGHUP, the folder is compiled aside ([`state::load`], on a blocking thread) and swapped
//! in only when it checks clean. Otherwise the old library stays, and the problems are in `/ready` and
//! the log. A folder that is half written when read is refused and read again at the next change.

use crate::log;
use crate::state::{self, Attempt, Shared, MAX_REPORTED_PROBLEMS};
use std::sync::atomic::Ordering;
use std::sync::Arc;
use yardstick::catalogue::server as cat;

/// Load now, then watch until the task is aborted.
pub async fn watch(shared: Arc<Shared>) {
    let mut tried = reload(&shared).await;
    #[cfg(unix)]
    let mut hup = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup()).ok();
    loop {
        let hup_recv = async {
            #[cfg(unix)]
            if let Some(h) = hup.as_mut() {
                h.recv().await;
                return;
            }
            std::future::pending::<()>().await
        };
        let tick = async {
            match shared.config.poll {
                Some(d) => tokio::time::sleep(d).await,
                None => std::future::pending::<()>().await,
            }
        };
        match futures_util::future::select(Box::pin(hup_recv), Box::pin(tick)).await {
            futures_util::future::Either::Left(_) => {
                log::info("reload_asked", &cat::reload_asked(), &[]);
                tried = reload(&shared).await;
            }
            futures_util::future::Either::Right(_) => {
                let dir = shared.config.standards.clone();
                let now = tokio::task::spawn_blocking(move || state::fingerprint(&dir))
                    .await
                    .ok()
                    .flatten();
                if now.is_some() && now != tried {
                    tried = reload(&shared).await;
                }
            }
        }
    }
}

/// Compile the folder aside and swap it in when clean; the fingerprint of what was read.
pub async fn reload(shared: &Arc<Shared>) -> Option<u64> {
    let s = shared.clone();
    let current = shared.snapshot();
    let generation = current.as_ref().map(|c| c.generation).unwrap_or(0);
    let dir = shared.config.standards.clone();
    let budget = shared.budget();
    let fingerprint = state::fingerprint(&dir);
    let loaded =
        tokio::task::spawn_blocking(move || state::load(&dir, generation + 1, budget)).await;
    let at = log::now();
    match loaded {
        Ok(Ok(snapshot)) => {
            let fp = snapshot.fingerprint;
            let documents = snapshot.documents.len();
            let next = snapshot.generation;
            let warnings = snapshot.warnings.clone();
            s.install(snapshot);
            s.metrics.reloads_ok.fetch_add(1, Ordering::Relaxed);
            log::info(
                "loaded",
                &cat::loaded(documents, next),
                &[
                    ("generation", &next.to_string()),
                    ("documents", &documents.to_string()),
                ],
            );
            s.record(attempt(at, true, next, warnings));
            Some(fp)
        }
        Ok(Err(refused)) => {
            s.metrics.reloads_failed.fetch_add(1, Ordering::Relaxed);
            let errors = refused.problems.iter().filter(|p| p.is_error()).count();
            if current.is_some() {
                log::warn(
                    "kept_last_good",
                    &cat::kept_last_good(errors, generation),
                    &[("generation", &generation.to_string())],
                );
            } else {
                log::error("nothing_loaded", &cat::nothing_loaded(errors), &[]);
            }
            for p in refused
                .problems
                .iter()
                .filter(|p| p.is_error())
                .take(MAX_REPORTED_PROBLEMS)
            {
                let m = cat::folder_problem(
                    &p.place.file,
                    p.place.line,
                    p.place.column,
                    &p.code,
                    &p.message,
                    &p.message_zh,
                );
                log::warn("problem", &m, &[("code", &p.code), ("file", &p.place.file)]);
            }
            s.record(attempt(at, false, generation, refused.problems));
            fingerprint
        }
        Err(_) => fingerprint,
    }
}

fn attempt(
    at: String,
    ok: bool,
    generation: u64,
    mut problems: Vec<yardstick::report::Problem>,
) -> Attempt {
    // Errors first, so that the listed ones say why.
    problems.sort_by_key(|p| !p.is_error());
    let more = problems.len().saturating_sub(MAX_REPORTED_PROBLEMS);
    problems.truncate(MAX_REPORTED_PROBLEMS);
    Attempt {
        at,
        ok,
        generation,
        problems,
        problems_more: more,
    }
}
