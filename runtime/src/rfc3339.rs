//! `format: date-time` (RFC 3339, `2024-03-14T09:26:53Z`) for serde. A value without a UTC offset
//! (`2024-03-14T09:26:53`), which some services send, is read as UTC rather than refused.

use serde::{de::Error as _, Deserialize, Deserializer, Serializer};
use time::format_description::well_known::Rfc3339;

/// Parses RFC 3339; a date-time without an offset is taken as UTC.
pub fn parse(text: &str) -> Option<time::OffsetDateTime> {
    time::OffsetDateTime::parse(text, &Rfc3339).ok().or_else(|| {
        let has_clock = text.len() > 10 && matches!(text.as_bytes()[10], b'T' | b't');
        let has_offset = text[11.min(text.len())..].contains(['Z', 'z', '+', '-']);
        (has_clock && !has_offset)
            .then(|| time::OffsetDateTime::parse(&format!("{text}Z"), &Rfc3339).ok())
            .flatten()
    })
}

pub fn serialize<S: Serializer>(value: &time::OffsetDateTime, serializer: S) -> Result<S::Ok, S::Error> {
    time::serde::rfc3339::serialize(value, serializer)
}

pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<time::OffsetDateTime, D::Error> {
    let text = String::deserialize(deserializer)?;
    parse(&text).ok_or_else(|| D::Error::custom(format!("`{text}` is not an RFC 3339 date-time")))
}

option_adapter!(time::OffsetDateTime);
