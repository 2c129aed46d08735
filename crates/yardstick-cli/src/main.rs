//! `yardstick`: check, format, evaluate, explain and test standards documents.
//!
//! Exit codes: 0 success (warnings allowed; any outcome of an evaluation), 1 problems in the input
//! (errors in a document, a bad assessment, failing examples, unformatted files with `--check`,
//! definitions that could not be computed), 2 usage errors (bad flags, missing files).
//!
//! Every result and error is rendered from the facade's typed contract (`yardstick::api`): with
//! `--format json` errors are JSON too (an `ErrorReport` on standard output); people read labels and
//! numbers as the standard writes them, in the language(s) `--lang` picks. Colour only on a terminal,
//! never with `NO_COLOR` set.

// Standard output closed by its reader (`yardstick schema | head`, `yardstick doc ID | less` quit early)
// is not an error: the reader has what it wanted. `std`'s `print!`/`println!` panic there ("failed
// printing to stdout: Broken pipe", exit 101); these two shadow them in this file and in every module
// declared below, and end the program quietly with success instead, as `batch` does for its output.
// Any other write error is reported (in the chosen language) and exits 1.
macro_rules! print {
    ($($arg:tt)*) => {
        $crate::write_stdout(format_args!($($arg)*))
    };
}
macro_rules! println {
    () => {
        $crate::write_stdout(format_args!("\n"))
    };
    ($($arg:tt)*) => {
        $crate::write_stdout(format_args!("{}\n", format_args!($($arg)*)))
    };
}

mod batch;
#[cfg(test)]
mod documented_limits;
mod lsp;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::OnceLock;
use yardstick::api::{Evaluation, Options, Outcome};
use yardstick::catalogue::cli;
use yardstick::report::{render_plain, MietteProblem, Problem, SourceText};
use yardstick::{Drafts, Error, Lang, Library, Standard};

#[derive(Parser)]
#[command(
    name = "yardstick",
    version,
    about = "Versioned inspection standards as code: check, format, evaluate, explain, test",
    long_about = "Versioned inspection standards as code: check, format, evaluate, explain, test.\n\n\
        The library of standards (what ids, `use` and `extends` resolve in) is, first found: the folder \
        given with --standards DIR; the folder in the YARDSTICK_STANDARDS environment variable; \
        ./standards when the working folder has one; else the standards built into this binary. A \
        folder named by --standards or YARDSTICK_STANDARDS that does not exist is an error (Y0809, exit 2)."
)]
struct Cli {
    /// The language of messages for people: `en`, `zh` or `both` (English, then Chinese).
    #[arg(long, global = true, value_enum, default_value = "both")]
    lang: LangArg,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum LangArg {
    En,
    Zh,
    Both,
}

/// How this run speaks: the language(s) for people, and whether errors are JSON (`--format json`).
#[derive(Clone, Copy)]
struct Speech {
    lang: Lang,
    json: bool,
}

static SPEECH: OnceLock<Speech> = OnceLock::new();

fn speech() -> Speech {
    SPEECH.get().copied().unwrap_or(Speech {
        lang: Lang::Both,
        json: false,
    })
}

/// Colour only on a terminal, and never with `NO_COLOR` set (https://no-color.org).
fn colour() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Format {
    /// Drawn report with the source underlined (default).
    Graphical,
    /// Plain sentences, good for screen readers.
    Plain,
    /// Machine-readable JSON.
    Json,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum OutFormat {
    /// A summary for people (default).
    Human,
    /// The JSON contract (docs/json.md).
    Json,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum DocFormat {
    Md,
    Html,
}

/// `--standards DIR`, shared by every command that reads a library.
#[derive(Args, Clone, Debug, Default)]
pub(crate) struct StandardsArg {
    /// Folder of standards (`use`, `extends` and ids resolve in it). Without it: the folder in
    /// $YARDSTICK_STANDARDS, else ./standards if there is one, else the standards built into this binary.
    #[arg(long = "standards", value_name = "DIR")]
    dir: Option<PathBuf>,
}

/// The environment variable naming the standards folder when `--standards` is not given.
const STANDARDS_ENV: &str = "YARDSTICK_STANDARDS";

/// Where the library of standards comes from. Precedence: `--standards DIR`, then
/// `$YARDSTICK_STANDARDS`, then `./standards` when it is a folder, then the shipped standards embedded
/// at build time. A folder named by the flag or the variable must exist (Y0809); `./standards` is
/// only used when it does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Standards {
    /// A folder of `.yard` files.
    Dir(PathBuf),
    /// The standards built into the binary (`standards/…` of the repository it was built from).
    Embedded,
}

/// The shipped standards, embedded by build.rs.
mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_standards.rs"));
}

impl Standards {
    /// The library the flag, the environment and the working folder pick (see [`Standards`]).
    fn pick(arg: &StandardsArg) -> Result<Standards, ExitCode> {
        let (dir, from) = match (&arg.dir, std::env::var_os(STANDARDS_ENV)) {
            (Some(d), _) => (d.clone(), "--standards".to_string()),
            (None, Some(v)) if !v.is_empty() => (PathBuf::from(v), STANDARDS_ENV.to_string()),
            _ => {
                let here = Path::new("standards");
                return Ok(if here.is_dir() {
                    Standards::Dir(here.to_path_buf())
                } else {
                    Standards::Embedded
                });
            }
        };
        if dir.is_dir() {
            return Ok(Standards::Dir(dir));
        }
        let m = cli::standards_folder_missing(&dir.display().to_string(), &from);
        if speech().json {
            let r = Error::NotFound(yardstick::Failure {
                code: yardstick::codes::NO_FOLDER.into(),
                en: m.en,
                zh: m.zh,
            })
            .report();
            println!("{}", serde_json::to_string_pretty(&r).unwrap_or_default());
        } else {
            error_line(&m);
        }
        Err(ExitCode::from(2))
    }
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ShellArg {
    Bash,
    Zsh,
    Fish,
    Powershell,
    Elvish,
}

#[derive(Subcommand)]
enum Command {
    /// Check documents and report every problem found.
    Check {
        /// `.yard` files or folders.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "graphical")]
        format: Format,
        #[command(flatten)]
        standards: StandardsArg,
    },
    /// Rewrite documents in the canonical layout (comments are kept).
    Fmt {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Do not write; exit 1 if any file is not formatted.
        #[arg(long)]
        check: bool,
    },
    /// Evaluate an assessment and print the result.
    Eval {
        /// The assessment's JSON file, or `-` for standard input.
        assessment: PathBuf,
        #[command(flatten)]
        standards: StandardsArg,
        /// Use this document directly instead of resolving.
        #[arg(long)]
        standard: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "human")]
        format: OutFormat,
        /// Include the full explanation tree (JSON) / every item (human).
        #[arg(long)]
        explain: bool,
        /// Let the assessment's `as_of` pick a draft whose window contains the date (drafts are never in force).
        #[arg(long)]
        include_drafts: bool,
    },
    /// Evaluate an assessment and print the whole explanation tree.
    Explain {
        /// The assessment's JSON file, or `-` for standard input.
        assessment: PathBuf,
        #[command(flatten)]
        standards: StandardsArg,
        #[arg(long)]
        standard: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "human")]
        format: OutFormat,
        /// Let the assessment's `as_of` pick a draft whose window contains the date.
        #[arg(long)]
        include_drafts: bool,
    },
    /// What changed between two standards: structure in authors' words, and results that change.
    Diff {
        /// The old standard: a file or `id@version`.
        old: String,
        /// The new standard: a file or `id@version`.
        new: String,
        /// Assessments (a JSON file or a folder of them) to re-evaluate under both.
        #[arg(long)]
        assessments: Option<PathBuf>,
        #[command(flatten)]
        standards: StandardsArg,
        #[arg(long, value_enum, default_value = "human")]
        format: OutFormat,
    },
    /// A designation's state under a standard's review cycle, from its dated history of review results.
    Review {
        /// JSON: {"standard", "version"?, "designated", "reviews": [{"date", "result"}], "as_of"?}
        history: PathBuf,
        #[command(flatten)]
        standards: StandardsArg,
        #[arg(long, value_enum, default_value = "human")]
        format: OutFormat,
    },
    /// Render a standard as a page to print and review (Markdown or HTML).
    Doc {
        /// A file or `id@version` (or an id with one version, or an id with `--as-of`).
        standard: String,
        #[arg(long, value_enum, default_value = "md")]
        format: DocFormat,
        #[command(flatten)]
        standards: StandardsArg,
        /// The version of the id in force on this date (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// With `--as-of`, let a draft whose window contains the date be picked.
        #[arg(long)]
        include_drafts: bool,
    },
    /// Rank assessments by the standard's `rank by` rule (ties share a rank).
    Rank {
        /// Assessment files or folders of them (all for one standard).
        #[arg(required = true)]
        assessments: Vec<PathBuf>,
        #[command(flatten)]
        standards: StandardsArg,
        /// Use this document directly instead of resolving.
        #[arg(long)]
        standard: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "human")]
        format: OutFormat,
    },
    /// Run the `example` blocks of standards as tests.
    Test {
        /// Files or folders (default: every document of the library in use).
        files: Vec<PathBuf>,
        #[command(flatten)]
        standards: StandardsArg,
    },
    /// Evaluate many assessments (JSON Lines or CSV) on every core; one result row per input row.
    Batch(batch::BatchArgs),
    /// Serve the standards folder over HTTP (docs/server.md): evaluate, batch, standards, check, diff,
    /// health, readiness, metrics; hot reload keeping the last good library; SIGTERM finishes requests.
    Serve(ServeArgs),
    /// Serve editors over the Language Server Protocol on standard input and output (docs/editors.md):
    /// diagnostics as you type, hover, completion, go to definition, references, rename, symbols,
    /// formatting, highlighting and quick fixes. `use` and `extends` resolve in --standards DIR (or
    /// $YARDSTICK_STANDARDS), else the workspace folder's `standards/`, else the built-in standards.
    Lsp {
        #[command(flatten)]
        standards: StandardsArg,
    },
    /// Print a JSON Schema: of results (no standard given), or of a standard's assessments.
    Schema {
        /// A file or `id@version`: print the schema of its assessments (with `--form`: its form).
        standard: Option<String>,
        #[command(flatten)]
        standards: StandardsArg,
        /// Print the standard's form (sections, inputs, types, ranges, labels) instead.
        #[arg(long)]
        form: bool,
        /// Print the TypeScript declarations of the contract instead (what the WASM package ships).
        #[arg(long, conflicts_with_all = ["standard", "form"])]
        typescript: bool,
    },
    /// Print a shell completion script: `yardstick completions bash > /etc/bash_completion.d/yardstick`.
    Completions {
        #[arg(value_enum)]
        shell: ShellArg,
    },
    /// Print the manual page (roff): `yardstick man > ~/.local/share/man/man1/yardstick.1`.
    Man,
}

