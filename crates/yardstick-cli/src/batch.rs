//! `yardstick batch STANDARD INPUT [-o OUTPUT]`: evaluate many assessments against one standard.
//!
//! One thread reads the input (JSON Lines in blocks of whole lines, CSV in records) a little ahead; the
//! rows are evaluated on every core (rayon) in chunks of at most [`CHUNK`], each worker appending the
//! output of its consecutive rows to one buffer, and a chunk is written in input order while the next
//! one is evaluated. Memory stays constant whatever the file's size: the input is read [`READ`] bytes at a
//! time, and a line (or CSV record) longer than `--max-line-bytes` ([`MAX_LINE_BYTES_DEFAULT`]) is a bad
//! row, skipped to its end without being held (only its first bytes are kept, to quote them). Bad rows
//! are reported on standard error with their line number and produce no output row; every output row
//! carries the `line` it came from. An error quotes at most [`QUOTE_CHARS`] characters of a bad value or
//! line, and lists at most [`MAX_REASONS`] problems of a row. The standard is compiled once and shared by
//! every worker.
//!
//! Data safety: an OUTPUT that is the INPUT (the same file however named: `./x`, a symlink, a hard link)
//! is refused before anything is read. With `-o` the output is written to `.NAME.tmp-PID` beside it,
//! flushed, synced and renamed at the end: an interrupted run never leaves a partial `NAME`. The temporary
//! file is removed on every failure (a failed rename included; Ctrl-C and SIGTERM too), and temporary
//! files of earlier runs that were killed (`kill -9`) are removed by the next run into the same OUTPUT when
//! their PID is no longer a running process (Linux, through `/proc`).
//!
//! Exit codes: 0 every row evaluated; 1 a row could not be read or evaluated (the other rows are still
//! written), or the standard has problems; 2 usage (bad flags, unreadable input, unwritable output, an
//! output that is the input).

use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufRead, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::Mutex;
use yardstick::api::{Options, Outcome};
use yardstick::catalogue::cli;
use yardstick::lossless::CellKind;
use yardstick::{Assessment, InputSlot, Json};
use yardstick::{Error, Standard};

/// Rows evaluated and written at a time (at most).
pub const CHUNK: usize = 8192;

/// JSON Lines are read in blocks of whole lines of about this many bytes; the lines of a block are
/// ended where the reading thread found their line ends (it sends them with the block, so the lines
/// are not looked for again between blocks) and checked (UTF-8) by the workers.
const BLOCK: usize = 4 << 20;

/// Bytes asked of the input at a time.
pub const READ: usize = 1 << 20;

/// The longest line (JSON Lines) or record (CSV) read, in bytes, unless `--max-line-bytes` says
/// otherwise: 16 MiB. A longer one is a bad row.
pub const MAX_LINE_BYTES_DEFAULT: usize = 16 << 20;

/// An error quotes at most this many characters of a bad value or line (then `…`).
pub const QUOTE_CHARS: usize = 100;

/// At most this many problems are listed for one row (then "and N more").
pub const MAX_REASONS: usize = 50;

/// Bytes kept of the start of an overlong line or record, enough for [`QUOTE_CHARS`] characters.
const HEAD: usize = 4 * QUOTE_CHARS;

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
    #[command(flatten)]
    pub standards: super::StandardsArg,
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
    /// The longest line (JSON Lines) or record (CSV) to read, in bytes, line end excluded; a longer one
    /// is reported as a bad row and skipped without being held in memory.
    #[arg(long, value_name = "BYTES", default_value_t = MAX_LINE_BYTES_DEFAULT)]
    pub max_line_bytes: usize,
}

/// The temporary output file to remove when interrupted.
static CLEANUP: Mutex<Option<PathBuf>> = Mutex::new(None);

#[derive(Clone, Copy)]
enum Column {
    /// The input's slot, its index in the header's inputs (for its id), and how to read its cells.
    Input(InputSlot, usize, CellKind),
    Name,
}

/// Everything a worker needs, shared read-only by every thread.
struct Ctx {
    std: Standard,
    explain: bool,
    out: RowFormat,
    /// The id of the standard's grade (the first own grade), if any.
    grade: Option<String>,
    /// The ids of the outputs, in definition order (the CSV columns).
    outputs: Vec<String>,
    columns: Vec<Column>,
    /// The input ids of the CSV columns, by their index in `Column::Input`.
    column_ids: Vec<String>,
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
    /// Whole JSON lines, the first of them line `first`; an overlong line is an empty line here, and
    /// its line number and reason are in `long` (in line order). `bytes`: the input bytes they took.
    Block {
        data: Vec<u8>,
        /// Where each line of `data` ends (its line end excluded), found while reading.
        ends: Vec<usize>,
        first: u64,
        long: Vec<(u64, String)>,
        bytes: u64,
    },
    /// CSV rows, and the bytes they took.
    Chunk(Vec<RawRow>, u64),
    Fatal(String),
}

