//! body-date, body-datetime, body-datetime-rfc1123, body-duration.

use time::macros::{date, datetime};

use super::{eq, expect_err, Scenario};
use crate::{call, client, null_body, scenario, value};

pub fn date() -> Vec<Scenario> {
    vec![
        scenario!("getDateNull", |ctx| {
            null_body!(client!(body_date, ctx).date().get_null(None))
        }),
        scenario!("getDateInvalid", |ctx| {
            expect_err(
                "\"201O-18-90\"",
                client!(body_date, ctx).date().get_invalid_date(None).await,
            )
            .map(drop)
        }),
        scenario!("getDateOverflow", |ctx| {
            expect_err(
                "\"10000000000-12-31\"",
                client!(body_date, ctx).date().get_overflow_date(None).await,
            )
            .map(drop)
        }),
        scenario!("getDateUnderflow", |ctx| {
            expect_err(
                "\"0000-00-00\"",
                client!(body_date, ctx).date().get_underflow_date(None).await,
            )
            .map(drop)
        }),
        scenario!("getDateMax", |ctx| {
            eq(
                "value",
                value!(client!(body_date, ctx).date().get_max_date(None)),
                date!(9999 - 12 - 31),
            )
        }),
        scenario!("putDateMax", |ctx| {
            eq(
                "status",
                call!(client!(body_date, ctx).date().put_max_date(date!(9999 - 12 - 31), None))
                    .status()
                    .as_u16(),
                200,
            )
        }),
        scenario!("getDateMin", |ctx| {
            // The swagger declares this response as a one-value enum of a date: read as a date.
            eq(
                "value",
                value!(client!(body_date, ctx).date().get_min_date(None)),
                date!(0001 - 01 - 01),
            )
        }),
        scenario!("putDateMin", |ctx| {
            eq(
                "status",
                call!(client!(body_date, ctx).date().put_min_date(date!(0001 - 01 - 01), None))
                    .status()
                    .as_u16(),
                200,
            )
        }),
    ]
}

