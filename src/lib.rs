//! Async Rust client for the Azure Face API's snapshot operations, generated from `spec/` by
//! `build.rs` (the same code is committed under `generated/` for review; see the README and
//! `docs/using-a-client.md`).

include!(concat!(env!("OUT_DIR"), "/client.rs"));

/// The README's examples, compiled as doctests so they cannot rot.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

// The guides' and the architecture map's examples, compiled as doctests the same way.

#[doc = include_str!("../ARCHITECTURE.md")]
#[cfg(doctest)]
pub struct ArchitectureDoctests;

#[doc = include_str!("../docs/using-a-client.md")]
#[cfg(doctest)]
pub struct UsingAClientDoctests;

#[doc = include_str!("../docs/build-scripts-cli-directives.md")]
#[cfg(doctest)]
pub struct BuildScriptsCliDirectivesDoctests;

#[doc = include_str!("../docs/diagnostics.md")]
#[cfg(doctest)]
pub struct DiagnosticsDoctests;

#[doc = include_str!("../docs/conformance.md")]
#[cfg(doctest)]
pub struct ConformanceDoctests;

#[doc = include_str!("../docs/performance.md")]
#[cfg(doctest)]
pub struct PerformanceDoctests;
