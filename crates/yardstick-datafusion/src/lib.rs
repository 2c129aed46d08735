//! Yardstick standards as SQL functions on Apache DataFusion (docs/scale.md).
//!
//! [`register`] adds one scalar function to a [`SessionContext`]:
//!
//! ```sql
//! SELECT city,
//!        yardstick_eval('cn.vector.fly', 'GB/T 27772-2011',
//!                       named_struct('room_positive_rate', room_rate, ...))['levels']['level']
//! FROM 'fly_2024.parquet'
//! ```
//!
//! * The 1st argument is the standard's id, the 2nd its version, or a date `YYYY-MM-DD` (the version in
//!   force that day), or NULL (the only version); both are text literals, so the standard is resolved
//!   and compiled once per query (and cached by the function, shared by every partition).
//! * The 3rd is `named_struct('input id', value, …)`: booleans, integers, decimals (Decimal128/256,
//!   read exactly), text (read as the CLI reads a CSV cell), dates and lists of numbers (series). A float
//!   column is refused when the query is planned (Y0954): it cannot hold a decimal exactly.
//! * The result is a struct ([`result_type`]) whose shape comes from the standard
//!   (`return_field_from_args`): `outcome`, `grade`, `levels` (one text field per level ladder),
//!   `failing`, `outputs` (one typed field per output: numbers as `Decimal128(38, 10)`), `infinite`,
//!   `version`, `hash`, `error`.
//! * A row that cannot be evaluated (a bad answer, a broken `require` rule, an output that its column
//!   cannot hold exactly) gets `error` {code, en, zh} and nulls elsewhere; it never fails the query.
//!
//! Rows are evaluated a whole Arrow batch at a time with one assessment builder, exactly as
//! `yardstick batch` evaluates a CSV row (the same facade calls, [`yardstick::Options::outcome_only`]).
//! Only the facade's public API is used.

use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, BooleanBuilder, Decimal128Builder, ListBuilder, StringBuilder,
    StructArray,
};
use datafusion::arrow::buffer::NullBuffer;
use datafusion::arrow::datatypes::{
    DataType, Date32Type, Date64Type, Decimal128Type, Decimal256Type, DecimalType, Field, FieldRef,
    Fields, Int16Type, Int32Type, Int64Type, Int8Type, UInt16Type, UInt32Type, UInt64Type,
    UInt8Type,
};
use datafusion::common::{DataFusionError, Result, ScalarValue};
use datafusion::logical_expr::{
    ColumnarValue, ReturnFieldArgs, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature,
    Volatility,
};
use datafusion::prelude::{SessionConfig, SessionContext};
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};
use yardstick::api::{OutputInfo, Value, ValueKind};
use yardstick::catalogue::{sql as cat, Msg};
use yardstick::lossless::CellKind;
use yardstick::{Error, InputSlot, Json, Library, Options, Standard};

/// The function's name in SQL.
pub const FUNCTION_NAME: &str = "yardstick_eval";

/// Precision of a number output's column: Arrow's widest `Decimal128`.
pub const OUTPUT_PRECISION: u8 = 38;

/// Scale of a number output's column: the facade gives every number of a result with at most 10
/// decimals (`api::Number::computed`), so each fits exactly; only a magnitude of 10^28 or more (up to
/// the decimal's 7.9 × 10^28) does not, and is refused into the row's `error` (Y0956), never rounded.
pub const OUTPUT_SCALE: i8 = 10;

/// Most compiled standards one function keeps by default (one per distinct id and version or date of
/// the calls it has planned); past it a standard is compiled for each batch instead of kept
/// ([`YardstickEval::with_cache_limit`] sets another limit).
pub const MAX_CACHED_STANDARDS: usize = 256;

/// The stable codes of the SQL functions' errors (docs/scale.md, "Errors").
pub mod codes {
    /// Not three arguments.
    pub const ARGUMENTS: &str = "Y0951";
    /// The id, version or date is not a text literal.
    pub const NOT_LITERAL: &str = "Y0952";
    /// The inputs are not a struct.
    pub const NOT_STRUCT: &str = "Y0953";
    /// An input given as a float.
    pub const FLOAT: &str = "Y0954";
    /// An input of a type the function does not read.
    pub const UNSUPPORTED: &str = "Y0955";
    /// An output value its Decimal128 column cannot hold exactly (a row's `error`).
    pub const INEXACT_OUTPUT: &str = "Y0956";
    /// An input named twice.
    pub const INPUT_TWICE: &str = "Y0957";
    /// `yardstick-sql`: a file it cannot read.
    pub const FILE: &str = "Y0958";
    /// `yardstick-sql`: a bad `--table`.
    pub const TABLE_SPEC: &str = "Y0959";
    /// `yardstick-sql`: the query failed.
    pub const QUERY: &str = "Y0960";
    /// `yardstick-sql`: the result could not be written.
    pub const WRITE: &str = "Y0961";
    /// Every code, for docs and tests.
    pub const ALL: &[&str] = &[
        ARGUMENTS,
        NOT_LITERAL,
        NOT_STRUCT,
        FLOAT,
        UNSUPPORTED,
        INEXACT_OUTPUT,
        INPUT_TWICE,
        FILE,
        TABLE_SPEC,
        QUERY,
        WRITE,
    ];
}

