//! "value ÷ limit ≤ k" without dividing.
//!
//! The tree evaluator divides (`Decimal::checked_div`, which rounds a quotient that does not end to
//! 28 digits) and compares the quotient with `k`. Comparing `value` with `k × limit` instead is exact,
//! and gives the same answer whenever the rounding cannot move the quotient across `k`. That is
//! guaranteed when every number has a mantissa below 10^6 and at most 4 decimals: then `value − k ×
//! limit` has at most 12 decimals, so when it is not zero `|value ÷ limit − k| ≥ 10^-12 ÷ |limit| >
//! 10^-18`, while a quotient below 2 × 10^6 (the only ones near a `k` below 10^6) is rounded by less
//! than 10^-21; and when it is zero the quotient is `k` itself, which division returns exactly. Outside
//! that range [`le_multiple`] answers `None` and the caller divides as the tree evaluator does.

use rust_decimal::Decimal;

/// The largest mantissa (exclusive) and scale of numbers compared without division.
const MAX_MANTISSA: u32 = 1_000_000;
const MAX_SCALE: u32 = 4;

/// 10^0 ..= 10^(2 × MAX_SCALE).
const POW10: [i64; 9] = [
    1,
    10,
    100,
    1_000,
    10_000,
    100_000,
    1_000_000,
    10_000_000,
    100_000_000,
];

/// The mantissa and scale of a number in range, read from its parts (no 128-bit arithmetic: every
/// product below stays under 10^16, well inside an `i64`).
#[inline]
fn small(d: &Decimal) -> Option<(i64, usize)> {
    let u = d.unpack();
    if u.hi != 0 || u.mid != 0 || u.lo >= MAX_MANTISSA || u.scale > MAX_SCALE {
        return None;
    }
    let m = i64::from(u.lo);
    Some((if u.negative { -m } else { m }, u.scale as usize))
}

/// Whether `value ÷ limit ≤ k` as the tree evaluator decides it (the multiple over a zero limit is 0
/// for a value at or below 0, else infinite), or `None` when the numbers are outside the range where
/// multiplying decides exactly as dividing.
#[inline]
pub fn le_multiple(value: &Decimal, limit: &Decimal, k: &Decimal) -> Option<bool> {
    le_factor(value, limit, Factor::new(k))
}

/// A factor `k`, read once for the comparisons of every listed item's limits with it.
#[derive(Clone, Copy, Debug)]
pub struct Factor(Option<(i64, usize)>);

impl Factor {
    #[inline]
    pub fn new(k: &Decimal) -> Factor {
        Factor(small(k))
    }
}

/// [`le_multiple`] with the factor already read.
#[inline]
pub fn le_factor(value: &Decimal, limit: &Decimal, k: Factor) -> Option<bool> {
    let (m, c) = k.0?;
    let (x, a) = small(value)?;
    let (l, b) = small(limit)?;
    if l == 0 {
        return Some(if x <= 0 { m >= 0 } else { false });
    }
    // value = x / 10^a, k × limit = m·l / 10^(b+c); compare x·10^(b+c) with m·l·10^a. In range:
    // |x·10^(b+c)| < 10^14 and |m·l·10^a| < 10^16.
    let lhs = x * POW10.get(b + c).copied()?;
    let rhs = m * l * POW10.get(a).copied()?;
    // Dividing by a negative limit turns the inequality round.
    Some(if l > 0 { lhs <= rhs } else { lhs >= rhs })
}

#[cfg(test)]
mod tests {
    use super::le_multiple;
    use crate::eval::{ratio, Multiple};
    use crate::ir::Val;
    use proptest::prelude::*;
    use rust_decimal::Decimal;

    fn dec(m: i64, s: u32) -> Decimal {
        Decimal::new(m, s)
    }

    fn by_division(x: Decimal, l: Decimal, k: Decimal) -> bool {
        match ratio(&Val::Num(x), &Val::Num(l)) {
            Some(Multiple::Finite(q)) => q <= k,
            _ => false,
        }
    }

    #[test]
    fn at_and_either_side_of_the_multiple() {
        let k = dec(3, 0);
        assert_eq!(le_multiple(&dec(9, 0), &dec(3, 0), &k), Some(true));
        assert_eq!(le_multiple(&dec(9001, 3), &dec(3, 0), &k), Some(false));
        assert_eq!(le_multiple(&dec(8999, 3), &dec(3, 0), &k), Some(true));
        // A negative limit turns the inequality round, as the quotient does.
        assert_eq!(le_multiple(&dec(-9, 0), &dec(-3, 0), &k), Some(true));
        assert_eq!(le_multiple(&dec(-10, 0), &dec(-3, 0), &k), Some(false));
        // A zero limit: 0 for a value at or below 0, else infinite.
        assert_eq!(le_multiple(&dec(0, 0), &dec(0, 0), &k), Some(true));
        assert_eq!(le_multiple(&dec(1, 4), &dec(0, 0), &k), Some(false));
        // Outside the range: the caller divides.
        assert_eq!(le_multiple(&dec(1, 5), &dec(3, 0), &k), None);
        assert_eq!(le_multiple(&dec(1_000_000, 0), &dec(3, 0), &k), None);
    }

    proptest! {
        #[test]
        fn multiplying_decides_as_dividing(
            x in -999_999i64..1_000_000, a in 0u32..=4,
            l in -999_999i64..1_000_000, b in 0u32..=4,
            m in -999_999i64..1_000_000, c in 0u32..=4,
        ) {
            let (x, l, k) = (dec(x, a), dec(l, b), dec(m, c));
            prop_assert_eq!(le_multiple(&x, &l, &k), Some(by_division(x, l, k)));
        }

        #[test]
        fn near_the_multiple(l in 1i64..1_000_000, b in 0u32..=4, m in 0i64..10_000, c in 0u32..=2,
                             d in -2i64..=2) {
            // value = k × limit, then one step of the value's last decimal either side.
            let (l, k) = (dec(l, b), dec(m, c));
            let at = k * l;
            let x = at + dec(d, at.scale());
            if let Some(r) = le_multiple(&x, &l, &k) {
                prop_assert_eq!(r, by_division(x, l, k));
            }
        }
    }
}
