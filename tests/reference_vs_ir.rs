#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The IR evaluator agrees with the reference evaluator on generated documents and assessments: overall
//! outcome, every item's outcome, every ladder, score and grade. Every fix the engine proposes is checked
//! with the reference evaluator too: applying it makes the item pass.

use proptest::prelude::*;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use yardstick::api::Value;
use yardstick_tests::reference::{self, RVal};

#[derive(Clone, Debug)]
enum Kind {
    Pct,
    Count,
    Bool,
}

#[derive(Clone, Debug)]
struct Gen {
    kinds: Vec<Kind>,
    text: String,
    items: Vec<String>,
}

fn cond(kinds: &[Kind], depth: u32) -> BoxedStrategy<String> {
    let n = kinds.len();
    let kinds2 = kinds.to_vec();
    let leaf = (0..n, 0..6usize, 0u32..12).prop_map(move |(i, op, t)| {
        let ops = [">=", ">", "<=", "<", "==", "!="];
        match kinds2[i] {
            Kind::Pct => format!("x{i} {} {}%", ops[op], t * 10),
            Kind::Count => format!("x{i} {} {}", ops[op], t),
            Kind::Bool => {
                if op % 2 == 0 {
                    format!("x{i}")
                } else {
                    format!("not x{i}")
                }
            }
        }
    });
    if depth == 0 {
        return leaf.boxed();
    }
    let sub = cond(kinds, depth - 1);
    prop_oneof![
        3 => leaf,
        1 => (sub.clone(), sub.clone()).prop_map(|(a, b)| format!("({a} and {b})")),
        1 => (sub.clone(), sub.clone()).prop_map(|(a, b)| format!("({a} or {b})")),
        1 => sub.clone().prop_map(|a| format!("not ({a})")),
        1 => prop::collection::vec(sub.clone(), 1..4).prop_map(|v| format!("all_of [{}]", v.join(", "))),
        1 => prop::collection::vec(sub.clone(), 1..4).prop_map(|v| format!("any_of [{}]", v.join(", "))),
        1 => prop::collection::vec(sub, 1..4).prop_map(|v| format!("none_of [{}]", v.join(", "))),
    ]
    .boxed()
}

