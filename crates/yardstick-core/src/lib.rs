//! Yardstick's engine: checking, the compiled IR, the evaluator, explanations and fixes.
//!
//! No IO and no panics on user input: documents arrive as parsed trees with their texts, results leave
//! as plain data. The pipeline reads top to bottom:
//!
//! ```text
//! lower (names, types, overlays) → check (bands, constants) → Program (IR) → eval → explain / fix
//! ```

pub mod check;
pub mod compiled;
pub mod diag;
pub mod eval;
pub mod explain;
pub mod fix;
pub mod ir;
pub mod lower;
mod text;
pub mod words;

pub use diag::{Code, Diagnostic, Loc, Severity};
pub use eval::{evaluate, EvalError, Evaluation, Multiple, Outcome};
pub use ir::{Program, Val};
pub use lower::Unit;

/// Lower and check `units[root]`: the program when there is no error, and every diagnostic found.
pub fn compile(units: &[Unit<'_>], root: usize) -> (Option<Program>, Vec<Diagnostic>) {
    let (program, mut diags) = lower::lower(units, root);
    check::check_document(units, root, &mut diags);
    if let Some(p) = &program {
        check::check(p, &mut diags);
    }
    yardstick_syntax::sort::sort_by_key(&mut diags, |d| {
        (d.loc.file, d.loc.span.start, d.loc.span.end)
    });
    let has_error = diags.iter().any(|d| d.severity == Severity::Error);
    (if has_error { None } else { program }, diags)
}
