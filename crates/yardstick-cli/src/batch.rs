//! `yardstick batch STANDARD INPUT [-o OUTPUT]`: evaluate many assessments against one standard.
//!
//! One thread reads the input (JSON Lines in blocks of whole lines, CSV in records) a little ahead; the
//! rows are evaluated on every core (rayon) in chunks of at most [`CHUNK`], each worker appending the
//! output of its consecutive rows to one buffer, and a chunk is written in input order while the next
//! one is evaluated. Memory stays constant whatever the file's size. Bad rows are reported on standard
//! error with their line number and produce no output row; every output row carries the `line` it came
//! from. The standard is compiled once and shared by every worker. With `-o` the output is written to
//! `.NAME.tmp-PID` beside it, flushed, synced and renamed at the end: an interrupted run never leaves a
//! partial `NAME` (Ctrl-C and SIGTERM also remove the temporary file).
//!
//! Exit codes: 0 every row evaluated; 1 a row could not be read or evaluated (the other rows are still
//! written), or the standard has problems; 2 usage (bad flags, unreadable input, unwritable output).

use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::collections::VecDeque;
use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Mutex};
use yardstick::bench_support::{evaluate as core_evaluate, Val};
use yardstick::json::{self, Assessment};
use yardstick::{Error, Standard};

/// Rows evaluated and written at a time (at most).
pub const CHUNK: usize = 8192;

/// JSON Lines are read in blocks of whole lines of about this many bytes; the lines of a block are
/// found and checked (UTF-8) by the workers, so the reading thread only copies bytes.
const BLOCK: usize = 4 << 20;

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq, Debug)]
pub enum RowFormat {
    /// JSON Lines: one JSON object per line.
    Jsonl,
    /// CSV with a header row.
    Csv,
}

#[derive(Args, Debug)]
pub struct BatchArgs {
    /// The standard: an id, `id@version`, or a `.yard` file.
    pub standard: String,
    /// Assessments: JSON Lines (each line an object of inputs, or a whole assessment with `inputs`) or
    /// CSV (header = input ids, an empty cell is a missing answer); `-` reads standard input.
    pub input: PathBuf,
    /// Write the results to this file (atomically); default: standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Folder of standards to resolve STANDARD in.
    #[arg(long, default_value = "standards")]
    pub standards: PathBuf,
    /// Input format; default: CSV for a `.csv` file, else JSON Lines.
    #[arg(long, value_enum)]
    pub input_format: Option<RowFormat>,
    /// Output format; default: CSV when OUTPUT ends in `.csv`, else JSON Lines.
    #[arg(long, value_enum)]
    pub output_format: Option<RowFormat>,
    /// Add the full explanation tree (`items`) to every row (JSON Lines output only).
    #[arg(long)]
    pub explain: bool,
    /// Worker threads; default: every core (RAYON_NUM_THREADS is honoured too).
    #[arg(short = 'j', long)]
    pub threads: Option<usize>,
}

/// The temporary output file to remove when interrupted.
static CLEANUP: Mutex<Option<PathBuf>> = Mutex::new(None);

/// How a CSV cell becomes a JSON value, by the input's type.
#[derive(Clone, Copy)]
enum CellKind {
    Bool,
    Number,
    Text,
    /// Series: the cell holds a JSON array (`[88, 90, 93.5]`).
    Json,
}

#[derive(Clone, Copy)]
enum Column {
    Input(usize, CellKind),
    Name,
}

/// Everything a worker needs, shared read-only by every thread.
struct Ctx {
    std: Standard,
    explain: bool,
    out: RowFormat,
    /// Def index of the standard's grade (the first own grade), if any.
    grade: Option<usize>,
    /// Def indexes of the outputs, in definition order.
    outputs: Vec<usize>,
    /// Every definition id, JSON-quoted.
    quoted: Vec<String>,
    columns: Vec<Column>,
    /// Input id → input index.
    index: HashMap<String, usize, BuildHasherDefault<Fnv>>,
}

/// One CSV row as read.
enum Raw {
    Fields(csv::StringRecord),
    Bad(String),
}

struct RawRow {
    line: u64,
    raw: Raw,
}

/// What the reading thread sends.
enum Msg {
    /// Whole JSON lines, the first of them line `first`.
    Block {
        data: Vec<u8>,
        first: u64,
    },
    /// CSV rows, and the bytes they took.
    Chunk(Vec<RawRow>, u64),
    Fatal(String),
}

