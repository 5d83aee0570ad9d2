//! azure.

use super::Scenario;

pub fn all() -> Vec<Scenario> {
    vec![]
}
