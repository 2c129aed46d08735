//! Walking the IR: visiting every node of an expression, every expression of a definition, and
//! renumbering the definitions an expression refers to.
//!
//! Used by lowering (ordering, chain depth), by explanations and fixes, and by callers outside the crate
//! (through `lower::walk` and `lower::def_exprs`, where they were first).

use super::{Def, DefId, DefKind, Ex, ScoreKind};

/// Visit every node of an expression (pre-order).
pub fn walk<'a>(ex: &'a Ex, f: &mut dyn FnMut(&'a Ex)) {
    f(ex);
    match ex {
        Ex::Const(_) | Ex::Input(_) | Ex::Def(_) | Ex::Exceedance { .. } => {}
        Ex::Neg(x) | Ex::Not(x) => walk(x, f),
        Ex::If(i) => {
            walk(&i.cond, f);
            walk(&i.then, f);
            walk(&i.otherwise, f);
        }
        Ex::Arith { lhs, rhs, .. } => {
            walk(lhs, f);
            walk(rhs, f);
        }
        Ex::Cmp(c) => {
            walk(&c.lhs, f);
            walk(&c.rhs, f);
        }
        Ex::In { lhs, .. } => walk(lhs, f),
        Ex::And(xs)
        | Ex::Or(xs)
        | Ex::AllOf(xs)
        | Ex::AnyOf(xs)
        | Ex::NoneOf(xs)
        | Ex::AtLeast { list: xs, .. }
        | Ex::Call { args: xs, .. } => {
            for x in xs {
                walk(x, f);
            }
        }
    }
}

/// Visit every node of an expression (pre-order), mutably.
pub(crate) fn walk_mut(ex: &mut Ex, f: &mut dyn FnMut(&mut Ex)) {
    f(ex);
    match ex {
        Ex::Const(_) | Ex::Input(_) | Ex::Def(_) | Ex::Exceedance { .. } => {}
        Ex::Neg(x) | Ex::Not(x) => walk_mut(x, f),
        Ex::If(i) => {
            walk_mut(&mut i.cond, f);
            walk_mut(&mut i.then, f);
            walk_mut(&mut i.otherwise, f);
        }
        Ex::Arith { lhs, rhs, .. } => {
            walk_mut(lhs, f);
            walk_mut(rhs, f);
        }
        Ex::Cmp(c) => {
            walk_mut(&mut c.lhs, f);
            walk_mut(&mut c.rhs, f);
        }
        Ex::In { lhs, .. } => walk_mut(lhs, f),
        Ex::And(xs)
        | Ex::Or(xs)
        | Ex::AllOf(xs)
        | Ex::AnyOf(xs)
        | Ex::NoneOf(xs)
        | Ex::AtLeast { list: xs, .. }
        | Ex::Call { args: xs, .. } => {
            for x in xs {
                walk_mut(x, f);
            }
        }
    }
}

/// Renumber every definition `ex` refers to: `Def(d)` and `Exceedance { def: d, .. }` become `remap[d]`.
pub(crate) fn remap_ex(ex: &mut Ex, remap: &[DefId]) {
    walk_mut(ex, &mut |e| match e {
        Ex::Def(d) => *d = remap.get(d.index()).copied().unwrap_or(*d),
        Ex::Exceedance { def, .. } => *def = remap.get(def.index()).copied().unwrap_or(*def),
        _ => {}
    });
}

/// Every expression of a definition.
pub fn def_exprs(d: &Def) -> Vec<&Ex> {
    let mut v: Vec<&Ex> = Vec::new();
    match &d.kind {
        DefKind::Value(e) => v.push(e),
        DefKind::Item { applies, body, .. } => {
            v.extend(applies.iter());
            v.push(body);
        }
        DefKind::Levels(l) => {
            for r in &l.rows {
                v.push(&r.subject);
                v.extend(r.thresholds.iter());
            }
        }
        DefKind::Score { kind, .. } => match kind {
            ScoreKind::Weighted(ts) => v.extend(ts.iter().map(|t| &t.1)),
            ScoreKind::Expr(e) => v.push(e),
            ScoreKind::Deductions {
                start,
                rules,
                floor,
                ..
            } => {
                v.push(start);
                v.extend(rules.iter().map(|r| &r.per));
                v.extend(floor.iter());
            }
        },
        DefKind::Grade { from, vetoed, .. } => {
            v.push(from);
            v.extend(vetoed.iter().map(|x| &x.when));
        }
    }
    v
}

/// Renumber every definition `d`'s expressions refer to (see [`remap_ex`]).
pub(crate) fn remap_def(d: &mut Def, remap: &[DefId]) {
    match &mut d.kind {
        DefKind::Value(e) => remap_ex(e, remap),
        DefKind::Item { applies, body, .. } => {
            if let Some(a) = applies {
                remap_ex(a, remap);
            }
            remap_ex(body, remap);
        }
        DefKind::Levels(l) => {
            for r in &mut l.rows {
                remap_ex(&mut r.subject, remap);
                for t in &mut r.thresholds {
                    remap_ex(t, remap);
                }
            }
        }
        DefKind::Score { kind, .. } => match kind {
            ScoreKind::Weighted(ts) => {
                for t in ts {
                    remap_ex(&mut t.1, remap);
                }
            }
            ScoreKind::Expr(e) => remap_ex(e, remap),
            ScoreKind::Deductions {
                start,
                rules,
                floor,
                ..
            } => {
                remap_ex(start, remap);
                for r in rules {
                    remap_ex(&mut r.per, remap);
                }
                if let Some(f) = floor {
                    remap_ex(f, remap);
                }
            }
        },
        DefKind::Grade { from, vetoed, .. } => {
            remap_ex(from, remap);
            if let Some(x) = vetoed {
                remap_ex(&mut x.when, remap);
            }
        }
    }
}
