//! The hand-written runtime's value formats, through the copy `azure-face` embeds.

use azure_face::runtime::{base64, date, duration, path_param, rfc1123, rfc3339, ParamValue};

#[test]
fn base64_round_trips_and_accepts_url_safe_and_unpadded_input() {
    for bytes in [
        &b""[..],
        b"f",
        b"fo",
        b"foo",
        b"foob",
        b"fooba",
        b"foobar",
        &[0xfb, 0xff, 0x00],
    ] {
        assert_eq!(base64::decode(&base64::encode(bytes)).as_deref(), Some(bytes));
    }
    assert_eq!(base64::encode(b"foobar"), "Zm9vYmFy");
    assert_eq!(base64::encode(&[0xfb, 0xff]), "+/8=");
    assert_eq!(base64::decode("-_8").as_deref(), Some(&[0xfb, 0xff][..]));
    assert_eq!(base64::decode("not base64!"), None);
    assert_eq!(
        base64::url::encode(&[0xfb, 0xff]),
        "-_8",
        "base64url: URL-safe, unpadded"
    );
    assert_eq!(base64::url::encode(b"lorem"), "bG9yZW0");
}

#[test]
fn durations_parse_and_format_canonically() {
    let cases = [
        ("PT0S", 0.0),
        ("PT10M", 600.0),
        ("P1DT2H3M4.5S", 93_784.5),
        ("P2W", 1_209_600.0),
        ("-PT1S", -1.0),
    ];
    for (text, seconds) in cases {
        let parsed = duration::parse(text).unwrap_or_else(|| panic!("{text}"));
        assert_eq!(parsed.as_seconds_f64(), seconds, "{text}");
    }
    for text in ["PT0S", "PT10M", "P1DT2H3M4.5S", "-PT1S", "P3D"] {
        assert_eq!(duration::format(&duration::parse(text).unwrap()), text);
    }
    for bad in ["", "P", "PT", "P1Y", "P1M", "10M", "PT1X", "PT5"] {
        assert_eq!(duration::parse(bad), None, "{bad}");
    }
}

#[test]
fn dates_and_http_dates() {
    let day = date::parse("2024-02-29").unwrap();
    assert_eq!(day.to_param(), "2024-02-29");
    assert_eq!(date::parse("2023-02-29"), None);
    let instant = time::OffsetDateTime::from_unix_timestamp(784_111_777).unwrap();
    assert_eq!(rfc1123::format(&instant), "Sun, 06 Nov 1994 08:49:37 GMT");
    assert_eq!(rfc1123::parse("Sun, 06 Nov 1994 08:49:37 GMT"), Some(instant));
    assert_eq!(
        rfc1123::parse("sun, 6 nov 1994 08:49:37 gmt"),
        Some(instant),
        "case and a one-digit day"
    );
    // Years before 1900 (which RFC 2822 parsers refuse), with the weekday a sender got wrong.
    let early = rfc1123::parse("Sun, 01 Jan 0001 00:00:00 GMT").unwrap();
    assert_eq!((early.year(), early.ordinal()), (1, 1));
    assert_eq!(rfc1123::format(&early), "Mon, 01 Jan 0001 00:00:00 GMT");
    for bad in [
        "",
        "Sun, 06 Nov 94 08:49:37 GMT",
        "Sun, 31 Feb 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 08:49:37 PST",
    ] {
        assert_eq!(rfc1123::parse(bad), None, "{bad}");
    }
}

#[test]
fn date_times_without_an_offset_are_utc() {
    let utc = rfc3339::parse("2024-03-14T09:26:53Z").unwrap();
    assert_eq!(rfc3339::parse("2024-03-14T09:26:53"), Some(utc));
    assert_eq!(
        rfc3339::parse("2024-03-14t09:26:53.5"),
        Some(utc + time::Duration::milliseconds(500))
    );
    let east = rfc3339::parse("2024-03-14T10:26:53+01:00").unwrap();
    assert_eq!((east, east.offset().whole_hours()), (utc, 1), "an offset is kept");
    for bad in ["2024-03-14", "2024-03-14T25:00:00", "yesterday"] {
        assert_eq!(rfc3339::parse(bad), None, "{bad}");
    }
}

#[test]
fn path_parameters_are_one_encoded_segment() {
    assert_eq!(path_param(&"../x", false), "..%2Fx");
    assert_eq!(path_param(&"a/b", false), "a%2Fb");
    assert_eq!(path_param(&"%2F", false), "%252F");
    assert_eq!(path_param(&"a b", false), "a%20b");
    assert_eq!(path_param(&"ü", false), "%C3%BC");
    assert_eq!(path_param(&".", false), "%2E");
    assert_eq!(
        path_param(&"https://host", true),
        "https://host",
        "x-ms-skip-url-encoding"
    );
    // Every ASCII character in a segment: RFC 3986 unreserved ones as they are, others escaped.
    for byte in 0u8..=127 {
        let c = char::from(byte);
        let expected = if c.is_ascii_alphanumeric() || "-._~".contains(c) {
            c.to_string()
        } else {
            format!("%{byte:02X}")
        };
        assert_eq!(path_param(&format!("a{c}b"), false), format!("a{expected}b"), "{byte}");
    }
}
