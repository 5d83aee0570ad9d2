//! Macros the generated code calls, so that each operation and enum stays a few lines.

/// Implements `.header()` and `IntoFuture` for a request builder with fields `options` and an
/// inherent `async fn send(self) -> CallResult<$value, $headers, $error>`.
#[allow(unused_macros)] // used by the generated code only when the spec needs it
macro_rules! request_builder {
    ($builder:ident, $value:ty, $headers:ty, $error:ty) => {
        $crate::runtime::request_builder!($builder => $crate::runtime::CallResult<$value, $headers, $error>);
    };
    ($builder:ident => $output:ty) => {
        impl $builder {
            /// Adds a header to this call only (for example a client request id).
            pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
                self.options.add_header(name, value);
                self
            }

            /// Gives up on this call, all attempts and waits included, after `timeout`.
            pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
                self.options.set_timeout(timeout);
                self
            }

            /// Retries this call as `retry` says, instead of as the client does.
            pub fn retry(mut self, retry: $crate::runtime::RetryOptions) -> Self {
                self.options.set_retry(retry);
                self
            }
        }

        impl std::future::IntoFuture for $builder {
            type Output = $output;
            type IntoFuture = std::pin::Pin<Box<dyn std::future::Future<Output = $output> + Send>>;

            fn into_future(self) -> Self::IntoFuture {
                Box::pin(self.send())
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use request_builder;

/// `as_str`-based `Display` and [`ParamValue`] for a closed enum.
#[allow(unused_macros)] // used by the generated code only when the spec needs it
macro_rules! closed_enum {
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
pub(crate) use closed_enum;

/// Serde, `Display`, `FromStr` and [`ParamValue`] for an extensible enum with `as_str` and
/// `From<&str>` (unknown values round-trip through `UnknownValue`).
#[allow(unused_macros)] // used by the generated code only when the spec needs it
macro_rules! extensible_enum {
    ($name:ident) => {
        $crate::runtime::closed_enum!($name);

        impl std::str::FromStr for $name {
            type Err = std::convert::Infallible;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(s))
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                Ok(Self::from(value.as_ref()))
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use extensible_enum;

/// Serde, `Display` and [`ParamValue`] for a closed integer enum with `value` and `from_value`.
#[allow(unused_macros)] // used by the generated code only when the spec needs it
macro_rules! closed_int_enum {
    ($name:ident) => {
        $crate::runtime::int_enum_common!($name);

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = i64::deserialize(deserializer)?;
                Self::from_value(value)
                    .ok_or_else(|| serde::de::Error::custom(format!("unknown value {value} of {}", stringify!($name))))
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use closed_int_enum;

/// Serde, `Display` and [`ParamValue`] for an extensible integer enum with `value` and
/// `From<i64>` (unknown values round-trip through `UnknownValue`).
#[allow(unused_macros)] // used by the generated code only when the spec needs it
macro_rules! extensible_int_enum {
    ($name:ident) => {
        $crate::runtime::int_enum_common!($name);

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                Ok(Self::from(i64::deserialize(deserializer)?))
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use extensible_int_enum;

/// What closed and extensible integer enums share.
#[allow(unused_macros)] // used by the generated code only when the spec needs it
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

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.value())
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use int_enum_common;
