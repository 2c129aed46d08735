//! From parsed documents to a [`Program`]: apply `extends` overlays, bring in `use`d standards under their
//! alias, resolve every name, check types and units, order definitions by dependency.
//!
//! Every problem found is collected; lowering never stops at the first. A [`Program`] is returned only when
//! there is no error (warnings come back beside it).
//!
//! [`lower`] runs the passes in order, one module each:
//!
//! | pass | module | produces |
//! |---|---|---|
//! | composition | `compose.rs` | the flat list of pending inputs and definitions, the lineage |
//! | header | `header.rs` | the program's header |
//! | names | `names.rs` | typed inputs; every id declared |
//! | definitions | `defs.rs`, with `types.rs`, `ladders.rs`, `scores.rs` | one typed definition per declaration |
//! | order | `order.rs` | definitions in dependency order, the remap, the chain-depth check |
//! | examples | `examples.rs` | examples, `require` rules, the ranking |
//! | unused inputs | `names.rs` | Y0501 warnings |
//! | hash | `hash.rs` | the hash of the texts read |

mod compose;
mod defs;
mod examples;
mod hash;
mod header;
mod ladders;
mod names;
mod order;
mod scores;
mod types;

use crate::diag::{Diagnostic, Loc, Severity};
use crate::ir::{Cite, Def, DefId, InputDef, InputId, Labels, Program, Slots, Sym, Ty};
use compose::Collected;
use std::collections::HashMap;
use yardstick_syntax::ast::{self, Span};

// Callers outside the crate reach these through `lower`, where they lived first.
pub use crate::ir::{def_exprs, walk};
pub use crate::text::edit_distance;

/// One parsed document handed to the checker.
#[derive(Clone, Copy, Debug)]
pub struct Unit<'a> {
    /// File name or other label, used in messages.
    pub name: &'a str,
    pub text: &'a str,
    pub doc: &'a ast::Document,
}

/// Deepest chain of definitions referring to each other.
pub const MAX_DEF_CHAIN: usize = 64;
/// Most copies of a condition that `each x in GROUP { … }` may make in one document, nested ones
/// included (each inner copy counts): `each` over a group of 3,000 inside another once lowered 9,000,000
/// conditions.
pub const MAX_EACH_COPIES: usize = 10_000;
/// Deepest chain of `use` / `extends`.
pub const MAX_COMPOSITION_DEPTH: usize = 16;

/// Lower the document `root` of `units`, resolving `use` and `extends` among `units`.
///
/// Returns the program when there are no errors, and every diagnostic (errors and warnings) found.
pub fn lower(units: &[Unit<'_>], root: usize) -> (Option<Program>, Vec<Diagnostic>) {
    let Some(root_unit) = units.get(root) else {
        return (None, Vec::new());
    };
    let mut l = Lowerer::new(units);
    let (col, lineage) = l.compose(root); // compose.rs
    let header = l.header(root_unit.doc, root); // header.rs
    let mut cx = Cx::new(&mut l, col, root);
    cx.declare_inputs(); // names.rs
    cx.declare_defs(); // names.rs
    cx.lower_defs(); // defs.rs, with types.rs, ladders.rs and scores.rs
    let Some((defs, remap)) = cx.order() else {
        return (None, l.diags); // order.rs: a definition not lowered, or a cycle
    };
    cx.check_chain_depth(&defs); // order.rs
    let examples = cx.examples(&remap); // examples.rs
    let rank = cx.rank(&remap); // examples.rs
    let requires = cx.requires(&remap); // examples.rs
    cx.warn_unused_inputs(); // names.rs
    let hash = hash::hash_files(units, &cx.l.files); // hash.rs

    let program = Program {
        slots: Slots::new(&cx.inputs, &defs),
        requires,
        header,
        hash,
        lineage,
        files: file_names(units),
        inputs: cx.inputs,
        defs,
        symbols: cx.symbols,
        examples,
        rank,
        sections: cx.col.sections,
        used_sections: cx.col.used_sections,
        groups: cx.col.groups,
    };
    let diags = l.diags;
    let has_error = diags.iter().any(|d| d.severity == Severity::Error);
    (if has_error { None } else { Some(program) }, diags)
}

/// The name of every unit, by file index (one empty name when there is none).
fn file_names(units: &[Unit<'_>]) -> Vec<String> {
    let mut files: Vec<String> = units.iter().map(|u| u.name.to_string()).collect();
    if files.is_empty() {
        files.push(String::new());
    }
    files
}

/// State of the passes over documents (composition, header): the library, the diagnostics so far, and
/// the documents composition is inside of and has read.
struct Lowerer<'u, 'a> {
    units: &'u [Unit<'a>],
    diags: Vec<Diagnostic>,
    stack: Vec<(String, String)>,
    files: Vec<usize>,
}

impl<'u, 'a> Lowerer<'u, 'a> {
    fn new(units: &'u [Unit<'a>]) -> Self {
        Lowerer {
            units,
            diags: Vec::new(),
            stack: Vec::new(),
            files: Vec::new(),
        }
    }

    fn loc(file: usize, span: Span) -> Loc {
        Loc { file, span }
    }
}

