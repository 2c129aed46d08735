//! Dependency order: definitions sorted so that each comes after every definition it reads.
//!
//! Reads the lowered definitions (in document order). Produces them in a topological order (breadth
//! first from the definitions that read no other, in document order) with every reference renumbered,
//! and the `remap` from document index to ordered index for what is lowered afterwards (examples,
//! `require` rules, ranking). Then checks the longest chain of
//! references against [`MAX_DEF_CHAIN`] (Y0104), whatever order the definitions were written in.

use super::{Cx, MAX_DEF_CHAIN};
use crate::diag::{Code, Diagnostic};
use crate::ir::{def_exprs, remap_def, walk, Def, DefId, Ex};
use crate::words::diagnostics as d;

impl<'l, 'u, 'a> Cx<'l, 'u, 'a> {
    /// The ordering pass: the definitions in dependency order and the remap from document order, or
    /// `None` when a definition could not be lowered or the references form a cycle.
    pub(super) fn order(&self) -> Option<(Vec<Def>, Vec<DefId>)> {
        let defs: Vec<Def> = self
            .done
            .iter()
            .map(|d| d.as_ref().map(|x| x.0.clone()))
            .collect::<Option<Vec<_>>>()?;
        let order = topo_order(&defs)?;
        let mut remap = vec![DefId(0); defs.len()];
        for (new, old) in order.iter().enumerate() {
            remap[*old] = DefId::from_index(new);
        }
        let mut ordered: Vec<Def> = order.iter().filter_map(|&o| defs.get(o).cloned()).collect();
        for d in &mut ordered {
            remap_def(d, &remap);
        }
        Some((ordered, remap))
    }

    /// The chain limit on the dependency graph, whatever the order the definitions were written in:
    /// lowering follows references recursively only into definitions not lowered yet, so a chain written
    /// in dependency order never deepens that recursion. One pass over the ordered definitions.
    pub(super) fn check_chain_depth(&mut self, ordered: &[Def]) {
        if self.l.diags.iter().any(|d| d.code == Code::Y0104) {
            return;
        }
        // Links below each definition: 0 for one that reads no other definition.
        let mut depth = vec![0usize; ordered.len()];
        for (k, d) in ordered.iter().enumerate() {
            // One more link than the deepest definition it reads; none when it reads none.
            let mut below: Option<usize> = None;
            for ex in def_exprs(d) {
                walk(ex, &mut |x| {
                    if let Ex::Def(j) | Ex::Exceedance { def: j, .. } = x {
                        let dj = depth.get(j.index()).copied().unwrap_or(0);
                        below = Some(below.map_or(dj, |b| b.max(dj)));
                    }
                });
            }
            depth[k] = below.map_or(0, |b| b + 1);
            if depth[k] > MAX_DEF_CHAIN {
                self.err(
                    Diagnostic::error_msg(
                        Code::Y0104,
                        d.loc,
                        d::y0104_chain_too_deep(&d.id, &MAX_DEF_CHAIN),
                        d::y0104_chain_label(),
                    )
                    .help_msg(d::y0104_definitions_too_deep_help()),
                );
                return;
            }
        }
    }
}

/// Dependencies of each definition, in order: the defs it reads.
pub(crate) fn deps(d: &Def) -> Vec<usize> {
    let mut out = Vec::new();
    for e in def_exprs(d) {
        walk(e, &mut |x| match x {
            Ex::Def(i) | Ex::Exceedance { def: i, .. } => out.push(i.index()),
            _ => {}
        });
    }
    out
}

fn topo_order(defs: &[Def]) -> Option<Vec<usize>> {
    let n = defs.len();
    let mut indeg = vec![0usize; n];
    let mut users: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, d) in defs.iter().enumerate() {
        for dep in deps(d) {
            if dep < n && dep != i {
                indeg[i] += 1;
                users[dep].push(i);
            }
        }
    }
    let mut ready: std::collections::VecDeque<usize> = (0..n).filter(|i| indeg[*i] == 0).collect();
    let mut order = Vec::with_capacity(n);
    while let Some(i) = ready.pop_front() {
        order.push(i);
        for &u in &users[i] {
            indeg[u] -= 1;
            if indeg[u] == 0 {
                ready.push_back(u);
            }
        }
    }
    (order.len() == n).then_some(order)
}