/// A session configuration for queries over standards: SQL number literals read as decimals
/// (`datafusion.sql_parser.parse_float_as_decimal`), so that `17.60` written in a query reaches a
/// standard exactly instead of as a float (which `yardstick_eval` refuses, Y0954). `yardstick-sql` uses
/// it.
pub fn session_config() -> SessionConfig {
    let mut c = SessionConfig::new();
    c.options_mut().sql_parser.parse_float_as_decimal = true;
    c
}

/// Register `yardstick_eval` over the standards of `library` on `ctx`.
pub fn register(ctx: &SessionContext, library: &Library) {
    ctx.register_udf(udf(Arc::new(library.clone())));
}

/// The `yardstick_eval` function over the standards of `library` (to register on any function registry,
/// e.g. an executor's).
pub fn udf(library: Arc<Library>) -> ScalarUDF {
    ScalarUDF::new_from_impl(YardstickEval::new(library))
}

/// A planning error: the message in both languages with its code.
fn plan_error(code: &str, m: Msg) -> DataFusionError {
    DataFusionError::Plan(format!("{} [{code}]\n{}", m.en, m.zh))
}

fn facade_error(e: &Error) -> DataFusionError {
    let r = e.report();
    DataFusionError::Plan(format!("{} [{}]\n{}", r.en, r.code, r.zh))
}

/// `yardstick_eval` (see the crate's documentation).
pub struct YardstickEval {
    library: Arc<Library>,
    signature: Signature,
    cache: Mutex<HashMap<Key, Arc<Compiled>>>,
    cache_limit: usize,
}

impl std::fmt::Debug for YardstickEval {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("YardstickEval")
            .field("documents", &self.library.documents().len())
            .finish()
    }
}

impl PartialEq for YardstickEval {
    /// Two functions are the same when they read the same library.
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.library, &other.library)
    }
}

impl Eq for YardstickEval {}

impl Hash for YardstickEval {
    fn hash<H: Hasher>(&self, state: &mut H) {
        FUNCTION_NAME.hash(state);
        (Arc::as_ptr(&self.library) as usize).hash(state);
    }
}

/// The id and the version or date, as written in the call.
type Key = (String, Option<String>);

/// One standard compiled for a query, with what the result columns need.
struct Compiled {
    std: Standard,
    outputs: Vec<OutputInfo>,
    /// Indices into `outputs` of the level ladders (the `levels` fields).
    ladders: Vec<usize>,
    /// Every input by id: its slot and how a text value is read.
    inputs: HashMap<String, (InputSlot, CellKind)>,
    result: DataType,
}

impl YardstickEval {
    pub fn new(library: Arc<Library>) -> YardstickEval {
        YardstickEval {
            library,
            // Any arguments: their count and kinds are checked with the standard's words (Y0951…).
            signature: Signature::variadic_any(Volatility::Immutable),
            cache: Mutex::new(HashMap::new()),
            cache_limit: MAX_CACHED_STANDARDS,
        }
    }

    /// The same function keeping at most `limit` compiled standards.
    pub fn with_cache_limit(mut self, limit: usize) -> YardstickEval {
        self.cache_limit = limit;
        self
    }

    /// How many compiled standards it keeps now.
    pub fn cached(&self) -> usize {
        self.cache.lock().map(|m| m.len()).unwrap_or(0)
    }

    /// The compiled standard of a call: from the cache, else resolved and compiled (and kept, up to the
    /// cache limit).
    fn compiled(&self, key: &Key) -> Result<Arc<Compiled>> {
        if let Some(c) = self.cache.lock().ok().and_then(|m| m.get(key).cloned()) {
            return Ok(c);
        }
        let std = self.resolve(&key.0, key.1.as_deref())?;
        let c = Arc::new(compile(std));
        if let Ok(mut m) = self.cache.lock() {
            if m.len() < self.cache_limit {
                m.insert(key.clone(), c.clone());
            }
        }
        Ok(c)
    }