impl Command {
    /// The `--standards` argument of a command that reads a library.
    fn standards_arg(&self) -> Option<&StandardsArg> {
        match self {
            Command::Check { standards, .. }
            | Command::Eval { standards, .. }
            | Command::Explain { standards, .. }
            | Command::Diff { standards, .. }
            | Command::Review { standards, .. }
            | Command::Doc { standards, .. }
            | Command::Rank { standards, .. }
            | Command::Test { standards, .. }
            | Command::Schema { standards, .. } => Some(standards),
            Command::Batch(args) => Some(&args.standards),
            // `serve` watches a folder (its own `--standards`, default `standards`): the built-in
            // library cannot change, so it is not served.
            Command::Fmt { .. }
            | Command::Completions { .. }
            | Command::Man
            | Command::Lsp { .. }
            | Command::Serve(_) => None,
        }
    }
}

#[derive(clap::Args)]
struct ServeArgs {
    /// Folder of standards to serve (watched: a change is compiled aside and swapped in when clean).
    #[arg(long, default_value = "standards")]
    standards: PathBuf,
    /// Address to listen on (`127.0.0.1:0`: any free port, named in the log).
    #[arg(long, default_value = yardstick_server::Config::DEFAULT_ADDR)]
    addr: std::net::SocketAddr,
    /// Append one JSON line per evaluation to this file (rotated by size).
    #[arg(long, value_name = "FILE")]
    decision_log: Option<PathBuf>,
    /// Leave the inputs out of the decision log.
    #[arg(long, requires = "decision_log")]
    mask_inputs: bool,
    /// Rotate the decision log before it passes this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = yardstick_server::DecisionLogConfig::DEFAULT_MAX_BYTES)]
    decision_log_max_bytes: u64,
    /// Rotated decision logs kept (FILE.1 … FILE.N).
    #[arg(long, value_name = "N", default_value_t = yardstick_server::DecisionLogConfig::DEFAULT_KEEP)]
    decision_log_keep: usize,
    /// Largest body of /v1/evaluate and /v1/diff, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = yardstick_server::Limits::DEFAULT_MAX_BODY_BYTES)]
    max_body_bytes: usize,
    /// Longest line of /v1/batch, in bytes (a longer one is a row error).
    #[arg(long, value_name = "BYTES", default_value_t = yardstick_server::Limits::DEFAULT_MAX_LINE_BYTES)]
    max_line_bytes: usize,
    /// Most rows of one /v1/batch request.
    #[arg(long, value_name = "N", default_value_t = yardstick_server::Limits::DEFAULT_MAX_BATCH_ROWS)]
    max_batch_rows: usize,
    /// Most assessments re-evaluated by one /v1/diff.
    #[arg(long, value_name = "N", default_value_t = yardstick_server::Limits::DEFAULT_MAX_DIFF_ASSESSMENTS)]
    max_diff_assessments: usize,
    /// The longest a request may take, in seconds (408 after).
    #[arg(long, value_name = "SECONDS", default_value_t = yardstick_server::Limits::DEFAULT_REQUEST_TIMEOUT.as_secs())]
    request_timeout: u64,
    /// Evaluation steps each search of an evaluation may take (fixes, partial answers, diff probes).
    #[arg(long, value_name = "STEPS")]
    search_steps: Option<u64>,
    /// Let an assessment's `as_of` pick a draft whose window contains the day.
    #[arg(long)]
    include_drafts: bool,
    /// How often to look for changes in the folder, in milliseconds (0: only on SIGHUP).
    #[arg(long, value_name = "MS", default_value_t = 1000)]
    poll_ms: u64,
    /// No log line per request (reloads, errors and shutdown are still logged).
    #[arg(long)]
    quiet: bool,
}

