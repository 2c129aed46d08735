//! Sorting through one copy of the standard library's sort.
//!
//! `slice::sort_by` is generic over the element and the comparison: each call site with another element
//! type or closure compiles its own copy of the whole sort (about 2.5 KB of WebAssembly after wasm-opt,
//! and the browser engine had about 20 of them: 59 KB of its 876 KB of code). The functions here sort a
//! list of positions with one non-generic routine (`sort_positions`) and a comparison passed as
//! `&dyn Fn`, then move the elements into that order. They are stable, like `slice::sort_by`: elements
//! that compare equal keep their order, so the result is the one `sort_by` gives.
//!
//! That is for the browser engine only: natively, where code size matters less than time (the fix
//! search sorts its candidates on every result), they are `slice::sort_by` itself.
//!
//! ```
//! let mut v = vec![(2, "b"), (1, "z"), (2, "a"), (1, "y")];
//! yardstick_syntax::sort::sort_by_key(&mut v, |p| p.0);
//! assert_eq!(v, [(1, "z"), (1, "y"), (2, "b"), (2, "a")]);
//! let mut w = vec!["pear", "apple", "fig"];
//! yardstick_syntax::sort::sort(&mut w);
//! assert_eq!(w, ["apple", "fig", "pear"]);
//! ```

use std::cmp::Ordering;

/// Sort stably by a comparison (as `slice::sort_by`).
pub fn sort_by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    #[cfg(target_arch = "wasm32")]
    by_positions(v, cmp);
    #[cfg(not(target_arch = "wasm32"))]
    v.sort_by(cmp);
}

/// [`sort_by`] through the one non-generic sort of positions (the browser engine's).
#[cfg(any(target_arch = "wasm32", test))]
fn by_positions<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let mut order: Vec<usize> = (0..v.len()).collect();
    {
        let items: &[T] = v;
        sort_positions(&mut order, &|a, b| match (items.get(a), items.get(b)) {
            (Some(x), Some(y)) => cmp(x, y),
            _ => a.cmp(&b),
        });
    }
    permute(v, order);
}

/// Sort stably by a key (as `slice::sort_by_key`: the key is computed at each comparison).
pub fn sort_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sort stably in the elements' order (as `slice::sort`, and as `slice::sort_unstable` where equal
/// elements cannot be told apart).
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// The one instantiation of the standard library's stable sort.
#[cfg(any(target_arch = "wasm32", test))]
#[inline(never)]
fn sort_positions(order: &mut [usize], cmp: &dyn Fn(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| cmp(a, b));
}

/// Put the element at `order[k]` at `k`, for every `k`, by following each cycle of the permutation.
#[cfg(any(target_arch = "wasm32", test))]
fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
    for start in 0..order.len() {
        let mut at = start;
        while let Some(slot) = order.get_mut(at) {
            let from = std::mem::replace(slot, at);
            if from == start || from == at {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_as_the_standard_library_does(v in proptest::collection::vec((0u8..6, any::<u16>()), 0..60)) {
            let mut ours = v.clone();
            let mut std_ = v;
            by_positions(&mut ours, |a, b| a.0.cmp(&b.0));
            std_.sort_by_key(|p| p.0);
            prop_assert_eq!(ours, std_);
        }

        #[test]
        fn sorts_fully_ordered_elements(v in proptest::collection::vec(any::<i32>(), 0..60)) {
            let mut ours = v.clone();
            let mut std_ = v;
            by_positions(&mut ours, i32::cmp);
            std_.sort();
            prop_assert_eq!(ours, std_);
        }
    }
}