    /// `which` is a version of `id` when one is written so, else a date (the version in force that
    /// day), else taken as a version (and the error names those that exist).
    fn resolve(&self, id: &str, which: Option<&str>) -> Result<Standard> {
        let lib = &self.library;
        let r = match which {
            None => lib.compile(id, None),
            Some(w) => {
                let is_version = lib.documents().iter().any(|d| d.id == id && d.version == w);
                match yardstick::parse_date(w) {
                    Some(day) if !is_version => lib.compile_as_of(id, day),
                    _ => lib.compile(id, Some(w)),
                }
            }
        };
        r.map_err(|e| facade_error(&e))
    }
}

fn compile(std: Standard) -> Compiled {
    let outputs = std.outputs();
    let ladders = outputs
        .iter()
        .enumerate()
        .filter(|(_, o)| o.def_kind == "levels")
        .map(|(i, _)| i)
        .collect();
    let form = std.form();
    let inputs = form
        .inputs
        .iter()
        .filter_map(|i| Some((i.id.clone(), (std.input(&i.id)?, CellKind::of(&i.kind)))))
        .collect();
    let result = result_type(&std, &outputs);
    Compiled {
        std,
        outputs,
        ladders,
        inputs,
        result,
    }
}

fn decimal_type() -> DataType {
    DataType::Decimal128(OUTPUT_PRECISION, OUTPUT_SCALE)
}

fn text_list() -> DataType {
    DataType::List(Arc::new(Field::new("item", DataType::Utf8, true)))
}

/// The column type of one output.
fn output_type(o: &OutputInfo) -> DataType {
    match o.kind {
        ValueKind::Number => decimal_type(),
        ValueKind::Bool => DataType::Boolean,
        ValueKind::Name | ValueKind::Date => DataType::Utf8,
        ValueKind::Series => DataType::List(Arc::new(Field::new("item", decimal_type(), true))),
    }
}

fn error_fields() -> Fields {
    Fields::from(vec![
        Field::new("code", DataType::Utf8, false),
        Field::new("en", DataType::Utf8, false),
        Field::new("zh", DataType::Utf8, false),
    ])
}

/// The result struct of a standard: `outcome` (`pass`, `fail`, `unknown`, `not_applicable`), `grade`
/// (the first grade's band), `levels` (each level ladder's level, by id), `failing` (the failing own
/// items and ladders), `outputs` (every output by id, typed by [`yardstick::Standard::outputs`]),
/// `infinite` (the number outputs whose value is infinite, written `id` or `-id`; their column is
/// null), `version`, `hash` (of the standard's texts), `error` (`{code, en, zh}`, only for a row that
/// could not be evaluated; every other field is then null).
pub fn result_type(std: &Standard, outputs: &[OutputInfo]) -> DataType {
    let _ = std;
    let levels: Fields = outputs
        .iter()
        .filter(|o| o.def_kind == "levels")
        .map(|o| Field::new(&o.id, DataType::Utf8, true))
        .collect();
    let outs: Fields = outputs
        .iter()
        .map(|o| Field::new(&o.id, output_type(o), true))
        .collect();
    DataType::Struct(Fields::from(vec![
        Field::new("outcome", DataType::Utf8, true),
        Field::new("grade", DataType::Utf8, true),
        Field::new("levels", DataType::Struct(levels), true),
        Field::new("failing", text_list(), true),
        Field::new("outputs", DataType::Struct(outs), true),
        Field::new("infinite", text_list(), true),
        Field::new("version", DataType::Utf8, false),
        Field::new("hash", DataType::Utf8, false),
        Field::new("error", DataType::Struct(error_fields()), true),
    ]))
}

/// Text of a literal (any string type), `None` for a NULL.
fn literal_text(v: &ScalarValue) -> Option<Option<String>> {
    match v {
        ScalarValue::Utf8(s) | ScalarValue::LargeUtf8(s) | ScalarValue::Utf8View(s) => {
            Some(s.clone())
        }
        ScalarValue::Null => Some(None),
        _ => None,
    }
}

/// The key of a call from its first two arguments' literal values.
fn key_of(id: Option<&ScalarValue>, which: Option<&ScalarValue>) -> Result<Key> {
    let id = match id.and_then(literal_text) {
        Some(Some(s)) => s,
        _ => return Err(plan_error(codes::NOT_LITERAL, cat::sql_id_not_literal())),
    };
    let which = match which.and_then(literal_text) {
        Some(w) => w,
        None => {
            return Err(plan_error(
                codes::NOT_LITERAL,
                cat::sql_version_not_literal(),
            ))
        }
    };
    Ok((id, which))
}