/// A row for a worker.
enum Item<'a> {
    Line(&'a [u8]),
    Csv(&'a Raw),
    /// A row that could not be read (an overlong line): the reason.
    Bad(&'a str),
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

pub fn run(args: BatchArgs, standards: &super::Standards) -> ExitCode {
    if let Some(n) = args.threads {
        if n == 0 {
            return super::usage_in(&cli::threads_at_least_one());
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
        return super::usage_in(&cli::explain_needs_jsonl());
    }
    if args.max_line_bytes == 0 {
        return super::usage_in(&cli::max_line_bytes_at_least_one());
    }
    let max = args.max_line_bytes;
    // Before anything is read: an output that would replace the input, or that cannot be a file.
    if args.input != Path::new("-") && args.input.is_dir() {
        return super::usage_in(&cli::input_is_folder(&args.input.display().to_string()));
    }
    if let Some(o) = &args.output {
        if same_file(&args.input, o) {
            return super::usage_in(&cli::output_is_input(
                &o.display().to_string(),
                &args.input.display().to_string(),
            ));
        }
        if o.is_dir() {
            return super::usage_in(&cli::output_is_folder(
                &o.display().to_string(),
                &o.join("results.jsonl").display().to_string(),
            ));
        }
    }
    let std = match super::standard_by_name(&args.standard, standards) {
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
            Err(e) => return super::usage_in(&cli::cannot_read_path(&input_name, &e.to_string())),
        }
    };
    let mut ctx = Ctx {
        grade: std.grade_id().map(str::to_string),
        outputs: std.output_ids().map(str::to_string).collect(),
        column_ids: Vec::new(),
        std,
        explain: args.explain,
        out: out_fmt,
        columns: Vec::new(),
    };

    // The reader thread: lines or CSV records, in chunks.
    let (tx, rx) = sync_channel::<Msg>(2);
    let reader_thread = match in_fmt {
        RowFormat::Jsonl => std::thread::spawn(move || read_blocks(reader, max, tx)),
        RowFormat::Csv => {
            let mut rdr = CsvRecords::new(reader, max);
            let (line, header) = match rdr.next_record() {
                Ok(Some((line, Rec::Fields(h)))) => (line, h),
                Ok(None) => (1, csv::StringRecord::new()),
                Ok(Some((line, Rec::Bad(e)))) => {
                    let m = cli::csv_header_unreadable(&e);
                    eprintln!("error: {input_name}:{line}: {}", super::say(&m));
                    return ExitCode::from(1);
                }
                Err(e) => {
                    let m = cli::csv_header_unreadable(&e.to_string());
                    eprintln!("error: {input_name}: {}", super::say(&m));
                    return ExitCode::from(1);
                }
            };
            match columns(&ctx.std, &header) {
                Ok((c, ids)) => {
                    ctx.columns = c;
                    ctx.column_ids = ids;
                }
                Err(errs) => {
                    for e in errs.iter().take(MAX_REASONS) {
                        eprintln!("error: {input_name}:{line}: {e}");
                    }
                    if errs.len() > MAX_REASONS {
                        let m = cli::header_more_problems(errs.len() - MAX_REASONS);
                        eprintln!("error: {input_name}:{line}: {}", super::say(&m));
                    }
                    return ExitCode::from(1);
                }
            }
            let width = header.len();
            std::thread::spawn(move || read_csv(rdr, width, tx))
        }
    };

    let sink = match Sink::open(args.output.as_deref()) {
        Ok(s) => s,
        Err(e) => return super::usage_in(&e),
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

/// The CSV header as columns: input ids (each once), and `name` (when the standard has no such input).
fn columns(
    std: &Standard,
    header: &csv::StringRecord,
) -> Result<(Vec<Column>, Vec<String>), Vec<String>> {
    let form = std.form();
    let mut ids = Vec::new();
    let mut cols = Vec::new();
    let mut errors = Vec::new();
    let mut seen = Vec::new();
    for h in header.iter() {
        let h = h.trim();
        if seen.contains(&h) {
            errors.push(super::one_language(&cli::column_twice(&clip(
                h,
                QUOTE_CHARS,
            ))));
            continue;
        }
        seen.push(h);
        match std.input(h) {
            Some(slot) => {
                let kind = form
                    .inputs
                    .iter()
                    .find(|i| i.id == h)
                    .map_or(CellKind::Text, |i| CellKind::of(&i.kind));
                cols.push(Column::Input(slot, ids.len(), kind));
                ids.push(h.to_string());
            }
            None if h == "name" => cols.push(Column::Name),
            None => {
                // Reuse the facade's message (with its "did you mean").
                if let Err(e) = std.assessment_builder().set(h, &Json::Null) {
                    errors.push(format!("column {}", keyed(&e.input, &e.reason)));
                }
            }
        }
    }
    if errors.is_empty() {
        Ok((cols, ids))
    } else {
        Err(errors)
    }
}

/// The JSON Lines being gathered into a block: whole lines, then the start of an unfinished one.
struct Blocks {
    tx: SyncSender<Msg>,
    max: usize,
    data: Vec<u8>,
    /// Where the unfinished line starts in `data` (`data.len()` when there is none).
    start: usize,
    /// The line number of the block's first line, and the number of whole lines in it.
    first: u64,
    lines: u64,
    /// Where each whole line ends in `data` (before its `\n`): the workers take the lines from these
    /// without looking for the line ends again.
    ends: Vec<usize>,
    /// Overlong lines of this block: their numbers and reasons.
    long: Vec<(u64, String)>,
    /// Input bytes read since the last block was sent.
    bytes: u64,
}

impl Blocks {
    /// Send the whole lines gathered so far; false when nobody listens any more.
    fn flush(&mut self) -> bool {
        if self.data.is_empty() && self.long.is_empty() {
            return true;
        }
        let data = std::mem::replace(&mut self.data, Vec::with_capacity(BLOCK + READ));
        let msg = Msg::Block {
            data,
            ends: std::mem::take(&mut self.ends),
            first: self.first,
            long: std::mem::take(&mut self.long),
            bytes: std::mem::take(&mut self.bytes),
        };
        self.first += self.lines;
        self.lines = 0;
        self.start = 0;
        self.tx.send(msg).is_ok()
    }

    /// End the current line (`data[start..]`, without its line end).
    fn end_line(&mut self) {
        self.ends.push(self.data.len());
        self.data.push(b'\n');
        self.lines += 1;
        self.start = self.data.len();
    }

    /// The line being read is overlong: it becomes an empty line here, its reason goes in `long`.
    fn push_long(&mut self, l: Long) {
        self.data.truncate(self.start);
        self.long.push((
            self.first + self.lines,
            l.reason(&cli::word_line(), self.max),
        ));
        self.end_line();
    }
}

/// An overlong line or record being skipped: its length so far and its first bytes.
struct Long {
    bytes: u64,
    head: Vec<u8>,
    /// Its last byte so far (a final `\r` is part of the line end).
    last: Option<u8>,
}

impl Long {
    fn new(start: &[u8]) -> Long {
        let mut l = Long {
            bytes: 0,
            head: Vec::with_capacity(HEAD),
            last: None,
        };
        l.add(start);
        l
    }

    fn add(&mut self, piece: &[u8]) {
        self.bytes += piece.len() as u64;
        let room = HEAD.saturating_sub(self.head.len());
        self.head.extend_from_slice(&piece[..room.min(piece.len())]);
        if let Some(&b) = piece.last() {
            self.last = Some(b);
        }
    }

    /// "line of N bytes is longer than the limit …; it begins `…`".
    fn reason(mut self, what: &yardstick::Msg, max: usize) -> String {
        let bytes = self.bytes - u64::from(self.last == Some(b'\r'));
        self.head
            .truncate(usize::try_from(bytes).unwrap_or(usize::MAX).min(HEAD));
        let head = String::from_utf8_lossy(&self.head);
        let begins = clip(&head, QUOTE_CHARS);
        super::one_language(&cli::line_too_long(&what.en, &what.zh, bytes, max, &begins))
    }
}

/// Whether a line of `len` bytes (line end excluded, a final `\r` included) ending in `last` is longer
/// than `max` once a final `\r` is dropped: `ended` says whether the line is whole, else it may grow.
fn overlong(len: usize, last: Option<u8>, max: usize, ended: bool) -> bool {
    let over = max.saturating_add(1);
    len > over || (ended && len == over && last != Some(b'\r'))
}

/// Read JSON Lines [`READ`] bytes at a time into blocks of whole lines of about [`BLOCK`] bytes. A line
/// longer than `max` is skipped to its end, only its first [`HEAD`] bytes kept: memory stays bounded by
/// `BLOCK + max + READ` whatever the lines.
fn read_blocks(mut r: impl Read, max: usize, tx: SyncSender<Msg>) {
    let mut b = Blocks {
        tx,
        max,
        data: Vec::with_capacity(BLOCK + READ),
        start: 0,
        first: 1,
        lines: 0,
        long: Vec::new(),
        bytes: 0,
        ends: Vec::new(),
    };
    let mut buf = vec![0u8; READ];
    // The overlong line being skipped, if any.
    let mut skipping: Option<Long> = None;
    loop {
        let n = match r.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => {
                let line = b.first + b.lines;
                let _ =
                    b.tx.send(Msg::Fatal(format!("cannot read line {line}: {e}")));
                return;
            }
        };
        b.bytes += n as u64;
        let mut rest = &buf[..n];
        while !rest.is_empty() {
            let (piece, ended) = match memchr::memchr(b'\n', rest) {
                Some(i) => {
                    let piece = &rest[..i];
                    rest = &rest[i + 1..];
                    (piece, true)
                }
                None => (std::mem::take(&mut rest), false),
            };
            if let Some(l) = skipping.as_mut() {
                l.add(piece);
                if ended {
                    if let Some(l) = skipping.take() {
                        b.push_long(l);
                    }
                }
            } else {
                let len = b.data.len() - b.start + piece.len();
                let last = piece.last().or(b.data[b.start..].last()).copied();
                if overlong(len, last, max, ended) {
                    let mut l = Long::new(&b.data[b.start..]);
                    l.add(piece);
                    b.data.truncate(b.start);
                    if ended {
                        b.push_long(l);
                    } else {
                        skipping = Some(l);
                    }
                } else {
                    b.data.extend_from_slice(piece);
                    if ended {
                        b.end_line();
                    }
                }
            }
            if ended && (b.start >= BLOCK || b.long.len() >= CHUNK) && !b.flush() {
                return;
            }
        }
    }
    // The end of the input: an unfinished last line.
    if let Some(l) = skipping.take() {
        b.push_long(l);
    } else if b.start < b.data.len() {
        let len = trim_cr(&b.data[b.start..]).len();
        if len > max {
            let l = Long::new(&b.data[b.start..]);
            b.push_long(l);
        } else {
            b.ends.push(b.data.len());
            b.lines += 1;
            b.start = b.data.len();
        }
    }
    b.flush();
}

/// The lines of a block, without their line ends, from where the reader found them to end.
fn lines_of<'d>(data: &'d [u8], ends: &[usize]) -> Vec<&'d [u8]> {
    let mut out = Vec::with_capacity(ends.len());
    let mut start = 0;
    for &end in ends {
        out.push(trim_cr(data.get(start..end).unwrap_or_default()));
        start = end + 1;
    }
    out
}

fn trim_cr(l: &[u8]) -> &[u8] {
    l.strip_suffix(b"\r").unwrap_or(l)
}

/// CSV records, read with `csv-core` into buffers of our own, so that a record longer than the limit
/// is skipped to its end instead of being held (the `csv` crate's reader grows its record without
/// bound). The dialect is the `csv` crate's default: `,`, `"` doubled inside quotes, `\n`, `\r` or
/// `\r\n` line ends, blank lines skipped, a UTF-8 byte-order mark at the start dropped.
struct CsvRecords<R> {
    core: csv_core::Reader,
    rdr: io::BufReader<R>,
    max: usize,
    at: Consumed,
    /// The record's fields, one after the other, and where each ends.
    out: Vec<u8>,
    ends: Vec<usize>,
    /// Where an overlong record's fields go, to be dropped.
    scratch: Vec<u8>,
    scratch_ends: Vec<usize>,
    /// The first bytes of the record, to quote an overlong one.
    head: Vec<u8>,
}

/// Bytes consumed; line ends among them, and the offset of the last one.
#[derive(Default)]
struct Consumed {
    pos: u64,
    newlines: u64,
    last_newline: Option<u64>,
}

impl Consumed {
    /// Count `used`, the bytes just consumed.
    fn pass(&mut self, used: &[u8]) {
        if let Some(i) = memchr::memrchr(b'\n', used) {
            self.newlines += memchr::memchr_iter(b'\n', used).count() as u64;
            self.last_newline = Some(self.pos + i as u64);
        }
        self.pos += used.len() as u64;
    }
}

/// A CSV record read: its fields, or why it could not be read.
enum Rec {
    Fields(csv::StringRecord),
    Bad(String),
}

impl<R: Read> CsvRecords<R> {
    fn new(r: R, max: usize) -> CsvRecords<R> {
        CsvRecords {
            core: csv_core::Reader::new(),
            rdr: io::BufReader::with_capacity(64 << 10, r),
            max,
            at: Consumed::default(),
            out: vec![0; 1024],
            ends: vec![0; 64],
            scratch: vec![0; 64 << 10],
            scratch_ends: vec![0; 1024],
            head: Vec::with_capacity(HEAD),
        }
    }

    /// Skip blank lines (as csv-core would) so that a record's length counts from its first byte.
    fn skip_blank_lines(&mut self) -> io::Result<()> {
        loop {
            let input = self.rdr.fill_buf()?;
            let k = input
                .iter()
                .take_while(|&&c| c == b'\n' || c == b'\r')
                .count();
            let more = k == input.len() && k > 0;
            self.at.pass(&input[..k]);
            self.rdr.consume(k);
            if !more {
                return Ok(());
            }
        }
    }

    /// The next record and its line: the line it starts on, counting the line ends inside its quoted
    /// fields back from where it ends (as `yardstick batch` always numbered them); `None` at the end.
    fn next_record(&mut self) -> io::Result<Option<(u64, Rec)>> {
        use csv_core::ReadRecordResult as R;
        self.skip_blank_lines()?;
        let start = self.at.pos;
        let max = u64::try_from(self.max).unwrap_or(u64::MAX);
        let (mut outlen, mut endlen) = (0usize, 0usize);
        // Set once the record is known to be overlong: the line ends inside its fields so far.
        let mut long: Option<u64> = None;
        self.head.clear();
        let mut last = None;
        loop {
            if long.is_none() {
                if outlen == self.out.len() {
                    self.out.resize(self.out.len() * 2, 0);
                }
                if endlen == self.ends.len() {
                    self.ends.resize(self.ends.len() * 2, 0);
                }
            }
            let input = self.rdr.fill_buf()?;
            let (res, nin, nout, nend) = match &long {
                None => {
                    self.core
                        .read_record(input, &mut self.out[outlen..], &mut self.ends[endlen..])
                }
                Some(_) => self
                    .core
                    .read_record(input, &mut self.scratch, &mut self.scratch_ends),
            };
            let used = &input[..nin];
            self.at.pass(used);
            if self.head.len() < HEAD {
                let room = (HEAD - self.head.len()).min(used.len());
                self.head.extend_from_slice(&used[..room]);
            }
            if let Some(&c) = used.last() {
                last = Some(c);
            }
            self.rdr.consume(nin);
            match long.as_mut() {
                Some(inner) => {
                    *inner += memchr::memchr_iter(b'\n', &self.scratch[..nout]).count() as u64;
                }
                None => {
                    outlen += nout;
                    endlen += nend;
                }
            }
            let raw = self.at.pos - start;
            if long.is_none() && raw > max.saturating_add(1) {
                long = Some(memchr::memchr_iter(b'\n', &self.out[..outlen]).count() as u64);
            }
            match res {
                R::InputEmpty | R::OutputFull | R::OutputEndsFull => {}
                R::Record => break,
                R::End => return Ok(None),
            }
        }
        // The record's own bytes: without the line end that ended it.
        let bytes = self.at.pos - start - u64::from(matches!(last, Some(b'\n' | b'\r')));
        let inner =
            long.unwrap_or_else(|| memchr::memchr_iter(b'\n', &self.out[..outlen]).count() as u64);
        let end = self.at.pos;
        let unterminated = self.at.last_newline.map(|l| l + 1 != end).unwrap_or(true);
        let line = (self.at.newlines + u64::from(unterminated)).saturating_sub(inner);
        if long.is_some() || bytes > max {
            let mut head = std::mem::take(&mut self.head);
            head.truncate(usize::try_from(bytes).unwrap_or(usize::MAX));
            let l = Long {
                bytes,
                head,
                last: None,
            };
            return Ok(Some((
                line,
                Rec::Bad(l.reason(&cli::word_record(), self.max)),
            )));
        }
        let mut rec = csv::ByteRecord::with_capacity(outlen, endlen);
        let mut from = 0;
        for &e in &self.ends[..endlen] {
            rec.push_field(self.out.get(from..e).unwrap_or_default());
            from = e;
        }
        Ok(Some((
            line,
            match csv::StringRecord::from_byte_record(rec) {
                Ok(r) => Rec::Fields(r),
                Err(e) => Rec::Bad(super::one_language(&cli::not_utf8(
                    &e.utf8_error().to_string(),
                ))),
            },
        )))
    }
}

fn read_csv<R: Read>(mut rdr: CsvRecords<R>, width: usize, tx: SyncSender<Msg>) {
    let mut rows = Vec::with_capacity(CHUNK);
    let mut last_byte = rdr.at.pos;
    loop {
        let (line, rec) = match rdr.next_record() {
            Ok(None) => break,
            Ok(Some(r)) => r,
            Err(e) => {
                let _ = tx.send(Msg::Chunk(rows, 0));
                let _ = tx.send(Msg::Fatal(format!("cannot read the CSV: {e}")));
                return;
            }
        };
        let raw = match rec {
            Rec::Fields(r) if r.len() == width => Raw::Fields(r),
            Rec::Fields(r) => {
                Raw::Bad(super::one_language(&cli::wrong_field_count(r.len(), width)))
            }
            Rec::Bad(reason) => Raw::Bad(reason),
        };
        rows.push(RawRow { line, raw });
        // At most CHUNK rows, and about BLOCK bytes, at a time.
        if rows.len() == CHUNK || rdr.at.pos - last_byte >= BLOCK as u64 {
            let full = std::mem::replace(&mut rows, Vec::with_capacity(CHUNK));
            if tx.send(Msg::Chunk(full, rdr.at.pos - last_byte)).is_err() {
                return;
            }
            last_byte = rdr.at.pos;
        }
    }
    if !rows.is_empty() {
        let _ = tx.send(Msg::Chunk(rows, rdr.at.pos - last_byte));
    }
}

/// Whether writing `output` would replace `input`: the same file however it is named (`./x`, a
/// symlink, a hard link, standard input redirected from it). Unix: the same device and inode; elsewhere:
/// the same canonical path. An output that does not exist yet is never the input.
fn same_file(input: &Path, output: &Path) -> bool {
    let input = if input == Path::new("-") {
        if !cfg!(unix) {
            return false;
        }
        Path::new("/dev/stdin")
    } else {
        input
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(input), std::fs::metadata(output)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        match (input.canonicalize(), output.canonicalize()) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        }
    }
}

/// Remove the `.NAME.tmp-PID` files in `dir` left by earlier runs into `NAME` that were killed
/// (`kill -9`, a crash, a power cut): those whose PID is not a running process. Only where `/proc`
/// tells (Linux); elsewhere nothing is removed. A file of a live run (its PID in `/proc`) is never
/// touched, nor one whose name this command would not have made (`-0123`, `-12x`), nor a folder.
/// The files removed are returned.
fn sweep_stale(dir: &Path, file_name: &str) -> Vec<PathBuf> {
    let mut removed = Vec::new();
    let proc = Path::new("/proc");
    if !cfg!(target_os = "linux") || !proc.join("self").exists() {
        return removed;
    }
    let prefix = format!(".{file_name}.tmp-");
    let own = std::process::id();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return removed;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(pid) = name.to_str().and_then(|n| n.strip_prefix(&prefix)) else {
            continue;
        };
        let Ok(n) = pid.parse::<u32>() else {
            continue;
        };
        if n == own || n.to_string() != pid || proc.join(pid).exists() {
            continue;
        }
        if !matches!(e.file_type(), Ok(t) if t.is_file() || t.is_symlink()) {
            continue;
        }
        if std::fs::remove_file(e.path()).is_ok() {
            removed.push(e.path());
        }
    }
    removed
}

