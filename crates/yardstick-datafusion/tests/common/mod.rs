//! What the tests and the throughput example share: deterministic rows for cn.vector.fly, written as
//! Parquet (typed, decimals) and CSV (text), and the `yardstick` CLI binary to compare against.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use datafusion::arrow::array::{ArrayRef, Decimal128Array, Int64Array, RecordBatch, StringArray};
use datafusion::arrow::datatypes::{DataType, Decimal128Type, DecimalType, Field, Schema};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use yardstick::Library;

/// The repository's root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn shipped() -> Library {
    let mut lib = Library::new();
    lib.load_dir(&root().join("standards")).unwrap();
    lib
}

/// A small deterministic generator (64-bit LCG, Knuth's constants).
pub struct Lcg(u64);

impl Lcg {
    pub fn new(seed: u64) -> Lcg {
        Lcg(seed)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

/// One row of fly inputs: decimals as (unscaled value, scale), `None` for a missing answer.
pub struct FlyRow {
    pub name: String,
    pub room_positive_rate: Option<i128>,          // scale 2
    pub flies_per_positive_room: Option<i128>,     // scale 1
    pub breeding_site_positive_rate: Option<i128>, // scale 2
    pub proofing_compliance_rate: Option<i128>,    // scale 2
    pub ready_to_eat_sites_with_flies: Option<i64>,
}

/// `n` rows spread over every level, with missing answers (1 in 200 per input), answers out of range
/// (a room rate of 100.50%, 1 in 500; a negative count, 1 in 1000) and ready-to-eat shops with flies
/// (an infinite multiple, 1 in 50).
pub fn fly_rows(n: usize, seed: u64) -> Vec<FlyRow> {
    let mut g = Lcg::new(seed);
    let maybe = |g: &mut Lcg, v: i128| (g.below(200) != 0).then_some(v);
    (0..n)
        .map(|i| {
            let room = if g.below(500) == 0 {
                10050
            } else {
                g.below(1000) as i128
            };
            let flies = g.below(32) as i128;
            let breeding = g.below(600) as i128;
            let proofing = 8800 + g.below(1201) as i128;
            let shops = match g.below(1000) {
                0 => -1,
                k if k < 20 => 1,
                _ => 0,
            };
            FlyRow {
                name: format!("r{i}"),
                room_positive_rate: maybe(&mut g, room),
                flies_per_positive_room: maybe(&mut g, flies),
                breeding_site_positive_rate: maybe(&mut g, breeding),
                proofing_compliance_rate: maybe(&mut g, proofing),
                ready_to_eat_sites_with_flies: (g.below(200) != 0).then_some(shops),
            }
        })
        .collect()
}

fn dec(values: Vec<Option<i128>>, p: u8, s: i8) -> ArrayRef {
    Arc::new(
        Decimal128Array::from(values)
            .with_precision_and_scale(p, s)
            .unwrap(),
    )
}

pub fn fly_schema() -> Arc<Schema> {
    Arc::new(Schema::new(vec![
        Field::new("name", DataType::Utf8, false),
        Field::new("room_positive_rate", DataType::Decimal128(5, 2), true),
        Field::new("flies_per_positive_room", DataType::Decimal128(4, 1), true),
        Field::new(
            "breeding_site_positive_rate",
            DataType::Decimal128(5, 2),
            true,
        ),
        Field::new("proofing_compliance_rate", DataType::Decimal128(5, 2), true),
        Field::new("ready_to_eat_sites_with_flies", DataType::Int64, true),
    ]))
}

pub fn fly_batch(rows: &[FlyRow]) -> RecordBatch {
    RecordBatch::try_new(
        fly_schema(),
        vec![
            Arc::new(StringArray::from_iter_values(
                rows.iter().map(|r| r.name.as_str()),
            )),
            dec(rows.iter().map(|r| r.room_positive_rate).collect(), 5, 2),
            dec(
                rows.iter().map(|r| r.flies_per_positive_room).collect(),
                4,
                1,
            ),
            dec(
                rows.iter().map(|r| r.breeding_site_positive_rate).collect(),
                5,
                2,
            ),
            dec(
                rows.iter().map(|r| r.proofing_compliance_rate).collect(),
                5,
                2,
            ),
            Arc::new(Int64Array::from(
                rows.iter()
                    .map(|r| r.ready_to_eat_sites_with_flies)
                    .collect::<Vec<_>>(),
            )),
        ],
    )
    .unwrap()
}

/// Write the rows as Parquet, in row groups of 8192.
pub fn write_parquet(rows: &[FlyRow], path: &Path) {
    let file = std::fs::File::create(path).unwrap();
    let mut w = datafusion::parquet::arrow::ArrowWriter::try_new(file, fly_schema(), None).unwrap();
    for chunk in rows.chunks(8192) {
        w.write(&fly_batch(chunk)).unwrap();
    }
    w.close().unwrap();
}

fn text(v: Option<i128>, p: u8, s: i8) -> String {
    v.map(|x| Decimal128Type::format_decimal(x, p, s))
        .unwrap_or_default()
}

/// Write the same rows as CSV (empty cell: missing), as `yardstick batch` reads them.
pub fn write_csv(rows: &[FlyRow], path: &Path) {
    let mut w = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(w, "name,room_positive_rate,flies_per_positive_room,breeding_site_positive_rate,proofing_compliance_rate,ready_to_eat_sites_with_flies").unwrap();
    for r in rows {
        writeln!(
            w,
            "{},{},{},{},{},{}",
            r.name,
            text(r.room_positive_rate, 5, 2),
            text(r.flies_per_positive_room, 4, 1),
            text(r.breeding_site_positive_rate, 5, 2),
            text(r.proofing_compliance_rate, 5, 2),
            r.ready_to_eat_sites_with_flies
                .map(|x| x.to_string())
                .unwrap_or_default()
        )
        .unwrap();
    }
    w.flush().unwrap();
}

/// The `yardstick` CLI: `YARDSTICK_BIN`, else built here from the main workspace (`release` or not).
pub fn yardstick_bin(release: bool) -> PathBuf {
    if let Ok(p) = std::env::var("YARDSTICK_BIN") {
        return PathBuf::from(p);
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let target = root().join("target");
    let mut cmd = Command::new(cargo);
    cmd.current_dir(root())
        .args([
            "build",
            "--locked",
            "-q",
            "-p",
            "yardstick-cli",
            "--bin",
            "yardstick",
        ])
        .arg("--target-dir")
        .arg(&target);
    if release {
        cmd.arg("--release");
    }
    let status = cmd.status().unwrap();
    assert!(status.success(), "building the yardstick CLI failed");
    target
        .join(if release { "release" } else { "debug" })
        .join("yardstick")
}

pub const FLY_SQL_ARGS: &str = "'cn.vector.fly', 'GB/T 27772-2011', named_struct(\
    'room_positive_rate', room_positive_rate, \
    'flies_per_positive_room', flies_per_positive_room, \
    'breeding_site_positive_rate', breeding_site_positive_rate, \
    'proofing_compliance_rate', proofing_compliance_rate, \
    'ready_to_eat_sites_with_flies', ready_to_eat_sites_with_flies)";