fn is_float(t: &DataType) -> bool {
    matches!(t, DataType::Float16 | DataType::Float32 | DataType::Float64)
}

/// Whether a column of this type can give an input's answers (a float is refused apart: Y0954).
fn readable(t: &DataType) -> bool {
    match t {
        DataType::Null
        | DataType::Boolean
        | DataType::Int8
        | DataType::Int16
        | DataType::Int32
        | DataType::Int64
        | DataType::UInt8
        | DataType::UInt16
        | DataType::UInt32
        | DataType::UInt64
        | DataType::Decimal128(_, _)
        | DataType::Decimal256(_, _)
        | DataType::Utf8
        | DataType::LargeUtf8
        | DataType::Utf8View
        | DataType::Date32
        | DataType::Date64 => true,
        DataType::Dictionary(_, v) => readable(v),
        DataType::List(f) | DataType::LargeList(f) | DataType::FixedSizeList(f, _) => {
            number_element(f.data_type())
        }
        _ => false,
    }
}

fn number_element(t: &DataType) -> bool {
    matches!(
        t,
        DataType::Null
            | DataType::Int8
            | DataType::Int16
            | DataType::Int32
            | DataType::Int64
            | DataType::UInt8
            | DataType::UInt16
            | DataType::UInt32
            | DataType::UInt64
            | DataType::Decimal128(_, _)
            | DataType::Decimal256(_, _)
    )
}

/// The type of a list's elements, when it is a float (to refuse it as such).
fn float_inside(t: &DataType) -> bool {
    match t {
        DataType::List(f) | DataType::LargeList(f) | DataType::FixedSizeList(f, _) => {
            is_float(f.data_type())
        }
        DataType::Dictionary(_, v) => is_float(v),
        t => is_float(t),
    }
}

/// Check the inputs' struct against the standard: each field an input, once, of a type it reads.
fn check_inputs(c: &Compiled, t: &DataType) -> Result<()> {
    let DataType::Struct(fields) = t else {
        return Err(plan_error(
            codes::NOT_STRUCT,
            cat::sql_not_struct(&t.to_string()),
        ));
    };
    let mut seen: Vec<&str> = Vec::new();
    for f in fields {
        let name = f.name().as_str();
        if seen.contains(&name) {
            return Err(plan_error(codes::INPUT_TWICE, cat::sql_input_twice(name)));
        }
        seen.push(name);
        if !c.inputs.contains_key(name) {
            // The facade's own message, with its "did you mean".
            let e = match c.std.assessment_builder().set(name, &Json::Null) {
                Err(e) => e,
                Ok(()) => continue,
            };
            return Err(DataFusionError::Plan(format!(
                "`{}`: {} [{}]\n`{}`：{}",
                e.input, e.reason, e.code, e.input, e.reason_zh
            )));
        }
        let ty = f.data_type();
        if float_inside(ty) {
            return Err(plan_error(
                codes::FLOAT,
                cat::sql_float(name, &ty.to_string()),
            ));
        }
        if !readable(ty) {
            return Err(plan_error(
                codes::UNSUPPORTED,
                cat::sql_unsupported(name, &ty.to_string()),
            ));
        }
    }
    Ok(())
}

impl ScalarUDFImpl for YardstickEval {
    fn name(&self) -> &str {
        FUNCTION_NAME
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        // The type depends on the standard named by the first two arguments: return_field_from_args.
        Err(DataFusionError::Internal(format!(
            "{FUNCTION_NAME}: the result type comes from return_field_from_args"
        )))
    }

    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        if args.arg_fields.len() != 3 {
            return Err(plan_error(
                codes::ARGUMENTS,
                cat::sql_arguments(args.arg_fields.len()),
            ));
        }
        let lit = |i: usize| args.scalar_arguments.get(i).copied().flatten();
        let key = key_of(lit(0), lit(1))?;
        let c = self.compiled(&key)?;
        if let Some(f) = args.arg_fields.get(2) {
            check_inputs(&c, f.data_type())?;
        }
        Ok(Arc::new(Field::new(FUNCTION_NAME, c.result.clone(), false)))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let n = args.number_rows;
        let scalar = |i: usize| match args.args.get(i) {
            Some(ColumnarValue::Scalar(s)) => Some(s),
            _ => None,
        };
        let key = key_of(scalar(0), scalar(1))?;
        let c = self.compiled(&key)?;
        let inputs = match args.args.get(2) {
            Some(v) => v.to_array(n)?,
            None => {
                return Err(plan_error(
                    codes::ARGUMENTS,
                    cat::sql_arguments(args.args.len()),
                ))
            }
        };
        let result = evaluate_batch(&c, &inputs, n)?;
        Ok(ColumnarValue::Array(result))
    }
}

