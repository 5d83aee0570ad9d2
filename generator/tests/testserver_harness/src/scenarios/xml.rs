//! xml-service: XML bodies typed by the spec's `xml` objects (attributes, wrapped and unwrapped
//! lists, lists at the root, empty nodes, `x-ms-text`, models named by their own `xml.name`), the
//! Storage-style bodies (list containers and blobs, service properties, ACLs) and typed headers.
//! Each GET checks the values the server sends; each PUT sends the server's document, which the
//! server compares with its own after parsing both.

use std::collections::BTreeMap;

use time::macros::datetime;
use xml_service::models::{
    AccessPolicy, AppleBarrel, Banana, ComplexTypeNoMeta, ComplexTypeWithMeta, Logging, Metrics, ModelWithByteProperty,
    ModelWithUrlProperty, ObjectWithXMsTextProperty, RetentionPolicy, RootWithRefAndMeta, RootWithRefAndNoMeta,
    SignedIdentifier, Slide, Slideshow, StorageServiceProperties,
};

use super::{eq, Scenario};
use crate::{call, client, scenario, value};

fn s(text: &str) -> Option<String> {
    Some(text.to_string())
}

fn strings(items: &[&str]) -> Option<Vec<String>> {
    Some(items.iter().map(|i| i.to_string()).collect())
}

fn slideshow() -> Slideshow {
    Slideshow {
        title: s("Sample Slide Show"),
        date: s("Date of publication"),
        author: s("Yours Truly"),
        slides: Some(vec![
            Slide {
                type_: s("all"),
                title: s("Wake up to WonderWidgets!"),
                items: None,
            },
            Slide {
                type_: s("all"),
                title: s("Overview"),
                items: strings(&["Why WonderWidgets are great", "", "Who buys WonderWidgets"]),
            },
        ]),
    }
}

fn empty_slideshow(slides: Option<Vec<Slide>>) -> Slideshow {
    Slideshow {
        title: None,
        date: None,
        author: None,
        slides,
    }
}

fn banana(name: &str, flavor: &str, expiration: time::OffsetDateTime) -> Banana {
    Banana {
        name: s(name),
        flavor: s(flavor),
        expiration: Some(expiration),
    }
}

fn bananas(count: usize) -> Vec<Banana> {
    let expiration = datetime!(2018-02-28 00:40:00.123 UTC);
    [banana("Cavendish", "Sweet", expiration), banana("Plantain", "Savory", expiration)][..count].to_vec()
}

fn retention() -> Option<RetentionPolicy> {
    Some(RetentionPolicy {
        enabled: Some(true),
        days: Some(7),
    })
}

fn metrics(include_apis: bool) -> Option<Metrics> {
    Some(Metrics {
        version: s("1.0"),
        enabled: Some(true),
        include_ap_is: Some(include_apis),
        retention_policy: retention(),
    })
}

fn service_properties() -> StorageServiceProperties {
    StorageServiceProperties {
        logging: Some(Logging {
            version: s("1.0"),
            delete: Some(true),
            read: Some(false),
            write: Some(true),
            retention_policy: retention(),
        }),
        hour_metrics: metrics(false),
        minute_metrics: metrics(true),
        cors: None,
        default_service_version: None,
        delete_retention_policy: None,
    }
}

fn acls() -> Vec<SignedIdentifier> {
    vec![SignedIdentifier {
        id: s("MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTI="),
        access_policy: Some(AccessPolicy {
            start: Some(datetime!(2009-09-28 08:49:37.123 UTC)),
            expiry: Some(datetime!(2009-09-29 08:49:37.123 UTC)),
            permission: s("rwd"),
        }),
    }]
}

fn apples(good: &[&str], bad: &[&str]) -> AppleBarrel {
    AppleBarrel {
        good_apples: strings(good),
        bad_apples: strings(bad),
    }
}

