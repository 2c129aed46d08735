//! A standard as a page a policy officer can print and review: header and lineage, inputs, sections and
//! items with their rules and sources, level tables, scores and grades, worked examples, and what changed
//! from the version it extends or supersedes.

use crate::catalogue::{doc as m, Lang, Msg};
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

/// A message in the page's language; both (English, then Chinese) for [`Lang::Both`].
fn t(lang: Lang, msg: Msg) -> String {
    match lang {
        Lang::En => msg.en,
        Lang::Zh => msg.zh,
        Lang::Both if msg.en == msg.zh => msg.en,
        Lang::Both => format!("{} {}", msg.en, msg.zh),
    }
}

fn cite(c: &Option<Cite>, lang: Lang) -> String {
    match c {
        Some(c) => {
            let mut s = c.source.clone();
            if let Some(tier) = c.tier {
                let m = m::tier(tier.letter());
                s.push_str(&match lang {
                    Lang::Zh => m.zh,
                    _ => m.en,
                });
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

fn ty_msg(ty: &Ty, p: &Program) -> Msg {
    let plain = |s: String| Msg {
        en: s.clone(),
        zh: s,
    };
    match ty {
        Ty::Bool => m::kind_yes_no(),
        Ty::Count => m::kind_count(),
        Ty::Percent => plain("%".into()),
        Ty::Number(Some(u)) => m::kind_number_in(u),
        Ty::Number(None) | Ty::Lit => m::kind_number(),
        Ty::Enum(s) => plain(s.iter().map(|x| p.sym(*x)).collect::<Vec<_>>().join(" / ")),
        Ty::Date => m::kind_date(),
        Ty::Series(n, e) => {
            let of = ty_msg(e, p);
            m::kind_series(*n, &of.en, &of.zh)
        }
        _ => plain(String::new()),
    }
}

/// Render as Markdown, in both languages. `base` is the standard this one extends or supersedes, when
/// known.
pub fn markdown(std: &Standard, base: Option<&Standard>) -> String {
    markdown_in(std, base, Lang::Both)
}

/// Render as Markdown in `lang` (labels of the standard keep their own columns in both languages).
pub fn markdown_in(std: &Standard, base: Option<&Standard>, lang: Lang) -> String {
    let t = |msg: Msg| t(lang, msg);
    let cite = |c: &Option<Cite>| cite(c, lang);
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
        "| {} | `{}` |\n| {} | {} |\n",
        t(m::row_id()),
        h.id,
        t(m::row_version()),
        cell(&h.version)
    ));
    let window = t(match (h.from, h.until) {
        (Some(f), Some(u)) => m::from_until_exclusive(&f.to_string(), &u.to_string()),
        (Some(f), None) => m::from_date(&f.to_string()),
        (None, Some(u)) => m::until_exclusive(&u.to_string()),
        (None, None) => m::not_stated(),
    });
    o.push_str(&format!(
        "| {} | {window}{} |\n",
        t(m::row_in_force()),
        h.effective_note
            .as_ref()
            .map(|n| format!(" — {}", cell(n)))
            .unwrap_or_default()
    ));
    let status = match h.status {
        Some(s) => crate::catalogue::status(s.as_str()).map(|w| Msg {
            en: s.as_str().to_string(),
            zh: w.zh,
        }),
        None => Some(m::not_stated()),
    };
    o.push_str(&format!(
        "| {} | {} |\n",
        t(m::row_status()),
        status.map(t).unwrap_or_default()
    ));
    o.push_str(&format!(
        "| {} | {} |\n",
        t(m::row_source()),
        cell(&cite(&h.source))
    ));
    if let Some((i, v)) = &h.extends {
        o.push_str(&format!(
            "| {} | {} |\n",
            t(m::row_extends()),
            t(m::version_of(i, v))
        ));
    }
    if let Some((i, v)) = &h.supersedes {
        o.push_str(&format!(
            "| {} | {} |\n",
            t(m::row_supersedes()),
            t(m::version_of(i, v))
        ));
    }
    for (i, v, a) in &h.uses {
        o.push_str(&format!(
            "| {} | {} |\n",
            t(m::row_uses()),
            t(m::used_as(i, v, a))
        ));
    }
    if let Some(r) = h.review {
        o.push_str(&format!(
            "| {} | {} |\n",
            t(m::row_review()),
            t(m::review_cycle(r.every_years, r.rectify_years))
        ));
    }
    o.push_str(&format!(
        "| {} | {} |\n| {} | `{}` |\n\n",
        t(m::row_lineage()),
        p.lineage.join(" ← "),
        t(m::row_hash()),
        &p.hash[..16.min(p.hash.len())]
    ));

    o.push_str(&format!(
        "## {}\n\n| {} | 中文 | English | {} | {} | {} |\n|---|---|---|---|---|---|\n",
        t(m::heading_inputs()),
        t(m::row_id()),
        t(m::col_kind()),
        t(m::col_range()),
        t(m::col_source())
    ));
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
            t(ty_msg(&i.ty, p)),
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
    sections.push((None, t(m::items_outside()), false));
    for (sid, title, veto) in &sections {
        let mut items: Vec<_> = p
            .defs
            .iter()
            .filter(|d| d.own && matches!(&d.kind, DefKind::Item { section, .. } if section == sid))
            .collect();
        yardstick_syntax::sort::sort_by_key(&mut items, |d| (d.loc.file, d.loc.span.start));
        if items.is_empty() {
            continue;
        }
        let note = if *veto {
            let n = m::basic_note();
            match lang {
                Lang::En => n.en,
                Lang::Zh => n.zh,
                Lang::Both => format!("{}{}", n.en, n.zh),
            }
        } else {
            String::new()
        };
        o.push_str(&format!("## {title}{note}\n\n"));
        o.push_str(&format!(
            "| {} | 中文 | English | {} | {} | {} |\n|---|---|---|---|---|---|\n",
            t(m::col_item()),
            t(m::col_clause()),
            t(m::col_rule()),
            t(m::col_source())
        ));
        for d in items {
            let DefKind::Item { body, applies, .. } = &d.kind else {
                continue;
            };
            let mut rule = Vec::new();
            let mut srcs = vec![cite(&d.cite)];
            collect_rules(std, body, &mut rule, &mut srcs, lang);
            if let Some(a) = applies {
                let mut ar = Vec::new();
                collect_rules(std, a, &mut ar, &mut Vec::new(), lang);
                let and = m::and_join();
                let and = match lang {
                    Lang::Zh => and.zh,
                    _ => and.en,
                };
                rule.push(t(m::applies_when(&ar.join(&and))));
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
                let below = p.sym(*l.levels.last().unwrap_or(&0));
                let rule = m::levels_rule(below);
                o.push_str(&format!(
                    "## {}\n\n{}\n\n",
                    t(m::heading_levels(d.labels.zh_or(&d.id), &d.id)),
                    match lang {
                        Lang::En => rule.en,
                        Lang::Zh => rule.zh,
                        Lang::Both => format!("{}\n{}", rule.en, rule.zh),
                    }
                ));
                let names: Vec<&str> = l
                    .levels
                    .iter()
                    .take(l.levels.len().saturating_sub(1))
                    .map(|s| p.sym(*s))
                    .collect();
                o.push_str(&format!(
                    "| {} | {} | {} |\n|---|{}---|\n",
                    t(m::col_sub_indicator()),
                    names.join(" | "),
                    t(m::col_source()),
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
                        .enumerate()
                        .map(|(k, (th, op))| match th {
                            _ if r.limit_unknown(k) => t(m::limit_unknown()),
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
                if l.rows.iter().any(|r| r.has_unknown_limit()) {
                    o.push_str(&format!("\n{}\n", t(m::levels_unknown_note())));
                }
                o.push('\n');
            }
            DefKind::Score { kind, out_of } => {
                let out_of = out_of.map(|x| m::out_of(&fmt_num(x)));
                o.push_str(&format!(
                    "## {}{}\n\n",
                    t(m::heading_score(d.labels.zh_or(&d.id), &d.id)),
                    out_of
                        .map(|x| match lang {
                            Lang::Zh => x.zh,
                            Lang::En => x.en,
                            Lang::Both => format!("{}{}", x.en, x.zh),
                        })
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
                        // One language per rule line (`both`: English, then Chinese).
                        let one =
                            |msg: &Msg, zh: bool| if zh { msg.zh.clone() } else { msg.en.clone() };
                        let langs: &[bool] = match lang {
                            Lang::En => &[false],
                            Lang::Zh => &[true],
                            Lang::Both => &[false, true],
                        };
                        for r in rules {
                            let deduct = m::deduct(&fmt_num(r.amount), &r.per_name);
                            let cap = r.cap.map(|c| m::at_most(&fmt_num(c)));
                            let source = r
                                .cite
                                .as_ref()
                                .map(|c| m::source_part(&cite(&Some(c.clone()))));
                            for &zh in langs {
                                o.push_str(&format!(
                                    "- {}{}{}\n",
                                    one(&deduct, zh),
                                    cap.as_ref().map(|c| one(c, zh)).unwrap_or_default(),
                                    source.as_ref().map(|c| one(c, zh)).unwrap_or_default()
                                ));
                            }
                        }
                        if let Some(c) = cap {
                            o.push_str(&format!("- {}\n", t(m::deducted_in_all(&fmt_num(*c)))));
                        }
                    }
                    ScoreKind::Expr(_) => o.push_str(&format!("- `{}`\n", src_text(std, d.loc))),
                }
                o.push('\n');
            }
            DefKind::Grade { bands, .. } => {
                o.push_str(&format!(
                    "## {}\n\n| {} | 中文 | English | {} |\n|---|---|---|---|\n",
                    t(m::heading_grade(d.labels.zh_or(&d.id), &d.id)),
                    t(m::col_band()),
                    t(m::col_range())
                ));
                for b in bands {
                    let lo = b
                        .lower
                        .map(|(v, i)| format!("{} {}", if i { "≥" } else { ">" }, fmt_num(v)));
                    let hi = b
                        .upper
                        .map(|(v, i)| format!("{} {}", if i { "≤" } else { "<" }, fmt_num(v)));
                    let range = if b.otherwise {
                        t(m::otherwise())
                    } else {
                        let and = m::and_join();
                        [lo, hi]
                            .into_iter()
                            .flatten()
                            .collect::<Vec<_>>()
                            .join(if lang == Lang::Zh { &and.zh } else { &and.en })
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
        o.push_str(&format!("## {}\n\n", t(m::heading_examples())));
        for (ex, r) in p.examples.iter().zip(crate::testing::run_examples(std)) {
            let fails = m::example_fails();
            o.push_str(&format!(
                "### {}{}\n\n",
                ex.name,
                if r.passed() {
                    String::new()
                } else {
                    match lang {
                        Lang::En => fails.en,
                        Lang::Zh => fails.zh,
                        Lang::Both => format!("{}{}", fails.en, fails.zh),
                    }
                }
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
        o.push_str(&format!(
            "## {}\n\n| {} | 中文 | English | {} |\n|---|---|---|---|\n",
            t(m::heading_outputs()),
            t(m::col_output()),
            t(m::col_computed())
        ));
        for d in outputs {
            let DefKind::Value(e) = &d.kind else { continue };
            o.push_str(&format!(
                "| `{}` | {} | {} | {} |\n",
                d.id,
                cell(d.labels.zh.as_deref().unwrap_or("")),
                cell(d.labels.en.as_deref().unwrap_or("")),
                cell(&expr_text(std, e, lang))
            ));
        }
        o.push('\n');
    }
    if let Some(r) = &p.rank {
        let keys = |zh: bool| -> String {
            r.keys
                .iter()
                .map(|(e, asc)| {
                    let order = if *asc {
                        m::ascending()
                    } else {
                        m::descending()
                    };
                    let l = if zh { Lang::Zh } else { Lang::En };
                    if zh {
                        format!("{}（{}）", expr_text(std, e, l), order.zh)
                    } else {
                        format!("{} ({})", expr_text(std, e, l), order.en)
                    }
                })
                .collect::<Vec<_>>()
                .join(&if zh {
                    m::then_join().zh
                } else {
                    m::then_join().en
                })
        };
        let by = m::ranked_by(&keys(false), &keys(true));
        o.push_str(&format!(
            "## {}\n\n{}\n\n",
            t(m::heading_ranking()),
            match lang {
                Lang::En => by.en,
                Lang::Zh => by.zh,
                Lang::Both => format!("{}\n{}", by.en, by.zh),
            }
        ));
    }

    if let Some(b) = base {
        o.push_str(&format!(
            "## {}\n\n",
            t(m::heading_changed(b.id(), b.version()))
        ));
        let ch = crate::diff::structural(b.program(), p);
        if ch.is_empty() {
            o.push_str(&format!("{}\n", t(m::nothing())));
        }
        for c in ch {
            match lang {
                Lang::En => o.push_str(&format!("- {}\n", c.en)),
                Lang::Zh => o.push_str(&format!("- {}\n", c.zh)),
                Lang::Both => o.push_str(&format!("- {} — {}\n", c.en, c.zh)),
            }
        }
        o.push('\n');
    }
    o
}

/// An item's rule in words, in English and Chinese, as the printed page's rule column writes it: its
/// conditions (joined with `; `) and when it applies. `None` when `item` is not an item of `std` (its
/// own or a used standard's, by its id in `std`: `pests.f1`).
///
/// ```
/// let std = yardstick::Standard::from_text("d.yard", r#"standard d { version "1"
///   input s: percent
///   item b10 { s >= 90% }
/// }"#).unwrap();
/// assert_eq!(yardstick::doc::rule_in_words(&std, "b10").unwrap().en, "s >= 90%");
/// ```
pub fn rule_in_words(std: &Standard, item: &str) -> Option<Msg> {
    let p = std.program();
    let d = p.defs.iter().find(|d| d.id == item)?;
    let DefKind::Item { body, applies, .. } = &d.kind else {
        return None;
    };
    let in_lang = |lang: Lang| {
        let mut rule = Vec::new();
        collect_rules(std, body, &mut rule, &mut Vec::new(), lang);
        if let Some(a) = applies {
            let mut ar = Vec::new();
            collect_rules(std, a, &mut ar, &mut Vec::new(), lang);
            let and = m::and_join();
            let and = if lang == Lang::Zh { and.zh } else { and.en };
            let when = m::applies_when(&ar.join(&and));
            rule.push(if lang == Lang::Zh { when.zh } else { when.en });
        }
        rule.join("; ")
    };
    Some(Msg {
        en: in_lang(Lang::En),
        zh: in_lang(Lang::Zh),
    })
}

fn collect_rules(
    std: &Standard,
    e: &Ex,
    out: &mut Vec<String>,
    srcs: &mut Vec<String>,
    lang: Lang,
) {
    match e {
        Ex::And(xs) => {
            for x in xs {
                collect_rules(std, x, out, srcs, lang);
            }
        }
        Ex::Cmp(c) => {
            out.push(src_text(std, c.loc));
            srcs.push(cite(&c.cite, lang));
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
            out.push(expr_text(std, e, lang));
        }
        _ => {}
    }
}

/// Source text of an expression: rebuilt from its parts where no single span covers it (the words in
/// English for `Both`: it reads as the standard is written).
fn expr_text(std: &Standard, e: &Ex, lang: Lang) -> String {
    let p = std.program();
    let word = |msg: Msg| if lang == Lang::Zh { msg.zh } else { msg.en };
    let list = |xs: &[Ex]| {
        xs.iter()
            .map(|x| expr_text(std, x, lang))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match e {
        Ex::Input(i) => format!("`{}`", p.inputs[*i].id),
        Ex::Def(d) => format!("`{}`", p.defs[*d].id),
        Ex::Not(x) => word(m::not_x(&expr_text(std, x, lang))),
        Ex::Cmp(c) => src_text(std, c.loc),
        Ex::AllOf(xs) => word(m::all_of(&list(xs))),
        Ex::AnyOf(xs) => word(m::any_of(&list(xs))),
        Ex::NoneOf(xs) => word(m::none_of(&list(xs))),
        Ex::Or(xs) => word(m::either(&list(xs))),
        Ex::And(xs) => word(m::both(&list(xs))),
        Ex::AtLeast {
            k,
            list: xs,
            within,
        } => format!(
            "{}{}",
            word(m::at_least(*k, &list(xs))),
            within
                .map(|w| word(m::rest_within(&fmt_num(w))))
                .unwrap_or_default()
        ),
        Ex::In { lhs, set } => word(m::one_of(
            &expr_text(std, lhs, lang),
            &set.iter().map(|s| p.sym(*s)).collect::<Vec<_>>().join(", "),
        )),
        Ex::Call { loc, .. } => src_text(std, *loc),
        Ex::Arith { loc, .. } => src_text(std, *loc),
        Ex::Const(v) => yardstick_core::explain::fmt_val(p, v),
        _ => "…".into(),
    }
}

/// Render as a standalone HTML page (print-friendly), from the Markdown, in both languages.
pub fn html(std: &Standard, base: Option<&Standard>) -> String {
    html_in(std, base, Lang::Both)
}

/// Render as a standalone HTML page in `lang`.
pub fn html_in(std: &Standard, base: Option<&Standard>, lang: Lang) -> String {
    let md = markdown_in(std, base, lang);
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
