//! Calls the generated clients of the AutoRest test server's swagger files against a running
//! test server and checks what they return. The harness of generator/tests/testserver.rs.
//!
//! Usage: `testserver-harness URL [FILTER]`. Prints `ok <area>/<scenario>` or
//! `FAIL <area>/<scenario>: <reason>` per scenario (only those containing FILTER, if given), then
//! `<N> passed, <M> failed`; exits with 1 when a scenario failed.

use std::process::ExitCode;

mod scenarios;

use scenarios::Ctx;

#[tokio::main]
async fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(url) = args.next() else {
        eprintln!("usage: testserver-harness URL [FILTER]");
        return ExitCode::from(2);
    };
    let filter = args.next().unwrap_or_default();
    let ctx = Ctx::new(url.trim_end_matches('/'));
    let (mut passed, mut failed) = (0, 0);
    for (area, list) in scenarios::all() {
        for (name, scenario) in list {
            let full = format!("{area}/{name}");
            if !full.contains(&filter) {
                continue;
            }
            let outcome = tokio::time::timeout(std::time::Duration::from_secs(60), scenario(ctx.clone())).await;
            match outcome {
                Ok(Ok(())) => {
                    passed += 1;
                    println!("ok {full}");
                }
                Ok(Err(reason)) => {
                    failed += 1;
                    println!("FAIL {full}: {}", reason.replace('\n', " "));
                }
                Err(_) => {
                    failed += 1;
                    println!("FAIL {full}: timed out after 60 s");
                }
            }
        }
    }
    println!("{passed} passed, {failed} failed");
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