/// A declaration's labels; the short label (`item x "…"`) stands in for a missing Chinese one.
pub(super) fn labels_of(l: &Option<ast::Labels>, short: &Option<ast::Text>) -> Labels {
    let mut out = Labels::default();
    if let Some(l) = l {
        out.zh = l.zh.as_ref().map(|t| t.value.clone());
        out.en = l.en.as_ref().map(|t| t.value.clone());
    }
    if out.zh.is_none() {
        out.zh = short.as_ref().map(|t| t.value.clone());
    }
    out
}

/// A citation as the IR keeps it.
pub(super) fn cite_of(c: &Option<ast::Citation>) -> Option<Cite> {
    c.as_ref().map(|c| Cite {
        source: c.source.value.clone(),
        tier: c.tier,
        note: c.note.as_ref().map(|n| n.value.clone()),
    })
}

/// Doc comments as plain strings.
pub(super) fn docs_of(d: &[ast::Text]) -> Vec<String> {
    d.iter().map(|t| t.value.clone()).collect()
}

// ---------------------------------------------------------------------------------------------- declarations

/// What a declared id stands for.
#[derive(Clone)]
enum Slot {
    Input(InputId),
    Def(DefId),
}

/// State of the passes over the collected declarations (names, definitions, order, examples): the
/// declared ids, interned symbols, typed inputs and the definitions lowered so far.
struct Cx<'l, 'u, 'a> {
    l: &'l mut Lowerer<'u, 'a>,
    col: Collected,
    root: usize,
    names: HashMap<String, Slot>,
    symbols: Vec<String>,
    sym_index: HashMap<String, Sym>,
    inputs: Vec<InputDef>,
    /// Lowered definitions by pending index.
    done: Vec<Option<(Def, Ty)>>,
    in_progress: Vec<bool>,
    depth: usize,
    used_inputs: Vec<bool>,
    /// `each x in GROUP { … }` being lowered: `x` stands for input slot, innermost last.
    bound: Vec<(String, InputId)>,
    /// Copies `each` has made so far, against [`MAX_EACH_COPIES`]; `true` once the limit was reported.
    each_copies: usize,
    each_capped: bool,
}

impl<'l, 'u, 'a> Cx<'l, 'u, 'a> {
    fn new(l: &'l mut Lowerer<'u, 'a>, col: Collected, root: usize) -> Self {
        let n = col.defs.len();
        Cx {
            l,
            col,
            root,
            names: HashMap::new(),
            symbols: Vec::new(),
            sym_index: HashMap::new(),
            inputs: Vec::new(),
            done: vec![None; n],
            in_progress: vec![false; n],
            depth: 0,
            used_inputs: Vec::new(),
            bound: Vec::new(),
            each_copies: 0,
            each_capped: false,
        }
    }

    fn err(&mut self, d: Diagnostic) {
        self.l.diags.push(d);
    }

    fn sym(&mut self, name: &str) -> Sym {
        if let Some(s) = self.sym_index.get(name) {
            return *s;
        }
        let s = self.symbols.len() as Sym;
        self.symbols.push(name.to_string());
        self.sym_index.insert(name.to_string(), s);
        s
    }
}