pub fn all() -> Vec<Scenario> {
    vec![
        scenario!("GetSimpleXML", |ctx| {
            eq("slideshow", value!(client!(xml_service, ctx).xml().get_simple(None)), slideshow())
        }),
        scenario!("PutSimpleXML", |ctx| {
            let response = call!(client!(xml_service, ctx).xml().put_simple(slideshow(), None));
            eq("status", response.status().as_u16(), 201)
        }),
        scenario!("GetWrappedXMLList", |ctx| {
            let barrel = value!(client!(xml_service, ctx).xml().get_wrapped_lists(None));
            eq("barrel", barrel, apples(&["Fuji", "Gala"], &["Red Delicious"]))
        }),
        scenario!("PutWrappedXMLList", |ctx| {
            let barrel = apples(&["Fuji", "Gala"], &["Red Delicious"]);
            let response = call!(client!(xml_service, ctx).xml().put_wrapped_lists(barrel, None));
            eq("status", response.status().as_u16(), 201)
        }),
        scenario!("GetEmptyXMLList", |ctx| {
            // `<slideshow/>`: no attribute, no slide.
            eq("slideshow", value!(client!(xml_service, ctx).xml().get_empty_list(None)), empty_slideshow(None))
        }),
        scenario!("PutEmptyXMLList", |ctx| {
            let empty = empty_slideshow(Some(Vec::new()));
            let response = call!(client!(xml_service, ctx).xml().put_empty_list(empty, None));
            eq("status", response.status().as_u16(), 201)
        }),
        scenario!("GetEmptyWrappedXMLList", |ctx| {
            // Present but empty wrappers are empty lists, not absent ones.
            let barrel = value!(client!(xml_service, ctx).xml().get_empty_wrapped_lists(None));
            eq("barrel", barrel, apples(&[], &[]))
        }),
        scenario!("PutEmptyWrappedXMLList", |ctx| {
            let response = call!(client!(xml_service, ctx).xml().put_empty_wrapped_lists(apples(&[], &[]), None));
            eq("status", response.status().as_u16(), 201)
        }),
        scenario!("GetXMLListAtRoot", |ctx| {
            eq("bananas", value!(client!(xml_service, ctx).xml().get_root_list(None)), bananas(2))
        }),
        scenario!("PutXMLListAtRoot", |ctx| {
            let response = call!(client!(xml_service, ctx).xml().put_root_list(bananas(2), None));
            eq("status", response.status().as_u16(), 201)
        }),
        scenario!("GetXMLListAtRootSingle", |ctx| {
            let list = value!(client!(xml_service, ctx).xml().get_root_list_single_item(None));
            eq("bananas", list, bananas(1))
        }),
        scenario!("PutXMLListAtRootSingle", |ctx| {
            let response = call!(client!(xml_service, ctx).xml().put_root_list_single_item(bananas(1), None));
            eq("status", response.status().as_u16(), 201)
        }),
        scenario!("GetEmptyXMLListAtRoot", |ctx| {
            eq("bananas", value!(client!(xml_service, ctx).xml().get_empty_root_list(None)), Vec::new())
        }),
        scenario!("PutEmptyXMLListAtRoot", |ctx| {
            let response = call!(client!(xml_service, ctx).xml().put_empty_root_list(Vec::new(), None));
            eq("status", response.status().as_u16(), 201)
        }),
        scenario!("GetXMLEmptyNode", |ctx| {
            // `<flavor></flavor>` is the empty string, not an absent flavor.
            let expected = banana("Unknown Banana", "", datetime!(2012-02-24 00:53:52.789 UTC));
            eq("banana", value!(client!(xml_service, ctx).xml().get_empty_child_element(None)), expected)
        }),
        scenario!("PutXMLEmptyNode", |ctx| {
            let sent = banana("Unknown Banana", "", datetime!(2012-02-24 00:53:52.789 UTC));
            let response = call!(client!(xml_service, ctx).xml().put_empty_child_element(sent, None));
            eq("status", response.status().as_u16(), 201)
        }),
        scenario!("GetRootWithRefAndNoMetaXML", |ctx| {
            let root = value!(client!(xml_service, ctx).xml().get_complex_type_ref_no_meta(None));
            let expected = RootWithRefAndNoMeta {
                ref_to_model: Some(ComplexTypeNoMeta { id: s("myid") }),
                something: s("else"),
            };
            eq("root", root, expected)
        }),
        scenario!("PutRootWithRefAndNoMetaXML", |ctx| {
            let root = RootWithRefAndNoMeta {
                ref_to_model: Some(ComplexTypeNoMeta { id: s("myid") }),
                something: s("else"),
            };
            let response = call!(client!(xml_service, ctx).xml().put_complex_type_ref_no_meta(root, None));
            eq("status", response.status().as_u16(), 201)
        }),
        scenario!("GetRootWithRefAndMetaXML", |ctx| {
            // The property's element is the referenced model's own `xml.name`.
            let root = value!(client!(xml_service, ctx).xml().get_complex_type_ref_with_meta(None));
            let expected = RootWithRefAndMeta {
                ref_to_model: Some(ComplexTypeWithMeta { id: s("myid") }),
                something: s("else"),
            };
            eq("root", root, expected)
        }),
        scenario!("PutRootWithRefAndMetaXML", |ctx| {
            let root = RootWithRefAndMeta {
                ref_to_model: Some(ComplexTypeWithMeta { id: s("myid") }),
                something: s("else"),
            };
            let response = call!(client!(xml_service, ctx).xml().put_complex_type_ref_with_meta(root, None));
            eq("status", response.status().as_u16(), 201)
        }),
        scenario!("GetWithXMsText", |ctx| {
            let data = value!(client!(xml_service, ctx).xml().get_x_ms_text(None));
            let expected = ObjectWithXMsTextProperty {
                language: s("english"),
                content: s("I am text"),
            };
            eq("data", data, expected)
        }),
        scenario!("XmlGetBytes", |ctx| {
            let model = value!(client!(xml_service, ctx).xml().get_bytes(None));
            eq("bytes", model.bytes, Some(b"Hello world".to_vec()))
        }),
        scenario!("XmlPutBytes", |ctx| {
            let model = ModelWithByteProperty {
                bytes: Some(b"Hello world".to_vec()),
            };
            let response = call!(client!(xml_service, ctx).xml().put_binary(model, None));
            eq("status", response.status().as_u16(), 201)
        }),
        scenario!("XmlGetUrl", |ctx| {
            let model = value!(client!(xml_service, ctx).xml().get_uri(None));
            eq("url", model.url, s("https://myaccount.blob.core.windows.net/"))
        }),
        scenario!("XmlPutUrl", |ctx| {
            let model = ModelWithUrlProperty {
                url: s("https://myaccount.blob.core.windows.net/"),
            };
            let response = call!(client!(xml_service, ctx).xml().put_uri(model, None));
            eq("status", response.status().as_u16(), 201)
        }),
        scenario!("XmlGetHeaders", |ctx| {
            let response = call!(client!(xml_service, ctx).xml().get_headers(None));
            eq("Custom-Header", response.typed_headers().custom_header.as_deref(), Some("custom-value"))
        }),
        scenario!("StorageListContainersXML", |ctx| {
            use xml_service::models::PublicAccessType;
            let list = value!(client!(xml_service, ctx).xml().list_containers(None));
            eq("ServiceEndpoint", list.service_endpoint.as_deref(), Some("https://myaccount.blob.core.windows.net/"))?;
            eq("MaxResults", list.max_results, Some(3))?;
            eq("NextMarker", list.next_marker.as_deref(), Some("video"))?;
            let containers = list.containers.unwrap_or_default();
            let names: Vec<_> = containers.iter().map(|c| c.name.as_deref().unwrap_or_default()).collect();
            eq("names", names, vec!["audio", "images", "textfiles"])?;
            let properties = |i: usize| containers[i].properties.clone().ok_or(format!("container {i} has no Properties"));
            let first = properties(0)?;
            eq("Last-Modified", first.last_modified, Some(datetime!(2016-10-26 20:39:39 UTC)))?;
            eq("Etag", first.etag.as_deref(), Some("0x8CACB9BD7C6B1B2"))?;
            eq("PublicAccess", first.public_access, Some(PublicAccessType::Container))?;
            eq("second PublicAccess", properties(1)?.public_access, None)
        }),
        scenario!("StorageGetServicePropertiesXML", |ctx| {
            let properties = value!(client!(xml_service, ctx).xml().get_service_properties(None));
            eq("properties", properties, service_properties())
        }),
        scenario!("StoragePutServicePropertiesXML", |ctx| {
            let response = call!(client!(xml_service, ctx).xml().put_service_properties(service_properties(), None));
            eq("status", response.status().as_u16(), 201)
        }),
        scenario!("StorageGetContainerACLXML", |ctx| {
            eq("acls", value!(client!(xml_service, ctx).xml().get_acls(None)), acls())
        }),
        scenario!("StoragePutContainerACLXML", |ctx| {
            let response = call!(client!(xml_service, ctx).xml().put_acls(acls(), None));
            eq("status", response.status().as_u16(), 201)
        }),
        scenario!("StorageListBlobsXML", |ctx| {
            use xml_service::models::{BlobType, LeaseStatusType};
            let list = value!(client!(xml_service, ctx).xml().list_blobs(None));
            eq(
                "ContainerName",
                list.container_name.as_deref(),
                Some("https://myaccount.blob.core.windows.net/mycontainer"),
            )?;
            // `<NextMarker />`: present and empty.
            eq("NextMarker", list.next_marker.as_deref(), Some(""))?;
            let blobs = list.blobs.and_then(|b| b.blob).unwrap_or_default();
            eq("blobs", blobs.len(), 5)?;
            let first = &blobs[0];
            eq("Name", first.name.as_deref(), Some("blob1.txt"))?;
            eq("Snapshot", first.snapshot.as_deref(), None)?;
            let properties = first.properties.clone().ok_or("blob1.txt has no Properties")?;
            eq("Last-Modified", properties.last_modified, Some(datetime!(2009-09-09 09:20:02 UTC)))?;
            eq("Content-Length", properties.content_length, Some(100))?;
            eq("Content-Type", properties.content_type.as_deref(), Some("text/html"))?;
            eq("Content-Encoding", properties.content_encoding.as_deref(), Some(""))?;
            eq("BlobType", properties.blob_type, Some(BlobType::BlockBlob))?;
            eq("LeaseStatus", properties.lease_status, Some(LeaseStatusType::Unlocked))?;
            let metadata: BTreeMap<String, String> = [("BlobNumber", "01"), ("Color", "blue"), ("SomeMetadataName", "SomeMetadataValue")]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            eq("Metadata", first.metadata.clone(), Some(metadata))?;
            // A metadata name that is no identifier is a key like the others.
            let second = blobs[1].metadata.clone().unwrap_or_default();
            eq("x-ms-invalid-name", second.get("x-ms-invalid-name").map(String::as_str), Some("nasdf$@#$$"))?;
            eq("Snapshot", blobs[1].snapshot.as_deref(), Some("2009-09-09T09:20:03.0427659Z"))?;
            let third = blobs[4].properties.clone().ok_or("blob3.txt has no Properties")?;
            eq("x-ms-blob-sequence-number", third.blob_sequence_number, Some(3))?;
            eq("PageBlob", third.blob_type, Some(BlobType::PageBlob))
        }),
    ]
}
