//! Raw bytes through stage 1 (load) and stage 2 (convert to OpenAPI 3), and the converted
//! document through both again.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| azure_rest_codegen_fuzz::load_convert(data));