pub fn datetime() -> Vec<Scenario> {
    vec![
        scenario!("getDateTimeNull", |ctx| {
            null_body!(client!(body_datetime, ctx).datetime().get_null(None))
        }),
        scenario!("getDateTimeInvalid", |ctx| {
            expect_err(
                "invalid",
                client!(body_datetime, ctx).datetime().get_invalid(None).await,
            )
            .map(drop)
        }),
        scenario!("getDateTimeOverflow", |ctx| {
            // 9999-12-31T23:59:59.999-14:00 is past year 9999 in UTC: an error, or that instant.
            match client!(body_datetime, ctx).datetime().get_overflow(None).await {
                Ok(r) => eq("value", *r.value(), datetime!(9999-12-31 23:59:59.999 -14:00)),
                Err(_) => Ok(()),
            }
        }),
        scenario!("getDateTimeUnderflow", |ctx| {
            expect_err(
                "0000-00-00",
                client!(body_datetime, ctx).datetime().get_underflow(None).await,
            )
            .map(drop)
        }),
        scenario!("putDateTimeMaxUtc", |ctx| {
            let c = client!(body_datetime, ctx);
            eq(
                "status",
                call!(c
                    .datetime()
                    .put_utc_max_date_time(datetime!(9999-12-31 23:59:59.999 UTC), None))
                .status()
                .as_u16(),
                200,
            )
        }),
        scenario!("putDateTimeMaxUtc7MS", |ctx| {
            let c = client!(body_datetime, ctx);
            let value = datetime!(9999-12-31 23:59:59.9999999 UTC);
            eq(
                "status",
                call!(c.datetime().put_utc_max_date_time7_digits(value, None))
                    .status()
                    .as_u16(),
                200,
            )
        }),
        scenario!("getDateTimeMaxUtcLowercase", |ctx| {
            let value = value!(client!(body_datetime, ctx)
                .datetime()
                .get_utc_lowercase_max_date_time(None));
            eq("value", value, datetime!(9999-12-31 23:59:59.999 UTC))
        }),
        scenario!("getDateTimeMaxUtcUppercase", |ctx| {
            let value = value!(client!(body_datetime, ctx)
                .datetime()
                .get_utc_uppercase_max_date_time(None));
            eq("value", value, datetime!(9999-12-31 23:59:59.999 UTC))
        }),
        scenario!("getDateTimeMaxUtc7MSUppercase", |ctx| {
            let value = value!(client!(body_datetime, ctx)
                .datetime()
                .get_utc_uppercase_max_date_time7_digits(None));
            eq("value", value, datetime!(9999-12-31 23:59:59.9999999 UTC))
        }),
        scenario!("putDateTimeMaxLocalNegativeOffset", |ctx| {
            let c = client!(body_datetime, ctx);
            let value = datetime!(9999-12-31 23:59:59.999 -14:00);
            eq(
                "status",
                call!(c.datetime().put_local_negative_offset_max_date_time(value, None)).status().as_u16(),
                200,
            )
        }),
        scenario!("putDateTimeMinLocalPositiveOffset", |ctx| {
            let c = client!(body_datetime, ctx);
            let value = datetime!(0001-01-01 00:00 +14:00);
            eq(
                "status",
                call!(c.datetime().put_local_positive_offset_min_date_time(value, None)).status().as_u16(),
                200,
            )
        }),
        scenario!("putDateTimeMinLocalNegativeOffset", |ctx| {
            let c = client!(body_datetime, ctx);
            let value = datetime!(0001-01-01 00:00 -14:00);
            eq(
                "status",
                call!(c.datetime().put_local_negative_offset_min_date_time(value, None)).status().as_u16(),
                200,
            )
        }),
        scenario!("putDateTimeMaxLocalPositiveOffset", |ctx| {
            let c = client!(body_datetime, ctx);
            let value = datetime!(9999-12-31 23:59:59.999 +14:00);
            eq(
                "status",
                call!(c.datetime().put_local_positive_offset_max_date_time(value, None))
                    .status()
                    .as_u16(),
                200,
            )
        }),
        scenario!("getDateTimeMaxLocalPositiveOffsetLowercase", |ctx| {
            let c = client!(body_datetime, ctx);
            let value = value!(c.datetime().get_local_positive_offset_lowercase_max_date_time(None));
            eq("value", value, datetime!(9999-12-31 23:59:59.999 +14:00))
        }),
        scenario!("getDateTimeMaxLocalPositiveOffsetUppercase", |ctx| {
            let c = client!(body_datetime, ctx);
            let value = value!(c.datetime().get_local_positive_offset_uppercase_max_date_time(None));
            eq("value", value, datetime!(9999-12-31 23:59:59.999 +14:00))
        }),
        scenario!("getDateTimeMaxLocalNegativeOffsetLowercase", |ctx| {
            let c = client!(body_datetime, ctx);
            let value = value!(c.datetime().get_local_negative_offset_lowercase_max_date_time(None));
            eq("value", value, datetime!(9999-12-31 23:59:59.999 -14:00))
        }),
        scenario!("getDateTimeMaxLocalNegativeOffsetUppercase", |ctx| {
            let c = client!(body_datetime, ctx);
            let value = value!(c.datetime().get_local_negative_offset_uppercase_max_date_time(None));
            eq("value", value, datetime!(9999-12-31 23:59:59.999 -14:00))
        }),
        scenario!("getDateTimeMinUtc", |ctx| {
            // A one-value enum of a date-time in the swagger.
            let value = value!(client!(body_datetime, ctx).datetime().get_utc_min_date_time(None));
            eq("value", value, datetime!(0001-01-01 00:00:00 UTC))
        }),
        scenario!("putDateTimeMinUtc", |ctx| {
            let c = client!(body_datetime, ctx);
            eq(
                "status",
                call!(c
                    .datetime()
                    .put_utc_min_date_time(datetime!(0001-01-01 00:00:00 UTC), None))
                .status()
                .as_u16(),
                200,
            )
        }),
        scenario!("getDateTimeMinLocalPositiveOffset", |ctx| {
            let value = value!(client!(body_datetime, ctx)
                .datetime()
                .get_local_positive_offset_min_date_time(None));
            eq(
                "value",
                (value, value.offset().whole_hours()),
                (datetime!(0001-01-01 00:00:00 +14:00), 14),
            )
        }),
        scenario!("getDateTimeMinLocalNegativeOffset", |ctx| {
            let value = value!(client!(body_datetime, ctx)
                .datetime()
                .get_local_negative_offset_min_date_time(None));
            eq(
                "value",
                (value, value.offset().whole_hours()),
                (datetime!(0001-01-01 00:00:00 -14:00), -14),
            )
        }),
        scenario!("getDateTimeMinLocalNoOffset", |ctx| {
            // No offset in the value: read as UTC.
            let value = value!(client!(body_datetime, ctx)
                .datetime()
                .get_local_no_offset_min_date_time(None));
            eq("value", value, datetime!(0001-01-01 00:00:00 UTC))
        }),
    ]
}

