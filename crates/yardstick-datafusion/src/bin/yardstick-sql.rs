//! `yardstick-sql --standards DIR [--table NAME=PATH]… [--format table|csv] "SELECT …"`: a SQL query
//! over CSV and Parquet files with `yardstick_eval` registered (docs/scale.md).
//!
//! Files are read by path in the query (`FROM 'fly_2024.parquet'`) or registered as tables with
//! `--table NAME=PATH` (a file or a folder of them). A CSV registered with `--table` is read with every
//! column as text, so numbers reach the standard exactly as written (as `yardstick batch` reads them);
//! a CSV read by path has its types guessed by DataFusion, and a guessed float is refused (Y0954).
//!
//! Exit codes: 0 the query ran; 1 it failed (planning or running, or the standards have problems);
//! 2 usage (a bad flag, a file that is not there or not CSV/Parquet).

use clap::{Parser, ValueEnum};
use datafusion::arrow::array::RecordBatch;
use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::arrow::util::display::{ArrayFormatter, FormatOptions};
use datafusion::prelude::{CsvReadOptions, ParquetReadOptions, SessionContext};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use yardstick::catalogue::{sql as cat, Msg};
use yardstick::Library;
use yardstick_datafusion::codes;

#[derive(Clone, Copy, ValueEnum, Debug, PartialEq, Eq)]
enum Format {
    /// A table for people.
    Table,
    /// CSV with a header row (a struct or list value written as Arrow displays it).
    Csv,
}

/// Run a SQL query over CSV and Parquet files, with yardstick_eval(id, version or date,
/// named_struct(...)) registered over a folder of standards.
#[derive(Parser, Debug)]
#[command(name = "yardstick-sql", version)]
struct Args {
    /// The query.
    query: String,
    /// The folder of standards (`.yard` files, read recursively).
    #[arg(long, default_value = "standards", env = "YARDSTICK_STANDARDS")]
    standards: PathBuf,
    /// Register a CSV or Parquet file, or a folder of them, as table NAME (repeatable).
    #[arg(long = "table", value_name = "NAME=PATH")]
    tables: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// DataFusion's target partitions (threads); default: every core.
    #[arg(long)]
    partitions: Option<usize>,
}

fn say(code: &str, m: &Msg) {
    eprintln!("error [{code}]: {}\n{}", m.en, m.zh);
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    let mut lib = Library::new();
    if let Err(e) = lib.load_dir(&args.standards) {
        let r = e.report();
        eprintln!("error [{}]: {}\n{}", r.code, r.en, r.zh);
        for p in &r.problems {
            eprintln!("  {} {}", p.code, p.message);
        }
        return ExitCode::from(1);
    }
    let mut config = yardstick_datafusion::session_config();
    if let Some(p) = args.partitions {
        config = config.with_target_partitions(p.max(1));
    }
    let ctx = SessionContext::new_with_config(config).enable_url_table();
    yardstick_datafusion::register(&ctx, &lib);
    for spec in &args.tables {
        match register_table(&ctx, spec).await {
            Ok(()) => {}
            Err((code, m)) => {
                say(code, &m);
                return ExitCode::from(2);
            }
        }
    }
    let batches = match run(&ctx, &args.query).await {
        Ok(b) => b,
        Err(e) => {
            say(codes::QUERY, &cat::sql_query_failed(&e.to_string()));
            return ExitCode::from(1);
        }
    };
    let rows: usize = batches.iter().map(RecordBatch::num_rows).sum();
    let written = match args.format {
        Format::Table => datafusion::arrow::util::pretty::pretty_format_batches(&batches)
            .map_err(|e| e.to_string())
            .and_then(|t| writeln!(std::io::stdout(), "{t}").map_err(|e| e.to_string())),
        Format::Csv => write_csv(&batches, &mut std::io::stdout().lock()),
    };
    if let Err(e) = written {
        say(codes::WRITE, &cat::sql_write_failed(&e));
        return ExitCode::from(1);
    }
    if args.format == Format::Table {
        let m = cat::sql_rows(rows);
        eprintln!("{}  {}", m.en, m.zh);
    }
    ExitCode::SUCCESS
}

async fn run(ctx: &SessionContext, query: &str) -> datafusion::error::Result<Vec<RecordBatch>> {
    ctx.sql(query).await?.collect().await
}

/// The kind of files at a path: a file by its extension, a folder by the files in it.
fn kind_of(path: &Path) -> Option<&'static str> {
    let ext = |p: &Path| {
        p.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
    };
    let by = |e: Option<String>| match e.as_deref() {
        Some("csv") => Some("csv"),
        Some("parquet") => Some("parquet"),
        _ => None,
    };
    if path.is_dir() {
        let entries = std::fs::read_dir(path).ok()?;
        entries
            .filter_map(|e| e.ok())
            .find_map(|e| by(ext(&e.path())))
    } else {
        by(ext(path))
    }
}

async fn register_table(ctx: &SessionContext, spec: &str) -> Result<(), (&'static str, Msg)> {
    let Some((name, path)) = spec
        .split_once('=')
        .filter(|(n, p)| !n.is_empty() && !p.is_empty())
    else {
        return Err((codes::TABLE_SPEC, cat::sql_table_spec(spec)));
    };
    let p = Path::new(path);
    if !p.exists() {
        return Err((codes::FILE, cat::sql_no_file(path)));
    }
    let failed = |e: datafusion::error::DataFusionError| {
        (codes::FILE, cat::sql_query_failed(&e.to_string()))
    };
    match kind_of(p) {
        Some("parquet") => ctx
            .register_parquet(name, path, ParquetReadOptions::default())
            .await
            .map_err(failed),
        Some("csv") => {
            // Every column as text: the standard reads each cell exactly (no float is guessed).
            let guessed = ctx
                .read_csv(path, CsvReadOptions::new())
                .await
                .map_err(failed)?;
            let text = Schema::new(
                guessed
                    .schema()
                    .fields()
                    .iter()
                    .map(|f| Field::new(f.name(), DataType::Utf8, true))
                    .collect::<Vec<_>>(),
            );
            ctx.register_csv(name, path, CsvReadOptions::new().schema(&text))
                .await
                .map_err(failed)
        }
        _ => Err((codes::FILE, cat::sql_file_kind(path))),
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

fn write_csv(batches: &[RecordBatch], out: &mut impl Write) -> Result<(), String> {
    let io = |e: std::io::Error| e.to_string();
    let Some(first) = batches.first() else {
        return Ok(());
    };
    let header: Vec<String> = first
        .schema()
        .fields()
        .iter()
        .map(|f| csv_cell(f.name()))
        .collect();
    writeln!(out, "{}", header.join(",")).map_err(io)?;
    let options = FormatOptions::default();
    for b in batches {
        let formatters = b
            .columns()
            .iter()
            .map(|c| ArrayFormatter::try_new(c.as_ref(), &options))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| e.to_string())?;
        for row in 0..b.num_rows() {
            let cells: Vec<String> = formatters
                .iter()
                .map(|f| csv_cell(&f.value(row).to_string()))
                .collect();
            writeln!(out, "{}", cells.join(",")).map_err(io)?;
        }
    }
    out.flush().map_err(io)
}