/// A row for a worker.
enum Item<'a> {
    Line(&'a [u8]),
    Csv(&'a Raw),
}

/// A run of consecutive rows evaluated by one worker: their output, their errors, their counts.
#[derive(Default)]
struct Part {
    out: Vec<u8>,
    errors: Vec<(u64, String)>,
    tally: Tally,
}

impl Part {
    fn add(mut self, ctx: &Ctx, line: u64, item: Item) -> Part {
        self.tally.read += 1;
        let mark = self.out.len();
        match eval_row(ctx, line, item, &mut self.out) {
            Ok((outcome, grade)) => {
                self.tally.evaluated += 1;
                *self.tally.outcomes.entry(outcome).or_default() += 1;
                if ctx.grade.is_some() {
                    *self
                        .tally
                        .grades
                        .entry(grade.unwrap_or_else(|| "(none)".into()))
                        .or_default() += 1;
                }
            }
            Err(reason) => {
                self.out.truncate(mark);
                self.tally.errors += 1;
                self.errors.push((line, reason));
            }
        }
        self
    }
}

pub fn run(args: BatchArgs) -> ExitCode {
    if let Some(n) = args.threads {
        if n == 0 {
            return super::usage("--threads must be 1 or more");
        }
        // Fails only when the pool already exists; the default pool is then used.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global();
    }
    let in_fmt = args
        .input_format
        .unwrap_or_else(|| by_extension(&args.input));
    let out_fmt = args.output_format.unwrap_or_else(|| match &args.output {
        Some(o) => by_extension(o),
        None => RowFormat::Jsonl,
    });
    if args.explain && out_fmt == RowFormat::Csv {
        return super::usage("--explain needs JSON Lines output (the tree does not fit in CSV)");
    }
    let std = match super::standard_by_name(&args.standard, &args.standards) {
        Ok(s) => s,
        Err(e) => return super::report_error(&e),
    };
    let input_name = args.input.display().to_string();
    let (reader, size): (Box<dyn Read + Send>, Option<u64>) = if args.input == Path::new("-") {
        (Box::new(io::stdin()), None)
    } else {
        match File::open(&args.input) {
            Ok(f) => {
                let size = f.metadata().ok().map(|m| m.len());
                (Box::new(f), size)
            }
            Err(e) => return super::usage(&format!("cannot read {input_name}: {e}")),
        }
    };
    let mut ctx = Ctx {
        grade: grade_of(&std),
        outputs: (0..std.program().defs.len())
            .filter(|&i| std.program().defs[i].output)
            .collect(),
        quoted: std
            .program()
            .defs
            .iter()
            .map(|d| Value::String(d.id.clone()).to_string())
            .collect(),
        index: std
            .program()
            .inputs
            .iter()
            .enumerate()
            .map(|(i, x)| (x.id.clone(), i))
            .collect(),
        std,
        explain: args.explain,
        out: out_fmt,
        columns: Vec::new(),
    };

    // The reader thread: lines or CSV records, in chunks.
    let (tx, rx) = sync_channel::<Msg>(2);
    let reader_thread = match in_fmt {
        RowFormat::Jsonl => std::thread::spawn(move || read_blocks(reader, tx)),
        RowFormat::Csv => {
            let ends = LineEnds::default();
            let mut rdr = csv::ReaderBuilder::new()
                .flexible(true)
                .has_headers(true)
                .from_reader(Counting {
                    inner: reader,
                    pos: 0,
                    ends: ends.clone(),
                });
            let header = match rdr.headers() {
                Ok(h) => h.clone(),
                Err(e) => {
                    eprintln!("error: {input_name}: cannot read the CSV header: {e}");
                    return ExitCode::from(1);
                }
            };
            match columns(&ctx.std, &header) {
                Ok(c) => ctx.columns = c,
                Err(errs) => {
                    let line = ends.line_of(rdr.position().byte(), inner_line_ends(&header));
                    for e in errs {
                        eprintln!("error: {input_name}:{line}: {e}");
                    }
                    return ExitCode::from(1);
                }
            }
            let width = header.len();
            std::thread::spawn(move || read_csv(rdr, ends, width, tx))
        }
    };

    let sink = match Sink::open(args.output.as_deref()) {
        Ok(s) => s,
        Err(e) => return super::usage(&e),
    };
    let code = process(&ctx, &input_name, rx, sink, size);
    drop(reader_thread.join());
    code
}

fn by_extension(p: &Path) -> RowFormat {
    match p.extension().and_then(|e| e.to_str()) {
        Some(e) if e.eq_ignore_ascii_case("csv") => RowFormat::Csv,
        _ => RowFormat::Jsonl,
    }
}

/// The def index of the standard's grade: the first own definition that the explanation tree calls a
/// grade (the rule of `grade` in the JSON contract).
fn grade_of(std: &Standard) -> Option<usize> {
    let p = std.program();
    let empty = Assessment {
        standard: std.id().to_string(),
        version: None,
        as_of: None,
        values: vec![Val::Unknown; p.inputs.len()],
    };
    let r = json::evaluate(std, &empty, true).ok()?;
    let grades: Vec<&str> = r["items"]
        .as_array()?
        .iter()
        .filter(|n| n["kind"] == "grade")
        .filter_map(|n| n["id"].as_str())
        .collect();
    p.defs
        .iter()
        .position(|d| d.own && grades.contains(&d.id.as_str()))
}

/// The CSV header as columns: input ids (each once), and `name` (when the standard has no such input).
fn columns(std: &Standard, header: &csv::StringRecord) -> Result<Vec<Column>, Vec<String>> {
    let p = std.program();
    let schema = json::schema(std);
    let types: Vec<String> = schema["inputs"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|i| i["type"].as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default();
    let mut cols = Vec::new();
    let mut errors = Vec::new();
    let mut seen = Vec::new();
    for h in header.iter() {
        let h = h.trim();
        if seen.contains(&h) {
            errors.push(format!("column `{h}` appears twice in the header"));
            continue;
        }
        seen.push(h);
        match p.input_index(h) {
            Some(i) => {
                let kind = match types.get(i).map(String::as_str) {
                    Some("bool") => CellKind::Bool,
                    Some("count" | "percent" | "number") => CellKind::Number,
                    Some(t) if t.starts_with("series") => CellKind::Json,
                    _ => CellKind::Text,
                };
                cols.push(Column::Input(i, kind));
            }
            None if h == "name" => cols.push(Column::Name),
            None => {
                // Reuse the facade's message (with its "did you mean").
                let mut m = Map::new();
                m.insert(h.to_string(), Value::Null);
                let mut errs = Vec::new();
                json::values_from_map(p, &m, &mut errs);
                for e in errs {
                    errors.push(format!("column `{}`: {}", e.input, e.reason));
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(cols)
    } else {
        Err(errors)
    }
}

fn read_blocks(mut r: impl Read, tx: SyncSender<Msg>) {
    let mut carry: Vec<u8> = Vec::new();
    let mut first = 1u64;
    loop {
        let mut data = std::mem::take(&mut carry);
        data.reserve(BLOCK);
        let eof = loop {
            match (&mut r).take(BLOCK as u64).read_to_end(&mut data) {
                Ok(n) if n < BLOCK => break true,
                // Stop at a block with a line end; a longer line keeps the block growing.
                Ok(_) if memchr::memrchr(b'\n', &data).is_some() => break false,
                Ok(_) => {}
                Err(e) => {
                    let _ = tx.send(Msg::Fatal(format!("cannot read after line {first}: {e}")));
                    return;
                }
            }
        };
        if !eof {
            if let Some(i) = memchr::memrchr(b'\n', &data) {
                carry = data.split_off(i + 1);
            }
        }
        if data.is_empty() {
            return;
        }
        let lines =
            memchr::memchr_iter(b'\n', &data).count() as u64 + u64::from(!data.ends_with(b"\n"));
        if tx.send(Msg::Block { data, first }).is_err() {
            return;
        }
        first += lines;
        if eof {
            return;
        }
    }
}

/// The lines of a block, without their line ends.
fn split_lines(data: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::with_capacity(data.len() / 64 + 1);
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', data) {
        out.push(trim_cr(&data[start..end]));
        start = end + 1;
    }
    if start < data.len() {
        out.push(trim_cr(&data[start..]));
    }
    out
}

fn trim_cr(l: &[u8]) -> &[u8] {
    l.strip_suffix(b"\r").unwrap_or(l)
}

/// Line ends seen by the CSV reader, to number records by line: the csv crate places a record after
/// blank lines at the first blank line, so a record is numbered from where it ends instead.
#[derive(Clone, Default)]
struct LineEnds(Arc<Mutex<LineState>>);

#[derive(Default)]
struct LineState {
    /// Offsets of line ends read but not yet passed.
    pending: VecDeque<u64>,
    /// Line ends passed, and the offset of the last one.
    passed: u64,
    last: Option<u64>,
}

impl LineEnds {
    /// The line of a record (or header) that ends at byte `end` (just past its line end, or the end of
    /// the file) and holds `inner` line ends inside quoted fields. Calls must come in input order.
    fn line_of(&self, end: u64, inner: u64) -> u64 {
        let Ok(mut g) = self.0.lock() else {
            return 0;
        };
        while let Some(&e) = g.pending.front().filter(|&&e| e < end) {
            g.pending.pop_front();
            g.passed += 1;
            g.last = Some(e);
        }
        let unterminated = g.last.map(|l| l + 1 != end).unwrap_or(true);
        (g.passed + u64::from(unterminated)).saturating_sub(inner)
    }
}

/// Line ends inside a record's fields.
fn inner_line_ends(rec: &csv::StringRecord) -> u64 {
    rec.iter()
        .map(|f| memchr::memchr_iter(b'\n', f.as_bytes()).count() as u64)
        .sum()
}

/// A reader that records where its line ends are.
struct Counting<R> {
    inner: R,
    pos: u64,
    ends: LineEnds,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Ok(mut g) = self.ends.0.lock() {
            let pos = self.pos;
            g.pending
                .extend(memchr::memchr_iter(b'\n', &buf[..n]).map(|i| pos + i as u64));
        }
        self.pos += n as u64;
        Ok(n)
    }
}

fn read_csv<R: Read>(mut rdr: csv::Reader<R>, ends: LineEnds, width: usize, tx: SyncSender<Msg>) {
    let mut rows = Vec::with_capacity(CHUNK);
    let mut rec = csv::StringRecord::new();
    let mut last_byte = rdr.position().byte();
    loop {
        let raw = match rdr.read_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {
                let line = ends.line_of(rdr.position().byte(), inner_line_ends(&rec));
                if rec.len() == width {
                    RawRow {
                        line,
                        raw: Raw::Fields(rec.clone()),
                    }
                } else {
                    RawRow {
                        line,
                        raw: Raw::Bad(format!(
                            "has {} field(s); the header has {width}",
                            rec.len()
                        )),
                    }
                }
            }
            Err(e) => {
                let line = ends.line_of(rdr.position().byte(), 0);
                match e.kind() {
                    csv::ErrorKind::Io(_) => {
                        let _ = tx.send(Msg::Chunk(rows, 0));
                        let _ = tx.send(Msg::Fatal(format!("cannot read the CSV: {e}")));
                        return;
                    }
                    csv::ErrorKind::Utf8 { err, .. } => RawRow {
                        line,
                        raw: Raw::Bad(format!("not valid UTF-8: {err}")),
                    },
                    _ => RawRow {
                        line,
                        raw: Raw::Bad(e.to_string()),
                    },
                }
            }
        };
        rows.push(raw);
        if rows.len() == CHUNK {
            let pos = rdr.position().byte();
            let full = std::mem::replace(&mut rows, Vec::with_capacity(CHUNK));
            if tx
                .send(Msg::Chunk(full, pos.saturating_sub(last_byte)))
                .is_err()
            {
                return;
            }
            last_byte = pos;
        }
    }
    if !rows.is_empty() {
        let pos = rdr.position().byte();
        let _ = tx.send(Msg::Chunk(rows, pos.saturating_sub(last_byte)));
    }
}

/// The output: standard output, or a temporary file renamed into place by [`Sink::finish`].
enum Sink {
    Stdout(BufWriter<io::Stdout>),
    File {
        w: BufWriter<File>,
        tmp: PathBuf,
        dest: PathBuf,
    },
}

impl Sink {
    fn open(dest: Option<&Path>) -> Result<Sink, String> {
        let Some(dest) = dest else {
            return Ok(Sink::Stdout(BufWriter::with_capacity(
                1 << 20,
                io::stdout(),
            )));
        };
        let file_name = dest
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .ok_or_else(|| format!("{} is not a file name", dest.display()))?;
        let dir = dest
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let tmp = dir.join(format!(".{file_name}.tmp-{}", std::process::id()));
        if let Ok(mut g) = CLEANUP.lock() {
            *g = Some(tmp.clone());
        }
        // Ctrl-C or SIGTERM: remove the temporary file, leave any earlier OUTPUT as it was.
        let _ = ctrlc::set_handler(|| {
            if let Ok(g) = CLEANUP.lock() {
                if let Some(p) = g.as_ref() {
                    let _ = std::fs::remove_file(p);
                }
            }
            std::process::exit(130);
        });
        let f = File::create(&tmp).map_err(|e| format!("cannot write {}: {e}", tmp.display()))?;
        Ok(Sink::File {
            w: BufWriter::with_capacity(1 << 20, f),
            tmp,
            dest: dest.to_path_buf(),
        })
    }

    fn writer(&mut self) -> &mut (dyn Write + Send) {
        match self {
            Sink::Stdout(w) => w,
            Sink::File { w, .. } => w,
        }
    }

    /// Flush, sync and rename into place.
    fn finish(self) -> io::Result<()> {
        match self {
            Sink::Stdout(mut w) => w.flush(),
            Sink::File { w, tmp, dest } => {
                let f = w.into_inner().map_err(|e| e.into_error())?;
                f.sync_all()?;
                drop(f);
                let guard = CLEANUP.lock();
                std::fs::rename(&tmp, &dest)?;
                if let Ok(mut g) = guard {
                    *g = None;
                }
                if let Some(dir) = dest.parent().filter(|p| !p.as_os_str().is_empty()) {
                    if let Ok(d) = File::open(dir) {
                        let _ = d.sync_all();
                    }
                }
                Ok(())
            }
        }
    }

    /// Give up: remove the temporary file.
    fn abandon(self) {
        if let Sink::File { w, tmp, .. } = self {
            drop(w);
            let _ = std::fs::remove_file(&tmp);
            if let Ok(mut g) = CLEANUP.lock() {
                *g = None;
            }
        }
    }
}

fn process(
    ctx: &Ctx,
    input_name: &str,
    rx: Receiver<Msg>,
    mut sink: Sink,
    size: Option<u64>,
) -> ExitCode {
    let pb = if io::stderr().is_terminal() {
        let pb = match size {
            Some(n) => ProgressBar::new(n),
            None => ProgressBar::new_spinner(),
        };
        if let Ok(style) = ProgressStyle::with_template(
            "{spinner} {elapsed_precise} [{wide_bar}] {bytes}/{total_bytes} ({bytes_per_sec}, eta {eta}) {msg}",
        ) {
            pb.set_style(style.progress_chars("=> "));
        }
        pb
    } else {
        ProgressBar::hidden()
    };
    let mut t = Tally::default();
    let mut fatal = None;
    let mut write_error = None;

    if ctx.out == RowFormat::Csv {
        let mut h = String::from("line,name,outcome,grade,failing");
        for &i in &ctx.outputs {
            h.push(',');
            h.push_str(&csv_cell(&format!(
                "outputs.{}",
                ctx.std.program().defs[i].id
            )));
        }
        h.push('\n');
        if let Err(e) = sink.writer().write_all(h.as_bytes()) {
            write_error = Some(e);
        }
    }

    // Each chunk is evaluated while the previous one is written (rayon::join), so writing costs no
    // worker time. Each worker appends its consecutive rows to one buffer (rayon's fold), and the
    // buffers are written in order: rows keep their input order.
    let mut pending: Vec<Part> = Vec::new();
    let step = |t: &mut Tally,
                sink: &mut Sink,
                pending: &mut Vec<Part>,
                eval: &(dyn Fn() -> Vec<Part> + Sync)|
     -> io::Result<()> {
        let (next, wrote) = rayon::join(eval, || {
            t.emit(&pb, input_name, sink.writer(), std::mem::take(pending))
        });
        *pending = next;
        wrote
    };
    while write_error.is_none() {
        match rx.recv() {
            Ok(Msg::Block { data, first }) => {
                let lines = split_lines(&data);
                for (k, part) in lines.chunks(CHUNK).enumerate() {
                    let base = first + (k * CHUNK) as u64;
                    let eval = || {
                        part.par_iter()
                            .enumerate()
                            .fold(Part::default, |acc, (i, l)| {
                                acc.add(ctx, base + i as u64, Item::Line(l))
                            })
                            .collect()
                    };
                    if let Err(e) = step(&mut t, &mut sink, &mut pending, &eval) {
                        write_error = Some(e);
                        break;
                    }
                }
                pb.inc(data.len() as u64);
            }
            Ok(Msg::Chunk(rows, bytes)) => {
                let eval = || {
                    rows.par_iter()
                        .fold(Part::default, |acc, r| {
                            acc.add(ctx, r.line, Item::Csv(&r.raw))
                        })
                        .collect()
                };
                if let Err(e) = step(&mut t, &mut sink, &mut pending, &eval) {
                    write_error = Some(e);
                }
                pb.inc(bytes);
            }
            Ok(Msg::Fatal(e)) => {
                fatal = Some(e);
                break;
            }
            Err(_) => break,
        }
        pb.set_message(format!("{} rows", t.read));
    }
    if write_error.is_none() {
        if let Err(e) = t.emit(&pb, input_name, sink.writer(), std::mem::take(&mut pending)) {
            write_error = Some(e);
        }
    }
    pb.finish_and_clear();
    drop(rx);
    let Tally {
        read,
        evaluated,
        errors,
        outcomes,
        grades,
    } = t;

    let mut summary = format!(
        "summary: {read} rows read, {evaluated} evaluated, {errors} with errors; outcome: {}",
        counts(outcomes.iter().map(|(k, v)| (*k, *v)))
    );
    if ctx.grade.is_some() {
        summary.push_str(&format!(
            "; grade: {}",
            counts(grades.iter().map(|(k, v)| (k.as_str(), *v)))
        ));
    }
    if let Some(e) = write_error {
        sink.abandon();
        if e.kind() == io::ErrorKind::BrokenPipe {
            return ExitCode::SUCCESS;
        }
        eprintln!("error: cannot write the output: {e}");
        return ExitCode::from(1);
    }
    if let Some(f) = fatal {
        sink.abandon();
        eprintln!("error: {input_name}: {f}");
        eprintln!("{summary}");
        eprintln!("error: the input could not be read to the end; no output was written");
        return ExitCode::from(1);
    }
    if let Err(e) = sink.finish() {
        eprintln!("error: cannot write the output: {e}");
        return ExitCode::from(1);
    }
    eprintln!("{summary}");
    if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// FNV-1a: input ids are short, and SipHash showed in profiles of the per-row lookup.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// Counts for the summary.
#[derive(Default)]
struct Tally {
    read: u64,
    evaluated: u64,
    errors: u64,
    outcomes: BTreeMap<&'static str, u64>,
    grades: BTreeMap<String, u64>,
}

impl Tally {
    /// Write the parts' rows, report their bad rows (in input order), add up their counts.
    fn emit(
        &mut self,
        pb: &ProgressBar,
        input_name: &str,
        w: &mut dyn Write,
        parts: Vec<Part>,
    ) -> io::Result<()> {
        for p in parts {
            w.write_all(&p.out)?;
            for (line, reason) in &p.errors {
                pb.suspend(|| eprintln!("error: {input_name}:{line}: {reason}"));
            }
            self.read += p.tally.read;
            self.evaluated += p.tally.evaluated;
            self.errors += p.tally.errors;
            for (k, n) in p.tally.outcomes {
                *self.outcomes.entry(k).or_default() += n;
            }
            for (k, n) in p.tally.grades {
                *self.grades.entry(k).or_default() += n;
            }
        }
        Ok(())
    }
}

fn counts<'a>(it: impl Iterator<Item = (&'a str, u64)>) -> String {
    let v: Vec<String> = it.map(|(k, n)| format!("{k} {n}")).collect();
    if v.is_empty() {
        "none".into()
    } else {
        v.join(", ")
    }
}

fn error_text(e: &Error) -> String {
    match e {
        Error::Assessment(errs) => errs
            .iter()
            .map(|x| {
                if x.input.is_empty() {
                    x.reason.clone()
                } else {
                    format!("`{}`: {}", x.input, x.reason)
                }
            })
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
}

/// Parse, evaluate and render one row onto `o`; its outcome and grade for the summary.
fn eval_row(
    ctx: &Ctx,
    line: u64,
    item: Item,
    o: &mut Vec<u8>,
) -> Result<(&'static str, Option<String>), String> {
    let (a, name) = match item {
        Item::Csv(Raw::Bad(reason)) => return Err(reason.clone()),
        Item::Csv(Raw::Fields(rec)) => csv_row(ctx, rec)?,
        Item::Line(bytes) => {
            let text = std::str::from_utf8(bytes).map_err(|e| format!("not valid UTF-8: {e}"))?;
            json_row(ctx, text)?
        }
    };
    let p = ctx.std.program();
    if ctx.explain {
        let r = json::evaluate(&ctx.std, &a, true).map_err(|e| error_text(&e))?;
        let outcome = static_outcome(r["outcome"].as_str().unwrap_or("unknown"));
        let grade = r["grade"].as_str().map(str::to_string);
        let mut m = Map::new();
        m.insert("line".into(), Value::from(line));
        if let Some(n) = name {
            m.insert("name".into(), n);
        }
        for k in ["outcome", "grade", "failing", "outputs", "items"] {
            m.insert(k.into(), r[k].clone());
        }
        let _ = serde_json::to_writer(&mut *o, &Value::Object(m));
        o.push(b'\n');
        return Ok((outcome, grade));
    }
    let e = core_evaluate(p, &a.values).map_err(|e| json::eval_error_text(&ctx.std, &e))?;
    let outcome = e.outcome.as_str();
    let grade = ctx
        .grade
        .and_then(|g| match json::val_json(p, &e.values[g]) {
            Value::String(s) => Some(s),
            _ => None,
        });
    match ctx.out {
        RowFormat::Jsonl => {
            let _ = write!(o, "{{\"line\":{line}");
            if let Some(n) = &name {
                o.extend_from_slice(b",\"name\":");
                let _ = serde_json::to_writer(&mut *o, n);
            }
            let _ = write!(o, ",\"outcome\":\"{outcome}\",\"grade\":");
            match &grade {
                Some(g) => {
                    let _ = serde_json::to_writer(&mut *o, g);
                }
                None => o.extend_from_slice(b"null"),
            }
            o.extend_from_slice(b",\"failing\":[");
            for (k, &i) in e.failing.iter().enumerate() {
                if k > 0 {
                    o.push(b',');
                }
                o.extend_from_slice(ctx.quoted[i].as_bytes());
            }
            o.extend_from_slice(b"],\"outputs\":{");
            for (k, &i) in ctx.outputs.iter().enumerate() {
                if k > 0 {
                    o.push(b',');
                }
                o.extend_from_slice(ctx.quoted[i].as_bytes());
                o.push(b':');
                let _ = serde_json::to_writer(&mut *o, &json::val_json(p, &e.values[i]));
            }
            o.extend_from_slice(b"}}\n");
        }
        RowFormat::Csv => {
            let name = match &name {
                Some(Value::String(s)) => csv_cell(s),
                Some(v) => csv_cell(&v.to_string()),
                None => String::new(),
            };
            let failing: Vec<&str> = e.failing.iter().map(|&i| p.defs[i].id.as_str()).collect();
            let _ = write!(
                o,
                "{},{name},{outcome},{},{}",
                line,
                csv_cell(grade.as_deref().unwrap_or("")),
                csv_cell(&failing.join(" "))
            );
            for &i in &ctx.outputs {
                let cell = match json::val_json(p, &e.values[i]) {
                    Value::Null => String::new(),
                    Value::String(s) => s,
                    v => v.to_string(),
                };
                o.push(b',');
                o.extend_from_slice(csv_cell(&cell).as_bytes());
            }
            o.push(b'\n');
        }
    }
    Ok((outcome, grade))
}

fn static_outcome(s: &str) -> &'static str {
    match s {
        "pass" => "pass",
        "fail" => "fail",
        "not_applicable" => "not_applicable",
        _ => "unknown",
    }
}

/// A JSON Lines row: an object of inputs, or a whole assessment (whose `name` is echoed).
///
/// A bare object of inputs (the common case) is read in one pass without building a JSON tree: each
/// value goes straight to the facade's `value_of` for its input. A whole assessment, and any row with a
/// problem in its JSON, goes through the facade's `assessment_from_value` (the messages of the contract).
fn json_row(ctx: &Ctx, text: &str) -> Result<(Assessment, Option<Value>), String> {
    if text.trim().is_empty() {
        return Err("empty line (JSON Lines needs one JSON object on every line)".into());
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let fast = serde::de::DeserializeSeed::deserialize(BareInputs(ctx), &mut de)
        .ok()
        .filter(|_| de.end().is_ok())
        .flatten();
    if let Some(r) = fast {
        let values = r?;
        return Ok((
            Assessment {
                standard: ctx.std.id().to_string(),
                version: None,
                as_of: None,
                values,
            },
            None,
        ));
    }
    let v: Value = serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"))?;
    let a = json::assessment_from_value(&ctx.std, &v).map_err(|e| error_text(&e))?;
    let name = match v.get("inputs") {
        Some(_) => v.get("name").cloned(),
        None => None,
    };
    Ok((a, name))
}

/// Reads a bare object of inputs: `Some(Ok(values))`, `Some(Err(reasons))` (as the facade words and
/// orders them: by input id, the last of a repeated key counting), or `None` when the object has an
/// `inputs` key (a whole assessment).
struct BareInputs<'a>(&'a Ctx);

type Bare = Option<Result<Vec<Val>, String>>;

impl<'de> serde::de::DeserializeSeed<'de> for BareInputs<'_> {
    type Value = Bare;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Bare, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> serde::de::Visitor<'de> for BareInputs<'_> {
    type Value = Bare;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON object of inputs")
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut m: A) -> Result<Bare, A::Error> {
        let p = self.0.std.program();
        let mut values = vec![Val::Unknown; p.inputs.len()];
        let mut errors: BTreeMap<String, String> = BTreeMap::new();
        while let Some(Key(key)) = m.next_key::<Key>()? {
            if key == "inputs" {
                return Ok(None);
            }
            let Some(&i) = self.0.index.get(key.as_ref()) else {
                m.next_value::<serde::de::IgnoredAny>()?;
                let mut one = Map::new();
                one.insert(key.to_string(), Value::Null);
                let mut errs = Vec::new();
                json::values_from_map(p, &one, &mut errs);
                for e in errs {
                    errors.insert(e.input, e.reason);
                }
                continue;
            };
            let v: Value = m.next_value()?;
            match json::value_of(p, i, &v) {
                Ok(x) => {
                    values[i] = x;
                    errors.remove(key.as_ref());
                }
                Err(reason) => {
                    values[i] = Val::Unknown;
                    errors.insert(key.to_string(), reason);
                }
            }
        }
        if errors.is_empty() {
            Ok(Some(Ok(values)))
        } else {
            let text: Vec<String> = errors
                .into_iter()
                .map(|(k, r)| format!("`{k}`: {r}"))
                .collect();
            Ok(Some(Err(text.join("; "))))
        }
    }
}

