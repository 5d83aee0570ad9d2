//! Whole request and response bodies whose JSON form is not their type's serde default: base64
//! bytes, dates, date-times and durations. (Struct fields use `#[serde(with = ..)]` instead.)

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
wire_format!(DateFormat, time::Date, super::date);
wire_format!(Rfc3339Format, time::OffsetDateTime, time::serde::rfc3339);
wire_format!(Rfc1123Format, time::OffsetDateTime, super::rfc1123);
wire_format!(DurationFormat, time::Duration, super::duration);

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
