//! Polymorphic types (`discriminator`, `allOf`, `x-ms-discriminator-value`) become Rust enums that
//! deserialize by the tag, on a client build.rs generates from tests/fixtures/polymorphism.json.
#![allow(dead_code)] // the whole generated client is included; not every item is used here

include!(concat!(env!("OUT_DIR"), "/fixture_polymorphism.rs"));

mod common;

use common::{Reply, Server};
use models::{Animal, AnimalBase, Cat, Dog, Puppy};
use serde_json::json;

fn client(server: &Server) -> Client {
    let options = ClientOptions::default().retry(runtime::RetryOptions::none());
    Client::builder()
        .endpoint(server.endpoint())
        .options(options)
        .build()
        .unwrap()
}

#[tokio::test]
async fn responses_deserialize_by_the_discriminator() {
    let server = Server::start().await;
    let bodies = [
        json!({"kind": "cat", "name": "Tom", "lives": 9}),
        json!({"kind": "Dog", "name": "Rex", "good": true, "friend": {"kind": "cat", "name": "Tom"}}),
        json!({"kind": "puppy", "name": "Bit", "good": false, "ageWeeks": 8}),
        json!({"kind": "Animal", "name": "Generic"}),
        json!({"kind": "dragon", "name": "Smaug", "fire": true}),
    ];
    for body in &bodies {
        server.reply(Reply::json(200, body));
    }
    let client = client(&server);
    let mut animals = Vec::new();
    for _ in &bodies {
        animals.push(client.animals().get("x", None).await.unwrap().into_value());
    }
    assert_eq!(
        animals[0],
        Animal::Cat(Cat {
            name: Some("Tom".into()),
            lives: Some(9)
        })
    );
    match &animals[1] {
        Animal::Dog(Dog {
            good: Some(true),
            friend: Some(friend),
            ..
        }) => {
            assert!(matches!(friend.as_ref(), Animal::Cat(_)), "{friend:?}")
        }
        other => panic!("expected a dog, got {other:?}"),
    }
    assert_eq!(
        animals[2],
        Animal::Puppy(Puppy {
            name: Some("Bit".into()),
            good: Some(false),
            friend: None,
            age_weeks: Some(8)
        })
    );
    assert_eq!(
        animals[3],
        Animal::AnimalBase(AnimalBase {
            name: Some("Generic".into())
        })
    );
    assert_eq!(
        animals[4],
        Animal::Unknown(bodies[4].clone()),
        "an unknown kind is kept as sent"
    );
    for (animal, body) in animals.iter().zip(&bodies) {
        assert_eq!(
            &serde_json::to_value(animal).unwrap(),
            body,
            "serializes back with its tag"
        );
    }
}

#[tokio::test]
async fn requests_carry_the_discriminator() {
    let server = Server::start().await;
    server.reply(Reply::status(200));
    let cat = Animal::Cat(Cat {
        name: Some("Tom".into()),
        lives: Some(3),
    });
    client(&server).animals().put("tom", cat, None).await.unwrap();
    assert_eq!(
        server.single_request().json(),
        json!({"kind": "cat", "name": "Tom", "lives": 3})
    );
    // A kind used on its own still says what it is.
    assert_eq!(
        serde_json::to_value(Cat {
            name: None,
            lives: None
        })
        .unwrap(),
        json!({"kind": "cat"})
    );
}
