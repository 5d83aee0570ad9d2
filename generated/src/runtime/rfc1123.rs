//! `format: date-time-rfc1123` (`Sun, 06 Nov 1994 08:49:37 GMT`) for serde.

use serde::{de::Error as _, Deserialize, Deserializer, Serializer};

use super::HeaderType;

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

pub fn serialize<S: Serializer>(value: &time::OffsetDateTime, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&format(value))
}

pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<time::OffsetDateTime, D::Error> {
    let text = String::deserialize(deserializer)?;
    time::OffsetDateTime::parse_header(&text).map_err(D::Error::custom)
}

option_adapter!(time::OffsetDateTime);