/// Reads one column's values as JSON answers.
enum Reader<'a> {
    Null,
    Bool(&'a datafusion::arrow::array::BooleanArray),
    /// Integers and decimals: their exact text.
    Number(&'a dyn Array),
    Text(&'a dyn Array, CellKind),
    Date(&'a dyn Array),
    List(&'a dyn Array),
}

/// The exact text of an integer or decimal value (`None` for a null or another type).
fn number_text(a: &dyn Array, i: usize) -> Option<String> {
    if a.is_null(i) {
        return None;
    }
    Some(match a.data_type() {
        DataType::Int8 => a.as_primitive_opt::<Int8Type>()?.value(i).to_string(),
        DataType::Int16 => a.as_primitive_opt::<Int16Type>()?.value(i).to_string(),
        DataType::Int32 => a.as_primitive_opt::<Int32Type>()?.value(i).to_string(),
        DataType::Int64 => a.as_primitive_opt::<Int64Type>()?.value(i).to_string(),
        DataType::UInt8 => a.as_primitive_opt::<UInt8Type>()?.value(i).to_string(),
        DataType::UInt16 => a.as_primitive_opt::<UInt16Type>()?.value(i).to_string(),
        DataType::UInt32 => a.as_primitive_opt::<UInt32Type>()?.value(i).to_string(),
        DataType::UInt64 => a.as_primitive_opt::<UInt64Type>()?.value(i).to_string(),
        DataType::Decimal128(p, s) => {
            Decimal128Type::format_decimal(a.as_primitive_opt::<Decimal128Type>()?.value(i), *p, *s)
        }
        DataType::Decimal256(p, s) => {
            Decimal256Type::format_decimal(a.as_primitive_opt::<Decimal256Type>()?.value(i), *p, *s)
        }
        _ => return None,
    })
}

fn text_at(a: &dyn Array, i: usize) -> Option<&str> {
    if a.is_null(i) {
        return None;
    }
    match a.data_type() {
        DataType::Utf8 => Some(a.as_string_opt::<i32>()?.value(i)),
        DataType::LargeUtf8 => Some(a.as_string_opt::<i64>()?.value(i)),
        DataType::Utf8View => Some(a.as_string_view_opt()?.value(i)),
        _ => None,
    }
}

impl Reader<'_> {
    /// The answer of row `i`; `None` when missing (a null, or empty text as an empty CSV cell).
    fn json(&self, i: usize) -> Option<Json> {
        match self {
            Reader::Null => None,
            Reader::Bool(a) => (!a.is_null(i)).then(|| Json::Bool(a.value(i))),
            Reader::Number(a) => number_text(*a, i).map(Json::Number),
            Reader::Text(a, kind) => {
                let t = text_at(*a, i)?.trim();
                (!t.is_empty()).then(|| kind.read(t))
            }
            Reader::Date(a) => {
                if a.is_null(i) {
                    return None;
                }
                let dt = match a.data_type() {
                    DataType::Date32 => {
                        datafusion::arrow::temporal_conversions::date32_to_datetime(
                            a.as_primitive_opt::<Date32Type>()?.value(i),
                        )
                    }
                    _ => datafusion::arrow::temporal_conversions::date64_to_datetime(
                        a.as_primitive_opt::<Date64Type>()?.value(i),
                    ),
                }?;
                Some(Json::String(dt.date().to_string()))
            }
            Reader::List(a) => {
                if a.is_null(i) {
                    return None;
                }
                let items: ArrayRef = match a.data_type() {
                    DataType::List(_) => a.as_list_opt::<i32>()?.value(i),
                    DataType::LargeList(_) => a.as_list_opt::<i64>()?.value(i),
                    _ => a.as_fixed_size_list_opt()?.value(i),
                };
                Some(Json::Array(
                    (0..items.len())
                        .map(|k| number_text(items.as_ref(), k).map_or(Json::Null, Json::Number))
                        .collect(),
                ))
            }
        }
    }
}

fn reader<'a>(a: &'a dyn Array, kind: CellKind) -> Reader<'a> {
    match a.data_type() {
        DataType::Boolean => match a.as_boolean_opt() {
            Some(b) => Reader::Bool(b),
            None => Reader::Null,
        },
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => Reader::Text(a, kind),
        DataType::Date32 | DataType::Date64 => Reader::Date(a),
        DataType::List(_) | DataType::LargeList(_) | DataType::FixedSizeList(_, _) => {
            Reader::List(a)
        }
        DataType::Null => Reader::Null,
        _ => Reader::Number(a),
    }
}

/// One output value ready for its column.
enum Cell {
    Missing,
    Number(i128),
    Bool(bool),
    Text(String),
    Series(Vec<Option<i128>>),
    /// Infinite (`true`: negative): null in its column, named in `infinite`.
    Infinite(bool),
}

/// A decimal as a `Decimal128(OUTPUT_PRECISION, OUTPUT_SCALE)` value, or `None` when that cannot hold
/// it exactly.
pub fn to_decimal128(d: Decimal) -> Option<i128> {
    let d = if d.scale() > OUTPUT_SCALE as u32 {
        d.normalize()
    } else {
        d
    };
    let scale = d.scale();
    if scale > OUTPUT_SCALE as u32 {
        return None;
    }
    let up = 10i128.checked_pow(OUTPUT_SCALE as u32 - scale)?;
    let v = d.mantissa().checked_mul(up)?;
    let limit = 10i128.checked_pow(OUTPUT_PRECISION as u32)?;
    (v.abs() < limit).then_some(v)
}

fn inexact(id: &str, v: &dyn std::fmt::Display) -> RowError {
    let m = cat::sql_output_inexact(id, &v.to_string(), OUTPUT_PRECISION, OUTPUT_SCALE);
    RowError {
        code: codes::INEXACT_OUTPUT.to_string(),
        en: m.en,
        zh: m.zh,
    }
}

fn cell_of(o: &OutputInfo, v: Option<&Value>) -> Result<Cell, RowError> {
    Ok(match v {
        None | Some(Value::Missing) => Cell::Missing,
        Some(Value::Number(n)) => match o.kind {
            ValueKind::Number => {
                Cell::Number(to_decimal128(n.as_decimal()).ok_or_else(|| inexact(&o.id, n))?)
            }
            _ => Cell::Text(n.to_string()),
        },
        Some(Value::Infinite { negative }) => Cell::Infinite(*negative),
        Some(Value::Bool(b)) => Cell::Bool(*b),
        Some(Value::Text(t)) => Cell::Text(t.clone()),
        Some(Value::Series(s)) => Cell::Series(
            s.iter()
                .map(|n| {
                    to_decimal128(n.as_decimal())
                        .map(Some)
                        .ok_or_else(|| inexact(&o.id, n))
                })
                .collect::<Result<_, _>>()?,
        ),
    })
}

/// Why a row could not be evaluated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    pub code: String,
    pub en: String,
    pub zh: String,
}

