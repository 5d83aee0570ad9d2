//! Raw bytes through the whole pipeline: load, convert, model, emit.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| azure_rest_codegen_fuzz::generate(data));