/// `yardstick lsp`: exit 0 after the client's `shutdown` and `exit`, 1 when it exits without a
/// `shutdown` (as the protocol asks), 2 for a folder that does not exist or a broken connection.
fn lsp(standards: &StandardsArg, lang: Lang) -> ExitCode {
    let named =
        standards.dir.is_some() || std::env::var_os(STANDARDS_ENV).is_some_and(|v| !v.is_empty());
    let library = if named {
        match Standards::pick(standards) {
            Ok(Standards::Dir(d)) => lsp::LspLibrary::Dir(d),
            Ok(Standards::Embedded) => lsp::LspLibrary::Workspace,
            Err(code) => return code,
        }
    } else {
        lsp::LspLibrary::Workspace
    };
    match lsp::run(library, lang) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => usage_in(&cli::lsp_connection(&e)),
    }
}

fn serve(a: ServeArgs) -> ExitCode {
    let mut c = yardstick_server::Config::new(a.standards, a.addr);
    c.decision_log = a
        .decision_log
        .map(|path| yardstick_server::DecisionLogConfig {
            path,
            mask_inputs: a.mask_inputs,
            max_bytes: a.decision_log_max_bytes,
            keep: a.decision_log_keep,
        });
    c.limits = yardstick_server::Limits {
        max_body_bytes: a.max_body_bytes,
        max_line_bytes: a.max_line_bytes,
        max_batch_rows: a.max_batch_rows,
        max_diff_assessments: a.max_diff_assessments,
        request_timeout: std::time::Duration::from_secs(a.request_timeout),
        ..yardstick_server::Limits::default()
    };
    c.search_steps = a.search_steps;
    c.include_drafts = a.include_drafts;
    c.poll = (a.poll_ms > 0).then(|| std::time::Duration::from_millis(a.poll_ms));
    c.log_requests = !a.quiet;
    match yardstick_server::run(c) {
        Ok(()) => ExitCode::SUCCESS,
        Err(m) => usage_in(&m),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let json = match &cli.command {
        Command::Check { format, .. } => *format == Format::Json,
        Command::Eval { format, .. }
        | Command::Explain { format, .. }
        | Command::Diff { format, .. }
        | Command::Review { format, .. }
        | Command::Rank { format, .. } => *format == OutFormat::Json,
        Command::Schema { .. } => true,
        _ => false,
    };
    let lang = match cli.lang {
        LangArg::En => Lang::En,
        LangArg::Zh => Lang::Zh,
        LangArg::Both => Lang::Both,
    };
    let _ = SPEECH.set(Speech { lang, json });
    // Only the commands that read a library need one (a missing folder given for them is an error).
    let standards = match cli.command.standards_arg().map(Standards::pick) {
        Some(Ok(s)) => s,
        Some(Err(code)) => return code,
        None => Standards::Embedded,
    };
    let standards = &standards;
    match cli.command {
        Command::Check { files, format, .. } => check(&files, format, standards),
        Command::Fmt { files, check } => fmt(&files, check),
        Command::Eval {
            assessment,
            standard,
            format,
            explain,
            include_drafts,
            ..
        } => eval(
            &assessment,
            standards,
            standard.as_deref(),
            format,
            explain,
            drafts(include_drafts),
        ),
        Command::Explain {
            assessment,
            standard,
            format,
            include_drafts,
            ..
        } => eval(
            &assessment,
            standards,
            standard.as_deref(),
            format,
            true,
            drafts(include_drafts),
        ),
        Command::Test { files, .. } => test(&files, standards),
        Command::Batch(args) => batch::run(args, standards),
        Command::Serve(args) => serve(args),
        Command::Lsp { standards } => lsp(&standards, lang),
        Command::Rank {
            assessments,
            standard,
            format,
            ..
        } => rank(&assessments, standards, standard.as_deref(), format),
        Command::Doc {
            standard,
            format,
            as_of,
            include_drafts,
            ..
        } => doc(
            &standard,
            format,
            standards,
            as_of.as_deref(),
            drafts(include_drafts),
        ),
        Command::Review {
            history, format, ..
        } => review(&history, standards, format),
        Command::Diff {
            old,
            new,
            assessments,
            format,
            ..
        } => diff(&old, &new, assessments.as_deref(), standards, format),
        Command::Schema {
            standard,
            form,
            typescript,
            ..
        } => {
            if typescript {
                print!("{}", yardstick::schema::typescript());
                ExitCode::SUCCESS
            } else {
                schema(standard.as_deref(), standards, form)
            }
        }
        Command::Completions { shell } => completions(shell),
        Command::Man => man(),
    }
}

/// `yardstick completions SHELL`: the completion script clap_complete generates from the definition.
fn completions(shell: ShellArg) -> ExitCode {
    use clap_complete::Shell;
    let shell = match shell {
        ShellArg::Bash => Shell::Bash,
        ShellArg::Zsh => Shell::Zsh,
        ShellArg::Fish => Shell::Fish,
        ShellArg::Powershell => Shell::PowerShell,
        ShellArg::Elvish => Shell::Elvish,
    };
    let mut cmd = Cli::command();
    clap_complete::generate(shell, &mut cmd, "yardstick", &mut std::io::stdout());
    ExitCode::SUCCESS
}

/// `yardstick man`: the manual page (roff) clap_mangen renders from the definition.
fn man() -> ExitCode {
    let mut out = Vec::new();
    if let Err(e) = clap_mangen::Man::new(Cli::command()).render(&mut out) {
        return usage_in(&cli::cannot_write("-", &e.to_string()));
    }
    let _ = std::io::stdout().write_all(&out);
    ExitCode::SUCCESS
}

fn drafts(include: bool) -> Drafts {
    if include {
        Drafts::Include
    } else {
        Drafts::Skip
    }
}

/// A usage error in the chosen language(s) (exit 2).
fn usage_in(m: &yardstick::Msg) -> ExitCode {
    error_line(m);
    ExitCode::from(2)
}

/// What `print!` and `println!` do in this binary (see the macros at the top): write to standard output;
/// a closed pipe ends the program with success, another write error with exit 1.
fn write_stdout(args: std::fmt::Arguments<'_>) {
    if let Err(e) = std::io::stdout().lock().write_fmt(args) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        error_line(&cli::cannot_write_output(&e.to_string()));
        std::process::exit(1);
    }
}

/// `error: …` in the chosen language(s), on stderr.
fn error_line(m: &yardstick::Msg) {
    match speech().lang {
        Lang::En => eprintln!("error: {}", m.en),
        Lang::Zh => eprintln!("错误：{}", m.zh),
        Lang::Both => eprintln!("error: {}\n错误：{}", m.en, m.zh),
    }
}

/// A message in the chosen language(s), on one line.
fn say(m: &yardstick::Msg) -> String {
    line_of(speech().lang, m)
}

/// Read a JSON input file: a file that cannot be opened is a usage error (exit 2); text that is not
/// UTF-8 is a problem in the input (exit 1), named with the offset of its first bad byte. A leading
/// byte-order mark is dropped.
fn read_json_file(path: &Path) -> Result<String, ExitCode> {
    let bytes = if path == Path::new("-") {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut b)
            .map_err(|e| usage_in(&cli::cannot_read_stdin(&e.to_string())))?;
        b
    } else {
        std::fs::read(path).map_err(|e| {
            usage_in(&cli::cannot_read_file(
                &path.display().to_string(),
                &e.to_string(),
            ))
        })?
    };
    match String::from_utf8(bytes) {
        Ok(mut t) => {
            if t.starts_with('\u{FEFF}') {
                t.drain(..'\u{FEFF}'.len_utf8());
            }
            Ok(t)
        }
        Err(e) => {
            error_line(&cli::json_not_utf8(
                &path.display().to_string(),
                e.utf8_error().valid_up_to(),
            ));
            Err(ExitCode::from(1))
        }
    }
}

