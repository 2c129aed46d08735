//! A standard as a page a policy officer can print and review: header and lineage, inputs, sections and
//! items with their rules and sources, level tables, scores and grades, worked examples, and what changed
//! from the version it extends or supersedes.

use crate::Standard;
use yardstick_core::explain::{fmt_num, op_sign};
use yardstick_core::ir::{Cite, DefKind, Ex, Program, ScoreKind, Ty};

fn src_text(std: &Standard, loc: yardstick_core::Loc) -> String {
    std.sources()
        .get(loc.file)
        .and_then(|s| s.text.get(loc.span.start..loc.span.end))
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

fn cite(c: &Option<Cite>) -> String {
    match c {
        Some(c) => {
            let mut s = c.source.clone();
            if let Some(t) = c.tier {
                s.push_str(&format!(" (tier {})", t.letter()));
            }
            if let Some(n) = &c.note {
                s.push_str(&format!("; {n}"));
            }
            s
        }
        None => String::new(),
    }
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn ty_text(t: &Ty, p: &Program) -> String {
    match t {
        Ty::Bool => "yes/no".into(),
        Ty::Count => "count".into(),
        Ty::Percent => "%".into(),
        Ty::Number(Some(u)) => format!("number ({u})"),
        Ty::Number(None) | Ty::Lit => "number".into(),
        Ty::Enum(s) => s.iter().map(|x| p.sym(*x)).collect::<Vec<_>>().join(" / "),
        Ty::Date => "date".into(),
        Ty::Series(n, e) => format!("{n} yearly values ({})", ty_text(e, p)),
        _ => String::new(),
    }
}

/// Render as Markdown. `base` is the standard this one extends or supersedes, when known.
pub fn markdown(std: &Standard, base: Option<&Standard>) -> String {
    let p = std.program();
    let h = &p.header;
    let mut o = String::new();
    o.push_str(&format!("# {}\n\n", h.title.zh_or(&h.id)));
    if let Some(en) = &h.title.en {
        o.push_str(&format!("*{en}*\n\n"));
    }
    for d in &h.docs {
        o.push_str(&format!("{d}\n"));
    }
    if !h.docs.is_empty() {
        o.push('\n');
    }
    o.push_str("| | |\n|---|---|\n");
    o.push_str(&format!(
        "| id | `{}` |\n| version | {} |\n",
        h.id,
        cell(&h.version)
    ));
    let window = match (h.from, h.until) {
        (Some(f), Some(u)) => format!("from {f} until {u} (exclusive)"),
        (Some(f), None) => format!("from {f}"),
        (None, Some(u)) => format!("until {u} (exclusive)"),
        (None, None) => "not stated".into(),
    };
    o.push_str(&format!(
        "| in force | {window}{} |\n",
        h.effective_note
            .as_ref()
            .map(|n| format!(" — {}", cell(n)))
            .unwrap_or_default()
    ));
    o.push_str(&format!(
        "| status | {} |\n",
        h.status.map(|s| s.as_str()).unwrap_or("not stated")
    ));
    o.push_str(&format!("| source | {} |\n", cell(&cite(&h.source))));
    if let Some((i, v)) = &h.extends {
        o.push_str(&format!("| extends | `{i}` version {v} |\n"));
    }
    if let Some((i, v)) = &h.supersedes {
        o.push_str(&format!("| supersedes | `{i}` version {v} |\n"));
    }
    for (i, v, a) in &h.uses {
        o.push_str(&format!("| uses | `{i}` version {v} as `{a}` |\n"));
    }
    if let Some(r) = h.review {
        o.push_str(&format!(
            "| review | every {} years; after a failure, rectify within {} year(s) |\n",
            r.every_years, r.rectify_years
        ));
    }
    o.push_str(&format!(
        "| lineage | {} |\n| content hash | `{}` |\n\n",
        p.lineage.join(" ← "),
        &p.hash[..16.min(p.hash.len())]
    ));

    o.push_str(
        "## Inputs\n\n| id | 中文 | English | kind | range | source |\n|---|---|---|---|---|---|\n",
    );
    for i in p.inputs.iter().filter(|i| i.own) {
        let range = match (i.min, i.max) {
            (None, None) => String::new(),
            (a, b) => format!(
                "{}..{}",
                a.map(fmt_num).unwrap_or_default(),
                b.map(fmt_num).unwrap_or_default()
            ),
        };
        o.push_str(&format!(
            "| `{}` | {} | {} | {} | {} | {} |\n",
            i.id,
            cell(i.labels.zh.as_deref().unwrap_or("")),
            cell(i.labels.en.as_deref().unwrap_or("")),
            ty_text(&i.ty, p),
            range,
            cell(&cite(&i.cite))
        ));
    }
    o.push('\n');

    // Items by section.
    let mut sections: Vec<(Option<String>, String, bool)> = p
        .sections
        .iter()
        .map(|(id, l, v)| {
            (
                Some(id.clone()),
                format!(
                    "{}{}",
                    l.zh_or(id),
                    l.en.as_ref().map(|e| format!(" / {e}")).unwrap_or_default()
                ),
                *v,
            )
        })
        .collect();
    sections.push((None, "Items outside sections".into(), false));
    for (sid, title, veto) in &sections {
        let mut items: Vec<_> = p
            .defs
            .iter()
            .filter(|d| d.own && matches!(&d.kind, DefKind::Item { section, .. } if section == sid))
            .collect();
        items.sort_by_key(|d| (d.loc.file, d.loc.span.start));
        if items.is_empty() {
            continue;
        }
        o.push_str(&format!(
            "## {title}{}\n\n",
            if *veto {
                " (basic conditions: each is a veto)"
            } else {
                ""
            }
        ));
        o.push_str(
            "| item | 中文 | English | clause | rule | source |\n|---|---|---|---|---|---|\n",
        );
        for d in items {
            let DefKind::Item { body, applies, .. } = &d.kind else {
                continue;
            };
            let mut rule = Vec::new();
            let mut srcs = vec![cite(&d.cite)];
            collect_rules(std, body, &mut rule, &mut srcs);
            if let Some(a) = applies {
                let mut ar = Vec::new();
                collect_rules(std, a, &mut ar, &mut Vec::new());
                rule.push(format!("applies when {}", ar.join(" and ")));
            }
            srcs.retain(|s| !s.is_empty());
            srcs.dedup();
            o.push_str(&format!(
                "| `{}` | {} | {} | {} | {} | {} |\n",
                d.id,
                cell(d.labels.zh.as_deref().unwrap_or("")),
                cell(d.labels.en.as_deref().unwrap_or("")),
                cell(d.clause.as_deref().unwrap_or("")),
                cell(&rule.join("; ")),
                cell(&srcs.join("; "))
            ));
        }
        o.push('\n');
    }

    for d in p.defs.iter().filter(|d| d.own) {
        match &d.kind {
            DefKind::Levels(l) => {
                o.push_str(&format!("## Levels: {} (`{}`)\n\nEach row reaches the best level whose limit it meets; the result is the worst row. Below the last level: {}.\n\n", d.labels.zh_or(&d.id), d.id, p.sym(*l.levels.last().unwrap_or(&0))));
                let names: Vec<&str> = l
                    .levels
                    .iter()
                    .take(l.levels.len().saturating_sub(1))
                    .map(|s| p.sym(*s))
                    .collect();
                o.push_str(&format!(
                    "| sub-indicator | {} | source |\n|---|{}---|\n",
                    names.join(" | "),
                    "---|".repeat(names.len())
                ));
                for r in &l.rows {
                    let subj = r
                        .subject_input
                        .map(|i| p.inputs[i].labels.zh_or(&p.inputs[i].id).to_string())
                        .unwrap_or_else(|| src_text(std, r.loc));
                    let ths: Vec<String> = r
                        .thresholds
                        .iter()
                        .zip(&r.ops)
                        .map(|(t, op)| match t {
                            Ex::Const(yardstick_core::Val::Num(n)) => format!(
                                "{} {}{}",
                                op_sign(*op),
                                fmt_num(*n),
                                if r.percent { "%" } else { "" }
                            ),
                            _ => "…".into(),
                        })
                        .collect();
                    o.push_str(&format!(
                        "| {}{} | {} | {} |\n",
                        r.group
                            .as_ref()
                            .map(|g| format!("{g}: "))
                            .unwrap_or_default(),
                        cell(&subj),
                        ths.join(" | "),
                        cell(&cite(&r.cite))
                    ));
                }
                o.push('\n');
            }
            DefKind::Score { kind, out_of } => {
                o.push_str(&format!(
                    "## Score: {} (`{}`){}\n\n",
                    d.labels.zh_or(&d.id),
                    d.id,
                    out_of
                        .map(|x| format!(", out of {}", fmt_num(x)))
                        .unwrap_or_default()
                ));
                match kind {
                    ScoreKind::Weighted(ts) => {
                        for (w, _, n) in ts {
                            o.push_str(&format!(
                                "- {}% × `{n}`\n",
                                fmt_num(*w * rust_decimal::Decimal::ONE_HUNDRED)
                            ));
                        }
                    }
                    ScoreKind::Deductions { rules, cap, .. } => {
                        for r in rules {
                            o.push_str(&format!(
                                "- deduct {} per `{}`{}{}\n",
                                fmt_num(r.amount),
                                r.per_name,
                                r.cap
                                    .map(|c| format!(", at most {}", fmt_num(c)))
                                    .unwrap_or_default(),
                                match &r.cite {
                                    Some(c) => format!(" — source: {}", cite(&Some(c.clone()))),
                                    None => String::new(),
                                }
                            ));
                        }
                        if let Some(c) = cap {
                            o.push_str(&format!("- at most {} deducted in all\n", fmt_num(*c)));
                        }
                    }
                    ScoreKind::Expr(_) => o.push_str(&format!("- `{}`\n", src_text(std, d.loc))),
                }
                o.push('\n');
            }
            DefKind::Grade { bands, .. } => {
                o.push_str(&format!(
                    "## Grade: {} (`{}`)\n\n| band | 中文 | English | range |\n|---|---|---|---|\n",
                    d.labels.zh_or(&d.id),
                    d.id
                ));
                for b in bands {
                    let lo = b
                        .lower
                        .map(|(v, i)| format!("{} {}", if i { "≥" } else { ">" }, fmt_num(v)));
                    let hi = b
                        .upper
                        .map(|(v, i)| format!("{} {}", if i { "≤" } else { "<" }, fmt_num(v)));
                    let range = if b.otherwise {
                        "otherwise".to_string()
                    } else {
                        [lo, hi]
                            .into_iter()
                            .flatten()
                            .collect::<Vec<_>>()
                            .join(" and ")
                    };
                    o.push_str(&format!(
                        "| `{}` | {} | {} | {} |\n",
                        p.sym(b.sym),
                        cell(b.labels.zh.as_deref().unwrap_or("")),
                        cell(b.labels.en.as_deref().unwrap_or("")),
                        range
                    ));
                }
                o.push('\n');
            }
            _ => {}
        }
    }

    if !p.examples.is_empty() {
        o.push_str("## Worked examples\n\n");
        for (ex, r) in p.examples.iter().zip(crate::testing::run_examples(std)) {
            o.push_str(&format!(
                "### {}{}\n\n",
                ex.name,
                if r.passed() { "" } else { " (FAILS)" }
            ));
            o.push_str(&format!("```\n{}\n```\n\n", block_text(std, ex.loc)));
        }
    }

    // Outputs and ranking.
    let outputs: Vec<_> = p
        .defs
        .iter()
        .filter(|d| d.own && d.output && matches!(d.kind, DefKind::Value(_)))
        .collect();
    if !outputs.is_empty() {
        o.push_str("## Outputs\n\n| output | 中文 | English | computed as |\n|---|---|---|---|\n");
        for d in outputs {
            let DefKind::Value(e) = &d.kind else { continue };
            o.push_str(&format!(
                "| `{}` | {} | {} | {} |\n",
                d.id,
                cell(d.labels.zh.as_deref().unwrap_or("")),
                cell(d.labels.en.as_deref().unwrap_or("")),
                cell(&expr_text(std, e))
            ));
        }
        o.push('\n');
    }
    if let Some(r) = &p.rank {
        let keys: Vec<String> = r
            .keys
            .iter()
            .map(|(e, asc)| {
                format!(
                    "{} ({})",
                    expr_text(std, e),
                    if *asc { "ascending" } else { "descending" }
                )
            })
            .collect();
        o.push_str(&format!(
            "## Ranking\n\nBy {}; equal subjects share a rank.\n\n",
            keys.join(", then ")
        ));
    }

    if let Some(b) = base {
        o.push_str(&format!(
            "## What changed from {}@{}\n\n",
            b.id(),
            b.version()
        ));
        let ch = crate::diff::structural(b.program(), p);
        if ch.is_empty() {
            o.push_str("Nothing.\n");
        }
        for c in ch {
            o.push_str(&format!("- {} — {}\n", c.en, c.zh));
        }
        o.push('\n');
    }
    o
}

fn collect_rules(std: &Standard, e: &Ex, out: &mut Vec<String>, srcs: &mut Vec<String>) {
    match e {
        Ex::And(xs) => {
            for x in xs {
                collect_rules(std, x, out, srcs);
            }
        }
        Ex::Cmp(c) => {
            out.push(src_text(std, c.loc));
            srcs.push(cite(&c.cite));
        }
        Ex::AllOf(_)
        | Ex::AnyOf(_)
        | Ex::NoneOf(_)
        | Ex::AtLeast { .. }
        | Ex::Or(_)
        | Ex::Not(_)
        | Ex::Input(_)
        | Ex::Def(_)
        | Ex::In { .. }
        | Ex::Call { .. } => {
            out.push(expr_text(std, e));
        }
        _ => {}
    }
}

/// Source text of an expression: rebuilt from its parts where no single span covers it.
fn expr_text(std: &Standard, e: &Ex) -> String {
    let p = std.program();
    match e {
        Ex::Input(i) => format!("`{}`", p.inputs[*i].id),
        Ex::Def(d) => format!("`{}`", p.defs[*d].id),
        Ex::Not(x) => format!("not {}", expr_text(std, x)),
        Ex::Cmp(c) => src_text(std, c.loc),
        Ex::AllOf(xs) | Ex::AnyOf(xs) | Ex::NoneOf(xs) | Ex::Or(xs) | Ex::And(xs) => {
            let name = match e {
                Ex::AllOf(_) => "all of",
                Ex::AnyOf(_) => "any of",
                Ex::NoneOf(_) => "none of",
                Ex::Or(_) => "either",
                _ => "both",
            };
            format!(
                "{name} [{}]",
                xs.iter()
                    .map(|x| expr_text(std, x))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
        Ex::AtLeast { k, list, within } => format!(
            "at least {k} of [{}]{}",
            list.iter()
                .map(|x| expr_text(std, x))
                .collect::<Vec<_>>()
                .join(", "),
            within
                .map(|w| format!(", the rest within {}×", fmt_num(w)))
                .unwrap_or_default()
        ),
        Ex::In { lhs, set } => format!(
            "{} in [{}]",
            expr_text(std, lhs),
            set.iter().map(|s| p.sym(*s)).collect::<Vec<_>>().join(", ")
        ),
        Ex::Call { loc, .. } => src_text(std, *loc),
        Ex::Arith { loc, .. } => src_text(std, *loc),
        Ex::Const(v) => yardstick_core::explain::fmt_val(p, v),
        _ => "…".into(),
    }
}

/// Render as a standalone HTML page (print-friendly), from the Markdown.
pub fn html(std: &Standard, base: Option<&Standard>) -> String {
    let md = markdown(std, base);
    let mut body = String::new();
    let mut in_table = false;
    let mut in_code = false;
    let mut in_list = false;
    for line in md.lines() {
        let esc = |s: &str| {
            s.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
        };
        let inline = |s: &str| {
            let s = esc(s);
            let mut out = String::new();
            for (i, part) in s.split('`').enumerate() {
                if i % 2 == 1 {
                    out.push_str(&format!("<code>{part}</code>"));
                } else {
                    out.push_str(part);
                }
            }
            out
        };
        if line.starts_with("```") {
            body.push_str(if in_code { "</pre>\n" } else { "<pre>" });
            in_code = !in_code;
            continue;
        }
        if in_code {
            body.push_str(&esc(line));
            body.push('\n');
            continue;
        }
        if line.starts_with('|') {
            if line.starts_with("|---") {
                continue;
            }
            if !in_table {
                body.push_str("<table>\n");
                in_table = true;
            }
            let cells: Vec<&str> = line.trim_matches('|').split(" | ").collect();
            body.push_str(&format!(
                "<tr>{}</tr>\n",
                cells
                    .iter()
                    .map(|c| format!("<td>{}</td>", inline(c.trim())))
                    .collect::<String>()
            ));
            continue;
        } else if in_table {
            body.push_str("</table>\n");
            in_table = false;
        }
        if let Some(item) = line.strip_prefix("- ") {
            if !in_list {
                body.push_str("<ul>\n");
                in_list = true;
            }
            body.push_str(&format!("<li>{}</li>\n", inline(item)));
            continue;
        } else if in_list {
            body.push_str("</ul>\n");
            in_list = false;
        }
        if let Some(t) = line.strip_prefix("### ") {
            body.push_str(&format!("<h3>{}</h3>\n", inline(t)));
        } else if let Some(t) = line.strip_prefix("## ") {
            body.push_str(&format!("<h2>{}</h2>\n", inline(t)));
        } else if let Some(t) = line.strip_prefix("# ") {
            body.push_str(&format!("<h1>{}</h1>\n", inline(t)));
        } else if !line.is_empty() {
            body.push_str(&format!("<p>{}</p>\n", inline(line.trim_matches('*'))));
        }
    }
    if in_table {
        body.push_str("</table>\n");
    }
    if in_list {
        body.push_str("</ul>\n");
    }
    format!(
        "<!doctype html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\"><title>{}</title>\n<style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111}}table{{border-collapse:collapse;width:100%;margin:1rem 0}}td{{border:1px solid #999;padding:.3rem .5rem;vertical-align:top}}tr:first-child td{{font-weight:bold;background:#eee}}pre{{background:#f4f4f4;padding:.5rem;overflow-x:auto}}@media print{{body{{margin:0}}pre{{white-space:pre-wrap}}}}</style></head><body>\n{}</body></html>\n",
        std.program().header.title.zh_or(std.id()),
        body
    )
}

/// The source of a block with its first line's indentation restored and the common indentation removed.
fn block_text(std: &Standard, loc: yardstick_core::Loc) -> String {
    let Some(src) = std.sources().get(loc.file) else {
        return String::new();
    };
    let text: &str = &src.text;
    let line_start = text
        .get(..loc.span.start)
        .and_then(|b| b.rfind('\n'))
        .map(|i| i + 1)
        .unwrap_or(0);
    let Some(block) = text.get(line_start..loc.span.end) else {
        return String::new();
    };
    let indent = block
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    block
        .lines()
        .map(|l| l.get(indent..).unwrap_or(l.trim_start()))
        .collect::<Vec<_>>()
        .join("\n")
}
