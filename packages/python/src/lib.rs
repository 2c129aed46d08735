//! `yardstick._native`: the Python bindings, a thin layer over the facade crate `yardstick` (its typed
//! API and its JSON-text API in `yardstick::bindings`). Every rule, message and code lives in the
//! facade; this layer only moves values across: Python objects to JSON text or lossless `Json` values,
//! results back as Python objects (numbers as `decimal.Decimal`, the digits the engine gave), errors as
//! the exceptions of `yardstick._errors` built from the facade's `ErrorReport`.

mod arrow;
mod batch;
mod convert;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use std::path::PathBuf;
use yardstick::api::ErrorReport;
use yardstick::Drafts;

include!(concat!(env!("OUT_DIR"), "/shipped.rs"));

/// The exception for an error report: an instance of the `yardstick._errors` class of its kind.
pub(crate) fn report_error(py: Python<'_>, r: &ErrorReport) -> PyErr {
    match report_object(py, r) {
        Ok(e) => PyErr::from_value(e),
        Err(e) => e,
    }
}

/// The exception object (not raised) for an error report.
pub(crate) fn report_object<'py>(py: Python<'py>, r: &ErrorReport) -> PyResult<Bound<'py, PyAny>> {
    let text = yardstick::bindings::report_text(r);
    py.import("yardstick._errors")?
        .call_method1("_from_report", (text,))
}

fn error(py: Python<'_>, e: &yardstick::Error) -> PyErr {
    report_error(py, &e.report())
}

/// JSON text of the contract as Python objects (`yardstick._json.loads`: numbers as `Decimal`, counts
/// as `int`).
pub(crate) fn loads<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("yardstick._json")?.call_method1("loads", (text,))
}

/// A set of documents: `use` and `extends` resolve among them; standards are compiled from it.
#[pyclass(name = "Library", module = "yardstick._native", frozen)]
struct PyLibrary {
    lib: yardstick::Library,
}

/// An `as_of` argument: `None`, a `datetime.date`, or text `YYYY-MM-DD`.
fn as_of_arg(
    py: Python<'_>,
    as_of: Option<&Bound<'_, PyAny>>,
) -> PyResult<Option<yardstick::CalendarDate>> {
    let Some(v) = as_of.filter(|v| !v.is_none()) else {
        return Ok(None);
    };
    let text: String = if v.hasattr("isoformat")? && !v.is_instance_of::<pyo3::types::PyString>() {
        v.call_method0("isoformat")?.extract()?
    } else {
        v.extract()?
    };
    match yardstick::parse_date(&text) {
        Some(d) => Ok(Some(d)),
        // The facade's own refusal of a date that is not one (Y0901), with its words.
        None => match yardstick::bindings::compile_in_library("[]", "", None, Some(&text)) {
            Err(r) => Err(report_error(py, &r)),
            Ok(_) => Err(PyValueError::new_err(format!(
                "{text:?} is not a date (YYYY-MM-DD)"
            ))),
        },
    }
}

#[pymethods]
impl PyLibrary {
    /// An empty library.
    #[new]
    fn new() -> Self {
        PyLibrary {
            lib: yardstick::Library::new(),
        }
    }

    /// Every `.yard` file under `path` (recursively). A folder that cannot be read, and documents with
    /// syntax errors, raise.
    #[staticmethod]
    fn from_dir(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        let mut lib = yardstick::Library::new();
        lib.load_dir(&path).map_err(|e| error(py, &e))?;
        Ok(PyLibrary { lib })
    }

    /// The standards shipped with this version (embedded in the module).
    #[staticmethod]
    fn shipped(py: Python<'_>) -> PyResult<Self> {
        let mut lib = yardstick::Library::new();
        for (name, text) in SHIPPED {
            lib.add(name, text)
                .map_err(|p| error(py, &yardstick::Error::Problems(p)))?;
        }
        Ok(PyLibrary { lib })
    }

    /// Documents given as `{name: text}` (or a list of `(name, text)` pairs).
    #[staticmethod]
    fn from_texts(py: Python<'_>, docs: &Bound<'_, PyAny>) -> PyResult<Self> {
        let pairs: Vec<(String, String)> = match docs.cast::<PyDict>() {
            Ok(d) => d.items().extract()?,
            Err(_) => docs.extract()?,
        };
        let mut lib = yardstick::Library::new();
        let mut all: Option<yardstick::Problems> = None;
        for (name, text) in &pairs {
            if let Err(p) = lib.add(name, text) {
                match &mut all {
                    Some(a) => {
                        a.problems.extend(p.problems);
                        a.sources.extend(p.sources);
                    }
                    None => all = Some(p),
                }
            }
        }
        match all {
            Some(p) => Err(error(py, &yardstick::Error::Problems(p))),
            None => Ok(PyLibrary { lib }),
        }
    }