fn row_error(e: &Error) -> RowError {
    match e {
        Error::Assessment(errs) => {
            let en: Vec<String> = errs.iter().map(|x| keyed(&x.input, &x.reason)).collect();
            let zh: Vec<String> = errs
                .iter()
                .map(|x| keyed_zh(&x.input, &x.reason_zh))
                .collect();
            RowError {
                code: errs.first().map(|x| x.code.clone()).unwrap_or_default(),
                en: en.join("; "),
                zh: zh.join("；"),
            }
        }
        other => {
            let r = other.report();
            RowError {
                code: r.code,
                en: r.en,
                zh: r.zh,
            }
        }
    }
}

/// "`` `KEY`: REASON ``" as `yardstick batch` writes a row's problem (the reason alone without a key).
fn keyed(key: &str, reason: &str) -> String {
    if key.is_empty() {
        reason.to_string()
    } else {
        format!("`{key}`: {reason}")
    }
}

fn keyed_zh(key: &str, reason: &str) -> String {
    if key.is_empty() {
        reason.to_string()
    } else {
        format!("`{key}`：{reason}")
    }
}

/// One row's result, before it is appended to the columns.
struct RowResult {
    outcome: &'static str,
    grade: Option<String>,
    failing: Vec<yardstick::api::Id>,
    cells: Vec<Cell>,
}

