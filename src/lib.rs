//! Async Rust client for the Azure Face API's snapshot operations, generated from `spec/` by
//! `build.rs` (the same code is committed under `generated/` for review; see the README).

include!(concat!(env!("OUT_DIR"), "/client.rs"));

/// The README's examples, compiled as doctests so they cannot rot.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