fn yard_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, yardstick::Msg> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out);
        } else if p.is_file() {
            out.push(p.clone());
        } else {
            return Err(cli::does_not_exist(&p.display().to_string()));
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|e| e == "yard") {
                out.push(p);
            }
        }
    }
}

/// What a command read: every `.yard` file with the encoding it was read as, or `None` when it could not
/// be read (each of those is a Y0090 problem; nothing is skipped without saying so).
#[derive(Default)]
struct Reading {
    files: Vec<(String, Option<yardstick::encoding::Encoding>)>,
}

impl Reading {
    fn note(&mut self, r: &yardstick::FileRead) {
        self.files.push((r.file.clone(), r.encoding));
    }

    /// Anything other than UTF-8 read, or a file not read.
    fn unusual(&self) -> bool {
        self.files
            .iter()
            .any(|(_, e)| !e.is_some_and(|e| e.is_utf8()))
    }

    /// `read 14 file(s) (1 as GB18030: a.yard; 1 as UTF-16LE: b.yard); could not read 1: c.yard (Y0090)`
    fn summary(&self) -> String {
        let read = self.files.iter().filter(|(_, e)| e.is_some()).count();
        let mut other: Vec<(&str, Vec<&str>)> = Vec::new();
        for (f, e) in &self.files {
            if let Some(e) = e.filter(|e| !e.is_utf8()) {
                match other.iter_mut().find(|(n, _)| *n == e.name()) {
                    Some(x) => x.1.push(f),
                    None => other.push((e.name(), vec![f])),
                }
            }
        }
        let mut line = cli::read_files(read);
        let push = |line: &mut yardstick::Msg, m: yardstick::Msg| {
            line.en.push_str(&m.en);
            line.zh.push_str(&m.zh);
        };
        if !other.is_empty() {
            let list: Vec<yardstick::Msg> = other
                .iter()
                .map(|(n, fs)| {
                    let f = names(fs);
                    cli::read_group(fs.len(), n, &f.en, &f.zh)
                })
                .collect();
            let en: Vec<&str> = list.iter().map(|m| m.en.as_str()).collect();
            let zh: Vec<&str> = list.iter().map(|m| m.zh.as_str()).collect();
            push(
                &mut line,
                cli::read_other_encodings(&en.join("; "), &zh.join("；")),
            );
        }
        let not: Vec<&str> = self
            .files
            .iter()
            .filter(|(_, e)| e.is_none())
            .map(|(f, _)| f.as_str())
            .collect();
        if !not.is_empty() {
            let f = names(&not);
            push(&mut line, cli::not_read(not.len(), &f.en, &f.zh));
        }
        say(&line)
    }
}

/// At most five file names, then how many more, in both languages.
fn names(files: &[&str]) -> yardstick::Msg {
    let five = files.iter().take(5).copied().collect::<Vec<_>>();
    let mut out = yardstick::Msg {
        en: five.join(", "),
        zh: five.join("、"),
    };
    if files.len() > 5 {
        let more = cli::and_more_files(files.len() - 5);
        out.en.push_str(&more.en);
        out.zh.push_str(&more.zh);
    }
    out
}

/// The standards folder as a library, for the commands that resolve a standard by id (`eval`, `diff`,
/// `doc`, …). An error in any file (one that cannot be read, Y0090; a syntax error) stops it, as
/// `Library::load_dir` does; files read as something other than UTF-8, or not read, are named on stderr.
fn load_library(standards: &Standards) -> Result<Library, Error> {
    let mut lib = Library::new();
    let read = match standards {
        Standards::Dir(d) => lib.load_dir_report(d)?,
        Standards::Embedded => embedded::DOCUMENTS
            .iter()
            .map(|(name, bytes)| lib.add_bytes(name, bytes))
            .collect(),
    };
    let mut reading = Reading::default();
    for r in &read {
        reading.note(r);
    }
    // Once per run: `doc` and `diff` load the folder again for a second standard.
    static NOTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if reading.unusual() && !NOTED.swap(true, std::sync::atomic::Ordering::Relaxed) {
        eprintln!("{}", reading.summary());
    }
    if read.iter().any(|r| !r.is_ok()) {
        let mut all = yardstick::Problems {
            problems: Vec::new(),
            sources: Vec::new(),
        };
        for r in read {
            all.problems.extend(r.problems);
            all.sources.extend(r.sources);
        }
        return Err(Error::Problems(all));
    }
    Ok(lib)
}

/// A library of the standards folder plus the given files (each file once). Problems of the given files
/// are returned (syntax errors, Y0090 for a file that cannot be read, Y0091 for one read as something
/// other than UTF-8); of the other files in the folder, only that one could not be read (as a warning:
/// it is not checked here, but what uses it will not find it).
fn library_with(
    standards: &Standards,
    files: &[PathBuf],
) -> (Library, Vec<Problem>, Vec<SourceText>, Reading) {
    let mut lib = Library::new();
    let mut problems = Vec::new();
    let mut sources = Vec::new();
    let mut reading = Reading::default();
    let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    // The library's documents first (the folder's files sorted, or the embedded ones in their order),
    // then the given files that are not among them.
    let mut all: Vec<(PathBuf, Option<&[u8]>)> = Vec::new();
    match standards {
        Standards::Dir(d) => {
            let mut found = Vec::new();
            walk(d, &mut found);
            found.sort();
            all.extend(found.into_iter().map(|p| (p, None)));
        }
        Standards::Embedded => all.extend(
            embedded::DOCUMENTS
                .iter()
                .map(|(name, bytes)| (PathBuf::from(name), Some(*bytes))),
        ),
    }
    let listed: Vec<PathBuf> = all.iter().map(|(p, _)| canon(p)).collect();
    for f in files {
        if !listed.contains(&canon(f)) {
            all.push((f.clone(), None));
        }
    }
    for (f, bytes) in &all {
        let given = files.iter().any(|x| canon(x) == canon(f));
        let r = match bytes {
            Some(b) => lib.add_bytes(&f.display().to_string(), b),
            None => lib.add_file(f),
        };
        reading.note(&r);
        match lib.source(&r.file) {
            Some(src) => sources.push(src.clone()),
            None => sources.extend(r.sources.iter().cloned()),
        }
        if given {
            problems.extend(r.problems);
        } else if r.encoding.is_none() {
            problems.extend(r.problems.into_iter().map(|mut x| {
                x.severity = "warning".into();
                x.message.push_str(
                    "\n(not checked here; what uses or extends it will not find it)\n（此处未检查；使用或扩展它的标准将找不到它）",
                );
                x
            }));
        }
    }
    (lib, problems, sources, reading)
}

/// Most problems drawn or narrated by one report (`--format json` lists them all, for tools).
const MAX_PRINTED_PROBLEMS: usize = 50;

