use serde_json::Value;
fn walk(v: &Value, p: String, out: &mut Vec<String>) {
    out.push(p.clone());
    match v {
        Value::Object(m) => for (k, x) in m { walk(x, codegen::diagnostic::join(&p, k), out) },
        Value::Array(a) => for (i, x) in a.iter().enumerate() { walk(x, codegen::diagnostic::join(&p, &i.to_string()), out) },
        _ => {}
    }
}
#[test]
fn dump() {
    let mut specs = vec![];
    for e in std::fs::read_dir("/work/shared/specs/azure/cognitiveservices").unwrap() { let _ = e; }
    specs.push("/work/shared/specs/azure/cognitiveservices/Face/stable/v1.0/Face.json");
    specs.push("/work/shared/specs/azure/cognitiveservices/CustomVision/Prediction/stable/v3.1/Prediction.json");
    specs.push("/work/shared/specs/azure/cognitiveservices/ComputerVision/stable/v3.2/ComputerVision.json");
    for spec in specs {
        let b = codegen::load::load(std::path::Path::new(spec)).unwrap();
        let oa = codegen::convert::to_openapi3(&b).unwrap();
        let j = serde_json::to_value(&oa).unwrap();
        if spec.contains("Face") { std::fs::write("/tmp/face_oa3.json", serde_json::to_string_pretty(&j).unwrap()).unwrap(); }
        let mut ps = vec![]; walk(&j, String::new(), &mut ps);
        let mut missing = std::collections::BTreeMap::<String, usize>::new();
        for p in &ps {
            let o = codegen::convert::origin_pointer(&b, p);
            if b.document.pointer(&o).is_none() {
                // generalize
                let key: String = p.split('/').map(|t| if t.chars().all(|c| c.is_ascii_digit()) {"N"} else {t}).collect::<Vec<_>>().join("/");
                let key = format!("{} -> {}", key.chars().take(140).collect::<String>(), o.chars().take(100).collect::<String>());
                *missing.entry(key).or_default() += 1;
            }
        }
        println!("{spec}: {} pointers, {} unmapped", ps.len(), missing.values().sum::<usize>());
        for (k, n) in missing.iter().take(40) { println!("  {n} {k}"); }
    }
}
