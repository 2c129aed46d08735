//! Ranking assessments by a standard's `rank by` keys, with tie-breaks.
//!
//! Keys are compared in order (`desc` unless `asc` is written); assessments equal on every key share a
//! rank and the next rank skips ("1, 2, 2, 4"). An assessment whose key cannot be computed (an answer is
//! missing) is not ranked and says why.

use crate::json::Assessment;
use crate::{Error, Standard};
use serde::Serialize;
use yardstick_core::eval::{evaluate, Inspector, XNum};

/// One assessment's place.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Ranked {
    pub name: String,
    /// 1-based; `None` when a key could not be computed.
    pub rank: Option<usize>,
    /// The key values, in key order (`None` when missing).
    pub keys: Vec<Option<String>>,
    pub outcome: String,
}

/// Rank named assessments under `std`'s `rank by` rule.
pub fn rank(std: &Standard, assessments: &[(String, Assessment)]) -> Result<Vec<Ranked>, Error> {
    let p = std.program();
    let Some(rule) = &p.rank else {
        return Err(Error::NotFound(crate::Failure {
            code: crate::codes::LACKS_RULE.into(),
            ..crate::Failure::from_msg(crate::catalogue::no_rank_rule(std.id(), std.version()))
        }));
    };
    let mut rows: Vec<(String, Option<Vec<XNum>>, String)> = Vec::new();
    // Whether each subject fails a basic condition (for `rank by …, vetoed last`).
    let mut vetoed: Vec<bool> = Vec::new();
    for (name, a) in assessments {
        let e = evaluate(p, &a.values).map_err(|x| crate::json::eval_failure(std, &x))?;
        let mut insp = Inspector::new(p, &a.values, &e);
        let mut keys = Vec::new();
        for (ex, _) in &rule.keys {
            match insp.expr(yardstick_core::ir::DefId(0), ex) {
                Ok(v) => keys.push(XNum::of(&v)),
                Err(x) => return Err(crate::json::eval_failure(std, &x)),
            }
        }
        let complete = keys
            .iter()
            .all(Option::is_some)
            .then(|| keys.iter().flatten().copied().collect());
        rows.push((name.clone(), complete, e.outcome.as_str().to_string()));
        vetoed.push(!e.vetoed_by.is_empty());
    }
    let dirs: Vec<bool> = rule.keys.iter().map(|(_, asc)| *asc).collect();
    let cmp = |a: &Vec<XNum>, b: &Vec<XNum>| {
        for ((x, y), asc) in a.iter().zip(b).zip(&dirs) {
            let o = if *asc { x.cmp(y) } else { y.cmp(x) };
            if o != std::cmp::Ordering::Equal {
                return o;
            }
        }
        std::cmp::Ordering::Equal
    };
    // Complete keys first, in key order; incomplete ones after them.
    let by_keys = |a: &Option<Vec<XNum>>, b: &Option<Vec<XNum>>| match (a, b) {
        (Some(a), Some(b)) => cmp(a, b),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    };
    let mut order: Vec<usize> = (0..rows.len()).collect();
    // Stable: equal keys keep input order; with `vetoed last`, vetoed subjects come after all others.
    let last = rule.vetoed_last;
    let group = |i: usize| last && vetoed.get(i).copied().unwrap_or(false);
    yardstick_syntax::sort::sort_by(&mut order, |&i, &j| {
        group(i)
            .cmp(&group(j))
            .then_with(|| by_keys(&rows[i].1, &rows[j].1))
    });
    let mut out = Vec::with_capacity(rows.len());
    let mut prev: Option<(&Vec<XNum>, bool, usize)> = None;
    for (pos, &i) in order.iter().enumerate() {
        let (name, keys, outcome) = &rows[i];
        let g = group(i);
        let rank = keys.as_ref().map(|k| match prev {
            Some((pk, pg, r)) if pg == g && cmp(pk, k) == std::cmp::Ordering::Equal => r,
            _ => pos + 1,
        });
        if let (Some(k), Some(r)) = (keys, rank) {
            prev = Some((k, g, r));
        }
        out.push(Ranked {
            name: name.clone(),
            rank,
            keys: keys
                .as_ref()
                .map(|k| {
                    k.iter()
                        .map(|x| yardstick_core::explain::fmt_val(p, &x.val()))
                        .map(Some)
                        .collect()
                })
                .unwrap_or_else(|| vec![None; dirs.len()]),
            outcome: outcome.clone(),
        });
    }
    Ok(out)
}