fn document() -> impl Strategy<Value = Gen> {
    prop::collection::vec(
        prop_oneof![Just(Kind::Pct), Just(Kind::Count), Just(Kind::Bool)],
        2..6,
    )
    .prop_flat_map(|kinds| {
        let n_pct: Vec<usize> = kinds
            .iter()
            .enumerate()
            .filter(|(_, k)| matches!(k, Kind::Pct))
            .map(|(i, _)| i)
            .collect();
        let bools: Vec<usize> = kinds
            .iter()
            .enumerate()
            .filter(|(_, k)| matches!(k, Kind::Bool))
            .map(|(i, _)| i)
            .collect();
        let items = prop::collection::vec(
            (cond(&kinds, 2), any::<bool>(), any::<bool>(), any::<bool>()),
            1..5,
        );
        let limits = prop::collection::vec((0..kinds.len(), 0u32..8), 0..4);
        let extras = (
            any::<bool>(),
            1u32..4,
            any::<bool>(),
            1u32..4,
            any::<bool>(),
            0u32..4,
            0u32..4,
            0u32..64,
        );
        (Just(kinds), Just(n_pct), Just(bools), items, limits, extras)
    })
    .prop_map(
        |(
            kinds,
            pcts,
            bools,
            items,
            limits,
            (with_at_least, k, with_within, within, with_ladder, l1, l2, unknown),
        )| {
            let mut t = String::from("standard gen {\n  version \"1\"\n");
            for (i, k) in kinds.iter().enumerate() {
                let ty = match k {
                    Kind::Pct => "percent",
                    Kind::Count => "count",
                    Kind::Bool => "bool",
                };
                t.push_str(&format!("  input x{i}: {ty}\n"));
            }
            let mut ids = Vec::new();
            t.push_str("  basic {\n");
            for (j, (c, veto, applies, _)) in items.iter().enumerate() {
                if !*veto {
                    continue;
                }
                let ap = match (applies, bools.first()) {
                    (true, Some(b)) => format!(" applies when x{b}"),
                    _ => String::new(),
                };
                t.push_str(&format!("    item i{j}{ap} {{ {c} }}\n"));
                ids.push(format!("i{j}"));
            }
            t.push_str("  }\n  section s {\n");
            for (j, (c, veto, applies, _)) in items.iter().enumerate() {
                if *veto {
                    continue;
                }
                let ap = match (applies, bools.first()) {
                    (true, Some(b)) => format!(" applies when not x{b}"),
                    _ => String::new(),
                };
                t.push_str(&format!("    item i{j}{ap} {{ {c} }}\n"));
                ids.push(format!("i{j}"));
            }
            t.push_str("  }\n");
            // Items with upper limits, for `at_least … and the rest within Nx`.
            let mut limit_ids = Vec::new();
            for (j, (i, v)) in limits.iter().enumerate() {
                let lim = match kinds[*i] {
                    Kind::Pct => format!("x{i} <= {}%", v * 5),
                    Kind::Count => format!("x{i} <= {v}"),
                    Kind::Bool => continue,
                };
                t.push_str(&format!("  item l{j} {{ {lim} }}\n"));
                limit_ids.push(format!("l{j}"));
                ids.push(format!("l{j}"));
            }
            if with_at_least && !limit_ids.is_empty() {
                let k = k.min(limit_ids.len() as u32);
                let rest = if with_within {
                    format!(" and the rest within {within}x")
                } else {
                    String::new()
                };
                t.push_str(&format!(
                    "  item al {{ at_least {k} of [{}]{rest} }}\n",
                    limit_ids.join(", ")
                ));
                ids.push("al".into());
            }
            if with_ladder && !pcts.is_empty() {
                let p = pcts[0];
                let (a, b) = (l1.min(l2) * 10, l1.max(l2) * 10 + 5);
                t.push_str(&format!(
                    "  levels lv: A > B, below C {{\n    x{p} <= [{a}%, {b}%]\n  }}\n"
                ));
                // A second ladder with limits written `unknown` (bit k of `unknown`: level k of the
                // upper-limit row, bit 3 + k: level k of the lower-limit row on a count).
                let lim = |k: u32, v: String| {
                    if unknown & (1 << k) != 0 {
                        "unknown".to_string()
                    } else {
                        v
                    }
                };
                let (a3, b3, c3) = (l1.min(l2) * 10, l1.max(l2) * 10 + 5, l1.max(l2) * 10 + 25);
                t.push_str(&format!(
                    "  levels lu: A > B > C, below D {{\n    x{p} <= [{}, {}, {}]\n",
                    lim(0, format!("{a3}%")),
                    lim(1, format!("{b3}%")),
                    lim(2, format!("{c3}%"))
                ));
                if let Some(c) = kinds.iter().position(|k| matches!(k, Kind::Count)) {
                    t.push_str(&format!(
                        "    x{c} >= [{}, {}, {}]\n",
                        lim(3, (l2 + 6).to_string()),
                        lim(4, (l2 + 3).to_string()),
                        lim(5, l2.to_string())
                    ));
                }
                t.push_str("  }\n");
                if pcts.len() > 1 {
                    t.push_str(&format!("  score sc = 50% x{p} + 50% x{}\n", pcts[1]));
                    t.push_str("  grade g from sc {\n    hi when >= 50\n    lo otherwise\n  }\n");
                }
            }
            t.push_str("}\n");
            Gen {
                kinds,
                text: t,
                items: ids,
            }
        },
    )
}

fn assessment(kinds: &[Kind]) -> impl Strategy<Value = Vec<Option<i64>>> {
    let n = kinds.len();
    prop::collection::vec(prop::option::weighted(0.85, 0i64..11), n)
}

