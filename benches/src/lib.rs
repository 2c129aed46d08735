//! Inputs shared by the benchmarks and the profiling loop.

/// A 40-item standard: 40 percentage inputs, 10 vetoes, 30 plain items in two sections, a weighted score
/// and a grade.
pub fn standard_40() -> String {
    let mut s = String::from("standard bench.forty {\n  version \"1\"\n");
    for i in 0..40 {
        s.push_str(&format!(
            "  input x{i}: percent label zh \"指标{i}\" en \"indicator {i}\"\n"
        ));
    }
    s.push_str("  basic vetoes \"基本条件\" {\n");
    for i in 0..10 {
        s.push_str(&format!("    item v{i} \"否决{i}\" {{ x{i} >= 90% }}\n"));
    }
    s.push_str("  }\n  section a \"甲\" {\n");
    for i in 10..25 {
        s.push_str(&format!("    item i{i} \"项{i}\" {{ x{i} <= 5% }}\n"));
    }
    s.push_str("  }\n  section b \"乙\" {\n");
    for i in 25..40 {
        s.push_str(&format!(
            "    item i{i} \"项{i}\" {{ x{i} >= 60% and x{i} <= 99% }}\n"
        ));
    }
    s.push_str("  }\n  score total out_of 100 = 25% x0 + 25% x1 + 25% x2 + 25% x3\n");
    s.push_str("  grade rating from total {\n    good when >= 90\n    fair when >= 60 and < 90\n    poor otherwise\n  }\n}\n");
    s
}

/// An assessment for [`standard_40`] that passes every item.
pub fn assessment_40() -> String {
    let inputs: Vec<String> = (0..40)
        .map(|i| {
            format!(
                "\"x{i}\": {}",
                if i < 10 {
                    95
                } else if i < 25 {
                    3
                } else {
                    80
                }
            )
        })
        .collect();
    format!(
        "{{\"standard\": \"bench.forty\", \"inputs\": {{{}}}}}",
        inputs.join(", ")
    )
}

/// Hostile documents that grow one dimension, with an assessment each, for the growth table
/// (`cargo bench -p yardstick-benches --bench growth`) and the regression tests that keep every one of
/// them answering within its search budget (`benches/tests/hostile.rs`).
/// A document of `n` items shaped like the national basic conditions (a lower or upper limit each, on
/// a percentage, and every fifth item `at_least 3 of` the four before it `and the rest within 3x`),
/// with an assessment where about a third of the answers fail: evaluation time against document size.
pub fn scaled(n: usize) -> hostile::Case {
    let mut s = String::from("standard hostile {\n  version \"1\"\n");
    for k in 0..n {
        s.push_str(&format!("  input a{k}: percent range 0%..100%\n"));
    }
    let mut answers = Vec::with_capacity(n);
    for k in 0..n {
        if k % 5 == 4 {
            s.push_str(&format!(
                "  item i{k} {{ at_least 3 of [i{}, i{}, i{}, i{}] and the rest within 3x }}\n",
                k - 4,
                k - 3,
                k - 2,
                k - 1
            ));
            answers.push(format!("\"a{k}\": 0"));
        } else {
            s.push_str(&format!("  item i{k} {{ a{k} <= 3% }}\n"));
            let v = [1, 5, 2, 12, 3, 7][k % 6];
            answers.push(format!("\"a{k}\": {v}"));
        }
    }
    s.push_str("}\n");
    hostile::Case {
        name: "N items",
        doc: s,
        assessment: format!(
            "{{\"standard\": \"hostile\", \"inputs\": {{{}}}}}",
            answers.join(", ")
        ),
    }
}

pub mod hostile {
    /// A document and an assessment of it.
    pub struct Case {
        pub name: &'static str,
        pub doc: String,
        pub assessment: String,
    }

    fn inputs(pairs: impl Iterator<Item = String>) -> String {
        format!(
            "{{\"standard\": \"hostile\", \"inputs\": {{{}}}}}",
            pairs.collect::<Vec<_>>().join(", ")
        )
    }

    /// A ladder of `n` levels with `n` rows, every row failing.
    pub fn ladder(n: usize) -> Case {
        let mut s = String::from("standard hostile {\n  version \"1\"\n");
        for k in 0..n {
            s.push_str(&format!(
                "  input x{k}: number unit \"u\" range 0..100000\n"
            ));
        }
        let names: Vec<String> = (0..n).map(|k| format!("L{k}")).collect();
        s.push_str(&format!(
            "  levels level: {}, below LX {{\n",
            names.join(" > ")
        ));
        for k in 0..n {
            let ts: Vec<String> = (1..=n).map(|t| t.to_string()).collect();
            s.push_str(&format!("    x{k} <= [{}]\n", ts.join(", ")));
        }
        s.push_str("  }\n}\n");
        Case {
            name: "ladder N×N",
            doc: s,
            assessment: inputs((0..n).map(|k| format!("\"x{k}\": {}", n + 5))),
        }
    }

