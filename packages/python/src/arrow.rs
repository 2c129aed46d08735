//! Arrow input for `evaluate_batch`: any object with `__arrow_c_stream__` (pyarrow tables and record
//! batch readers, polars and pandas DataFrames, DuckDB relations …) read through the Arrow C stream
//! interface, without importing pyarrow. Columns are input ids; each cell becomes the JSON value the
//! facade reads (numbers with their digits: integers as written, decimals with their scale, floats
//! by their shortest representation), and null is a missing answer.

use crate::batch::{finish, push_rows, RowOut, Runner};
use arrow_array::cast::AsArray;
use arrow_array::ffi_stream::RecordBatchStreamReader;
use arrow_array::types::*;
use arrow_array::{Array, ArrayRef};
use arrow_pyarrow::FromPyArrow;
use arrow_schema::DataType;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyList;
use rayon::prelude::*;
use yardstick::{InputSlot, Json, Standard};

pub(crate) fn reader(obj: &Bound<'_, PyAny>) -> PyResult<RecordBatchStreamReader> {
    RecordBatchStreamReader::from_pyarrow_bound(obj)
}

#[derive(Clone)]
enum Col {
    Input(InputSlot, String),
    Name,
    Skip,
}

/// A column of one record batch, dictionaries resolved once.
enum View {
    Plain(ArrayRef),
    Dict {
        keys: ArrayRef,
        index: Vec<usize>,
        values: ArrayRef,
    },
}

fn scalar_supported(t: &DataType) -> bool {
    use DataType as D;
    matches!(
        t,
        D::Null
            | D::Boolean
            | D::Int8
            | D::Int16
            | D::Int32
            | D::Int64
            | D::UInt8
            | D::UInt16
            | D::UInt32
            | D::UInt64
            | D::Float32
            | D::Float64
            | D::Decimal32(..)
            | D::Decimal64(..)
            | D::Decimal128(..)
            | D::Decimal256(..)
            | D::Utf8
            | D::LargeUtf8
            | D::Utf8View
            | D::Date32
            | D::Date64
    )
}

fn supported(t: &DataType) -> bool {
    use DataType as D;
    match t {
        D::Dictionary(_, v) => scalar_supported(v),
        D::List(f) | D::LargeList(f) | D::FixedSizeList(f, _) => scalar_supported(f.data_type()),
        other => scalar_supported(other),
    }
}

fn number(s: String) -> Json {
    Json::Number(s)
}

fn float(x: f64, shown: String) -> Json {
    if x.is_nan() {
        Json::Null
    } else if x.is_finite() {
        Json::Number(shown)
    } else {
        Json::String(shown)
    }
}

/// The JSON value of cell `i` of a column of a supported type.
fn cell(a: &dyn Array, i: usize) -> Json {
    use DataType as D;
    if a.is_null(i) {
        return Json::Null;
    }
    match a.data_type() {
        D::Boolean => Json::Bool(a.as_boolean().value(i)),
        D::Int8 => number(a.as_primitive::<Int8Type>().value(i).to_string()),
        D::Int16 => number(a.as_primitive::<Int16Type>().value(i).to_string()),
        D::Int32 => number(a.as_primitive::<Int32Type>().value(i).to_string()),
        D::Int64 => number(a.as_primitive::<Int64Type>().value(i).to_string()),
        D::UInt8 => number(a.as_primitive::<UInt8Type>().value(i).to_string()),
        D::UInt16 => number(a.as_primitive::<UInt16Type>().value(i).to_string()),
        D::UInt32 => number(a.as_primitive::<UInt32Type>().value(i).to_string()),
        D::UInt64 => number(a.as_primitive::<UInt64Type>().value(i).to_string()),
        // Each width by its own shortest representation (an f32 widened to f64 would grow digits).
        D::Float32 => {
            let x = a.as_primitive::<Float32Type>().value(i);
            float(f64::from(x), x.to_string())
        }
        D::Float64 => {
            let x = a.as_primitive::<Float64Type>().value(i);
            float(x, x.to_string())
        }
        D::Decimal32(..) => number(a.as_primitive::<Decimal32Type>().value_as_string(i)),
        D::Decimal64(..) => number(a.as_primitive::<Decimal64Type>().value_as_string(i)),
        D::Decimal128(..) => number(a.as_primitive::<Decimal128Type>().value_as_string(i)),
        D::Decimal256(..) => number(a.as_primitive::<Decimal256Type>().value_as_string(i)),
        D::Utf8 => Json::String(a.as_string::<i32>().value(i).to_string()),
        D::LargeUtf8 => Json::String(a.as_string::<i64>().value(i).to_string()),
        D::Utf8View => Json::String(a.as_string_view().value(i).to_string()),
        D::Date32 => a
            .as_primitive::<Date32Type>()
            .value_as_date(i)
            .map(|d| Json::String(d.format("%Y-%m-%d").to_string()))
            .unwrap_or(Json::Null),
        D::Date64 => a
            .as_primitive::<Date64Type>()
            .value_as_date(i)
            .map(|d| Json::String(d.format("%Y-%m-%d").to_string()))
            .unwrap_or(Json::Null),
        D::List(_) => list(a.as_list::<i32>().value(i).as_ref()),
        D::LargeList(_) => list(a.as_list::<i64>().value(i).as_ref()),
        D::FixedSizeList(..) => list(a.as_fixed_size_list().value(i).as_ref()),
        _ => Json::Null,
    }
}