    /// Compile one self-contained document (no library).
    #[staticmethod]
    #[pyo3(signature = (text, name=None))]
    fn compile(py: Python<'_>, text: &str, name: Option<&str>) -> PyResult<PyStandard> {
        yardstick::bindings::compile(text, name)
            .map(|std| PyStandard { std })
            .map_err(|r| report_error(py, &r))
    }

    /// Standard `id`: `version` if given, else the version in force on `as_of`, else the only one.
    #[pyo3(signature = (id, version=None, as_of=None, include_drafts=false))]
    fn standard(
        &self,
        py: Python<'_>,
        id: &str,
        version: Option<&str>,
        as_of: Option<&Bound<'_, PyAny>>,
        include_drafts: bool,
    ) -> PyResult<PyStandard> {
        let as_of = as_of_arg(py, as_of)?;
        let drafts = if include_drafts {
            Drafts::Include
        } else {
            Drafts::Skip
        };
        self.lib
            .resolve_with(id, version, as_of, drafts)
            .map(|std| PyStandard { std })
            .map_err(|e| error(py, &e))
    }

    /// The documents: `[{id, version, from, until, status, file}]`.
    fn documents<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let out = PyList::empty(py);
        for d in self.lib.documents() {
            let x = PyDict::new(py);
            x.set_item("id", d.id)?;
            x.set_item("version", d.version)?;
            x.set_item("from", d.from.map(|v| v.to_string()))?;
            x.set_item("until", d.until.map(|v| v.to_string()))?;
            x.set_item("status", d.status)?;
            x.set_item("file", d.file)?;
            out.append(x)?;
        }
        Ok(out)
    }

    fn __len__(&self) -> usize {
        self.lib.documents().len()
    }

    fn __repr__(&self) -> String {
        format!("Library({} documents)", self.lib.documents().len())
    }
}

/// A compiled standard: evaluate any number of assessments against it, from any thread.
#[pyclass(name = "Standard", module = "yardstick._native", frozen)]
pub(crate) struct PyStandard {
    pub(crate) std: yardstick::Standard,
}

#[pymethods]
impl PyStandard {
    #[getter]
    fn id(&self) -> &str {
        self.std.id()
    }
    #[getter]
    fn version(&self) -> &str {
        self.std.version()
    }
    /// SHA-256 (hex) of the texts of every document that went into it.
    #[getter]
    fn hash(&self) -> &str {
        self.std.hash()
    }
    /// The input ids, in order.
    #[getter]
    fn inputs(&self) -> Vec<String> {
        self.std.input_ids().map(str::to_string).collect()
    }
    /// The output ids (outputs, ladders, scores, grades), in order.
    #[getter]
    fn outputs(&self) -> Vec<String> {
        self.std.output_ids().map(str::to_string).collect()
    }
    /// The id of the grade results report as `grade`, if the standard has one.
    #[getter]
    fn grade(&self) -> Option<&str> {
        self.std.grade_id()
    }

    /// What a form needs to ask for the inputs (the contract's `Form`).
    fn form<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        loads(py, &yardstick::bindings::form(&self.std))
    }

    /// Evaluate one assessment (a dict, or JSON text): the contract's `Evaluation` as a dict.
    #[pyo3(signature = (assessment, explain=false))]
    fn evaluate<'py>(
        &self,
        py: Python<'py>,
        assessment: &Bound<'py, PyAny>,
        explain: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let text = convert::assessment_text(assessment)?;
        let std = &self.std;
        let out =
            py.detach(|| yardstick::bindings::evaluate(std, &text, explain).map_err(Box::new));
        match out {
            Ok(t) => loads(py, &t),
            Err(r) => Err(report_error(py, &r)),
        }
    }

    /// Evaluate many assessments on every core (see the package's README): a list of dicts or JSON
    /// texts, a pandas or polars DataFrame, or any object with `__arrow_c_stream__`.
    #[pyo3(signature = (rows, threads=None))]
    fn evaluate_batch<'py>(
        &self,
        py: Python<'py>,
        rows: &Bound<'py, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        batch::evaluate_batch(py, &self.std, rows, threads)
    }

    fn __repr__(&self) -> String {
        format!("Standard({}@{})", self.std.id(), self.std.version())
    }
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyLibrary>()?;
    m.add_class::<PyStandard>()?;
    m.add("CONTRACT_VERSION", yardstick::api::CONTRACT_VERSION)?;
    m.add("MAX_JSON_DEPTH", yardstick::lossless::MAX_JSON_DEPTH)?;
    Ok(())
}
