//! `format: duration` (ISO 8601, e.g. `PT10M`, `P1DT2H`) for serde, as `time::Duration`. Years
//! and months have no fixed length and are rejected; weeks and days are 7 and 1 times 24 hours.

use serde::{de::Error as _, Deserialize, Deserializer, Serializer};

/// Parses `[-]PnWnDTnHnMn.nS`.
pub fn parse(text: &str) -> Option<time::Duration> {
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let rest = rest.strip_prefix('P')?;
    let (date, clock) = match rest.split_once('T') {
        Some((d, t)) if !t.is_empty() => (d, Some(t)),
        Some(_) => return None,
        None => (rest, None),
    };
    let mut seconds = 0f64;
    let mut any = false;
    let mut take = |part: &str, units: &[(char, f64)]| -> Option<()> {
        let mut number = String::new();
        for c in part.chars() {
            if c.is_ascii_digit() || c == '.' || c == ',' {
                number.push(if c == ',' { '.' } else { c });
                continue;
            }
            let scale = units.iter().find(|(u, _)| *u == c)?.1;
            seconds += number.parse::<f64>().ok()? * scale;
            number.clear();
            any = true;
        }
        number.is_empty().then_some(())
    };
    take(date, &[('W', 604_800.0), ('D', 86_400.0)])?;
    if let Some(clock) = clock {
        take(clock, &[('H', 3_600.0), ('M', 60.0), ('S', 1.0)])?;
    }
    if !any || !seconds.is_finite() {
        return None;
    }
    let duration = time::Duration::checked_seconds_f64(seconds)?;
    Some(if negative { -duration } else { duration })
}

/// Formats with the largest units first: `P1DT2H3M4.5S`, `PT0S` for zero.
pub fn format(value: &time::Duration) -> String {
    let sign = if value.is_negative() { "-" } else { "" };
    let value = value.abs();
    let (days, hours, minutes) = (value.whole_days(), value.whole_hours() % 24, value.whole_minutes() % 60);
    let (seconds, nanos) = (value.whole_seconds() % 60, value.subsec_nanoseconds());
    let mut out = format!("{sign}P");
    if days > 0 {
        out.push_str(&format!("{days}D"));
    }
    let mut clock = String::new();
    if hours > 0 {
        clock.push_str(&format!("{hours}H"));
    }
    if minutes > 0 {
        clock.push_str(&format!("{minutes}M"));
    }
    if nanos > 0 {
        let fraction = format!("{nanos:09}");
        clock.push_str(&format!("{seconds}.{}S", fraction.trim_end_matches('0')));
    } else if seconds > 0 || (days == 0 && clock.is_empty()) {
        clock.push_str(&format!("{seconds}S"));
    }
    if !clock.is_empty() {
        out.push('T');
        out.push_str(&clock);
    }
    out
}

pub fn serialize<S: Serializer>(value: &time::Duration, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&format(value))
}

pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<time::Duration, D::Error> {
    let text = String::deserialize(deserializer)?;
    parse(&text).ok_or_else(|| D::Error::custom(format!("`{text}` is not an ISO 8601 duration of days and time")))
}

option_adapter!(time::Duration);
