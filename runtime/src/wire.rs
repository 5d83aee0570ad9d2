//! Whole request and response bodies whose JSON form is not their type's serde default: base64
//! bytes, dates, date-times and durations, also inside arrays, maps and nullable bodies.
//! (Struct fields use `#[serde(with = ..)]` instead.)

use std::collections::BTreeMap;
use std::marker::PhantomData;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// How a value of `T` is written in JSON.
pub trait WireFormat<T> {
    fn serialize<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error>;
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error>;
}

/// `format: byte`: base64 text.
#[derive(Debug)]
pub struct Base64Format;
/// `format: base64url`: URL-safe base64 text without padding.
#[derive(Debug)]
pub struct Base64UrlFormat;
/// `format: date`: `YYYY-MM-DD`.
#[derive(Debug)]
pub struct DateFormat;
/// `format: date-time`: RFC 3339.
#[derive(Debug)]
pub struct Rfc3339Format;
/// `format: date-time-rfc1123`: an HTTP date.
#[derive(Debug)]
pub struct Rfc1123Format;
/// `format: duration`: ISO 8601.
#[derive(Debug)]
pub struct DurationFormat;

macro_rules! wire_format {
    ($format:ty, $t:ty, $module:path) => {
        impl WireFormat<$t> for $format {
            fn serialize<S: Serializer>(value: &$t, serializer: S) -> Result<S::Ok, S::Error> {
                use $module as m;
                m::serialize(value, serializer)
            }

            fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<$t, D::Error> {
                use $module as m;
                m::deserialize(deserializer)
            }
        }
    };
}

wire_format!(Base64Format, Vec<u8>, super::base64);
wire_format!(Base64UrlFormat, Vec<u8>, super::base64::url);
wire_format!(DateFormat, time::Date, super::date);
wire_format!(Rfc3339Format, time::OffsetDateTime, super::rfc3339);
wire_format!(Rfc1123Format, time::OffsetDateTime, super::rfc1123);
wire_format!(DurationFormat, time::Duration, super::duration);

/// A JSON array whose items are in format `F`.
#[derive(Debug)]
pub struct VecFormat<F>(PhantomData<F>);
/// A JSON object whose values are in format `F`.
#[derive(Debug)]
pub struct MapFormat<F>(PhantomData<F>);
/// `null`, or a value in format `F`.
#[derive(Debug)]
pub struct OptionFormat<F>(PhantomData<F>);

impl<T, F: WireFormat<T>> WireFormat<Vec<T>> for VecFormat<F> {
    fn serialize<S: Serializer>(value: &Vec<T>, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(value.iter().map(AsWire::<T, F>::new))
    }

    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<T>, D::Error> {
        let items = Vec::<FromWire<T, F>>::deserialize(deserializer)?;
        Ok(items.into_iter().map(|item| item.0).collect())
    }
}

impl<T, F: WireFormat<T>> WireFormat<BTreeMap<String, T>> for MapFormat<F> {
    fn serialize<S: Serializer>(value: &BTreeMap<String, T>, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(value.iter().map(|(k, v)| (k, AsWire::<T, F>::new(v))))
    }

    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<BTreeMap<String, T>, D::Error> {
        let entries = BTreeMap::<String, FromWire<T, F>>::deserialize(deserializer)?;
        Ok(entries.into_iter().map(|(k, v)| (k, v.0)).collect())
    }
}

impl<T, F: WireFormat<T>> WireFormat<Option<T>> for OptionFormat<F> {
    fn serialize<S: Serializer>(value: &Option<T>, serializer: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(value) => serializer.serialize_some(&AsWire::<T, F>::new(value)),
            None => serializer.serialize_none(),
        }
    }

    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<T>, D::Error> {
        Ok(Option::<FromWire<T, F>>::deserialize(deserializer)?.map(|value| value.0))
    }
}

/// `#[serde(serialize_with)]` of a field whose JSON form is format `F`.
pub fn serialize_as<T, F: WireFormat<T>, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    F::serialize(value, serializer)
}

/// `#[serde(deserialize_with)]` of a field whose JSON form is format `F`.
pub fn deserialize_as<'de, T, F: WireFormat<T>, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    F::deserialize(deserializer)
}

/// A body value to serialize in format `F`.
pub struct AsWire<'a, T, F>(&'a T, PhantomData<F>);

impl<'a, T, F> AsWire<'a, T, F> {
    pub fn new(value: &'a T) -> Self {
        AsWire(value, PhantomData)
    }
}

impl<T, F: WireFormat<T>> Serialize for AsWire<'_, T, F> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        F::serialize(self.0, serializer)
    }
}

/// A body value deserialized from format `F`; `.0` is the value.
pub struct FromWire<T, F>(pub T, PhantomData<F>);

impl<'de, T, F: WireFormat<T>> Deserialize<'de> for FromWire<T, F> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        F::deserialize(deserializer).map(|value| FromWire(value, PhantomData))
    }
}
