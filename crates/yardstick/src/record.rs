//! Explanation by replay: [`Record`], one evaluation kept so that explanations, fixes and partial
//! answers are built from it when they are asked for, not before.
//!
//! [`Standard::record`] evaluates what results report (the compiled form, no explanation built) and
//! keeps the values. [`Record::explain`] builds one item's explanation from them on demand,
//! [`Record::explanations`] every definition's, [`Record::evaluation`] the whole typed result for any
//! [`Options`]. The first of these that needs every definition's value completes the record once
//! (only the definitions the fast evaluation skipped are evaluated then). [`Standard::evaluate`] is
//! `record` then `evaluation`: the same result, by one path.

use crate::api::{self, Options};
use crate::json;
use crate::{Assessment, Error, Standard};
use std::cell::{Cell, RefCell};
use yardstick_core::eval::Evaluation as CoreEvaluation;
use yardstick_core::explain;
use yardstick_core::ir::{DefId, Val};

/// One assessment evaluated against one standard, kept to explain from.
///
/// ```
/// # use yardstick::{Library, Options, Outcome};
/// # let mut lib = Library::new();
/// # lib.add("demo.yard", r#"standard demo { version "1"
/// #   input satisfaction: percent label zh "满意率" en "satisfaction"
/// #   basic { item b10 "满意率" { satisfaction >= 90% } } }"#).unwrap();
/// # let std = lib.compile("demo", None).unwrap();
/// let a = std.assessment(r#"{"inputs": {"satisfaction": 88}}"#).unwrap();
/// let record = std.record(&a).unwrap();          // as fast as an evaluation without explanation
/// assert_eq!(record.outcome(), Outcome::Fail);
/// assert_eq!(record.failing(), ["b10"]);
/// // Only what is read is explained: one item, on demand.
/// let why = record.explain("b10").unwrap().unwrap();
/// assert_eq!(why.explanation.unwrap().checks[0].threshold.to_string(), "90");
/// // The whole result, as `Standard::evaluate` gives it, without evaluating again.
/// assert_eq!(record.evaluation(&Options::explained()).unwrap(),
///            std.evaluate(&a, &Options::explained()).unwrap());
/// ```
pub struct Record<'a> {
    std: &'a Standard,
    assessment: &'a Assessment,
    eval: RefCell<CoreEvaluation>,
    /// Every definition's value is in `eval` (else only those results report).
    complete: Cell<bool>,
}

impl std::fmt::Debug for Record<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Record")
            .field("standard", &self.std)
            .field("outcome", &self.outcome())
            .field("complete", &self.complete.get())
            .finish()
    }
}

