//! What is served: a [`Snapshot`] of the standards folder, compiled whole, swapped atomically.
//!
//! A snapshot is built aside ([`load`]) and only when every file reads and parses, every document checks
//! without errors (warnings allowed; the checks over time, Y0406–Y0408, included) and compiles. Requests
//! take the current snapshot (an `Arc`) once and use it to the end, so a swap never changes the library
//! under a request in flight.

use crate::decision_log::DecisionLog;
use crate::metrics::Metrics;
use crate::Config;
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, RwLock};
use yardstick::api::{Effective, Labels, Source};
use yardstick::report::{Problem, SourceText};
use yardstick::{DocInfo, Library, SearchBudget, Standard};

/// One version of a standard, as `/v1/standards` lists it.
#[derive(Clone, Debug, Serialize)]
pub struct Summary {
    pub id: String,
    pub version: String,
    pub title: Labels,
    pub effective: Effective,
    pub status: Option<String>,
    pub source: Option<Source>,
    /// `id@version` of the documents it was built from, this one first.
    pub lineage: Vec<String>,
    /// SHA-256 of their texts: every result carries it.
    pub hash: String,
    /// `id@version` of the version it extends or supersedes.
    pub base: Option<String>,
    pub inputs: usize,
    /// The file it was read from.
    pub file: String,
    /// Warnings of its check (errors stop a snapshot).
    pub warnings: usize,
}

/// A compiled library.
pub struct Snapshot {
    /// 1 for the first library loaded, then one more per successful reload.
    pub generation: u64,
    pub loaded_at: String,
    pub library: Library,
    pub documents: Vec<DocInfo>,
    /// By file name.
    pub compiled: HashMap<String, Standard>,
    /// Sorted by id, then version as written.
    pub summaries: Vec<Summary>,
    /// Every warning of the folder's check.
    pub warnings: Vec<Problem>,
    /// A digest of the folder's files (names and contents) as loaded.
    pub fingerprint: u64,
}

impl Snapshot {
    /// The compiled standard a facade resolution picked.
    pub fn standard(&self, doc: &DocInfo) -> Option<&Standard> {
        self.compiled.get(&doc.file)
    }

    /// `id@version`, or `id` with one version, to a compiled standard.
    pub fn by_name(&self, name: &str) -> Result<&Standard, yardstick::Error> {
        let (id, version) = match name.split_once('@') {
            Some((i, v)) => (i, Some(v)),
            None => (name, None),
        };
        let doc = self
            .library
            .resolve_document(id, version, None, yardstick::Drafts::Skip)?;
        self.standard(&doc).ok_or_else(|| not_compiled(&doc.file))
    }

    /// The texts of the folder (for `/v1/check` in the library's context).
    pub fn sources(&self) -> impl Iterator<Item = (&DocInfo, &SourceText)> {
        self.documents
            .iter()
            .filter_map(|d| self.library.source(&d.file).map(|s| (d, s)))
    }
}

/// A document the snapshot resolved but did not compile cannot happen (a snapshot compiles every
/// document); say so as the facade would if it did.
fn not_compiled(file: &str) -> yardstick::Error {
    let m = yardstick::catalogue::no_document(file);
    yardstick::Error::NotFound(yardstick::Failure {
        code: yardstick::codes::NO_DOCUMENT.into(),
        en: m.en,
        zh: m.zh,
    })
}

/// The last attempt to load the folder.
#[derive(Clone, Debug, Serialize)]
pub struct Attempt {
    pub at: String,
    pub ok: bool,
    /// The generation it produced (ok), or the one still served (not ok; 0: none).
    pub generation: u64,
    /// Its errors and warnings (the first [`MAX_REPORTED_PROBLEMS`]).
    pub problems: Vec<Problem>,
    /// How many more than `problems` lists.
    pub problems_more: usize,
}

/// Problems listed by `/ready` (and logged) for one attempt.
pub const MAX_REPORTED_PROBLEMS: usize = 50;

/// Everything the routes share.
pub struct Shared {
    pub config: Config,
    current: RwLock<Option<Arc<Snapshot>>>,
    last: RwLock<Option<Attempt>>,
    pub metrics: Metrics,
    pub decisions: Option<Arc<DecisionLog>>,
}

impl Shared {
    pub fn new(config: Config, decisions: Option<Arc<DecisionLog>>) -> Shared {
        Shared {
            config,
            current: RwLock::new(None),
            last: RwLock::new(None),
            metrics: Metrics::default(),
            decisions,
        }
    }

