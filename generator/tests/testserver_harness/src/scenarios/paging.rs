//! paging, custom-baseUrl-paging.

use super::Scenario;

pub fn all() -> Vec<Scenario> {
    vec![]
}