pub fn rfc1123() -> Vec<Scenario> {
    vec![
        scenario!("getDateTimeRfc1123Null", |ctx| {
            null_body!(client!(body_datetime_rfc1123, ctx).datetimerfc1123().get_null(None))
        }),
        scenario!("getDateTimeRfc1123Invalid", |ctx| {
            expect_err(
                "invalid",
                client!(body_datetime_rfc1123, ctx)
                    .datetimerfc1123()
                    .get_invalid(None)
                    .await,
            )
            .map(drop)
        }),
        scenario!("getDateTimeRfc1123Overflow", |ctx| {
            expect_err(
                "year 10000",
                client!(body_datetime_rfc1123, ctx)
                    .datetimerfc1123()
                    .get_overflow(None)
                    .await,
            )
            .map(drop)
        }),
        scenario!("getDateTimeRfc1123Underflow", |ctx| {
            expect_err(
                "year 0000",
                client!(body_datetime_rfc1123, ctx)
                    .datetimerfc1123()
                    .get_underflow(None)
                    .await,
            )
            .map(drop)
        }),
        scenario!("putDateTimeRfc1123Max", |ctx| {
            let c = client!(body_datetime_rfc1123, ctx);
            let value = datetime!(9999-12-31 23:59:59 UTC);
            eq(
                "status",
                call!(c.datetimerfc1123().put_utc_max_date_time(value, None))
                    .status()
                    .as_u16(),
                200,
            )
        }),
        scenario!("getDateTimeRfc1123MaxUtcLowercase", |ctx| {
            let c = client!(body_datetime_rfc1123, ctx);
            eq(
                "value",
                value!(c.datetimerfc1123().get_utc_lowercase_max_date_time(None)),
                datetime!(9999-12-31 23:59:59 UTC),
            )
        }),
        scenario!("getDateTimeRfc1123MaxUtcUppercase", |ctx| {
            let c = client!(body_datetime_rfc1123, ctx);
            eq(
                "value",
                value!(c.datetimerfc1123().get_utc_uppercase_max_date_time(None)),
                datetime!(9999-12-31 23:59:59 UTC),
            )
        }),
        scenario!("getDateTimeRfc1123MinUtc", |ctx| {
            let c = client!(body_datetime_rfc1123, ctx);
            eq(
                "value",
                value!(c.datetimerfc1123().get_utc_min_date_time(None)),
                datetime!(0001-01-01 00:00:00 UTC),
            )
        }),
        scenario!("putDateTimeRfc1123Min", |ctx| {
            let c = client!(body_datetime_rfc1123, ctx);
            let value = datetime!(0001-01-01 00:00:00 UTC);
            eq(
                "status",
                call!(c.datetimerfc1123().put_utc_min_date_time(value, None))
                    .status()
                    .as_u16(),
                200,
            )
        }),
    ]
}

pub fn duration() -> Vec<Scenario> {
    vec![
        scenario!("getDurationNull", |ctx| {
            null_body!(client!(body_duration, ctx).duration().get_null(None))
        }),
        scenario!("getDurationInvalid", |ctx| {
            expect_err(
                "\"123ABC\"",
                client!(body_duration, ctx).duration().get_invalid(None).await,
            )
            .map(drop)
        }),
        scenario!("getDurationPositive", |ctx| {
            // P3Y6M4DT12H30M5S, with a year of 365 days and a month of 30 (there is no calendar).
            let value = value!(client!(body_duration, ctx).duration().get_positive_duration(None));
            let expected =
                time::Duration::days(3 * 365 + 6 * 30 + 4) + time::Duration::seconds(12 * 3600 + 30 * 60 + 5);
            eq("value", value, expected)
        }),
        scenario!("putDurationPositive", |ctx| {
            // P123DT22H14M12.011S
            let value = time::Duration::days(123)
                + time::Duration::seconds(22 * 3600 + 14 * 60 + 12)
                + time::Duration::milliseconds(11);
            eq(
                "status",
                call!(client!(body_duration, ctx)
                    .duration()
                    .put_positive_duration(value, None))
                .status()
                .as_u16(),
                200,
            )
        }),
    ]
}