fn print_problems(all: &[Problem], sources: &[SourceText], format: Format) {
    let shown = match format {
        Format::Json => all.len(),
        _ => all.len().min(MAX_PRINTED_PROBLEMS),
    };
    print_listed(&all[..shown], sources, format);
    let more = all.len() - shown;
    if more > 0 {
        let line = cli::more_problems_shown(more, MAX_PRINTED_PROBLEMS).in_lang(speech().lang);
        match format {
            Format::Plain => println!("{line}"),
            _ => eprintln!("{line}"),
        }
    }
}

fn print_listed(problems: &[Problem], sources: &[SourceText], format: Format) {
    // People read the language they chose; the JSON form carries both.
    let localized: Vec<Problem>;
    let problems = if format == Format::Json {
        problems
    } else {
        localized = problems.iter().map(|p| p.in_lang(speech().lang)).collect();
        &localized
    };
    match format {
        Format::Json => {
            println!(
                "{}",
                serde_json::to_string_pretty(problems).unwrap_or_else(|_| "[]".into())
            );
        }
        Format::Plain => print!("{}", render_plain(problems)),
        Format::Graphical => {
            let theme = if colour() {
                miette::GraphicalTheme::unicode()
            } else {
                miette::GraphicalTheme::unicode_nocolor()
            };
            let handler = miette::GraphicalReportHandler::new_themed(theme).with_width(100);
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
                let d = MietteProblem::new(p.clone(), &src);
                if handler.render_report(&mut out, &d).is_ok() {
                    eprintln!("{out}");
                }
            }
        }
    }
}

fn check(files: &[PathBuf], format: Format, standards: &Standards) -> ExitCode {
    let files = match yard_files(files) {
        Ok(f) => f,
        Err(e) => return usage_in(&e),
    };
    let (lib, mut problems, sources, reading) = library_with(standards, &files);
    let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    for f in &files {
        // The library names a file by the path it was loaded under.
        let name = sources
            .iter()
            .find(|s| canon(Path::new(&s.name)) == canon(f))
            .map(|s| s.name.clone())
            .unwrap_or_else(|| f.display().to_string());
        // A file that could not be read or parsed has its problems already (a Y0091 warning alone does
        // not stop the check).
        if problems
            .iter()
            .any(|p| p.place.file == name && p.is_error())
        {
            continue;
        }
        problems.extend(lib.check_file(&name));
    }
    let errors = problems.iter().filter(|p| p.is_error()).count();
    let warnings = problems.len() - errors;
    print_problems(&problems, &sources, format);
    if format != Format::Json {
        eprintln!("{}", reading.summary());
        eprintln!(
            "{}",
            say(&cli::checked_files(files.len(), errors, warnings))
        );
    }
    if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn fmt(files: &[PathBuf], check_only: bool) -> ExitCode {
    let files = match yard_files(files) {
        Ok(f) => f,
        Err(e) => return usage_in(&e),
    };
    let mut bad = 0;
    for f in &files {
        let name = f.display().to_string();
        // Read as `check` reads: UTF-8, UTF-16 or GB18030; a file that is none of them is Y0090.
        let (text, encoding) = match std::fs::read(f)
            .ok()
            .and_then(|b| yardstick::encoding::decode(&b).ok())
        {
            Some(d) if d.encoding == yardstick::encoding::Encoding::Utf8Bom => {
                (format!("\u{FEFF}{}", d.text), d.encoding)
            }
            Some(d) => (d.text, d.encoding),
            None => {
                let r = Library::new().add_file(f);
                print_problems(&r.problems, &r.sources, Format::Graphical);
                bad += 1;
                continue;
            }
        };
        // Text in another encoding is always rewritten: `fmt` writes UTF-8.
        let converted = if encoding.is_utf8() {
            yardstick::Msg {
                en: String::new(),
                zh: String::new(),
            }
        } else {
            cli::converted(encoding.name())
        };
        let (cen, czh) = (converted.en.as_str(), converted.zh.as_str());
        match yardstick::format(&text) {
            Ok(out) if out == text && encoding.is_utf8() => {}
            Ok(out) => {
                if check_only {
                    eprintln!("{}", say(&cli::not_formatted(&name, cen, czh)));
                    print!("{}", unified_diff(&name, &text, &out));
                    bad += 1;
                } else if let Err(e) = write_atomic(f, &out) {
                    error_line(&cli::cannot_write(&name, &e.to_string()));
                    bad += 1;
                } else {
                    eprintln!("{}", say(&cli::formatted(&name, cen, czh)));
                }
            }
            Err(_) => {
                let problems = yardstick::syntax_problems(&name, &text);
                print_problems(
                    &problems,
                    &[SourceText {
                        name,
                        text: text.into(),
                    }],
                    Format::Graphical,
                );
                bad += 1;
            }
        }
    }
    if bad > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Most lines of the diff `fmt --check` prints for one file; the rest are counted.
const MAX_DIFF_LINES: usize = 200;

/// What `fmt` would change in `name`, as a unified diff (3 lines of context) of at most
/// [`MAX_DIFF_LINES`] lines, then how many more there are. The diff gives up finding the smallest
/// difference after two seconds (a huge file is still shown, less tightly).
fn unified_diff(name: &str, old: &str, new: &str) -> String {
    let diff = similar::TextDiff::configure()
        .timeout(std::time::Duration::from_secs(2))
        .diff_lines(old, new);
    let full = diff
        .unified_diff()
        .context_radius(3)
        .header(
            &one_language(&cli::as_written(name)),
            &one_language(&cli::as_formatted(name)),
        )
        .to_string();
    if full.is_empty() {
        return full;
    }
    let total = full.lines().count();
    let mut out: String = full.split_inclusive('\n').take(MAX_DIFF_LINES).collect();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    if total > MAX_DIFF_LINES {
        out.push_str(&format!(
            "{}\n",
            say(&cli::diff_more_lines(total - MAX_DIFF_LINES, name))
        ));
    }
    out
}

fn write_atomic(path: &Path, text: &str) -> std::io::Result<()> {
    let tmp = path.with_extension("yard.tmp");
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, path)
}

fn load_standard(
    assessment_text: &str,
    standards: &Standards,
    standard: Option<&Path>,
    drafts: Drafts,
) -> Result<Standard, Error> {
    if let Some(file) = standard {
        return compile_path(file, standards);
    }
    let h = yardstick::json::assessment_header(assessment_text)?;
    if h.standard.is_empty() {
        let m = yardstick::catalogue::standard_not_named();
        return Err(Error::NotFound(yardstick::Failure {
            code: yardstick::codes::NOT_NAMED.into(),
            en: m.en,
            zh: m.zh,
        }));
    }
    load_library(standards)?.resolve_with(&h.standard, h.version.as_deref(), h.as_of, drafts)
}

/// Print an error the way this run speaks: an `ErrorReport` as JSON on standard output with
/// `--format json`, else sentences on standard error. Exit 1.
fn report_error(e: &Error) -> ExitCode {
    let sp = speech();
    if sp.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&e.report()).unwrap_or_default()
        );
        return ExitCode::from(1);
    }
    match e {
        Error::Problems(p) => {
            print_problems(&p.problems, &p.sources, Format::Graphical);
            let m = yardstick::catalogue::standard_has_problems(p.problems.len());
            eprintln!("{}", m.in_lang(sp.lang));
        }
        Error::Assessment(errs) => {
            let m = yardstick::catalogue::assessment_invalid();
            match sp.lang {
                Lang::En => eprintln!("error: {}:", m.en),
                Lang::Zh => eprintln!("错误：{}：", m.zh),
                Lang::Both => eprintln!("error: {}:\n错误：{}：", m.en, m.zh),
            }
            for x in errs {
                let (en, zh) = if x.input.is_empty() {
                    (x.reason.clone(), x.reason_zh.clone())
                } else {
                    (
                        format!("`{}`: {}", x.input, x.reason),
                        format!("`{}`：{}", x.input, x.reason_zh),
                    )
                };
                match sp.lang {
                    Lang::En => eprintln!("  - {en} [{}]", x.code),
                    Lang::Zh => eprintln!("  - {zh} [{}]", x.code),
                    Lang::Both => eprintln!("  - {en} [{}]\n    {zh}", x.code),
                }
            }
        }
        other => {
            let r = other.report();
            match sp.lang {
                Lang::En => eprintln!("error: {}", r.en),
                Lang::Zh => eprintln!("错误：{}", r.zh),
                Lang::Both => eprintln!("error: {}\n错误：{}", r.en, r.zh),
            }
        }
    }
    ExitCode::from(1)
}

