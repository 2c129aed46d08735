//! The bodies of the fuzz targets (`fuzz/fuzz_targets/*.rs`), shared with the regression replay
//! (`tests/fuzz_regressions.rs`), so that a saved finding is replayed through exactly the code that found it.
//!
//! Every target takes arbitrary bytes and must return without panicking, whatever they are. Inputs that
//! are not UTF-8 are read lossily (the CLI refuses them; the engine only ever sees `&str`). A target may
//! assert a property of the engine (the formatter's round trip); a failed assertion is a finding like a
//! crash. Slow inputs are findings too: the fuzzer runs with a per-input timeout (`scripts/fuzz.sh`).
//!
//! | target | input | what runs |
//! |---|---|---|
//! | `parse_check` | a `.yard` text | `check_text`, the plain and the graphical (miette) report of every problem |
//! | `format_roundtrip` | a `.yard` text | `format`; when it formats, formatting again gives the same text and the syntax tree is kept |
//! | `shipped_json` | assessment JSON | every shipped standard compiled once; the one the header names (else one picked by a hash of the input) evaluates it with the explanation |
//! | `doc_assessment` | `.yard` text, NUL, assessment JSON | `Standard::from_text`, then evaluate (with and without explanation), the examples, the schema, the Markdown and HTML pages |
//! | `wasm_json` | call name, NUL, arguments separated by NUL | `yardstick::bindings`, what each `#[wasm_bindgen]` export of `yardstick-wasm` calls |
//!
//! `wasm_json` calls are `compileLibrary LIB ID VERSION AS_OF ASSESSMENT`, `compileFile LIB FILE
//! ASSESSMENT`, `documents LIB`, `checkInLibrary LIB FILE`, `compile TEXT NAME ASSESSMENT`, `check TEXT NAME`
//! and `format TEXT` (LIB is the JSON text of `[{name, text}, …]`; an empty VERSION, AS_OF or NAME is
//! `null`); an unknown call name picks one by its first byte. After a successful compile the handle is used
//! as the page uses it: `evaluate` (explained), `examples`, `schema`, `warnings`.
//!
//! The WASM exports themselves (`compile`, `evaluate`, …) turn errors into JavaScript objects through
//! `js-sys`, which only works inside a WASM host, so the targets call the plain Rust functions each export
//! is a one-line wrapper of (`compile_text`, `Handle::evaluate_text`, …), plus `check` and `format`, which
//! are plain functions natively.

use std::path::Path;
use std::sync::OnceLock;
use yardstick::report::{render_plain, MietteProblem, Problem, SourceText};
use yardstick::{Library, Standard};

/// The fuzz targets, by name (also the directory names under `tests/corpus/fuzz/` and `fuzz/corpus/`).
pub const TARGETS: &[&str] = &[
    "parse_check",
    "format_roundtrip",
    "shipped_json",
    "doc_assessment",
    "wasm_json",
];

/// Run target `name` on `data`. Returns `false` for an unknown target name.
pub fn run(name: &str, data: &[u8]) -> bool {
    match name {
        "parse_check" => parse_check(data),
        "format_roundtrip" => format_roundtrip(data),
        "shipped_json" => shipped_json(data),
        "doc_assessment" => doc_assessment(data),
        "wasm_json" => wasm_json(data),
        _ => return false,
    }
    true
}

fn text(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}

/// FNV-1a: a stable choice from the input, so a saved input replays the same way.
fn hash(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Both renderings of a report, as the CLI prints them (`--format plain` and the graphical default).
fn render(problems: &[Problem], sources: &[SourceText]) {
    let _ = render_plain(problems);
    let _ = serde_json::to_string(problems);
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .with_width(100);
    for p in problems {
        let src = sources
            .iter()
            .find(|s| s.name == p.place.file)
            .cloned()
            .unwrap_or(SourceText {
                name: p.place.file.clone(),
                text: "".into(),
            });
        let mut out = String::new();
        let _ = handler.render_report(&mut out, &MietteProblem::new(p.clone(), &src));
    }
}

/// `parse_check`: parse, lower and check a document alone; render every problem.
pub fn parse_check(data: &[u8]) {
    let text = text(data);
    let name = "fuzz.yard";
    let problems = yardstick::check_text(name, &text);
    let sources = [SourceText {
        name: name.into(),
        text: std::sync::Arc::from(&*text),
    }];
    render(&problems, &sources);
}

/// `format_roundtrip`: a document that formats formats to itself again and keeps its syntax tree.
pub fn format_roundtrip(data: &[u8]) {
    let text = text(data);
    let Ok(out) = yardstick_syntax::format(&text) else {
        return;
    };
    let again = yardstick_syntax::format(&out);
    assert!(
        again.is_ok(),
        "the formatted text does not parse: {:?}\n--- formatted:\n{out}",
        again.err()
    );
    if let Ok(again) = again {
        assert_eq!(again, out, "formatting is not idempotent");
    }
    let (before, after) = (
        yardstick_syntax::parse(&text),
        yardstick_syntax::parse(&out),
    );
    if let (Ok(before), Ok(after)) = (before, after) {
        assert!(
            before == after,
            "formatting changed the syntax tree\n--- formatted:\n{out}"
        );
    }
}

/// The shipped standards (`standards/`), each (id, version) compiled once per process.
fn shipped() -> &'static [Standard] {
    static SHIPPED: OnceLock<Vec<Standard>> = OnceLock::new();
    SHIPPED.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../standards");
        let mut lib = Library::new();
        // Shipped standards parse (the test command checks them); a failure leaves the list empty.
        let _ = lib.load_dir(&dir);
        lib.documents()
            .iter()
            .filter_map(|d| lib.compile(&d.id, Some(&d.version)).ok())
            .collect()
    })
}