    /// The library served now, if any.
    pub fn snapshot(&self) -> Option<Arc<Snapshot>> {
        self.current.read().ok().and_then(|g| g.clone())
    }

    /// Swap in a new library.
    pub fn install(&self, s: Snapshot) {
        if let Ok(mut g) = self.current.write() {
            *g = Some(Arc::new(s));
        }
    }

    pub fn last_attempt(&self) -> Option<Attempt> {
        self.last.read().ok().and_then(|g| g.clone())
    }

    pub fn record(&self, a: Attempt) {
        if let Ok(mut g) = self.last.write() {
            *g = Some(a);
        }
    }

    pub fn budget(&self) -> SearchBudget {
        match self.config.search_steps {
            Some(steps) => SearchBudget { steps },
            None => SearchBudget::DEFAULT,
        }
    }
}

/// Problems that stopped a load (errors, with the warnings found beside them).
pub struct Refused {
    pub problems: Vec<Problem>,
}

/// A digest of every `.yard` file under `dir`: names and contents, in sorted order (`None`: the folder
/// cannot be listed).
pub fn fingerprint(dir: &Path) -> Option<u64> {
    use std::hash::{Hash, Hasher};
    let mut files = Vec::new();
    collect(dir, &mut files).ok()?;
    files.sort();
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for f in &files {
        f.hash(&mut h);
        match std::fs::read(f) {
            Ok(b) => b.hash(&mut h),
            Err(e) => e.kind().to_string().hash(&mut h),
        }
    }
    Some(h.finish())
}

fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> std::io::Result<()> {
    for e in std::fs::read_dir(dir)? {
        let p = e?.path();
        if p.is_dir() {
            collect(&p, out)?;
        } else if p.extension().is_some_and(|x| x == "yard") {
            out.push(p);
        }
    }
    Ok(())
}

/// Read, check and compile the folder. `generation` is the number the snapshot will carry.
pub fn load(dir: &Path, generation: u64, budget: SearchBudget) -> Result<Snapshot, Refused> {
    let fingerprint = fingerprint(dir).unwrap_or(0);
    let mut library = Library::new();
    let read = library.load_dir_report(dir).map_err(|e| Refused {
        problems: match e {
            yardstick::Error::Problems(p) => p.problems,
            other => vec![folder_problem(dir, &other)],
        },
    })?;
    let mut problems: Vec<Problem> = read.into_iter().flat_map(|r| r.problems).collect();
    let documents = library.documents();
    for d in &documents {
        problems.extend(library.check_file(&d.file));
    }
    if problems.iter().any(Problem::is_error) {
        return Err(Refused { problems });
    }
    let mut compiled = HashMap::new();
    let mut summaries = Vec::new();
    for d in &documents {
        match library.compile_file(&d.file) {
            Ok(s) => {
                let s = s.with_search_budget(budget);
                let f = s.form();
                summaries.push(Summary {
                    id: f.id,
                    version: f.version,
                    title: f.title,
                    effective: f.effective,
                    status: f.status,
                    source: f.source,
                    lineage: f.lineage,
                    hash: f.hash,
                    base: s.base(),
                    inputs: f.inputs.len(),
                    file: d.file.clone(),
                    warnings: problems.iter().filter(|p| p.place.file == d.file).count(),
                });
                compiled.insert(d.file.clone(), s);
            }
            Err(yardstick::Error::Problems(p)) => problems.extend(p.problems),
            Err(other) => problems.push(folder_problem(dir, &other)),
        }
    }
    if problems.iter().any(Problem::is_error) {
        return Err(Refused { problems });
    }
    summaries.sort_by(|a, b| a.id.cmp(&b.id).then_with(|| a.file.cmp(&b.file)));
    Ok(Snapshot {
        generation,
        loaded_at: crate::log::now(),
        library,
        documents,
        compiled,
        summaries,
        warnings: problems,
        fingerprint,
    })
}

/// An error that is not a document's problem (the folder cannot be listed), as a problem of the folder.
fn folder_problem(dir: &Path, e: &yardstick::Error) -> Problem {
    let r = e.report();
    let name = dir.display().to_string();
    Problem {
        code: r.code,
        severity: "error".into(),
        message: r.en,
        message_zh: r.zh,
        label: String::new(),
        label_zh: String::new(),
        help: None,
        help_zh: None,
        place: yardstick::report::Place {
            file: name,
            line: 1,
            column: 1,
            start: 0,
            end: 0,
            text: String::new(),
        },
        related: Vec::new(),
    }
}