/// An object key, borrowed from the line when it has no escapes.
struct Key<'de>(Cow<'de, str>);

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(s)))
            }
            fn visit_str<E>(self, s: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(s.to_string())))
            }
        }
        d.deserialize_str(V)
    }
}

/// A CSV row: each non-empty cell read as its input's type says.
fn csv_row(ctx: &Ctx, rec: &csv::StringRecord) -> Result<(Assessment, Option<Value>), String> {
    let p = ctx.std.program();
    let mut values = vec![Val::Unknown; p.inputs.len()];
    let mut name = None;
    let mut errors = Vec::new();
    for (cell, col) in rec.iter().zip(&ctx.columns) {
        let cell = cell.trim();
        if cell.is_empty() {
            continue;
        }
        match *col {
            Column::Name => name = Some(Value::String(cell.to_string())),
            Column::Input(i, kind) => {
                let v = cell_value(cell, kind);
                match json::value_of(p, i, &v) {
                    Ok(x) => values[i] = x,
                    Err(reason) => errors.push(format!("`{}`: {reason}", p.inputs[i].id)),
                }
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors.join("; "));
    }
    Ok((
        Assessment {
            standard: ctx.std.id().to_string(),
            version: None,
            as_of: None,
            values,
        },
        name,
    ))
}

fn cell_value(cell: &str, kind: CellKind) -> Value {
    let text = || Value::String(cell.to_string());
    match kind {
        CellKind::Bool => {
            if cell.eq_ignore_ascii_case("true") {
                Value::Bool(true)
            } else if cell.eq_ignore_ascii_case("false") {
                Value::Bool(false)
            } else {
                text()
            }
        }
        CellKind::Number => cell
            .parse::<serde_json::Number>()
            .map(Value::Number)
            .unwrap_or_else(|_| text()),
        CellKind::Json => serde_json::from_str(cell).unwrap_or_else(|_| text()),
        CellKind::Text => text(),
    }
}

/// A CSV field, quoted when it needs to be.
fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}
