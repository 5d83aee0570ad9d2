//! `format: date-time-rfc1123` (`Sun, 06 Nov 1994 08:49:37 GMT`) for serde.

use serde::{de::Error as _, Deserialize, Deserializer, Serializer};

/// Formats as an HTTP date, in UTC.
pub fn format(value: &time::OffsetDateTime) -> String {
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let v = value.to_offset(time::UtcOffset::UTC);
    format!(
        "{}, {:02} {} {:04} {:02}:{:02}:{:02} GMT",
        DAYS[v.weekday().number_days_from_monday() as usize],
        v.day(),
        MONTHS[u8::from(v.month()) as usize - 1],
        v.year(),
        v.hour(),
        v.minute(),
        v.second()
    )
}

/// Parses an HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`; any year from 0001, a one-digit day, and
/// `UTC` or `+0000` for the zone are accepted). The weekday is not checked: senders get it wrong
/// for early years.
pub fn parse(text: &str) -> Option<time::OffsetDateTime> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let rest = text.trim().split_once(',').map_or(text.trim(), |(_, rest)| rest);
    let mut parts = rest.split_ascii_whitespace();
    let day: u8 = parts.next()?.parse().ok()?;
    let month_name = parts.next()?.to_ascii_lowercase();
    let month = MONTHS.iter().position(|m| *m == month_name)? as u8 + 1;
    let year_text = parts.next()?;
    if year_text.len() != 4 {
        return None;
    }
    let year: i32 = year_text.parse().ok()?;
    let mut clock = parts.next()?.splitn(3, ':').map(|p| p.parse::<u8>().ok());
    let (hour, minute, second) = (clock.next()??, clock.next()??, clock.next()??);
    let zone = parts.next()?.to_ascii_uppercase();
    if !matches!(zone.as_str(), "GMT" | "UTC" | "+0000" | "Z") || parts.next().is_some() {
        return None;
    }
    let date = time::Date::from_calendar_date(year, time::Month::try_from(month).ok()?, day).ok()?;
    let clock = time::Time::from_hms(hour, minute, second).ok()?;
    Some(time::PrimitiveDateTime::new(date, clock).assume_utc())
}

pub fn serialize<S: Serializer>(value: &time::OffsetDateTime, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&format(value))
}

pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<time::OffsetDateTime, D::Error> {
    let text = String::deserialize(deserializer)?;
    parse(&text).ok_or_else(|| D::Error::custom(format!("`{text}` is not an HTTP date")))
}

option_adapter!(time::OffsetDateTime);
