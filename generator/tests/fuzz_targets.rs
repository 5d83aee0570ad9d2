//! The cargo fuzz targets' shared code (`generator/fuzz/src/lib.rs`) lives outside the workspace
//! and only nightly builds it, so it could drift from the generator's API unseen (it did once: a
//! new `emit::Options` field broke the fuzz build and only CI's fuzz pass noticed). This test
//! compiles it with the workspace and runs each entry point once on the crate's own spec, a
//! two-file input (NUL-separated, as the fuzzer splits it) and a mutated spec.

#[path = "../fuzz/src/lib.rs"]
mod fuzz;

const FACE: &[u8] = include_bytes!("../../spec/face-snapshot.json");

#[test]
fn the_fuzz_entry_points_run_on_the_crates_own_spec() {
    fuzz::load_convert(FACE);
    fuzz::generate(FACE);
    let bundle = fuzz::load(FACE).expect("the Face spec loads as the fuzzer's spec.json");
    assert_eq!(bundle.files().len(), 1);
}

#[test]
fn a_nul_separated_input_is_several_files_with_refs_between_them() {
    let spec = br##"{"swagger":"2.0","info":{"title":"T","version":"1"},"paths":{"/w":{"get":{"operationId":"W_Get","responses":{"200":{"description":"ok","schema":{"$ref":"a.json#/definitions/Widget"}}}}}}}"##;
    let other = br#"{"definitions":{"Widget":{"type":"object","properties":{"name":{"type":"string"}}}}}"#;
    let input = [&spec[..], b"\0", &other[..]].concat();
    let bundle = fuzz::load(&input).expect("two files load");
    assert_eq!(bundle.files().len(), 2, "{:?}", bundle.files());
    fuzz::generate(&input);
}

#[test]
fn the_structure_aware_mutator_writes_json_that_the_pipeline_survives() {
    let mut changed = 0;
    for seed in 0..32 {
        let mut data = FACE.to_vec();
        data.resize(FACE.len() * 2, b' ');
        let mut rng = fuzz::Rng::new(seed);
        if let Some(size) = fuzz::mutate_json(&mut data, FACE.len(), 2 * FACE.len(), &mut rng) {
            serde_json::from_slice::<serde_json::Value>(&data[..size]).expect("the mutator writes JSON");
            changed += usize::from(data[..size] != *FACE);
            fuzz::generate(&data[..size]);
        }
    }
    assert!(changed > 0, "no seed mutated the spec");
}