    fn items(n: usize, body: impl Fn(usize) -> String) -> String {
        let mut s = String::from("standard hostile {\n  version \"1\"\n");
        for k in 0..n {
            s.push_str(&format!("  input a{k}: percent range 0%..100%\n"));
        }
        for k in 0..n {
            s.push_str(&format!("  item i{k} {{ {} }}\n", body(k)));
        }
        s
    }

    /// `n` items, every answer missing (the calculator's blank form).
    pub fn missing(n: usize) -> Case {
        let mut doc = items(n, |k| format!("a{k} >= 90%"));
        doc.push_str("}\n");
        Case {
            name: "N missing inputs",
            doc,
            assessment: inputs(std::iter::empty()),
        }
    }

    /// `n` items, every one failing.
    pub fn failing(n: usize) -> Case {
        let mut doc = items(n, |k| format!("a{k} >= 90%"));
        doc.push_str("}\n");
        Case {
            name: "N failing items",
            doc,
            assessment: inputs((0..n).map(|k| format!("\"a{k}\": 50"))),
        }
    }

    /// `at_least n of [...]` over `n` items, every one failing.
    pub fn at_least(n: usize) -> Case {
        let mut doc = items(n, |k| format!("a{k} <= 3%"));
        let list: Vec<String> = (0..n).map(|k| format!("i{k}")).collect();
        doc.push_str(&format!(
            "  item most {{ at_least {n} of [{}] and the rest within 3x }}\n}}\n",
            list.join(", ")
        ));
        Case {
            name: "at_least N",
            doc,
            assessment: inputs((0..n).map(|k| format!("\"a{k}\": 50"))),
        }
    }

    /// Two versions of `n` items whose every limit moved: the old document and the new one.
    pub fn diff(n: usize) -> (String, String) {
        let mut old = items(n, |k| format!("a{k} <= 10%"));
        old.push_str("}\n");
        let mut new = items(n, |k| format!("a{k} <= 9%"));
        new.push_str("}\n");
        (old, new)
    }
}

/// The engine below the facade, for the compiled-against-tree benchmarks: programs compiled from
/// texts with `yardstick-core`, and assessments as the engine's values.
pub mod core {
    use rust_decimal::Decimal;
    use std::str::FromStr;
    use yardstick_core::ir::{Program, Val};

    /// Compile `texts[root]` with every text available to `use` and `extends`.
    pub fn program(texts: &[(String, String)], root: usize) -> Option<Program> {
        let docs: Vec<_> = texts
            .iter()
            .map(|(_, t)| yardstick_syntax::parse(t).ok())
            .collect::<Option<Vec<_>>>()?;
        let units: Vec<yardstick_core::Unit<'_>> = texts
            .iter()
            .zip(&docs)
            .map(|((name, text), doc)| yardstick_core::Unit { name, text, doc })
            .collect();
        yardstick_core::compile(&units, root).0
    }

    /// The `inputs` of an assessment's JSON text as the engine's values by input slot (numbers exact
    /// from their text, yes/no, enum names); missing ones unknown.
    pub fn inputs(p: &Program, assessment: &str) -> Vec<Val> {
        let mut vals = vec![Val::Unknown; p.inputs.len()];
        let Ok(serde_json::Value::Object(o)) = serde_json::from_str(assessment) else {
            return vals;
        };
        let Some(serde_json::Value::Object(given)) = o.get("inputs") else {
            return vals;
        };
        for (k, v) in given {
            let Some(i) = p.input_index(k) else { continue };
            let val = match v {
                serde_json::Value::Bool(b) => Val::Bool(*b),
                serde_json::Value::Number(n) => match Decimal::from_str(&n.to_string()) {
                    Ok(d) => Val::Num(d),
                    Err(_) => continue,
                },
                serde_json::Value::String(s) => match p.sym_id(s) {
                    Some(s) => Val::Sym(s),
                    None => continue,
                },
                _ => continue,
            };
            if let Some(slot) = vals.get_mut(i.index()) {
                *slot = val;
            }
        }
        vals
    }
}