/// `shipped_json`: an arbitrary assessment against a shipped standard.
pub fn shipped_json(data: &[u8]) {
    let text = text(data);
    let all = shipped();
    if all.is_empty() {
        return;
    }
    let named = yardstick::json::assessment_header(&text)
        .ok()
        .and_then(|h| {
            all.iter().find(|s| {
                s.id() == h.standard && h.version.as_deref().is_none_or(|v| s.version() == v)
            })
        });
    let fallback = &all[(hash(data) % all.len() as u64) as usize];
    let std = named.unwrap_or(fallback);
    let _ = std.evaluate_text(&text, &yardstick::Options::explained());
}

/// `doc_assessment`: an arbitrary document with an arbitrary assessment.
pub fn doc_assessment(data: &[u8]) {
    let (doc, assessment) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &b"{}"[..]),
    };
    let (doc, assessment) = (text(doc), text(assessment));
    let Ok(std) = Standard::from_text("fuzz.yard", &doc) else {
        return;
    };
    let explained = std.evaluate_text(&assessment, &yardstick::Options::explained());
    let summary = std.evaluate_text(&assessment, &yardstick::Options::default());
    assert_eq!(
        explained.is_ok(),
        summary.is_ok(),
        "evaluation fails only with (or only without) the explanation"
    );
    if let (Ok(e), Ok(s)) = (&explained, &summary) {
        assert_eq!(
            e.outcome, s.outcome,
            "the outcome depends on the explanation"
        );
    }
    let _ = yardstick::testing::run_examples(&std);
    let _ = std.form();
    let _ = yardstick::doc::markdown(&std, None);
    let _ = yardstick::doc::html(&std, None);
}

/// `wasm_json`: the entry points of the WASM module (`yardstick::bindings`, which each export calls),
/// called as the page calls them.
pub fn wasm_json(data: &[u8]) {
    use yardstick::bindings as w;
    let text = text(data);
    let mut f = text.split('\0');
    let call = f.next().unwrap_or_default();
    let mut arg = || f.next().unwrap_or_default();
    fn opt(s: &str) -> Option<&str> {
        (!s.is_empty()).then_some(s)
    }
    const CALLS: [&str; 7] = [
        "compileLibrary",
        "compileFile",
        "documents",
        "checkInLibrary",
        "compile",
        "check",
        "format",
    ];
    let call = if CALLS.contains(&call) {
        call
    } else {
        CALLS[call.bytes().next().unwrap_or(0) as usize % CALLS.len()]
    };
    let use_handle = |h: Result<Standard, yardstick::api::ErrorReport>, assessment: &str| {
        if let Ok(h) = h {
            let _ = w::evaluate(&h, assessment, true);
            let _ = w::examples(&h);
            let _ = w::form(&h);
            let _ = w::problems(h.warnings());
            let _ = (h.id(), h.version(), h.hash());
        }
    };
    match call {
        "compileLibrary" => {
            let (lib, id, version, as_of) = (arg(), arg(), arg(), arg());
            let h = w::compile_in_library(lib, id, opt(version), opt(as_of));
            use_handle(h, arg());
        }
        "compileFile" => {
            let (lib, file) = (arg(), arg());
            use_handle(w::compile_file_in_library(lib, file), arg());
        }
        "documents" => {
            let _ = w::documents(arg());
        }
        "checkInLibrary" => {
            // As the export does: the library, then the problems of one file as JSON text.
            let (lib, file) = (arg(), arg());
            let _ = w::check_in_library(lib, file);
        }
        "compile" => {
            let (src, name) = (arg(), arg());
            use_handle(w::compile(src, opt(name)), arg());
        }
        "check" => {
            let (src, name) = (arg(), arg());
            let _ = w::check(src, opt(name));
        }
        _ => {
            let _ = w::format(arg());
        }
    }
}
