//! stub
use super::Scenario;
pub fn date() -> Vec<Scenario> { vec![] }
pub fn datetime() -> Vec<Scenario> { vec![] }
pub fn rfc1123() -> Vec<Scenario> { vec![] }
pub fn duration() -> Vec<Scenario> { vec![] }