fn eval(
    assessment: &Path,
    standards: &Standards,
    standard: Option<&Path>,
    format: OutFormat,
    explain: bool,
    drafts: Drafts,
) -> ExitCode {
    let text = match read_json_file(assessment) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let std = match load_standard(&text, standards, standard, drafts) {
        Ok(s) => s,
        Err(e) => return report_error(&e),
    };
    let options = if explain || format == OutFormat::Human {
        Options::explained()
    } else {
        Options::default()
    };
    let result = match std.evaluate_text(&text, &options) {
        Ok(r) => r,
        Err(e) => return report_error(&e),
    };
    let lang = speech().lang;
    let mut out = std::io::stdout().lock();
    let _ = match format {
        OutFormat::Json => writeln!(out, "{}", result.to_json_pretty()),
        OutFormat::Human => write!(out, "{}", human(&result, explain, lang)),
    };
    // Definitions that could not be computed: the result is printed, and they make it a problem.
    if format == OutFormat::Human {
        for e in &result.errors {
            match lang {
                Lang::En => eprintln!("error: {}", e.en),
                Lang::Zh => eprintln!("错误：{}", e.zh),
                Lang::Both => eprintln!("error: {}\n错误：{}", e.en, e.zh),
            }
        }
        if result.errors_more > 0 {
            let m = yardstick::catalogue::more_not_computed(result.errors_more);
            eprintln!("{}", m.in_lang(lang));
        }
    }
    if result.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Two texts in the chosen language(s): on one line for `en`/`zh`, English then Chinese indented under
/// it for `both`.
fn said(lang: Lang, en: &str, zh: &str, indent: &str) -> String {
    match lang {
        Lang::En => format!("{en}\n"),
        Lang::Zh => format!("{zh}\n"),
        Lang::Both if en == zh => format!("{en}\n"),
        Lang::Both => format!("{en}\n{indent}{zh}\n"),
    }
}

/// A label in the chosen language(s), the id standing in for a missing one.
fn label(lang: Lang, l: &yardstick::api::Labels, id: &str) -> String {
    let en = l.en.as_deref().unwrap_or(id);
    let zh = l.zh.as_deref().or(l.en.as_deref()).unwrap_or(id);
    match lang {
        Lang::En => en.to_string(),
        Lang::Zh => zh.to_string(),
        Lang::Both if en == zh => en.to_string(),
        Lang::Both => format!("{en} / {zh}"),
    }
}

/// A text that has room for one language only (a diff's header, a row's reason in `batch`, where the
/// facade's messages are English by default): Chinese for `zh`, else English.
fn one_language(m: &yardstick::Msg) -> String {
    match speech().lang {
        Lang::Zh => m.zh.clone(),
        _ => m.en.clone(),
    }
}

/// A line of a report in the chosen language(s), both on one line for `both`.
fn line_of(lang: Lang, m: &yardstick::Msg) -> String {
    match lang {
        Lang::En => m.en.clone(),
        Lang::Zh => m.zh.clone(),
        Lang::Both => format!("{}  {}", m.en, m.zh),
    }
}

/// The human summary: outcome, grade, vetoes and failing items first with reasons, then fixes. Rendered
/// from the typed result: labels where the standard gives them, numbers as its explanations write them.
fn human(r: &Evaluation, all: bool, lang: Lang) -> String {
    let mut o = String::new();
    let st = &r.standard;
    o.push_str(&format!(
        "{} {}  (hash {})\n",
        st.id,
        st.version,
        st.hash.chars().take(12).collect::<String>()
    ));
    if st.lineage.len() > 1 {
        let m = cli::built_from(&st.lineage.join(" ← "));
        o.push_str(&format!("{}\n", line_of(lang, &m)));
    }
    // Undecided with nothing missing and no evaluation error: only limits written `unknown` can have
    // left it open.
    let outcome = if r.outcome == Outcome::Unknown && r.missing.is_empty() && r.errors.is_empty() {
        yardstick::catalogue::outcome_unknown_limits()
    } else {
        r.outcome.words()
    };
    let m = cli::outcome_line(&r.outcome.as_str().to_uppercase(), &outcome.en, &outcome.zh);
    o.push_str(&format!("\n{}", line_of(lang, &m)));
    if let Some(g) = &r.grade {
        let shown = r
            .grade_labels
            .as_ref()
            .map(|l| label(lang, l, g))
            .unwrap_or_else(|| g.clone());
        let m = cli::grade_part(&shown);
        o.push_str(&match lang {
            Lang::Zh => m.zh,
            _ => m.en,
        });
    }
    o.push('\n');
    for (k, v) in &r.outputs {
        // An output by its label and as its explanation writes it, where the result explains it.
        let (name, shown) = match r.item(k).and_then(|i| i.explanation.as_ref()) {
            Some(x) => (
                label(lang, &x.labels, k),
                match &x.value_labels {
                    Some(l) => label(lang, l, &x.value_text),
                    None => x.value_text.clone(),
                },
            ),
            None => (k.clone(), v.to_string()),
        };
        let shown = if v.is_missing() {
            "—".to_string()
        } else {
            shown
        };
        o.push_str(&format!("  {name} = {shown}\n"));
    }
    let line = |it: &yardstick::api::Item| -> (String, String) {
        match &it.explanation {
            Some(x) => (x.en.clone(), x.zh.clone()),
            None => (it.id.to_string(), it.id.to_string()),
        }
    };
    if !r.vetoed_by.is_empty() {
        o.push_str(&format!("\n{}\n", line_of(lang, &cli::heading_vetoed())));
        for it in r.items.iter().filter(|i| r.vetoed_by.contains(&i.id)) {
            let (en, zh) = line(it);
            o.push_str(&format!("  ✗ {}", said(lang, &en, &zh, "    ")));
        }
    }
    let failing: Vec<&yardstick::api::Item> = r
        .items
        .iter()
        .filter(|i| {
            i.outcome == Some(Outcome::Fail) && !r.vetoed_by.contains(&i.id) && i.kind != "value"
        })
        .collect();
    if !failing.is_empty() {
        o.push_str(&format!("\n{}\n", line_of(lang, &cli::heading_failing())));
        for it in failing {
            let (en, zh) = line(it);
            let from = if it.path.is_empty() {
                String::new()
            } else {
                format!("[{}] ", it.path.join("."))
            };
            o.push_str(&format!("  ✗ {from}{}", said(lang, &en, &zh, "    ")));
        }
    }
    if let Some(p) = &r.partial {
        let (b, w) = (p.best.words(), p.worst.words());
        let m = yardstick::Msg {
            en: cli::partial_line(&b.en, &w.en).en,
            zh: cli::partial_line(&b.zh, &w.zh).zh,
        };
        o.push_str(&format!("\n{}\n", line_of(lang, &m)));
        if !p.ask_next.is_empty() {
            let m = cli::ask_next(&p.ask_next.join(", "));
            o.push_str(&format!("{}\n", line_of(lang, &m)));
        }
    }
    if !r.fixes.is_empty() {
        o.push_str(&format!("\n{}\n", line_of(lang, &cli::heading_fixes())));
        for f in &r.fixes {
            o.push_str(&format!("  → {}", said(lang, &f.en, &f.zh, "    ")));
        }
    }
    for n in &r.notes {
        let m = cli::note_line(&n.en, &n.zh);
        o.push_str(&format!("\n{}", said(lang, &m.en, &m.zh, "      ")));
    }
    if all {
        o.push_str(&format!(
            "\n{}\n",
            line_of(lang, &cli::heading_every_item())
        ));
        for it in &r.items {
            let mark = match it.outcome {
                Some(Outcome::Pass) => "✓",
                Some(Outcome::Fail) => "✗",
                Some(Outcome::NotApplicable) => "–",
                Some(Outcome::Unknown) => "?",
                None => "·",
            };
            let (en, zh) = line(it);
            o.push_str(&format!(
                "  {mark} [{}] {}",
                it.id,
                said(lang, &en, &zh, "      ")
            ));
            for c in it.explanation.iter().flat_map(|x| &x.checks) {
                let cite = match &c.source {
                    None => yardstick::Msg {
                        en: String::new(),
                        zh: String::new(),
                    },
                    Some(src) => match &src.tier {
                        Some(t) => cli::source_tier(&src.source, t),
                        None => cli::source_only(&src.source),
                    },
                };
                let cite = match lang {
                    Lang::Zh => cite.zh,
                    _ => cite.en,
                };
                let text = match lang {
                    Lang::Zh => &c.zh,
                    _ => &c.en,
                };
                o.push_str(&format!("        · {text}{cite}\n"));
            }
        }
    }
    if !r.missing.is_empty() && !all {
        let m = cli::unanswered(r.missing.len());
        o.push_str(&format!("\n{}\n", line_of(lang, &m)));
    }
    o
}

fn test(files: &[PathBuf], standards: &Standards) -> ExitCode {
    let files = match (files.is_empty(), standards) {
        // Every document of the library in use.
        (true, Standards::Embedded) => embedded::DOCUMENTS
            .iter()
            .map(|(name, _)| PathBuf::from(name))
            .collect(),
        (true, Standards::Dir(d)) => match yard_files(std::slice::from_ref(d)) {
            Ok(f) => f,
            Err(e) => return usage_in(&e),
        },
        (false, _) => match yard_files(files) {
            Ok(f) => f,
            Err(e) => return usage_in(&e),
        },
    };
    let (lib, problems, sources, reading) = library_with(standards, &files);
    if !problems.is_empty() {
        print_problems(&problems, &sources, Format::Graphical);
    }
    let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let (mut passed, mut failed) = (0usize, 0usize);
    // Every error counts (a file that cannot be read or parsed runs no example); warnings do not.
    failed += problems.iter().filter(|p| p.is_error()).count();
    for f in &files {
        let Some(name) = lib
            .documents()
            .into_iter()
            .find(|d| canon(Path::new(&d.file)) == canon(f))
            .map(|d| d.file)
        else {
            continue;
        };
        let std = match lib.compile_file(&name) {
            Ok(s) => s,
            Err(e) => {
                report_error(&e);
                failed += 1;
                continue;
            }
        };
        for r in yardstick::testing::run_examples(&std) {
            if r.passed() {
                passed += 1;
                println!(
                    "{}",
                    say(&cli::example_passed(std.id(), std.version(), &r.name))
                );
            } else {
                failed += 1;
                println!(
                    "{}",
                    say(&cli::example_failed(std.id(), std.version(), &r.name))
                );
                for m in &r.failures {
                    let (what, expected, actual) = m.zh();
                    let line = cli::example_mismatch(
                        &m.what,
                        what,
                        &m.expected,
                        expected,
                        &m.actual,
                        actual,
                        &m.at,
                    );
                    print!(
                        "      {}",
                        said(speech().lang, &line.en, &line.zh, "      ")
                    );
                }
            }
        }
    }
    println!("{}", reading.summary());
    // The closing line stands alone, in English last, so that test runners that read it find
    // `N passed, M failed` (with `both`, the Chinese comes on the line before).
    let summary = cli::tests_summary(passed, failed);
    match speech().lang {
        Lang::En => println!("{}", summary.en),
        Lang::Zh => println!("{}", summary.zh),
        Lang::Both => println!("{}\n{}", summary.zh, summary.en),
    }
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Compile the document in `file`, with the standards folder as its library (for `use` and `extends`).
fn compile_path(file: &Path, standards: &Standards) -> Result<Standard, Error> {
    let (lib, problems, sources, reading) = library_with(standards, &[file.to_path_buf()]);
    if reading.unusual() {
        eprintln!("{}", reading.summary());
    }
    if problems.iter().any(Problem::is_error) {
        return Err(Error::Problems(yardstick::Problems { problems, sources }));
    }
    let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let name = lib
        .documents()
        .into_iter()
        .find(|d| canon(Path::new(&d.file)) == canon(file))
        .map(|d| d.file)
        .unwrap_or_else(|| file.display().to_string());
    lib.compile_file(&name)
}

/// A standard named by file or by `id@version`.
fn standard_by_name(name: &str, standards: &Standards) -> Result<Standard, Error> {
    let path = Path::new(name);
    if path.is_file() {
        return compile_path(path, standards);
    }
    let (id, version) = match name.split_once('@') {
        Some((i, v)) => (i, Some(v)),
        None => (name, None),
    };
    load_library(standards)?.compile(id, version)
}

fn diff(
    old: &str,
    new: &str,
    assessments: Option<&Path>,
    standards: &Standards,
    format: OutFormat,
) -> ExitCode {
    let (o, n) = match (
        standard_by_name(old, standards),
        standard_by_name(new, standards),
    ) {
        (Ok(o), Ok(n)) => (o, n),
        (Err(e), _) | (_, Err(e)) => return report_error(&e),
    };
    let mut list = Vec::new();
    if let Some(a) = assessments {
        let mut files = Vec::new();
        if a.is_dir() {
            if let Ok(rd) = std::fs::read_dir(a) {
                files.extend(
                    rd.flatten()
                        .map(|e| e.path())
                        .filter(|p| p.extension().is_some_and(|e| e == "json")),
                );
            }
        } else {
            files.push(a.to_path_buf());
        }
        files.sort();
        for f in files {
            let text = match read_json_file(&f) {
                Ok(t) => t,
                Err(code) => return code,
            };
            match yardstick::Json::parse(&text) {
                Ok(v) => list.push((f.display().to_string(), v)),
                Err(e) => {
                    error_line(&cli::file_not_json(
                        &f.display().to_string(),
                        &e.to_string(),
                    ));
                    return ExitCode::from(1);
                }
            }
        }
    }
    let d = yardstick::diff::diff(&o, &n, &list);
    match format {
        OutFormat::Json => println!("{}", serde_json::to_string_pretty(&d).unwrap_or_default()),
        OutFormat::Human => print!("{}", yardstick::diff::render_in(&d, speech().lang)),
    }
    ExitCode::SUCCESS
}

fn review(history: &Path, standards: &Standards, format: OutFormat) -> ExitCode {
    let text = match read_json_file(history) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let v = match yardstick::json::read_json(&text) {
        Ok(v) => v,
        Err(e) => return report_error(&e),
    };
    let id = v
        .get("standard")
        .and_then(|x| x.as_str())
        .unwrap_or_default();
    let name = match v.get("version").and_then(|x| x.as_str()) {
        Some(ver) => format!("{id}@{ver}"),
        None => id.to_string(),
    };
    let std = match standard_by_name(&name, standards) {
        Ok(s) => s,
        Err(e) => return report_error(&e),
    };
    match yardstick::review::review(&std, &v) {
        Ok(s) => {
            match format {
                OutFormat::Json => {
                    println!("{}", serde_json::to_string_pretty(&s).unwrap_or_default())
                }
                OutFormat::Human => {
                    let lang = speech().lang;
                    let state = s.state.words();
                    let m = yardstick::Msg {
                        en: cli::review_state(std.id(), std.version(), &state.en, &s.since).en,
                        zh: cli::review_state(std.id(), std.version(), &state.zh, &s.since).zh,
                    };
                    println!("{}", line_of(lang, &m));
                    if let Some(n) = &s.next_review {
                        let m = if s.overdue {
                            cli::next_review_overdue(n)
                        } else {
                            cli::next_review(n)
                        };
                        println!("{}", line_of(lang, &m));
                    }
                    if let Some(r) = &s.rectify_by {
                        println!("{}", line_of(lang, &cli::rectify_by(r)));
                    }
                    println!("{}", line_of(lang, &cli::heading_why()));
                    for w in &s.why {
                        print!("  - {}", said(lang, &w.en, &w.zh, "    "));
                    }
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => report_error(&e),
    }
}

fn doc(
    name: &str,
    format: DocFormat,
    standards: &Standards,
    as_of: Option<&str>,
    drafts: Drafts,
) -> ExitCode {
    let found = match as_of {
        None => standard_by_name(name, standards),
        Some(date) => {
            let Some(date) = yardstick::parse_date(date) else {
                return usage_in(&cli::as_of_not_a_date(date));
            };
            if Path::new(name).is_file() || name.contains('@') {
                return usage_in(&cli::as_of_needs_an_id(
                    name.split('@').next().unwrap_or(name),
                ));
            }
            load_library(standards).and_then(|lib| lib.resolve_with(name, None, Some(date), drafts))
        }
    };
    let std = match found {
        Ok(s) => s,
        Err(e) => return report_error(&e),
    };
    let base = std
        .base()
        .and_then(|b| standard_by_name(&b, standards).ok());
    match format {
        DocFormat::Md => print!(
            "{}",
            yardstick::doc::markdown_in(&std, base.as_ref(), speech().lang)
        ),
        DocFormat::Html => print!(
            "{}",
            yardstick::doc::html_in(&std, base.as_ref(), speech().lang)
        ),
    }
    ExitCode::SUCCESS
}

/// `yardstick schema`: the JSON Schema of results, of a standard's assessments, or its form.
fn schema(standard: Option<&str>, standards: &Standards, form: bool) -> ExitCode {
    let Some(name) = standard else {
        if form {
            return usage_in(&cli::form_needs_standard());
        }
        println!("{}", yardstick::schema::result_schema_json());
        return ExitCode::SUCCESS;
    };
    let std = match standard_by_name(name, standards) {
        Ok(s) => s,
        Err(e) => return report_error(&e),
    };
    if form {
        println!(
            "{}",
            serde_json::to_string_pretty(&std.form()).unwrap_or_default()
        );
    } else {
        println!("{}", yardstick::schema::assessment_schema_json(&std));
    }
    ExitCode::SUCCESS
}

fn rank(
    paths: &[PathBuf],
    standards: &Standards,
    standard: Option<&Path>,
    format: OutFormat,
) -> ExitCode {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            if let Ok(rd) = std::fs::read_dir(p) {
                files.extend(
                    rd.flatten()
                        .map(|e| e.path())
                        .filter(|x| x.extension().is_some_and(|e| e == "json")),
                );
            }
        } else if p.is_file() {
            files.push(p.clone());
        } else {
            return usage_in(&cli::does_not_exist(&p.display().to_string()));
        }
    }
    files.sort();
    let Some(first) = files.first() else {
        return usage_in(&cli::no_assessment_files());
    };
    let first_text = match read_json_file(first) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let std = match load_standard(&first_text, standards, standard, Drafts::Skip) {
        Ok(s) => s,
        Err(e) => return report_error(&e),
    };
    let mut list = Vec::new();
    for f in &files {
        let text = match read_json_file(f) {
            Ok(t) => t,
            Err(code) => return code,
        };
        match std.assessment(&text) {
            Ok(a) => list.push((f.display().to_string(), a)),
            Err(e) => {
                eprintln!("{}:", f.display());
                return report_error(&e);
            }
        }
    }
    match yardstick::rank::rank(&std, &list) {
        Ok(r) => {
            match format {
                OutFormat::Json => {
                    println!("{}", serde_json::to_string_pretty(&r).unwrap_or_default())
                }
                OutFormat::Human => {
                    let lang = speech().lang;
                    println!(
                        "{}",
                        line_of(lang, &cli::rank_header(std.id(), std.version(), r.len()))
                    );
                    for x in &r {
                        let keys: Vec<String> = x
                            .keys
                            .iter()
                            .map(|k| k.clone().unwrap_or_else(|| "missing".into()))
                            .collect();
                        match x.rank {
                            Some(n) => {
                                let outcome = Outcome::from_name(&x.outcome)
                                    .map(|o| {
                                        lang.pick(&o.words().en, &o.words().zh).replace('\n', " / ")
                                    })
                                    .unwrap_or_else(|| x.outcome.clone());
                                println!("{n:>4}  {}  [{}]  {outcome}", x.name, keys.join(", "))
                            }
                            None => println!(
                                "   -  {}  [{}]  {}",
                                x.name,
                                keys.join(", "),
                                line_of(lang, &cli::not_ranked())
                            ),
                        }
                    }
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => report_error(&e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The embedded library is the repository's `standards/` exactly: the same names, bytes and order
    /// as `Library::load_dir_report("standards")` run from the repository root reads.
    #[test]
    fn the_embedded_standards_are_the_folder_in_the_order_the_cli_reads_it() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut files = Vec::new();
        walk(&root.join("standards"), &mut files);
        let mut rel: Vec<PathBuf> = files
            .iter()
            .filter_map(|f| f.strip_prefix(&root).ok().map(Path::to_path_buf))
            .collect();
        rel.sort();
        assert!(!rel.is_empty());
        let names: Vec<String> = rel.iter().map(|p| p.display().to_string()).collect();
        let embedded: Vec<&str> = embedded::DOCUMENTS.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, embedded);
        for ((name, bytes), p) in embedded::DOCUMENTS.iter().zip(&rel) {
            assert_eq!(
                std::fs::read(root.join(p)).ok().as_deref(),
                Some(*bytes),
                "{name}"
            );
        }
    }
}