fn list(values: &dyn Array) -> Json {
    Json::Array((0..values.len()).map(|j| cell(values, j)).collect())
}

fn view_cell(v: &View, i: usize) -> Json {
    match v {
        View::Plain(a) => cell(a.as_ref(), i),
        View::Dict {
            keys,
            index,
            values,
        } => {
            if keys.is_null(i) {
                Json::Null
            } else {
                index
                    .get(i)
                    .map(|&k| cell(values.as_ref(), k))
                    .unwrap_or(Json::Null)
            }
        }
    }
}

fn eval_row(std: &Standard, cols: &[(Col, View)], row: usize) -> RowOut {
    let mut b = std.assessment_builder();
    let mut errors = Vec::new();
    let mut name = None;
    for (col, view) in cols {
        match col {
            Col::Skip => {}
            Col::Name => name = Some(view_cell(view, row)).filter(|j| !j.is_null()),
            Col::Input(slot, id) => {
                let j = view_cell(view, row);
                if j.is_null() {
                    continue;
                }
                if let Err(r) = b.set_slot(*slot, &j) {
                    errors.push(yardstick::json::input_error(id, r));
                }
            }
        }
    }
    if !errors.is_empty() {
        return RowOut::Failed(
            yardstick::Error::Assessment(yardstick::json::cap_errors(errors)).report(),
        );
    }
    finish(std, b.finish(), name)
}

/// Read every batch of the stream and append its rows' results to `out`.
pub(crate) fn evaluate(
    py: Python<'_>,
    std: &Standard,
    reader: RecordBatchStreamReader,
    runner: &Runner,
    out: &Bound<'_, PyList>,
) -> PyResult<()> {
    let schema = arrow_array::RecordBatchReader::schema(&reader);
    let mut plan = Vec::new();
    let mut unknown = Vec::new();
    for f in schema.fields() {
        let id = f.name();
        let col = if let Some(slot) = std.input(id) {
            Col::Input(slot, id.clone())
        } else if id == "name" {
            Col::Name
        } else if id.starts_with("__index_level_") {
            // pandas' index, when it is not the default one.
            Col::Skip
        } else {
            // The facade's refusal of an unknown input (Y0704, with its "did you mean").
            if let Err(e) = std.assessment_builder().set(id, &Json::Null) {
                unknown.push(e);
            }
            Col::Skip
        };
        if matches!(col, Col::Input(..)) && !supported(f.data_type()) {
            return Err(PyTypeError::new_err(format!(
                "column {id:?}: Arrow type {} cannot hold an answer (give booleans, integers, floats, decimals, text, dates, or lists of them)",
                f.data_type()
            )));
        }
        plan.push(col);
    }
    if !unknown.is_empty() {
        let e = yardstick::Error::Assessment(yardstick::json::cap_errors(unknown));
        return Err(crate::report_error(py, &e.report()));
    }
    let mut first = 0usize;
    for batch in reader {
        let batch = batch.map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
        let mut cols = Vec::with_capacity(plan.len());
        for (col, a) in plan.iter().zip(batch.columns()) {
            let view = match a.as_any_dictionary_opt() {
                Some(d) => View::Dict {
                    keys: std::sync::Arc::new(arrow_array::make_array(d.keys().to_data())),
                    // (normalized_keys panics on an empty dictionary: every key is then null)
                    index: if d.values().is_empty() {
                        Vec::new()
                    } else {
                        d.normalized_keys()
                    },
                    values: d.values().clone(),
                },
                None => View::Plain(a.clone()),
            };
            cols.push((col.clone(), view));
        }
        let n = batch.num_rows();
        let cols = &cols;
        let results: Vec<RowOut> = py.detach(|| {
            runner.run(|| {
                (0..n)
                    .into_par_iter()
                    .map(|r| eval_row(std, cols, r))
                    .collect()
            })
        });
        push_rows(py, out, first, results)?;
        first += n;
    }
    Ok(())
}
