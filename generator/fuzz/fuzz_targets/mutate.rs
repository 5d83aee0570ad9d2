//! The whole pipeline, on mutations of valid specs: a custom mutator parses the input as JSON and
//! applies the spec mutations of `tests/support/mutate.rs` (drop a field, change a type, dangle or
//! cycle a `$ref`, odd values, ...). One time in four, or when the input is not JSON, libFuzzer
//! mutates the bytes itself.
#![no_main]

use azure_rest_codegen_fuzz::{generate, mutate_json, Rng};
use libfuzzer_sys::{fuzz_mutator, fuzz_target, fuzzer_mutate};

fuzz_target!(|data: &[u8]| generate(data));

fuzz_mutator!(|data: &mut [u8], size: usize, max_size: usize, seed: u32| {
    let mut rng = Rng::new(seed);
    if rng.number() & 3 != 0 {
        if let Some(size) = mutate_json(data, size, max_size, &mut rng) {
            return size;
        }
    }
    fuzzer_mutate(data, size, max_size)
});
