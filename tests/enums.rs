//! The enum openness rule (docs/using-a-client.md): `x-ms-enum` with `modelAsString: false` is
//! closed; with `modelAsString: true`, or a plain `enum`, it is extensible and keeps unknown values.
//! Checked on a small client that build.rs generates from tests/fixtures/enums.json and this file
//! compiles.
#![allow(dead_code)] // the whole generated client is included; not every item is used here

include!(concat!(env!("OUT_DIR"), "/fixture_enums.rs"));

mod common;

use common::{Reply, Server};
use models::{Pet, PetKind, PetSize, PetStatus};
use serde_json::json;

async fn pet(server: &Server, body: serde_json::Value) -> Result<Pet, Error> {
    server.reply(Reply::json(200, &body));
    let client = Client::builder().endpoint(server.endpoint()).build()?;
    client.pets().get("rex", None).await.map(Response::into_value)
}

#[tokio::test]
async fn extensible_enums_keep_unknown_values_and_round_trip() {
    let server = Server::start().await;
    let body = json!({"kind": "hamster", "size": "medium", "status": "alive"});
    let pet = pet(&server, body.clone()).await.unwrap();
    assert_eq!(
        pet.kind,
        PetKind::UnknownValue("hamster".into()),
        "x-ms-enum modelAsString: true"
    );
    assert_eq!(pet.size, Some(PetSize::UnknownValue("medium".into())), "plain enum");
    assert_eq!(
        serde_json::to_value(&pet).unwrap(),
        body,
        "unknown values serialize back unchanged"
    );
    assert_eq!(server.single_request().path, "/pets/rex");

    let known = pet_from(json!({"kind": "dog", "size": "small", "status": "gone"}));
    assert_eq!((known.kind, known.size), (PetKind::Dog, Some(PetSize::Small)));
    assert_eq!(PetKind::from("cat"), PetKind::Cat);
    assert_eq!("ferret".parse::<PetKind>().unwrap().as_str(), "ferret");
}

fn pet_from(value: serde_json::Value) -> Pet {
    serde_json::from_value(value).unwrap()
}

#[tokio::test]
async fn closed_enums_reject_unknown_values_and_use_x_ms_enum_names() {
    let server = Server::start().await;
    let error = pet(&server, json!({"kind": "dog", "status": "zombie"}))
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Deserialize { source, .. } if source.to_string().contains("zombie")),
        "{error:?}"
    );
    // `values[].name` renames the variant; the wire value stays.
    assert_eq!(
        pet_from(json!({"kind": "dog", "status": "alive"})).status,
        PetStatus::Living
    );
    assert_eq!(PetStatus::Living.as_str(), "alive");
    assert_eq!(serde_json::to_value(PetStatus::Gone).unwrap(), json!("gone"));
}

#[tokio::test]
async fn enum_arrays_in_the_query_are_comma_separated() {
    let server = Server::start().await;
    server.reply(Reply::json(200, &json!([])));
    let client = Client::builder().endpoint(server.endpoint()).build().unwrap();
    client
        .pets()
        .list(Some(crate::operations::pets::ListOptions {
            kinds: Some(vec![PetKind::Dog, PetKind::UnknownValue("ferret".into())]),
            ..Default::default()
        }))
        .await
        .unwrap();
    assert_eq!(
        server.single_request().query_pairs(),
        vec![("kinds".to_string(), "dog,ferret".to_string())]
    );
}

#[test]
fn integer_enums_follow_the_same_openness_rule() {
    use models::{LegCount, PetLevel};
    let pet = pet_from(json!({"kind": "dog", "status": "alive", "legs": 4, "level": 7}));
    assert_eq!(pet.legs, Some(LegCount::Four), "x-ms-enum value names");
    assert_eq!(
        pet.level,
        Some(PetLevel::UnknownValue(7)),
        "plain integer enum is extensible"
    );
    assert_eq!(
        serde_json::to_value(&pet).unwrap(),
        json!({"kind": "dog", "status": "alive", "legs": 4, "level": 7}),
        "integers serialize back as integers"
    );
    assert_eq!(PetLevel::from(2), PetLevel::V2);
    let error = serde_json::from_value::<Pet>(json!({"kind": "dog", "status": "alive", "legs": 3})).unwrap_err();
    assert!(error.to_string().contains("unknown value 3"), "{error}");
}
