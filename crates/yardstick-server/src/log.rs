//! The log: one JSON object per line on standard error, written whole (`ts`, `level`, `event`, `en`,
//! `zh`, then the event's own fields).

use std::io::Write;
use std::time::{SystemTime, UNIX_EPOCH};
use yardstick::Msg;

/// Now, as `YYYY-MM-DDTHH:MM:SS.mmmZ` (UTC).
pub fn now() -> String {
    let d = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    timestamp(d.as_secs(), d.subsec_millis())
}

/// Seconds since 1970 (UTC) as RFC 3339 with milliseconds.
pub fn timestamp(secs: u64, millis: u32) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{millis:03}Z",
        rem / 3600,
        (rem / 60) % 60,
        rem % 60
    )
}

/// Days since 1970-01-01 to (year, month, day) in the proleptic Gregorian calendar (H. Hinnant's
/// `civil_from_days`).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// A log line as text (no line end).
pub fn line(level: &str, event: &str, msg: Option<&Msg>, fields: &[(&str, &str)]) -> String {
    let mut m = serde_json::Map::new();
    m.insert("ts".into(), now().into());
    m.insert("level".into(), level.into());
    m.insert("event".into(), event.into());
    if let Some(msg) = msg {
        m.insert("en".into(), msg.en.clone().into());
        m.insert("zh".into(), msg.zh.clone().into());
    }
    for (k, v) in fields {
        m.insert((*k).into(), (*v).into());
    }
    serde_json::Value::Object(m).to_string()
}

fn emit(text: String) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{text}");
}

pub fn info(event: &str, msg: &Msg, fields: &[(&str, &str)]) {
    emit(line("info", event, Some(msg), fields));
}

pub fn warn(event: &str, msg: &Msg, fields: &[(&str, &str)]) {
    emit(line("warn", event, Some(msg), fields));
}

pub fn error(event: &str, msg: &Msg, fields: &[(&str, &str)]) {
    emit(line("error", event, Some(msg), fields));
}

/// A request (no sentence: method, route, status and time say it).
pub fn request(fields: &[(&str, &str)]) {
    emit(line("info", "request", None, fields));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_utc_calendar_dates() {
        assert_eq!(timestamp(0, 0), "1970-01-01T00:00:00.000Z");
        assert_eq!(timestamp(951_782_400, 5), "2000-02-29T00:00:00.005Z");
        assert_eq!(timestamp(1_796_083_199, 999), "2026-11-30T23:59:59.999Z");
        assert_eq!(timestamp(4_107_542_400, 0), "2100-03-01T00:00:00.000Z");
    }
}
