//! Units and source notes in Chinese: the standards write a number's unit (`unit "flies/room"`) and a
//! threshold's source note (`note "unverified"`) in English; the explainer and the forms show the
//! Chinese form from here in Chinese. A unit or note not listed stays as written in both languages.
//!
//! Provenance of the Chinese units. The project's reference (`/work/shared/reference/`) gives no Chinese
//! unit; where the standard's own Chinese label or help names the counted thing and its measure, the
//! unit follows it (marked "from the standard"); every other form is a plain rendering of the English
//! unit in the usual Chinese notation of vector surveys (只 for insects counted, 间 for a room, 勺 for a
//! dip, 处 for a site), marked "rendering". A rendering is not a source: change it when a source gives
//! the unit.

/// Every unit a shipped standard writes, with its Chinese form.
pub const UNITS: &[(&str, &str)] = &[
    // Rendering: flies counted per (positive) room; fly-2011's label is 阳性间蝇密度.
    ("flies/room", "只/间"),
    // Rendering: four-pests-2001 counts cockroaches and oothecae per room (大蠊密度, 卵鞘密度).
    ("per room", "只/间"),
    // Rendering: cockroach-2011's labels are 阳性房间大蠊密度 / 阳性房间小蠊密度.
    ("cockroaches/positive room", "只/阳性间"),
    // Rendering: cockroach-2011's label is 阳性房间卵鞘数.
    ("oothecae/positive room", "只/阳性间"),
    // From the standard: mosquito-2011's help says 每公里路径查见的…阳性积水处数.
    ("positive sites/km", "处/公里"),
    // Rendering: aedes-2019's standard-room index (标准间指数) counts positive containers per standard room.
    ("positive containers per standard room", "阳性容器数/标准间"),
    // Rendering: aedes-2019's adult density (成蚊密度), adults caught per person per hour.
    ("adults per person-hour", "只/(人·时)"),
    // Rendering: rodent-2011's outdoor path index counts rodent signs (鼠迹) per km of path.
    ("signs/km", "处/公里"),
    // Rendering: four-pests-2001's label is 阳性勺幼虫数 (larvae counted with 条).
    ("larvae/dip", "条/勺"),
    // Rendering: mosquito-2011's label is 阳性勺平均幼虫及蛹数.
    ("larvae and pupae/dip", "条/勺"),
    // Rendering: four-pests-2001's landing index counts adults per person in 30 minutes.
    ("per person-30 min", "只/(人·30分钟)"),
    // Rendering of "person-time" as 人·时; the Chinese text of GB/T 27771 was not found (it may write
    // 人·次).
    ("adults/person-time", "只/(人·时)"),
    // Rendering: the Breteau index counts positive containers per 100 houses (布雷图指数).
    ("positive containers per 100 houses", "阳性容器数/百户"),
    // Rendering: the ovitrap index counts positive ovitraps per 100 placed (诱蚊诱卵指数).
    ("positive ovitraps per 100", "阳性诱蚊诱卵器数/百个"),
    // Rendering: a score's points (分).
    ("points", "分"),
    // 平方米, as the printed report and Chinese forms write the unit in words (the reference writes "7.5 m²").
    ("m²", "平方米"),
];

/// The Chinese form of a unit as a standard writes it, if [`UNITS`] lists it.
pub fn unit_zh(unit: &str) -> Option<&'static str> {
    UNITS.iter().find(|(en, _)| *en == unit).map(|(_, zh)| *zh)
}

/// A unit in both languages: the Chinese form from [`UNITS`], else the unit as written.
pub fn unit(unit: &str) -> super::Msg {
    super::Msg {
        en: unit.to_string(),
        zh: unit_zh(unit).unwrap_or(unit).to_string(),
    }
}

/// The phrases the shipped standards' source notes are made of, with their Chinese form. A note is the
/// author's text; [`note_zh`] gives a Chinese form only for a note made wholly of these phrases.
pub const NOTE_PHRASES: &[(&str, &str)] = &[
    ("unverified", "未经核实"),
    ("strict comparator", "严格比较（不含等号）"),
    ("inferred from published tables", "由公开发布的表格推断"),
];

/// The Chinese form of a source note made of [`NOTE_PHRASES`] joined by `"; "` (`unverified; strict
/// comparator` → `未经核实；严格比较（不含等号）`); `None` for any other note (it is shown as written).
pub fn note_zh(note: &str) -> Option<String> {
    let parts: Option<Vec<&str>> = note
        .split("; ")
        .map(|part| {
            NOTE_PHRASES
                .iter()
                .find(|(en, _)| *en == part)
                .map(|(_, zh)| *zh)
        })
        .collect();
    parts.map(|p| p.join("；"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// Every `.yard` file under `standards/`.
    fn shipped() -> Vec<(String, String)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../standards");
        let mut out = Vec::new();
        let mut dirs = vec![root];
        while let Some(d) = dirs.pop() {
            for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
                let p = e.path();
                if p.is_dir() {
                    dirs.push(p);
                } else if p.extension().is_some_and(|x| x == "yard") {
                    let text = std::fs::read_to_string(&p).unwrap_or_default();
                    out.push((p.display().to_string(), text));
                }
            }
        }
        assert!(out.len() >= 10, "found {} standards", out.len());
        out
    }

    /// The quoted strings after `keyword "` in a text.
    fn quoted_after(text: &str, keyword: &str) -> Vec<String> {
        text.split(keyword)
            .skip(1)
            .filter_map(|rest| rest.split('"').next().map(str::to_string))
            .collect()
    }

    #[test]
    fn every_shipped_unit_has_a_chinese_form_and_every_listed_unit_is_used() {
        let mut used = BTreeSet::new();
        for (file, text) in shipped() {
            for u in quoted_after(&text, "unit \"") {
                assert!(
                    unit_zh(&u).is_some(),
                    "{file}: unit {u:?} has no Chinese form"
                );
                used.insert(u);
            }
        }
        for (en, zh) in UNITS {
            assert!(
                used.contains(*en),
                "{en:?} is listed but no standard uses it"
            );
            assert!(!zh.trim().is_empty());
        }
        let names: BTreeSet<&str> = UNITS.iter().map(|(en, _)| *en).collect();
        assert_eq!(names.len(), UNITS.len(), "a unit is listed twice");
    }

    #[test]
    fn an_unlisted_unit_stays_as_written() {
        assert_eq!(unit_zh("flies/room"), Some("只/间"));
        assert_eq!(unit_zh("furlongs"), None);
        let m = unit("furlongs");
        assert_eq!((m.en.as_str(), m.zh.as_str()), ("furlongs", "furlongs"));
    }

    #[test]
    fn notes_made_of_known_phrases_have_a_chinese_form_and_others_none() {
        assert_eq!(note_zh("unverified").as_deref(), Some("未经核实"));
        assert_eq!(
            note_zh("unverified; strict comparator").as_deref(),
            Some("未经核实；严格比较（不含等号）")
        );
        assert_eq!(note_zh("C confirmed by S19, tier A; A, B unverified"), None);
        assert_eq!(note_zh(""), None);
        // Every phrase is used by some shipped note.
        let notes: Vec<String> = shipped()
            .iter()
            .flat_map(|(_, t)| quoted_after(t, "note \""))
            .collect();
        for (en, _) in NOTE_PHRASES {
            assert!(
                notes.iter().any(|n| n.split("; ").any(|p| p == *en)),
                "{en:?} is in no shipped note"
            );
        }
    }
}
