//! stub
use super::Scenario;
pub fn paths() -> Vec<Scenario> { vec![] }
pub fn queries() -> Vec<Scenario> { vec![] }