fn run(g: &Gen, values: &[Option<i64>]) {
    let std = match yardstick::Standard::from_text("gen.yard", &g.text) {
        Ok(s) => s,
        Err(e) => panic!("generated document does not compile: {e:?}\n{}", g.text),
    };
    let mut json_inputs = serde_json::Map::new();
    let mut ref_inputs = BTreeMap::new();
    for (i, (k, v)) in g.kinds.iter().zip(values).enumerate() {
        let id = format!("x{i}");
        match (k, v) {
            (_, None) => {}
            (Kind::Pct, Some(v)) => {
                json_inputs.insert(id.clone(), serde_json::json!(v * 10));
                ref_inputs.insert(id, RVal::Num(Decimal::from(v * 10)));
            }
            (Kind::Count, Some(v)) => {
                json_inputs.insert(id.clone(), serde_json::json!(v));
                ref_inputs.insert(id, RVal::Num(Decimal::from(*v)));
            }
            (Kind::Bool, Some(v)) => {
                json_inputs.insert(id.clone(), serde_json::json!(v % 2 == 0));
                ref_inputs.insert(id, RVal::Bool(v % 2 == 0));
            }
        }
    }
    let doc = yardstick_syntax::parse(&g.text).unwrap();
    let expected = reference::evaluate(&doc, &ref_inputs);
    let a = serde_json::json!({"standard": "gen", "inputs": json_inputs});
    let r = std
        .evaluate_text(&a.to_string(), &yardstick::Options::default())
        .unwrap_or_else(|e| panic!("evaluation failed: {e:?}\n{}\ninputs {a}", g.text));
    assert_eq!(
        r.outcome.as_str(),
        expected.outcome,
        "outcome\n{}\ninputs {a}",
        g.text
    );
    for it in &r.items {
        if let Some(exp) = expected.items.get(it.id.as_str()) {
            let got = it.outcome.map(|o| o.as_str()).unwrap_or("null");
            assert_eq!(got, *exp, "item {}\n{}\ninputs {a}", it.id, g.text);
        }
    }
    assert_eq!(expected.items.len(), g.items.len());
    for (k, v) in &expected.outputs {
        let shown = match r.outputs.get(k) {
            None | Some(Value::Missing) => "unknown".to_string(),
            Some(Value::Text(s)) => s.clone(),
            Some(Value::Number(n)) => n.as_decimal().normalize().to_string(),
            Some(o) => o.to_string(),
        };
        assert_eq!(&shown, v, "output {k}\n{}\ninputs {a}", g.text);
    }
    // Every fix, applied, makes its item pass in the reference evaluator too.
    for fx in &r.fixes {
        let f = serde_json::to_string(fx).unwrap_or_default();
        let mut fixed = ref_inputs.clone();
        let input = fx.input.clone();
        let v = match &fx.to {
            Value::Bool(b) => RVal::Bool(*b),
            Value::Number(n) => RVal::Num(n.as_decimal()),
            o => panic!("unexpected fix value {o}"),
        };
        fixed.insert(input, v);
        let after = reference::evaluate(&doc, &fixed);
        let item = fx.item.as_str();
        if let Some(o) = after.items.get(item) {
            assert_eq!(
                *o, "pass",
                "fix {f} does not make {item} pass\n{}\ninputs {a}",
                g.text
            );
        } else {
            // A ladder's fix reaches a passing level, decided: `lv` is below at C, `lu` at D.
            let below = if item == "lu" { "D" } else { "C" };
            let got = after.outputs.get(item).map(String::as_str);
            assert!(
                got != Some(below) && got != Some("unknown"),
                "fix {f} does not lift {item} (got {got:?})\n{}",
                g.text
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]
    #[test]
    fn ir_agrees_with_reference((g, values) in document().prop_flat_map(|g| { let k = g.kinds.clone(); (Just(g), assessment(&k)) })) {
        run(&g, &values);
    }
}

#[test]
fn ir_agrees_on_a_fixed_case() {
    let g = Gen {
        kinds: vec![Kind::Pct, Kind::Count, Kind::Bool],
        text: "standard gen {\n  version \"1\"\n  input x0: percent\n  input x1: count\n  input x2: bool\n  basic {\n    item i0 { x0 >= 90% }\n  }\n  item l0 { x1 <= 3 }\n  item l1 { x0 <= 50% }\n  item al { at_least 1 of [l0, l1] and the rest within 2x }\n}\n".into(),
        items: vec!["i0".into(), "l0".into(), "l1".into(), "al".into()],
    };
    for vals in [
        [Some(9), Some(5), None],
        [Some(10), Some(7), Some(0)],
        [None, Some(1), Some(1)],
    ] {
        run(&g, &vals);
    }
}
