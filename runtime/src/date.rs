//! `format: date` (`2024-03-14`) for serde: `#[serde(with = "crate::runtime::date")]`.

use serde::{de::Error as _, Deserialize, Deserializer, Serializer};

use super::ParamValue;

/// Parses `YYYY-MM-DD`.
pub fn parse(text: &str) -> Option<time::Date> {
    let mut parts = text.splitn(3, '-');
    let year = parts.next()?.parse().ok()?;
    let month = time::Month::try_from(parts.next()?.parse::<u8>().ok()?).ok()?;
    let day = parts.next()?.parse().ok()?;
    time::Date::from_calendar_date(year, month, day).ok()
}

pub fn serialize<S: Serializer>(value: &time::Date, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&value.to_param())
}

pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<time::Date, D::Error> {
    let text = String::deserialize(deserializer)?;
    parse(&text).ok_or_else(|| D::Error::custom(format!("`{text}` is not a date (YYYY-MM-DD)")))
}

option_adapter!(time::Date);
