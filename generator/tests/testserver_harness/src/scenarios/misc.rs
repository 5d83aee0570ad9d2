//! stub
use super::Scenario;
pub fn errors() -> Vec<Scenario> { vec![] }
pub fn constants() -> Vec<Scenario> { vec![] }
pub fn enums() -> Vec<Scenario> { vec![] }
pub fn validation() -> Vec<Scenario> { vec![] }
pub fn required_optional() -> Vec<Scenario> { vec![] }
