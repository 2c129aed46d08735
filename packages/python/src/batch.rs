//! `Standard.evaluate_batch`: many assessments on every core (rayon), the GIL released while they are
//! evaluated, results in input order.

use crate::convert;
use pyo3::exceptions::{PyImportError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};
use rayon::prelude::*;
use std::collections::BTreeMap;
use yardstick::api::{ErrorReport, Options, Outcome, Value};
use yardstick::{Json, Standard};

/// One row's result: the outcome fields (as `yardstick batch` writes them), or its error.
pub(crate) enum RowOut {
    Done {
        outcome: Outcome,
        grade: Option<String>,
        failing: Vec<yardstick::api::Id>,
        outputs: BTreeMap<String, Value>,
        name: Option<Json>,
    },
    Failed(ErrorReport),
}

/// Evaluate a parsed assessment with the options `yardstick batch` uses (no items, no searches).
pub(crate) fn finish(
    std: &Standard,
    a: Result<yardstick::Assessment, yardstick::Error>,
    name: Option<Json>,
) -> RowOut {
    match a.and_then(|a| std.evaluate(&a, &Options::outcome_only())) {
        Ok(r) => RowOut::Done {
            outcome: r.outcome,
            grade: r.grade,
            failing: r.failing,
            outputs: r.outputs,
            name,
        },
        Err(e) => RowOut::Failed(e.report()),
    }
}

/// A row given as JSON text: an object of inputs, or a whole assessment (whose `name` is echoed).
fn eval_text(std: &Standard, text: &str) -> RowOut {
    match yardstick::json::read_json(text) {
        Ok(v) => {
            let name = v.get("inputs").and(v.get("name")).cloned();
            finish(std, std.assessment_from_json(&v), name)
        }
        Err(e) => RowOut::Failed(e.report()),
    }
}

/// Runs the work on the pool asked for (`threads`), else on rayon's global pool (every core).
pub(crate) struct Runner {
    pool: Option<rayon::ThreadPool>,
}

impl Runner {
    fn new(threads: Option<usize>) -> PyResult<Runner> {
        let pool = match threads {
            None => None,
            Some(0) => return Err(PyValueError::new_err("threads must be at least 1")),
            Some(n) => Some(
                rayon::ThreadPoolBuilder::new()
                    .num_threads(n)
                    .build()
                    .map_err(|e| PyValueError::new_err(e.to_string()))?,
            ),
        };
        Ok(Runner { pool })
    }
    pub(crate) fn run<T: Send>(&self, f: impl FnOnce() -> T + Send) -> T {
        match &self.pool {
            Some(p) => p.install(f),
            None => f(),
        }
    }
}

pub(crate) fn evaluate_batch<'py>(
    py: Python<'py>,
    std: &Standard,
    rows: &Bound<'py, PyAny>,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyList>> {
    let runner = Runner::new(threads)?;
    let out = PyList::empty(py);
    let is_seq = rows.is_instance_of::<PyList>() || rows.is_instance_of::<PyTuple>();
    if !is_seq && rows.hasattr("__arrow_c_stream__")? {
        match crate::arrow::reader(rows) {
            Ok(reader) => {
                crate::arrow::evaluate(py, std, reader, &runner, &out)?;
                return Ok(out);
            }
            // pandas exports Arrow through pyarrow: without it, read the records.
            Err(e) if e.is_instance_of::<PyImportError>(py) && rows.hasattr("to_dict")? => {}
            Err(e) => return Err(e),
        }
    }
    let items = if is_seq {
        rows.clone()
    } else if rows.hasattr("to_dict")? && rows.hasattr("columns")? {
        rows.call_method1("to_dict", ("records",))?
    } else if rows.is_instance_of::<PyDict>() || rows.is_instance_of::<pyo3::types::PyString>() {
        return Err(PyTypeError::new_err(
            "evaluate_batch takes many rows: a list of dicts, a DataFrame or an Arrow table (evaluate takes one)",
        ));
    } else {
        rows.clone()
    };
    let mut texts = Vec::new();
    for x in items.try_iter()? {
        texts.push(convert::assessment_text(&x?)?);
    }
    let results: Vec<RowOut> =
        py.detach(|| runner.run(|| texts.par_iter().map(|t| eval_text(std, t)).collect()));
    push_rows(py, &out, 0, results)?;
    Ok(out)
}

/// Append the rows' results to `out`: `{"row", "outcome", "grade", "failing", "outputs"}` (and
/// `name` when the row had one), or `{"row", "error"}` with the exception (not raised) of the row.
pub(crate) fn push_rows(
    py: Python<'_>,
    out: &Bound<'_, PyList>,
    first: usize,
    results: Vec<RowOut>,
) -> PyResult<()> {
    let k_row = pyo3::intern!(py, "row");
    let k_outcome = pyo3::intern!(py, "outcome");
    let k_grade = pyo3::intern!(py, "grade");
    let k_failing = pyo3::intern!(py, "failing");
    let k_outputs = pyo3::intern!(py, "outputs");
    let k_name = pyo3::intern!(py, "name");
    let k_error = pyo3::intern!(py, "error");
    let outcomes = [
        Outcome::Pass,
        Outcome::Fail,
        Outcome::Unknown,
        Outcome::NotApplicable,
    ]
    .map(|o| pyo3::types::PyString::intern(py, o.as_str()));
    for (i, r) in results.into_iter().enumerate() {
        let d = PyDict::new(py);
        d.set_item(k_row, first + i)?;
        match r {
            RowOut::Done {
                outcome,
                grade,
                failing,
                outputs,
                name,
            } => {
                if let Some(n) = name {
                    let v = match n {
                        Json::String(s) => pyo3::types::PyString::new(py, &s).into_any(),
                        other => crate::loads(py, &other.to_string())?,
                    };
                    d.set_item(k_name, v)?;
                }
                let o = match outcome {
                    Outcome::Pass => &outcomes[0],
                    Outcome::Fail => &outcomes[1],
                    Outcome::Unknown => &outcomes[2],
                    Outcome::NotApplicable => &outcomes[3],
                };
                d.set_item(k_outcome, o)?;
                d.set_item(k_grade, grade)?;
                d.set_item(
                    k_failing,
                    failing.iter().map(|f| f.as_str()).collect::<Vec<_>>(),
                )?;
                d.set_item(k_outputs, convert::outputs(py, &outputs)?)?;
            }
            RowOut::Failed(report) => {
                d.set_item(k_error, crate::report_object(py, &report)?)?;
            }
        }
        out.append(d)?;
    }
    Ok(())
}
