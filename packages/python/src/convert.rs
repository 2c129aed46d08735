//! Python values to the JSON text the facade reads, and typed results back to Python objects.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use std::collections::BTreeMap;
use yardstick::api::Value;
use yardstick::lossless::MAX_JSON_DEPTH;

/// An assessment argument as JSON text: text as it is, anything else written as JSON.
pub(crate) fn assessment_text(v: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(s) = v.cast::<PyString>() {
        return Ok(s.to_cow()?.into_owned());
    }
    if let Ok(b) = v.cast::<pyo3::types::PyBytes>() {
        return Ok(String::from_utf8_lossy(b.as_bytes()).into_owned());
    }
    let mut out = String::new();
    write_json(v, 1, &mut out)?;
    Ok(out)
}

fn decimal_class(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    static DECIMAL: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    DECIMAL.import(py, "decimal", "Decimal")
}

fn type_error(v: &Bound<'_, PyAny>, why: &str) -> PyErr {
    let ty = v
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".into());
    PyTypeError::new_err(format!("cannot pass a {ty} to Yardstick: {why}"))
}

/// Write `v` as JSON: `None` null; `bool`; `int`, finite `float` (its shortest repr) and finite
/// `Decimal` as numbers with their digits; a float NaN (pandas' missing value), `pandas.NA` and
/// `NaT` as null; `str`; a `datetime.date` as `YYYY-MM-DD`; `dict` (text keys) as an object; `list`
/// and `tuple` as arrays; NumPy scalars through `.item()`. `depth` counts the arrays and objects
/// around `v` and `v` itself: a container deeper than the facade's JSON limit is written empty at
/// that depth, so that the facade refuses it with its own message (Y0702, "nested more than 64 levels").
fn write_json(v: &Bound<'_, PyAny>, depth: usize, out: &mut String) -> PyResult<()> {
    use std::fmt::Write;
    let py = v.py();
    if v.is_none() {
        out.push_str("null");
    } else if let Ok(b) = v.cast::<PyBool>() {
        out.push_str(if b.is_true() { "true" } else { "false" });
    } else if v.is_instance_of::<PyInt>() {
        out.push_str(&v.str()?.to_cow()?);
    } else if let Ok(f) = v.cast::<PyFloat>() {
        let x = f.value();
        if x.is_nan() {
            out.push_str("null");
        } else if x.is_finite() {
            let _ = write!(out, "{x}");
        } else {
            // Not a number the facade can hold: text, refused with its message for the input's type.
            out.push_str(&json_string(&v.repr()?.to_cow()?));
        }
    } else if let Ok(s) = v.cast::<PyString>() {
        out.push_str(&json_string(&s.to_cow()?));
    } else if let Ok(d) = v.cast::<PyDict>() {
        if depth > MAX_JSON_DEPTH {
            out.push_str("{}");
            return Ok(());
        }
        out.push('{');
        for (i, (k, x)) in d.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let k = k
                .cast::<PyString>()
                .map_err(|_| type_error(&k, "the keys of an assessment are text"))?;
            out.push_str(&json_string(&k.to_cow()?));
            out.push(':');
            write_json(&x, depth + 1, out)?;
        }
        out.push('}');
    } else if v.is_instance_of::<PyList>() || v.is_instance_of::<PyTuple>() {
        if depth > MAX_JSON_DEPTH {
            out.push_str("[]");
            return Ok(());
        }
        out.push('[');
        for (i, x) in v.try_iter()?.enumerate() {
            if i > 0 {
                out.push(',');
            }
            write_json(&x?, depth + 1, out)?;
        }
        out.push(']');
    } else if v.is_instance(decimal_class(py)?)? {
        if v.call_method0("is_finite")?.is_truthy()? {
            out.push_str(&v.str()?.to_cow()?);
        } else {
            out.push_str(&json_string(&v.str()?.to_cow()?));
        }
    } else {
        let ty = v.get_type();
        let name = ty.name()?.to_string();
        let module = ty.module()?.to_string();
        if name == "NAType" || name == "NaTType" {
            out.push_str("null");
        } else if (name == "date" || v.hasattr("isoformat")?)
            && v.hasattr("year")?
            && !v.hasattr("hour")?
        {
            let iso = v.call_method0("isoformat")?;
            out.push_str(&json_string(&iso.cast::<PyString>()?.to_cow()?));
        } else if module == "numpy" && v.hasattr("item")? {
            let item = v.call_method0("item")?;
            if item.get_type().is(&ty) {
                return Err(type_error(v, "its .item() gives the same type"));
            }
            write_json(&item, depth, out)?;
        } else {
            return Err(type_error(
                v,
                "give None, bool, int, float, Decimal, str, datetime.date, dict, list or tuple",
            ));
        }
    }
    Ok(())
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// A result value as a Python object: numbers as `Decimal` (the engine's digits), `"infinite"` and
/// `"-infinite"`, `bool`, `str`, a series as a list of `Decimal`, missing as `None`.
pub(crate) fn value<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Number(n) => decimal_class(py)?.call1((n.to_string(),))?,
        Value::Infinite { negative: false } => PyString::new(py, "infinite").into_any(),
        Value::Infinite { negative: true } => PyString::new(py, "-infinite").into_any(),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Text(s) => PyString::new(py, s).into_any(),
        Value::Series(s) => {
            let l = PyList::empty(py);
            for n in s {
                l.append(decimal_class(py)?.call1((n.to_string(),))?)?;
            }
            l.into_any()
        }
        Value::Missing => py.None().into_bound(py),
    })
}

/// `outputs` as a dict of Python values.
pub(crate) fn outputs<'py>(
    py: Python<'py>,
    o: &BTreeMap<String, Value>,
) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    for (k, v) in o {
        d.set_item(k, value(py, v)?)?;
    }
    Ok(d)
}
