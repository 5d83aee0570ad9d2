//! Macros the generated code calls, so that each operation and enum stays a few lines.
//!
//! Each is `#[macro_export]`ed for crates that use the runtime crate, and reached through
//! `$crate::runtime::` (in this crate, the hidden module `runtime`). An embedded copy of the
//! runtime is written without `#[macro_export]`: its macros are reached through the
//! `pub(crate) use` that follows each, and `$crate::runtime` is the generated crate's own module.

/// `as_str` (the wire name serde derives), `Display` and [`ParamValue`] for a closed enum.
#[allow(unused_macros)] // used by the generated code only when the spec needs it
#[doc(hidden)]
#[macro_export]
macro_rules! closed_enum {
    ($name:ident) => {
        impl $name {
            /// The value on the wire.
            pub fn as_str(&self) -> &'static str {
                $crate::runtime::variant_name(self)
            }
        }

        $crate::runtime::as_str_traits!($name);
    };
}
#[allow(unused_imports)]
pub(crate) use closed_enum;

/// `as_str`-based `Display` and [`ParamValue`] for an enum.
#[allow(unused_macros)] // used by the generated code only when the spec needs it
#[doc(hidden)]
#[macro_export]
macro_rules! as_str_traits {
    ($name:ident) => {
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::runtime::ParamValue for $name {
            fn to_param(&self) -> String {
                self.as_str().to_string()
            }
        }

        impl $crate::runtime::HeaderType for $name {
            fn parse_header(text: &str) -> Result<Self, String> {
                $crate::runtime::parse_header_via_serde(text)
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use as_str_traits;

/// Serde, `Display`, `FromStr` and [`ParamValue`] for an extensible enum with `as_str` and
/// `From<&str>` (unknown values round-trip through `UnknownValue`).
#[allow(unused_macros)] // used by the generated code only when the spec needs it
#[doc(hidden)]
#[macro_export]
macro_rules! extensible_enum {
    ($name:ident) => {
        $crate::runtime::as_str_traits!($name);

        impl std::str::FromStr for $name {
            type Err = std::convert::Infallible;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(s))
            }
        }

        impl $crate::runtime::serde::Serialize for $name {
            fn serialize<S: $crate::runtime::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::runtime::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::runtime::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <std::borrow::Cow<'de, str> as $crate::runtime::serde::Deserialize<'de>>::deserialize(
                    deserializer,
                )?;
                Ok(Self::from(value.as_ref()))
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use extensible_enum;

/// Serde, `Display` and [`ParamValue`] for a closed integer enum with `value` and `from_value`.
#[allow(unused_macros)] // used by the generated code only when the spec needs it
#[doc(hidden)]
#[macro_export]
macro_rules! closed_int_enum {
    ($name:ident) => {
        $crate::runtime::int_enum_common!($name);

        impl<'de> $crate::runtime::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::runtime::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <i64 as $crate::runtime::serde::Deserialize<'de>>::deserialize(deserializer)?;
                Self::from_value(value).ok_or_else(|| {
                    $crate::runtime::serde::de::Error::custom(format!("unknown value {value} of {}", stringify!($name)))
                })
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use closed_int_enum;

/// Serde, `Display` and [`ParamValue`] for an extensible integer enum with `value` and
/// `From<i64>` (unknown values round-trip through `UnknownValue`).
#[allow(unused_macros)] // used by the generated code only when the spec needs it
#[doc(hidden)]
#[macro_export]
macro_rules! extensible_int_enum {
    ($name:ident) => {
        $crate::runtime::int_enum_common!($name);

        impl<'de> $crate::runtime::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::runtime::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                Ok(Self::from(
                    <i64 as $crate::runtime::serde::Deserialize<'de>>::deserialize(deserializer)?,
                ))
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use extensible_int_enum;

/// What closed and extensible integer enums share.
#[allow(unused_macros)] // used by the generated code only when the spec needs it
#[doc(hidden)]
#[macro_export]
macro_rules! int_enum_common {
    ($name:ident) => {
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}", self.value())
            }
        }

        impl $crate::runtime::ParamValue for $name {
            fn to_param(&self) -> String {
                self.value().to_string()
            }
        }

        impl $crate::runtime::HeaderType for $name {
            fn parse_header(text: &str) -> Result<Self, String> {
                $crate::runtime::parse_header_via_serde(text)
            }
        }

        impl $crate::runtime::serde::Serialize for $name {
            fn serialize<S: $crate::runtime::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.value())
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use int_enum_common;

/// The name serde gives a unit variant (its `rename`), without serializing anything: the
/// serializer stops at the variant and keeps its `&'static str`. Anything but a unit variant gives
/// `""` (closed enums have unit variants only).
pub fn variant_name<T: serde::Serialize + ?Sized>(value: &T) -> &'static str {
    value.serialize(VariantName).unwrap_or_default()
}

/// The serializer of [`variant_name`].
struct VariantName;

/// What [`VariantName`] gives for anything but a unit variant.
#[derive(Debug)]
struct NotAVariant;

impl std::fmt::Display for NotAVariant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not a unit variant")
    }
}

impl std::error::Error for NotAVariant {}

impl serde::ser::Error for NotAVariant {
    fn custom<M: std::fmt::Display>(_: M) -> Self {
        NotAVariant
    }
}

/// Serializer methods that refuse their value.
macro_rules! refuse {
    ($($method:ident($($arg:ty),*)),* $(,)?) => {
        $(fn $method(self, $(_: $arg),*) -> Result<Self::Ok, Self::Error> {
            Err(NotAVariant)
        })*
    };
}

impl serde::Serializer for VariantName {
    type Ok = &'static str;
    type Error = NotAVariant;
    type SerializeSeq = serde::ser::Impossible<&'static str, NotAVariant>;
    type SerializeTuple = serde::ser::Impossible<&'static str, NotAVariant>;
    type SerializeTupleStruct = serde::ser::Impossible<&'static str, NotAVariant>;
    type SerializeTupleVariant = serde::ser::Impossible<&'static str, NotAVariant>;
    type SerializeMap = serde::ser::Impossible<&'static str, NotAVariant>;
    type SerializeStruct = serde::ser::Impossible<&'static str, NotAVariant>;
    type SerializeStructVariant = serde::ser::Impossible<&'static str, NotAVariant>;

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<&'static str, NotAVariant> {
        Ok(variant)
    }

    refuse!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str),
        serialize_bytes(&[u8]),
        serialize_none(),
        serialize_unit(),
        serialize_unit_struct(&'static str),
    );

    fn serialize_some<T: serde::Serialize + ?Sized>(self, _: &T) -> Result<&'static str, NotAVariant> {
        Err(NotAVariant)
    }

    fn serialize_newtype_struct<T: serde::Serialize + ?Sized>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<&'static str, NotAVariant> {
        Err(NotAVariant)
    }

    fn serialize_newtype_variant<T: serde::Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<&'static str, NotAVariant> {
        Err(NotAVariant)
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, NotAVariant> {
        Err(NotAVariant)
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, NotAVariant> {
        Err(NotAVariant)
    }

    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, NotAVariant> {
        Err(NotAVariant)
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, NotAVariant> {
        Err(NotAVariant)
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, NotAVariant> {
        Err(NotAVariant)
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, NotAVariant> {
        Err(NotAVariant)
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, NotAVariant> {
        Err(NotAVariant)
    }
}