/// Evaluate one row: its answers from the readers, through an assessment builder, as `yardstick batch`
/// evaluates a CSV row.
fn eval_row(
    c: &Compiled,
    b: &mut yardstick::AssessmentBuilder<'_>,
    readers: &[(InputSlot, &str, Reader<'_>)],
    i: usize,
) -> Result<RowResult, RowError> {
    b.clear();
    let mut en = Vec::new();
    let mut zh = Vec::new();
    let mut code = None;
    for (slot, id, r) in readers {
        let Some(v) = r.json(i) else { continue };
        if let Err(refusal) = b.set_slot(*slot, &v) {
            code.get_or_insert(refusal.code);
            en.push(keyed(id, &refusal.msg.en));
            zh.push(keyed_zh(id, &refusal.msg.zh));
        }
    }
    if let Some(code) = code {
        return Err(RowError {
            code: code.to_string(),
            en: en.join("; "),
            zh: zh.join("；"),
        });
    }
    let a = b.finish().map_err(|e| row_error(&e))?;
    let r = c
        .std
        .evaluate(&a, &Options::outcome_only())
        .map_err(|e| row_error(&e))?;
    let cells = c
        .outputs
        .iter()
        .map(|o| cell_of(o, r.outputs.get(&o.id)))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(RowResult {
        outcome: r.outcome.as_str(),
        grade: r.grade,
        failing: r.failing,
        cells,
    })
}

/// The builder of one output's column.
enum OutBuilder {
    Number(Decimal128Builder),
    Bool(BooleanBuilder),
    Text(StringBuilder),
    Series(ListBuilder<Decimal128Builder>),
}

impl OutBuilder {
    fn new(o: &OutputInfo, n: usize) -> Result<OutBuilder> {
        let dec = || {
            Decimal128Builder::with_capacity(n)
                .with_precision_and_scale(OUTPUT_PRECISION, OUTPUT_SCALE)
        };
        Ok(match o.kind {
            ValueKind::Number => OutBuilder::Number(dec()?),
            ValueKind::Bool => OutBuilder::Bool(BooleanBuilder::with_capacity(n)),
            ValueKind::Name | ValueKind::Date => {
                OutBuilder::Text(StringBuilder::with_capacity(n, n * 4))
            }
            ValueKind::Series => {
                OutBuilder::Series(ListBuilder::new(dec()?).with_field(Arc::new(Field::new(
                    "item",
                    decimal_type(),
                    true,
                ))))
            }
        })
    }

    fn push(&mut self, cell: Option<&Cell>) {
        match (self, cell) {
            (OutBuilder::Number(b), Some(Cell::Number(v))) => b.append_value(*v),
            (OutBuilder::Bool(b), Some(Cell::Bool(v))) => b.append_value(*v),
            (OutBuilder::Text(b), Some(Cell::Text(v))) => b.append_value(v),
            (OutBuilder::Series(b), Some(Cell::Series(v))) => {
                for x in v {
                    b.values().append_option(*x);
                }
                b.append(true);
            }
            (OutBuilder::Number(b), _) => b.append_null(),
            (OutBuilder::Bool(b), _) => b.append_null(),
            (OutBuilder::Text(b), _) => b.append_null(),
            (OutBuilder::Series(b), _) => b.append(false),
        }
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            OutBuilder::Number(b) => Arc::new(b.finish()),
            OutBuilder::Bool(b) => Arc::new(b.finish()),
            OutBuilder::Text(b) => Arc::new(b.finish()),
            OutBuilder::Series(b) => Arc::new(b.finish()),
        }
    }
}

fn struct_fields(t: &DataType, name: &str) -> Result<Fields> {
    match t {
        DataType::Struct(root) => match root.find(name) {
            Some((_, f)) => match f.data_type() {
                DataType::Struct(fs) => Ok(fs.clone()),
                _ => Err(DataFusionError::Internal(format!("{name} is not a struct"))),
            },
            None => Err(DataFusionError::Internal(format!("no field {name}"))),
        },
        _ => Err(DataFusionError::Internal(
            "the result is not a struct".into(),
        )),
    }
}

/// Evaluate every row of a batch: `inputs` is the named_struct's column.
fn evaluate_batch(c: &Compiled, inputs: &ArrayRef, n: usize) -> Result<ArrayRef> {
    let DataType::Struct(_) = inputs.data_type() else {
        return Err(plan_error(
            codes::NOT_STRUCT,
            cat::sql_not_struct(&inputs.data_type().to_string()),
        ));
    };
    let st = inputs
        .as_struct_opt()
        .ok_or_else(|| DataFusionError::Internal("not a struct array".into()))?;
    // Dictionary columns are read through their values.
    let mut columns: Vec<(String, ArrayRef)> = Vec::new();
    for (f, col) in st.fields().iter().zip(st.columns()) {
        let col = match col.data_type() {
            DataType::Dictionary(_, v) => datafusion::arrow::compute::cast(col, v)?,
            _ => col.clone(),
        };
        columns.push((f.name().clone(), col));
    }
    let mut readers: Vec<(InputSlot, &str, Reader<'_>)> = Vec::new();
    for (name, col) in &columns {
        let Some((slot, kind)) = c.inputs.get(name) else {
            // Checked when planning; a plan built elsewhere may still name an unknown input.
            check_inputs(c, inputs.data_type())?;
            continue;
        };
        readers.push((*slot, name.as_str(), reader(col.as_ref(), *kind)));
    }
    let struct_nulls = st.nulls();

    let mut outcome = StringBuilder::with_capacity(n, n * 4);
    let mut grade = StringBuilder::with_capacity(n, n * 4);
    let mut levels: Vec<StringBuilder> = c
        .ladders
        .iter()
        .map(|_| StringBuilder::with_capacity(n, n))
        .collect();
    let mut failing = ListBuilder::new(StringBuilder::new());
    let mut outs = c
        .outputs
        .iter()
        .map(|o| OutBuilder::new(o, n))
        .collect::<Result<Vec<_>>>()?;
    let mut infinite = ListBuilder::new(StringBuilder::new());
    let mut err_code = StringBuilder::new();
    let mut err_en = StringBuilder::new();
    let mut err_zh = StringBuilder::new();
    let mut ok = Vec::with_capacity(n);

    let mut b = c.std.assessment_builder();
    for i in 0..n {
        let row = if struct_nulls.is_some_and(|x| x.is_null(i)) {
            // A null struct: no answers at all.
            eval_row(c, &mut b, &[], i)
        } else {
            eval_row(c, &mut b, &readers, i)
        };
        match row {
            Ok(r) => {
                ok.push(true);
                outcome.append_value(r.outcome);
                grade.append_option(r.grade.as_deref());
                for (k, l) in c.ladders.iter().zip(levels.iter_mut()) {
                    match r.cells.get(*k) {
                        Some(Cell::Text(t)) => l.append_value(t),
                        _ => l.append_null(),
                    }
                }
                for f in &r.failing {
                    failing.values().append_value(f);
                }
                failing.append(true);
                for ((o, ob), cell) in c.outputs.iter().zip(outs.iter_mut()).zip(&r.cells) {
                    ob.push(Some(cell));
                    if let Cell::Infinite(neg) = cell {
                        let name = if *neg {
                            format!("-{}", o.id)
                        } else {
                            o.id.clone()
                        };
                        infinite.values().append_value(name);
                    }
                }
                infinite.append(true);
                err_code.append_value("");
                err_en.append_value("");
                err_zh.append_value("");
            }
            Err(e) => {
                ok.push(false);
                outcome.append_null();
                grade.append_null();
                for l in levels.iter_mut() {
                    l.append_null();
                }
                failing.append(false);
                for ob in outs.iter_mut() {
                    ob.push(None);
                }
                infinite.append(false);
                err_code.append_value(&e.code);
                err_en.append_value(&e.en);
                err_zh.append_value(&e.zh);
            }
        }
    }

    let valid = NullBuffer::from(ok.clone());
    let invalid = NullBuffer::from(ok.iter().map(|x| !x).collect::<Vec<_>>());
    let level_fields = struct_fields(&c.result, "levels")?;
    let out_fields = struct_fields(&c.result, "outputs")?;
    let levels = StructArray::try_new_with_length(
        level_fields,
        levels
            .iter_mut()
            .map(|l| Arc::new(l.finish()) as ArrayRef)
            .collect(),
        Some(valid.clone()),
        n,
    )?;
    let outputs = StructArray::try_new_with_length(
        out_fields,
        outs.iter_mut().map(OutBuilder::finish).collect(),
        Some(valid),
        n,
    )?;
    let error = StructArray::try_new(
        error_fields(),
        vec![
            Arc::new(err_code.finish()) as ArrayRef,
            Arc::new(err_en.finish()),
            Arc::new(err_zh.finish()),
        ],
        Some(invalid),
    )?;
    let DataType::Struct(root) = &c.result else {
        return Err(DataFusionError::Internal(
            "the result is not a struct".into(),
        ));
    };
    let constant =
        |s: &str| -> ArrayRef { Arc::new(datafusion::arrow::array::StringArray::from(vec![s; n])) };
    let arrays: Vec<ArrayRef> = vec![
        Arc::new(outcome.finish()),
        Arc::new(grade.finish()),
        Arc::new(levels),
        Arc::new(failing.finish()),
        Arc::new(outputs),
        Arc::new(infinite.finish()),
        constant(c.std.version()),
        constant(c.std.hash()),
        Arc::new(error),
    ];
    Ok(Arc::new(StructArray::try_new(root.clone(), arrays, None)?))
}