impl<'a> Record<'a> {
    /// Evaluate `a` against `std`, keeping the values.
    pub(crate) fn new(std: &'a Standard, a: &'a Assessment) -> Result<Record<'a>, Error> {
        let (eval, complete) = first_evaluation(std, a)?;
        Ok(Record {
            std,
            assessment: a,
            eval: RefCell::new(eval),
            complete: Cell::new(complete),
        })
    }

    /// The standard it was evaluated against.
    pub fn standard(&self) -> &'a Standard {
        self.std
    }

    /// Pass, fail, unknown or not applicable.
    pub fn outcome(&self) -> api::Outcome {
        json::outcome(self.eval.borrow().outcome)
    }

    /// Failing veto items (in `basic`), in writing order.
    pub fn vetoed_by(&self) -> Vec<&'a str> {
        self.ids(|e| &e.vetoed_by)
    }

    /// Every failing own item and own ladder at its `below` level, in writing order.
    pub fn failing(&self) -> Vec<&'a str> {
        self.ids(|e| &e.failing)
    }

    /// The band of the document's first grade (`None` without a grade, or when it is unknown).
    pub fn grade(&self) -> Option<&'a str> {
        let p = self.std.program();
        let i = self.std.grade_id().and_then(|g| p.def_index(g))?;
        match self.eval.borrow().values.get(i.index()) {
            Some(yardstick_core::ir::Val::Sym(s)) => Some(p.sym(*s)),
            _ => None,
        }
    }

    /// The explanation of one definition (an item, ladder, score, grade or value; those of used
    /// standards by their full id, `pests.fly`), exactly as the item of that id in
    /// [`Record::evaluation`] with [`Options::explained`]; `None` for an id the standard does not define.
    pub fn explain(&self, id: &str) -> Result<Option<api::Item>, Error> {
        let p = self.std.program();
        let Some(i) = p.def_index(id) else {
            return Ok(None);
        };
        self.explain_def(i).map(Some)
    }

    /// The explanation of every definition, in the order results list them (vetoes first, then the
    /// document's own definitions in writing order, then those brought in by `use`): the `items` of
    /// [`Record::evaluation`] with [`Options::explained`].
    pub fn explanations(&self) -> Result<Vec<api::Item>, Error> {
        self.completed(|e| json::explained_items(self.std, self.assessment, e))?
    }

    /// The typed result for `options`, built from this record (it is not evaluated again): exactly
    /// what [`Standard::evaluate`] returns for the same assessment and options.
    pub fn evaluation(&self, options: &Options) -> Result<api::Evaluation, Error> {
        // What the result reads beyond what the fast evaluation gives: every value for explanations,
        // for partial answers when an answer is missing, and for fixes when a limit is a `let` it
        // skipped (`Plan::reads_skipped`).
        let every_value = options.explain
            || (options.partial && self.assessment.values.contains(&Val::Unknown))
            || (options.fixes && self.std.search_plan().reads_skipped());
        if every_value {
            self.completed(|e| json::result(self.std, self.assessment, options, e))?
        } else {
            json::result(self.std, self.assessment, options, &self.eval.borrow())
        }
    }

    fn explain_def(&self, i: DefId) -> Result<api::Item, Error> {
        let p = self.std.program();
        self.completed(|e| {
            explain::explain_def(p, &self.assessment.values, e, i)
                .map(|n| json::node(self.std, &n, &e.errors))
                .map_err(|x| json::eval_failure(self.std, &x))
        })?
    }

    fn ids(&self, f: impl Fn(&CoreEvaluation) -> &Vec<DefId>) -> Vec<&'a str> {
        let p = self.std.program();
        f(&self.eval.borrow())
            .iter()
            .map(|i| p.def(*i).id.as_str())
            .collect()
    }

    /// Run `f` on the evaluation with every definition's value, completing it first if need be.
    fn completed<T>(&self, f: impl FnOnce(&CoreEvaluation) -> T) -> Result<T, Error> {
        if !self.complete.get() {
            complete(self.std, self.assessment, &mut self.eval.borrow_mut())?;
            self.complete.set(true);
        }
        Ok(f(&self.eval.borrow()))
    }
}

/// The compiled form, into this thread's buffers (taken while in use, so a nested call would simply
/// get fresh ones); only what results report.
#[cfg(feature = "compiled")]
fn first_evaluation(std: &Standard, a: &Assessment) -> Result<(CoreEvaluation, bool), Error> {
    let mut e = SCRATCH
        .with(|s| s.borrow_mut().take())
        .unwrap_or_else(yardstick_core::compiled::empty);
    std.compiled()
        .evaluate_into(std.program(), &a.values, false, &mut e)
        .map_err(|x| json::eval_failure(std, &x))?;
    Ok((e, false))
}

/// Without the `compiled` feature (the browser engine): the reference evaluator, every definition.
#[cfg(not(feature = "compiled"))]
fn first_evaluation(std: &Standard, a: &Assessment) -> Result<(CoreEvaluation, bool), Error> {
    yardstick_core::eval::evaluate(std.program(), &a.values)
        .map(|e| (e, true))
        .map_err(|x| json::eval_failure(std, &x))
}

#[cfg(feature = "compiled")]
fn complete(std: &Standard, a: &Assessment, e: &mut CoreEvaluation) -> Result<(), Error> {
    std.compiled()
        .complete_into(std.program(), &a.values, e)
        .map_err(|x| json::eval_failure(std, &x))
}

#[cfg(not(feature = "compiled"))]
fn complete(_: &Standard, _: &Assessment, _: &mut CoreEvaluation) -> Result<(), Error> {
    Ok(())
}

#[cfg(feature = "compiled")]
thread_local! {
    /// The buffers of the last record dropped on this thread, reused by the next.
    static SCRATCH: std::cell::RefCell<Option<CoreEvaluation>> =
        const { std::cell::RefCell::new(None) };
}

#[cfg(feature = "compiled")]
impl Drop for Record<'_> {
    fn drop(&mut self) {
        let e = std::mem::replace(self.eval.get_mut(), yardstick_core::compiled::empty());
        // `try_with`: a record dropped while the thread's storage is being torn down keeps its buffers.
        let _ = SCRATCH.try_with(|s| {
            if let Ok(mut s) = s.try_borrow_mut() {
                *s = Some(e);
            }
        });
    }
}
