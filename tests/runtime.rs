//! The hand-written runtime's value formats, through the copy `azure-face` embeds.

use azure_face::runtime::{base64, date, duration, path_param, rfc1123, ParamValue};

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
}