/// The temporary output file: removed when dropped (an error, a failed rename, a panic) unless it was
/// renamed into place.
struct Temp {
    path: PathBuf,
    renamed: bool,
}

impl Drop for Temp {
    fn drop(&mut self) {
        if !self.renamed {
            let _ = std::fs::remove_file(&self.path);
        }
        if let Ok(mut g) = CLEANUP.lock() {
            if g.as_ref() == Some(&self.path) {
                *g = None;
            }
        }
    }
}

/// The output: standard output, or a temporary file renamed into place by [`Sink::finish`].
enum Sink {
    Stdout(BufWriter<io::Stdout>),
    File {
        w: BufWriter<File>,
        tmp: Temp,
        dest: PathBuf,
    },
}

impl Sink {
    fn open(dest: Option<&Path>) -> Result<Sink, yardstick::Msg> {
        let Some(dest) = dest else {
            return Ok(Sink::Stdout(BufWriter::with_capacity(
                1 << 20,
                io::stdout(),
            )));
        };
        let file_name = dest
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .ok_or_else(|| cli::not_a_file_name(&dest.display().to_string()))?;
        let dir = dest
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        for p in sweep_stale(dir, &file_name) {
            eprintln!(
                "{}",
                super::say(&cli::removed_leftover(&p.display().to_string()))
            );
        }
        let path = dir.join(format!(".{file_name}.tmp-{}", std::process::id()));
        if let Ok(mut g) = CLEANUP.lock() {
            *g = Some(path.clone());
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
        // A file of this name is from an earlier process with the same PID, long gone: replace it (and
        // never write through a symlink of that name).
        let _ = std::fs::remove_file(&path);
        let f = match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(f) => f,
            Err(e) => {
                if let Ok(mut g) = CLEANUP.lock() {
                    *g = None;
                }
                return Err(cli::cannot_write_path(
                    &path.display().to_string(),
                    &e.to_string(),
                ));
            }
        };
        let tmp = Temp {
            path,
            renamed: false,
        };
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

    /// Flush, sync and rename into place; on any failure the temporary file is removed.
    fn finish(self) -> io::Result<()> {
        match self {
            Sink::Stdout(mut w) => w.flush(),
            Sink::File { w, mut tmp, dest } => {
                let f = w.into_inner().map_err(|e| e.into_error())?;
                f.sync_all()?;
                drop(f);
                {
                    // Held so that Ctrl-C cannot remove the file while it is renamed.
                    let _guard = CLEANUP.lock();
                    std::fs::rename(&tmp.path, &dest)?;
                    tmp.renamed = true;
                }
                drop(tmp);
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
        drop(self);
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
        for id in &ctx.outputs {
            h.push(',');
            h.push_str(&csv_cell(&format!("outputs.{id}")));
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
            Ok(Msg::Block {
                data,
                ends,
                first,
                long,
                bytes,
            }) => {
                let lines = lines_of(&data, &ends);
                for (k, part) in lines.chunks(CHUNK).enumerate() {
                    let base = first + (k * CHUNK) as u64;
                    let long = &long;
                    let eval = || {
                        part.par_iter()
                            .enumerate()
                            .fold(Part::default, |acc, (i, l)| {
                                let line = base + i as u64;
                                let item = match long.binary_search_by_key(&line, |x| x.0) {
                                    Ok(j) => Item::Bad(&long[j].1),
                                    Err(_) => Item::Line(l),
                                };
                                acc.add(ctx, line, item)
                            })
                            .collect()
                    };
                    if let Err(e) = step(&mut t, &mut sink, &mut pending, &eval) {
                        write_error = Some(e);
                        break;
                    }
                }
                pb.inc(bytes);
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

    let mut summary = cli::batch_summary(
        read,
        evaluated,
        errors,
        &counts(outcomes.iter().map(|(k, v)| (*k, *v))),
    );
    if ctx.grade.is_some() {
        let g = cli::batch_summary_grades(&counts(grades.iter().map(|(k, v)| (k.as_str(), *v))));
        summary.en.push_str(&g.en);
        summary.zh.push_str(&g.zh);
    }
    let summary = super::say(&summary);
    if let Some(e) = write_error {
        sink.abandon();
        if e.kind() == io::ErrorKind::BrokenPipe {
            return ExitCode::SUCCESS;
        }
        super::error_line(&cli::cannot_write_output(&e.to_string()));
        return ExitCode::from(1);
    }
    if let Some(f) = fatal {
        sink.abandon();
        eprintln!("error: {input_name}: {f}");
        eprintln!("{summary}");
        super::error_line(&cli::input_not_read_to_end());
        return ExitCode::from(1);
    }
    if let Err(e) = sink.finish() {
        super::error_line(&cli::cannot_write_output(&e.to_string()));
        return ExitCode::from(1);
    }
    eprintln!("{summary}");
    if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
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
        Error::Assessment(errs) => join_reasons(errs.iter().map(|x| {
            if x.input.is_empty() {
                bounded(&x.reason)
            } else {
                keyed(&x.input, &x.reason)
            }
        })),
        other => bounded(&other.to_string()),
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
        Item::Bad(reason) => return Err(reason.to_string()),
        Item::Csv(Raw::Fields(rec)) => csv_row(ctx, rec)?,
        Item::Line(bytes) => {
            let text = std::str::from_utf8(bytes)
                .map_err(|e| super::one_language(&cli::not_utf8(&e.to_string())))?;
            json_row(ctx, text)?
        }
    };
    let options = if ctx.explain {
        // The rows need the explanation tree, not the searches for fixes and partial answers.
        Options {
            explain: true,
            items: true,
            fixes: false,
            partial: false,
        }
    } else {
        Options::outcome_only()
    };
    let r = ctx.std.evaluate(&a, &options).map_err(|e| error_text(&e))?;
    let outcome = static_outcome(r.outcome);
    match ctx.out {
        RowFormat::Jsonl => {
            let row = Row {
                line,
                name: name.as_ref(),
                outcome: r.outcome,
                grade: r.grade.as_deref(),
                failing: &r.failing,
                outputs: &r.outputs,
                items: ctx.explain.then_some(r.items.as_slice()),
            };
            let _ = serde_json::to_writer(&mut *o, &row);
            o.push(b'\n');
        }
        RowFormat::Csv => {
            let name = match &name {
                Some(Json::String(s)) => csv_cell(s),
                Some(v) => csv_cell(&v.to_string()),
                None => String::new(),
            };
            let _ = write!(
                o,
                "{},{name},{outcome},{},{}",
                line,
                csv_cell(r.grade.as_deref().unwrap_or("")),
                csv_cell(&r.failing.join(" "))
            );
            for id in &ctx.outputs {
                let cell = match r.outputs.get(id) {
                    None | Some(yardstick::api::Value::Missing) => String::new(),
                    Some(v) => v.to_string(),
                };
                o.push(b',');
                o.extend_from_slice(csv_cell(&cell).as_bytes());
            }
            o.push(b'\n');
        }
    }
    Ok((outcome, r.grade))
}

/// One row of `--to jsonl` output: the typed result's outcome fields (and items with `--explain`).
#[derive(serde::Serialize)]
struct Row<'a> {
    line: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a Json>,
    outcome: Outcome,
    grade: Option<&'a str>,
    failing: &'a [yardstick::api::Id],
    outputs: &'a BTreeMap<String, yardstick::api::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    items: Option<&'a [yardstick::api::Item]>,
}

fn static_outcome(o: Outcome) -> &'static str {
    o.as_str()
}

/// A JSON Lines row: an object of inputs, or a whole assessment (whose `name` is echoed).
///
/// The line is read losslessly (every number exact); a bare object of inputs (the common case) goes
/// straight to an assessment builder, a whole assessment through the facade's reader (the messages of
/// the contract).
fn json_row(ctx: &Ctx, text: &str) -> Result<(Assessment, Option<Json>), String> {
    if text.trim().is_empty() {
        return Err(super::one_language(&cli::empty_jsonl_line()));
    }
    let v = Json::parse(text).map_err(|e| bounded(&format!("not valid JSON: {e}")))?;
    if let Some(obj) = v.as_object().filter(|_| v.get("inputs").is_none()) {
        let mut b = ctx.std.assessment_builder();
        let mut errors: Vec<yardstick::api::InputError> = Vec::new();
        for (k, x) in obj {
            if let Err(e) = b.set(k, x) {
                errors.push(e);
            }
        }
        if !errors.is_empty() {
            errors.sort_by(|a, b| a.input.cmp(&b.input));
            return Err(join_reasons(
                errors.iter().map(|e| keyed(&e.input, &e.reason)),
            ));
        }
        return Ok((b.finish().map_err(|e| error_text(&e))?, None));
    }
    let a = ctx
        .std
        .assessment_from_json(&v)
        .map_err(|e| error_text(&e))?;
    Ok((a, v.get("name").cloned()))
}

/// A CSV row: each non-empty cell read as its input's type says.
fn csv_row(ctx: &Ctx, rec: &csv::StringRecord) -> Result<(Assessment, Option<Json>), String> {
    let mut b = ctx.std.assessment_builder();
    let mut name = None;
    let mut errors = Vec::new();
    for (cell, col) in rec.iter().zip(&ctx.columns) {
        let cell = cell.trim();
        if cell.is_empty() {
            continue;
        }
        match *col {
            Column::Name => name = Some(Json::String(cell.to_string())),
            Column::Input(slot, k, kind) => {
                if let Err(r) = b.set_slot(slot, &kind.read(cell)) {
                    let id = ctx.column_ids.get(k).map(String::as_str).unwrap_or("");
                    errors.push(keyed(id, &r.msg.en));
                }
            }
        }
    }
    if !errors.is_empty() {
        return Err(join_reasons(errors.into_iter()));
    }
    Ok((b.finish().map_err(|e| error_text(&e))?, name))
}

/// A CSV field, quoted when it needs to be.
fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// At most `n` characters of `s`, cut at a character boundary, with `…` when cut.
fn clip(s: &str, n: usize) -> Cow<'_, str> {
    match s.char_indices().nth(n) {
        Some((i, _)) => Cow::Owned(format!("{}…", s.get(..i).unwrap_or_default())),
        None => Cow::Borrowed(s),
    }
}

/// A reason as the facade words it, with every quoted part (`` `…` `` or `"…"`) cut to
/// [`QUOTE_CHARS`] characters, and the whole to four times that (a bad value may also be shown
/// unquoted, as a JSON array or object): a huge value or key is never echoed whole.
fn bounded(reason: &str) -> String {
    if reason.len() <= QUOTE_CHARS {
        return reason.to_string();
    }
    let mut out = String::with_capacity(reason.len().min(8 * QUOTE_CHARS));
    let mut rest = reason;
    while let Some(i) = rest.find(['`', '"']) {
        let quote = rest.as_bytes()[i];
        out.push_str(&rest[..=i]);
        let inner = &rest[i + 1..];
        // The closing quote: a `"` not escaped by a backslash (JSON), any closing backtick.
        let mut close = None;
        let mut escaped = false;
        for (j, c) in inner.bytes().enumerate() {
            if escaped {
                escaped = false;
            } else if quote == b'"' && c == b'\\' {
                escaped = true;
            } else if c == quote {
                close = Some(j);
                break;
            }
        }
        match close {
            Some(j) => {
                out.push_str(&clip(&inner[..j], QUOTE_CHARS));
                out.push(char::from(quote));
                rest = &inner[j + 1..];
            }
            None => {
                out.push_str(&clip(inner, QUOTE_CHARS));
                rest = "";
            }
        }
        if out.len() > 16 * QUOTE_CHARS {
            break;
        }
    }
    out.push_str(rest);
    clip(&out, 4 * QUOTE_CHARS).into_owned()
}

/// The reasons of one row, joined: at most [`MAX_REASONS`], then "… and N more problems" (as the
/// facade words it; a list the facade has capped already, with that last line, is kept whole).
fn join_reasons(reasons: impl ExactSizeIterator<Item = String>) -> String {
    let n = reasons.len();
    if n <= MAX_REASONS + 1 {
        return reasons.collect::<Vec<_>>().join("; ");
    }
    let mut v: Vec<String> = reasons.take(MAX_REASONS).collect();
    v.push(format!("… and {} more problems", n - MAX_REASONS));
    v.join("; ")
}

/// "`` `KEY`: REASON ``", both bounded.
fn keyed(key: &str, reason: &str) -> String {
    format!("`{}`: {}", clip(key, QUOTE_CHARS), bounded(reason))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_rename_removes_the_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        // A folder appears where the output goes while the run writes (the early check has passed).
        let dest = dir.path().join("out.jsonl");
        let mut sink = Sink::open(Some(&dest)).unwrap();
        let tmp = dir
            .path()
            .join(format!(".out.jsonl.tmp-{}", std::process::id()));
        assert!(tmp.exists());
        sink.writer().write_all(b"{}\n").unwrap();
        std::fs::create_dir(&dest).unwrap();
        std::fs::write(dest.join("keep"), b"x").unwrap();
        assert!(sink.finish().is_err());
        assert!(!tmp.exists(), "the temporary file is removed");
        assert!(dest.join("keep").exists());
        assert!(CLEANUP.lock().unwrap().is_none());

        // Abandoned: removed too; finished: renamed into place.
        let dest = dir.path().join("b.jsonl");
        let sink = Sink::open(Some(&dest)).unwrap();
        sink.abandon();
        let dest = dir.path().join("c.jsonl");
        let mut sink = Sink::open(Some(&dest)).unwrap();
        sink.writer().write_all(b"{}\n").unwrap();
        sink.finish().unwrap();
        assert_eq!(std::fs::read(&dest).unwrap(), b"{}\n");
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }

    #[test]
    fn quotes_are_cut_at_a_character_boundary() {
        assert_eq!(clip("abc", 3), "abc");
        assert_eq!(clip("abcd", 3), "abc…");
        assert_eq!(clip("日本語テキスト", 2), "日本…");
        let long = "é".repeat(500);
        let cut = format!("{}…", "é".repeat(QUOTE_CHARS));
        assert_eq!(
            bounded(&format!("`{long}` is not one of \"a\", \"b\"")),
            format!("`{cut}` is not one of \"a\", \"b\"")
        );
        assert_eq!(
            bounded(&format!("must be a number, not \"{long}\\\"{long}\" (sic)")),
            format!("must be a number, not \"{cut}\" (sic)")
        );
        // Unquoted (a JSON array): the whole reason is cut.
        let arr = format!("must be true or false, not [{}]", "1,".repeat(1000));
        assert_eq!(bounded(&arr).chars().count(), 4 * QUOTE_CHARS + 1);
        // Short reasons are left alone.
        let short = "120% is above the largest allowed value 100%";
        assert_eq!(bounded(short), short);
        let reasons = (0..60).map(|i| format!("r{i}"));
        assert!(join_reasons(reasons).ends_with("r49; … and 10 more problems"));
        assert_eq!(
            join_reasons((0..51).map(|i| i.to_string()))
                .matches(';')
                .count(),
            50
        );
    }

    #[test]
    fn the_limit_counts_the_line_without_its_line_end() {
        assert!(!overlong(10, Some(b'x'), 10, true));
        assert!(overlong(11, Some(b'x'), 10, true));
        assert!(!overlong(11, Some(b'\r'), 10, true), "CRLF");
        assert!(overlong(12, Some(b'\r'), 10, true));
        // An unfinished line may still end in `\r\n`.
        assert!(!overlong(11, Some(b'x'), 10, false));
        assert!(overlong(12, Some(b'x'), 10, false));
    }

    /// Every block a reader sends for `input`, read in pieces of any size.
    type Block = (Vec<u8>, Vec<usize>, u64, Vec<(u64, String)>);

    fn blocks(input: &[u8], max: usize) -> Vec<Block> {
        let (tx, rx) = sync_channel(1000);
        read_blocks(input, max, tx);
        rx.try_iter()
            .map(|m| match m {
                Msg::Block {
                    data,
                    ends,
                    first,
                    long,
                    ..
                } => (data, ends, first, long),
                _ => panic!("not a block"),
            })
            .collect()
    }

    #[test]
    fn overlong_lines_become_empty_lines_with_a_reason() {
        let mut input = b"ab\nabcdefghij\r\nabcd\n\nxyz".to_vec();
        input.extend(std::iter::repeat_n(b'q', 3 * READ));
        input.extend_from_slice(b"\nok");
        let got = blocks(&input, 4);
        assert_eq!(got.len(), 1);
        let (data, ends, first, long) = &got[0];
        assert_eq!(*first, 1);
        assert_eq!(
            lines_of(data, ends),
            [&b"ab"[..], b"", b"abcd", b"", b"", b"ok"]
        );
        assert_eq!(long.len(), 2);
        assert_eq!(long[0].0, 2);
        assert!(
            long[0]
                .1
                .starts_with("line of 10 bytes is longer than the limit of 4 bytes"),
            "{}",
            long[0].1
        );
        assert!(
            long[0].1.ends_with("it begins `abcdefghij`"),
            "{}",
            long[0].1
        );
        assert_eq!(long[1].0, 5);
        assert!(long[1]
            .1
            .contains(&format!("line of {} bytes", 3 * READ + 3)));
        assert!(long[1].1.ends_with(&format!("`xyz{}…`", "q".repeat(97))));
    }
}
